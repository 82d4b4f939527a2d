#include "OutlinePaintNode.h"

#include <QPainter>
#include <QQuickWindow>

namespace oc {

OutlinePaintNode::OutlinePaintNode(QQuickWindow *window)
    : m_window(window)
{
}

void OutlinePaintNode::setContent(std::vector<Layer> layers, QRectF bounds)
{
    m_layers = std::move(layers);
    m_bounds = bounds;
    markDirty(QSGNode::DirtyMaterial);
}

void OutlinePaintNode::render(const RenderState *state)
{
    auto *p = static_cast<QPainter *>(
        m_window->rendererInterface()->getResource(m_window, QSGRendererInterface::PainterResource));
    if (!p)
        return;
    p->save();
    if (const QRegion *clip = state->clipRegion(); clip && !clip->isEmpty())
        p->setClipRegion(*clip, Qt::ReplaceClip);
    p->setTransform(matrix()->toTransform());
    p->setOpacity(inheritedOpacity());
    p->setBrush(Qt::NoBrush);
    for (const Layer &layer : m_layers) {
        // Hairlines are fast and crisp; only the national outline is worth antialiasing.
        p->setRenderHint(QPainter::Antialiasing, false);
        QPen pen(layer.color, layer.width);
        pen.setCosmetic(true);
        pen.setJoinStyle(Qt::RoundJoin);
        p->setPen(pen);
        for (const QPolygonF &line : layer.lines)
            p->drawPolyline(line);
    }
    p->restore();
}

} // namespace oc

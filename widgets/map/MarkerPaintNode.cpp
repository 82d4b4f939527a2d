#include "MarkerPaintNode.h"

#include "MapStyle.h"

#include <QPainter>
#include <QQuickWindow>

namespace oc {

MarkerPaintNode::MarkerPaintNode(QQuickWindow *window)
    : m_window(window)
{
}

void MarkerPaintNode::setContent(std::vector<DrawnMarker> markers, std::vector<CountLabelAtlas::Quad> labels,
                                 std::shared_ptr<const CountLabelAtlas> atlas,
                                 std::shared_ptr<const MarkerSprites> sprites, QRectF bounds, QColor clusterFace)
{
    m_face = clusterFace;
    m_markers = std::move(markers);
    m_labels = std::move(labels);
    m_atlas = std::move(atlas);
    m_sprites = std::move(sprites);
    m_bounds = bounds;
    markDirty(QSGNode::DirtyMaterial);
}

void MarkerPaintNode::render(const RenderState *renderState)
{
    auto *p = static_cast<QPainter *>(
        m_window->rendererInterface()->getResource(m_window, QSGRendererInterface::PainterResource));
    if (!p)
        return;
    p->save();
    if (const QRegion *clip = renderState->clipRegion(); clip && !clip->isEmpty())
        p->setClipRegion(*clip, Qt::ReplaceClip);
    p->setTransform(matrix()->toTransform());
    p->setOpacity(inheritedOpacity());
    p->setRenderHint(QPainter::Antialiasing, true);
    p->setRenderHint(QPainter::SmoothPixmapTransform, true);
    p->setPen(Qt::NoPen);

    const QColor face = m_face;
    for (const DrawnMarker &m : m_markers) {
        const ClusterItem &it = m.item;
        if (!it.isCluster) {
            if (m_sprites) {
                int state = 0;
                while (state < 3 && it.stateCounts[std::size_t(state)] == 0)
                    ++state;
                const qreal h = m_sprites->halfSize();
                p->drawImage(QPointF(m.pos.x() - h, m.pos.y() - h), m_sprites->sprite(state));
            }
            continue;
        }
        const QRectF box(m.pos.x() - m.radius, m.pos.y() - m.radius, 2.0 * m.radius, 2.0 * m.radius);
        int start = 90 * 16; // twelve o'clock; negative spans run clockwise
        int shown = 0;
        for (std::size_t s = 0; s < it.stateCounts.size(); ++s) {
            if (!it.stateCounts[s])
                continue;
            ++shown;
            p->setBrush(MapStyle::stateColors()[s]);
            if (it.stateCounts[s] == it.count) {
                p->drawEllipse(box);
                break;
            }
            const int span = -int(std::lround(360.0 * 16 * it.stateCounts[s] / double(it.count)));
            p->drawPie(box, start, span);
            start += span;
        }
        const qreal inner = m.radius * MapStyle::kClusterFace;
        p->setBrush(face);
        p->drawEllipse(m.pos, inner, inner);
    }
    if (m_atlas) {
        for (const auto &q : m_labels)
            p->drawImage(q.target, m_atlas->image(), q.source);
    }
    p->restore();
}

} // namespace oc

#pragma once

#include <QColor>
#include <QPolygonF>
#include <QSGRenderNode>

#include <vector>

class QQuickWindow;

namespace oc {

// The basemap outlines for the software scene graph (which draws no custom
// geometry): polylines already in item coordinates, painted with QPainter.
class OutlinePaintNode : public QSGRenderNode
{
public:
    struct Layer
    {
        QColor color;
        qreal width = 1;
        std::vector<QPolygonF> lines;
    };

    explicit OutlinePaintNode(QQuickWindow *window);
    void setContent(std::vector<Layer> layers, QRectF bounds);

    void render(const RenderState *state) override;
    StateFlags changedStates() const override { return {}; }
    RenderingFlags flags() const override { return BoundedRectRendering; }
    QRectF rect() const override { return m_bounds; }

private:
    QQuickWindow *m_window;
    std::vector<Layer> m_layers;
    QRectF m_bounds;
};

} // namespace oc

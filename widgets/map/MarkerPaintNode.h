#pragma once

#include "CountLabelAtlas.h"
#include "DrawnMarker.h"
#include "MarkerSprites.h"

#include <QSGRenderNode>

#include <memory>
#include <vector>

class QQuickWindow;

namespace oc {

// The marker layer for the software scene graph, which ignores custom
// geometry nodes: the same frame, painted with QPainter.
class MarkerPaintNode : public QSGRenderNode
{
public:
    explicit MarkerPaintNode(QQuickWindow *window);

    void setContent(std::vector<DrawnMarker> markers, std::vector<CountLabelAtlas::Quad> labels,
                    std::shared_ptr<const CountLabelAtlas> atlas, std::shared_ptr<const MarkerSprites> sprites,
                    QRectF bounds, QColor clusterFace = MapStyle::clusterFace());

    void render(const RenderState *state) override;
    StateFlags changedStates() const override { return {}; }
    RenderingFlags flags() const override { return BoundedRectRendering; }
    QRectF rect() const override { return m_bounds; }

private:
    QQuickWindow *m_window;
    std::vector<DrawnMarker> m_markers;
    std::vector<CountLabelAtlas::Quad> m_labels;
    std::shared_ptr<const CountLabelAtlas> m_atlas;
    std::shared_ptr<const MarkerSprites> m_sprites;
    QColor m_face;
    QRectF m_bounds;
};

} // namespace oc

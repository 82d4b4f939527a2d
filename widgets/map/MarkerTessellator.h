#pragma once

#include "CountLabelAtlas.h"
#include "DrawnMarker.h"

#include <QColor>
#include <QSGGeometry>

#include <vector>

namespace oc {

// Turns a frame's markers into one triangle list with per-vertex colours
// (QSGVertexColorMaterial), so every marker and cluster is drawn by a single
// geometry node in one draw call. Edges get a one-pixel fringe fading to
// transparent, which gives antialiased circles without multisampling.
class MarkerTessellator
{
public:
    void build(const std::vector<DrawnMarker> &markers, const QColor &clusterFace = MapStyle::clusterFace(),
               const QColor &markerBorder = MapStyle::markerBorder());

    const std::vector<QSGGeometry::ColoredPoint2D> &vertices() const { return m_vertices; }
    const std::vector<quint32> &indices() const { return m_indices; }

    // Label quads as textured vertices and indices, normalized to `subRect`
    // of a texture of `textureSize` pixels.
    static void buildLabels(const std::vector<CountLabelAtlas::Quad> &quads, QSizeF textureSize, QRectF subRect,
                            std::vector<QSGGeometry::TexturedPoint2D> &vertices, std::vector<quint32> &indices);

private:
    quint32 vertex(float x, float y, const QColor &premultiplied);
    void disc(QPointF c, float r, const QColor &color, int segments, bool fringe);
    void sector(QPointF c, float r0, float r1, float a0, float a1, const QColor &color, int segments);

    std::vector<QSGGeometry::ColoredPoint2D> m_vertices;
    std::vector<quint32> m_indices;
};

} // namespace oc

#include "MarkerTessellator.h"

#include "MapStyle.h"

#include <cmath>
#include <numbers>

namespace oc {

namespace {

QColor premultiplied(const QColor &c)
{
    const int a = c.alpha();
    return QColor(c.red() * a / 255, c.green() * a / 255, c.blue() * a / 255, a);
}

constexpr float kFringe = 1.0f;

} // namespace

quint32 MarkerTessellator::vertex(float x, float y, const QColor &c)
{
    QSGGeometry::ColoredPoint2D v;
    v.set(x, y, uchar(c.red()), uchar(c.green()), uchar(c.blue()), uchar(c.alpha()));
    m_vertices.push_back(v);
    return quint32(m_vertices.size() - 1);
}

void MarkerTessellator::disc(QPointF c, float r, const QColor &color, int segments, bool fringe)
{
    const QColor clear(0, 0, 0, 0);
    const float cx = float(c.x()), cy = float(c.y());
    const quint32 center = vertex(cx, cy, color);
    const quint32 rim = quint32(m_vertices.size());
    const quint32 stride = fringe ? 2 : 1;
    for (int i = 0; i < segments; ++i) {
        const float a = float(2 * std::numbers::pi * i / segments);
        const float ca = std::cos(a), sa = std::sin(a);
        vertex(cx + ca * r, cy + sa * r, color);
        if (fringe)
            vertex(cx + ca * (r + kFringe), cy + sa * (r + kFringe), clear);
    }
    for (int i = 0; i < segments; ++i) {
        const quint32 in0 = rim + stride * quint32(i), out0 = in0 + 1;
        const quint32 in1 = rim + stride * quint32((i + 1) % segments), out1 = in1 + 1;
        m_indices.insert(m_indices.end(), {center, in0, in1});
        if (fringe)
            m_indices.insert(m_indices.end(), {in0, out0, in1, in1, out0, out1});
    }
}

void MarkerTessellator::sector(QPointF c, float r0, float r1, float a0, float a1, const QColor &color, int segments)
{
    const QColor clear(0, 0, 0, 0);
    const float cx = float(c.x()), cy = float(c.y());
    const int n = std::max(1, int(std::ceil((a1 - a0) / float(2 * std::numbers::pi) * float(segments))));
    const quint32 first = quint32(m_vertices.size());
    for (int i = 0; i <= n; ++i) {
        const float a = a0 + (a1 - a0) * float(i) / float(n);
        const float ca = std::cos(a), sa = std::sin(a);
        vertex(cx + ca * r0, cy + sa * r0, color);
        vertex(cx + ca * r1, cy + sa * r1, color);
        vertex(cx + ca * (r1 + kFringe), cy + sa * (r1 + kFringe), clear);
    }
    for (int i = 0; i < n; ++i) {
        const quint32 a = first + quint32(3 * i), b = a + 3;
        m_indices.insert(m_indices.end(), {a, a + 1, b, b, a + 1, b + 1, a + 1, a + 2, b + 1, b + 1, a + 2, b + 2});
    }
}

void MarkerTessellator::build(const std::vector<DrawnMarker> &markers, const QColor &clusterFace,
                              const QColor &markerBorder)
{
    m_vertices.clear();
    m_indices.clear();
    const QColor border = premultiplied(markerBorder);
    const QColor face = premultiplied(clusterFace);
    std::array<QColor, ClusterPoint::kStateCount> colors;
    for (std::size_t s = 0; s < colors.size(); ++s)
        colors[s] = premultiplied(MapStyle::stateColors()[s]);

    for (const DrawnMarker &m : markers) {
        const ClusterItem &it = m.item;
        if (!it.isCluster) {
            std::size_t state = 0;
            while (state + 1 < it.stateCounts.size() && it.stateCounts[state] == 0)
                ++state;
            // The coloured disc sits on the white one, where a hard edge does
            // not show; only the outer edge needs the fringe.
            disc(m.pos, m.radius + float(MapStyle::kEventBorder), border, 12, true);
            disc(m.pos, m.radius, colors[state], 12, false);
            continue;
        }
        const float inner = m.radius * float(MapStyle::kClusterFace);
        float a0 = float(-std::numbers::pi / 2); // twelve o'clock, clockwise on screen
        const double total = std::max<double>(1, it.count);
        for (std::size_t s = 0; s < it.stateCounts.size(); ++s) {
            if (!it.stateCounts[s])
                continue;
            const float a1 = a0 + float(2 * std::numbers::pi * it.stateCounts[s] / total);
            sector(m.pos, inner - 1, m.radius, a0, a1, colors[s], 24);
            a0 = a1;
        }
        disc(m.pos, inner, face, 18, true);
    }
}

void MarkerTessellator::buildLabels(const std::vector<CountLabelAtlas::Quad> &quads, QSizeF textureSize, QRectF subRect,
                                    std::vector<QSGGeometry::TexturedPoint2D> &vertices, std::vector<quint32> &indices)
{
    vertices.clear();
    indices.clear();
    vertices.reserve(quads.size() * 4);
    indices.reserve(quads.size() * 6);
    const auto tx = [&](qreal px) { return float(subRect.x() + px / textureSize.width() * subRect.width()); };
    const auto ty = [&](qreal py) { return float(subRect.y() + py / textureSize.height() * subRect.height()); };
    for (const auto &q : quads) {
        const quint32 base = quint32(vertices.size());
        QSGGeometry::TexturedPoint2D v[4];
        v[0].set(float(q.target.left()), float(q.target.top()), tx(q.source.left()), ty(q.source.top()));
        v[1].set(float(q.target.right()), float(q.target.top()), tx(q.source.right()), ty(q.source.top()));
        v[2].set(float(q.target.left()), float(q.target.bottom()), tx(q.source.left()), ty(q.source.bottom()));
        v[3].set(float(q.target.right()), float(q.target.bottom()), tx(q.source.right()), ty(q.source.bottom()));
        vertices.insert(vertices.end(), v, v + 4);
        indices.insert(indices.end(), {base, base + 1, base + 2, base + 2, base + 1, base + 3});
    }
}

} // namespace oc

#include "MapCamera.h"

#include "MercatorProjection.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace oc {

MapCamera::MapCamera(double centerLat, double centerLng, double zoom, double bearing, QSizeF viewport, double tileSize)
    : m_zoom(zoom)
    , m_bearing(bearing)
    , m_viewport(viewport)
    , m_world(tileSize * std::exp2(zoom))
    , m_cx(MercatorProjection::lngToX(centerLng))
    , m_cy(MercatorProjection::latToY(centerLat))
{
    const double a = bearing * std::numbers::pi / 180.0;
    m_cos = std::cos(a);
    m_sin = std::sin(a);
}

double MapCamera::nearestCopy(double x) const
{
    const double d = x - m_cx;
    if (d > 0.5)
        return x - 1.0;
    if (d < -0.5)
        return x + 1.0;
    return x;
}

QPointF MapCamera::toScreenProjected(double x, double y) const
{
    const double dx = (x - m_cx) * m_world;
    const double dy = (y - m_cy) * m_world;
    // The map turns so that `bearing` points up: rotate by -bearing.
    const double rx = dx * m_cos + dy * m_sin;
    const double ry = -dx * m_sin + dy * m_cos;
    return {m_viewport.width() / 2 + rx, m_viewport.height() / 2 + ry};
}

QPointF MapCamera::toScreen(double lng, double lat) const
{
    return toScreenProjected(nearestCopy(MercatorProjection::lngToX(lng)), MercatorProjection::latToY(lat));
}

QPointF MapCamera::toGeo(QPointF screen) const
{
    const double rx = screen.x() - m_viewport.width() / 2;
    const double ry = screen.y() - m_viewport.height() / 2;
    const double dx = rx * m_cos - ry * m_sin;
    const double dy = rx * m_sin + ry * m_cos;
    const double x = m_cx + dx / m_world;
    const double y = std::clamp(m_cy + dy / m_world, 0.0, 1.0);
    return {MercatorProjection::xToLng(x), MercatorProjection::yToLat(y)};
}

MapCamera::Box MapCamera::visibleBox(double marginPx) const
{
    const double w = m_viewport.width(), h = m_viewport.height();
    const QPointF corners[] = {toGeo({-marginPx, -marginPx}), toGeo({w + marginPx, -marginPx}),
                               toGeo({-marginPx, h + marginPx}), toGeo({w + marginPx, h + marginPx})};
    Box b {corners[0].x(), corners[0].y(), corners[0].x(), corners[0].y()};
    for (const QPointF &c : corners) {
        b.west = std::min(b.west, c.x());
        b.east = std::max(b.east, c.x());
        b.south = std::min(b.south, c.y());
        b.north = std::max(b.north, c.y());
    }
    if (b.east - b.west >= 360.0) {
        b.west = -180;
        b.east = 180;
    } else {
        // The box edges may sit on a neighbouring copy of the world; fold them
        // back, which turns a box across the antimeridian into west > east.
        b.west = MercatorProjection::wrapLongitude(b.west);
        b.east = MercatorProjection::wrapLongitude(b.east);
    }
    return b;
}

double MapCamera::clusterZoom(double extent) const
{
    return std::log2(m_world / extent);
}

bool MapCamera::operator==(const MapCamera &o) const
{
    return m_zoom == o.m_zoom && m_bearing == o.m_bearing && m_viewport == o.m_viewport && m_world == o.m_world &&
        m_cx == o.m_cx && m_cy == o.m_cy;
}

} // namespace oc

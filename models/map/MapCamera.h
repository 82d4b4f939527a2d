#pragma once

#include <QPointF>
#include <QSizeF>

namespace oc {

// The Web Mercator camera of the QtLocation Map (no tilt), as plain numbers,
// so our scene-graph layers can place a hundred thousand points without a
// round trip through Map.fromCoordinate() per point.
//
// QtLocation sizes the world as tileSize * 2^zoomLevel pixels (256 for the
// plugins we use); tst_mappanel checks that against the live Map.
class MapCamera
{
public:
    struct Box
    {
        double west = -180;
        double south = -85;
        double east = 180;
        double north = 85;
    };

    MapCamera() = default;
    MapCamera(double centerLat, double centerLng, double zoom, double bearing, QSizeF viewport, double tileSize = 256);

    double zoom() const { return m_zoom; }
    double bearing() const { return m_bearing; }
    QSizeF viewport() const { return m_viewport; }
    double worldSize() const { return m_world; }
    double centerX() const { return m_cx; }
    double centerY() const { return m_cy; }
    bool isValid() const { return m_world > 0 && m_viewport.width() > 0 && m_viewport.height() > 0; }

    // Item coordinates of a point; the longitude is taken on whichever copy of
    // the world is nearest the centre, which is what puts Alaska's western
    // Aleutians (positive longitudes) next to the rest of Alaska.
    QPointF toScreen(double lng, double lat) const;
    // Same, for an already projected point (unit square, see MercatorProjection),
    // taken as is: x may lie outside [0, 1] to address a neighbouring copy.
    QPointF toScreenProjected(double x, double y) const;
    // The projected x of the copy of `x` nearest the centre.
    double nearestCopy(double x) const;
    // Inverse: longitude (not wrapped) and latitude at an item position.
    QPointF toGeo(QPointF screen) const; // x = lng, y = lat

    // The lng/lat box covering the viewport grown by `marginPx`; west > east
    // when it crosses the antimeridian, a 360-degree span for the whole world.
    Box visibleBox(double marginPx) const;

    // The zoom of a clusterer whose tiles have `extent` pixels: the same
    // on-screen pixel radius at this camera.
    double clusterZoom(double extent) const;

    bool operator==(const MapCamera &o) const;

private:
    double m_zoom = 0;
    double m_bearing = 0;
    QSizeF m_viewport;
    double m_world = 0;
    double m_cx = 0.5;
    double m_cy = 0.5;
    double m_cos = 1;
    double m_sin = 0;
};

} // namespace oc

#pragma once

#include "MapCamera.h"

#include <QGeoCoordinate>
#include <QQuickItem>

namespace oc {

// Base of our scene-graph layers inside the QtLocation Map: they follow the
// Map's camera through plain bindings (mapCenter: map.center, ...) and redo
// their work in updatePolish() at most once per frame, however many of the
// camera properties moved.
class MapLayerItem : public QQuickItem
{
    Q_OBJECT
    Q_PROPERTY(QGeoCoordinate mapCenter READ mapCenter WRITE setMapCenter NOTIFY cameraChanged)
    Q_PROPERTY(double zoomLevel READ zoomLevel WRITE setZoomLevel NOTIFY cameraChanged)
    Q_PROPERTY(double bearing READ bearing WRITE setBearing NOTIFY cameraChanged)
    // Pixels of the Map's tile at zoom 0 (QtLocation's zoom is tile-relative).
    Q_PROPERTY(double tileSize READ tileSize WRITE setTileSize NOTIFY cameraChanged)
public:
    explicit MapLayerItem(QQuickItem *parent = nullptr);

    QGeoCoordinate mapCenter() const { return m_center; }
    void setMapCenter(const QGeoCoordinate &c);
    double zoomLevel() const { return m_zoom; }
    void setZoomLevel(double z);
    double bearing() const { return m_bearing; }
    void setBearing(double b);
    double tileSize() const { return m_tileSize; }
    void setTileSize(double s);

    MapCamera camera() const;
    // True when the window renders with QPainter (QT_QUICK_BACKEND=software),
    // which draws no custom geometry nodes: the layers paint instead.
    bool softwareRendering() const;

Q_SIGNALS:
    void cameraChanged();

protected:
    void geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry) override;

private:
    void cameraMoved();

    QGeoCoordinate m_center {39.5, -98.35};
    double m_zoom = 4;
    double m_bearing = 0;
    double m_tileSize = 256;
};

} // namespace oc

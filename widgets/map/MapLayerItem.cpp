#include "MapLayerItem.h"

#include <QQuickWindow>
#include <QSGRendererInterface>

namespace oc {

MapLayerItem::MapLayerItem(QQuickItem *parent)
    : QQuickItem(parent)
{
    setFlag(ItemHasContents, true);
}

void MapLayerItem::setMapCenter(const QGeoCoordinate &c)
{
    if (c == m_center || !c.isValid())
        return;
    m_center = c;
    cameraMoved();
}

void MapLayerItem::setZoomLevel(double z)
{
    if (z == m_zoom)
        return;
    m_zoom = z;
    cameraMoved();
}

void MapLayerItem::setBearing(double b)
{
    if (b == m_bearing)
        return;
    m_bearing = b;
    cameraMoved();
}

void MapLayerItem::setTileSize(double s)
{
    if (s == m_tileSize || s <= 0)
        return;
    m_tileSize = s;
    cameraMoved();
}

MapCamera MapLayerItem::camera() const
{
    return MapCamera(m_center.latitude(), m_center.longitude(), m_zoom, m_bearing, size(), m_tileSize);
}

bool MapLayerItem::softwareRendering() const
{
    const QQuickWindow *w = window();
    return w && w->rendererInterface() && w->rendererInterface()->graphicsApi() == QSGRendererInterface::Software;
}

void MapLayerItem::geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry)
{
    QQuickItem::geometryChange(newGeometry, oldGeometry);
    if (newGeometry.size() != oldGeometry.size())
        polish();
}

void MapLayerItem::cameraMoved()
{
    Q_EMIT cameraChanged();
    polish();
}

} // namespace oc

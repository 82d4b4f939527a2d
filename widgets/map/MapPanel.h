#pragma once

#include <QWidget>

class QQuickItem;
class QQuickWidget;

namespace oc {

class BasemapLayer;
class EventDetailsPanel;
class EventMarkerLayer;
class LiveSource;
class MapController;
class MapSearchPanel;

// The live event map: a QtLocation Map in a QQuickWidget (our offline
// outlines and all markers drawn by our own scene-graph layers), with the
// search panel and the selected event's details beside it.
//
// Offline unless a tile server is configured (QSettings "map/tileUrl", or
// setTileUrl()): then its raster tiles draw under our layers through the OSM
// plugin, with a disk cache, and the outlines still show when tiles fail.
class MapPanel : public QWidget
{
    Q_OBJECT
public:
    explicit MapPanel(LiveSource *feed, QWidget *parent = nullptr);
    ~MapPanel() override;

    MapController *controller() const { return m_controller; }
    MapSearchPanel *searchPanel() const { return m_search; }
    EventDetailsPanel *detailsPanel() const { return m_details; }
    QQuickWidget *quickWidget() const { return m_quick; }

    // The scene's items, once the QML is loaded (null before, or on a QML error).
    QQuickItem *mapItem() const;
    EventMarkerLayer *markerLayer() const;
    BasemapLayer *basemapLayer() const;

    QString tileUrl() const;
    // Empty `url` switches to offline; `attribution` is shown on the map as
    // plain text (the tile provider's licence usually requires it). Saved to
    // QSettings "map/tileUrl" and "map/tileAttribution".
    void setTileUrl(const QString &url, const QString &attribution = {});

    static void registerQmlTypes();

protected:
    // Follows the colour scheme: the map's colours come from the palette.
    void changeEvent(QEvent *event) override;

private:
    QQuickItem *findItem(const char *objectName) const;

    MapController *m_controller;
    QQuickWidget *m_quick;
    MapSearchPanel *m_search;
    EventDetailsPanel *m_details;
};

} // namespace oc

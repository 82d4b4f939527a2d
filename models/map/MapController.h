#pragma once

#include "ClusterItem.h"
#include "ClusterOptions.h"
#include "MapFilter.h"
#include "MapPoint.h"
#include "MapSearch.h"
#include "MapSnapshot.h"
#include "MapStyle.h"

#include <QColor>
#include <QDateTime>
#include <QFutureWatcher>
#include <QGeoCoordinate>
#include <QObject>
#include <QSizeF>
#include <QTimer>

#include <memory>
#include <vector>

namespace oc {

class LiveSource;
struct EventRecord;

// The state behind the event map: which events are shown (filters), the
// search, the selection, the tile source and the cluster index. QML and the
// side panels only present it.
//
// The index is rebuilt off the UI thread whenever the feed or the filters
// change: at most one build runs at a time, changes that arrive meanwhile
// mark it dirty and one more build follows; the finished snapshot replaces
// the old one in a single pointer swap, so readers never see half of one.
class MapController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(qint64 selectedEventId READ selectedEventId WRITE selectEvent NOTIFY selectionChanged)
    Q_PROPERTY(bool hasSelection READ hasSelection NOTIFY selectionChanged)
    Q_PROPERTY(QGeoCoordinate selectedCoordinate READ selectedCoordinate NOTIFY selectionChanged)

    Q_PROPERTY(bool searchActive READ searchActive NOTIFY searchChanged)
    Q_PROPERTY(QGeoCoordinate searchCenter READ searchCenter NOTIFY searchChanged)
    Q_PROPERTY(double searchRadiusMiles READ searchRadiusMiles WRITE setSearchRadiusMiles NOTIFY searchChanged)
    Q_PROPERTY(double searchRadiusMeters READ searchRadiusMeters NOTIFY searchChanged)
    Q_PROPERTY(QString searchLabel READ searchLabel NOTIFY searchChanged)
    Q_PROPERTY(QString searchError READ searchError NOTIFY searchChanged)

    Q_PROPERTY(int totalEvents READ totalEvents NOTIFY countsChanged)
    Q_PROPERTY(int matchingEvents READ matchingEvents NOTIFY countsChanged)
    Q_PROPERTY(int mappedEvents READ mappedEvents NOTIFY countsChanged)
    Q_PROPERTY(int unlocatedEvents READ unlocatedEvents NOTIFY countsChanged)
    Q_PROPERTY(int resultCount READ resultCount NOTIFY countsChanged)

    Q_PROPERTY(int stateFilter READ stateFilter WRITE setStateFilter NOTIFY filterChanged)
    Q_PROPERTY(QDateTime fromDate READ fromDate WRITE setFromDate NOTIFY filterChanged)
    Q_PROPERTY(QDateTime toDate READ toDate WRITE setToDate NOTIFY filterChanged)
    Q_PROPERTY(qint64 campaignFilter READ campaignFilter WRITE setCampaignFilter NOTIFY filterChanged)

    Q_PROPERTY(QString tileUrl READ tileUrl NOTIFY tileSourceChanged)
    Q_PROPERTY(QString tileAttribution READ tileAttribution NOTIFY tileSourceChanged)
    Q_PROPERTY(bool online READ isOnline NOTIFY tileSourceChanged)
    Q_PROPERTY(QString tileCacheDirectory READ tileCacheDirectory CONSTANT)
    Q_PROPERTY(QString offlineAttribution READ offlineAttribution CONSTANT)

    Q_PROPERTY(QGeoCoordinate center READ center NOTIFY cameraChanged)
    Q_PROPERTY(double zoomLevel READ zoomLevel NOTIFY cameraChanged)

    Q_PROPERTY(bool stale READ isStale NOTIFY staleChanged)
    Q_PROPERTY(bool building READ isBuilding NOTIFY buildingChanged)
    Q_PROPERTY(quint64 generation READ generation NOTIFY snapshotChanged)

    // The colour scheme (the widget sets it from its palette) and the
    // colours the QML scene and the layers draw with (MapStyle::Theme).
    Q_PROPERTY(bool darkTheme READ darkTheme WRITE setDarkTheme NOTIFY themeChanged)
    Q_PROPERTY(QColor backgroundColor READ backgroundColor NOTIFY themeChanged)
    Q_PROPERTY(QColor clusterFaceColor READ clusterFaceColor NOTIFY themeChanged)
    Q_PROPERTY(QColor labelColor READ labelColor NOTIFY themeChanged)
    Q_PROPERTY(QColor panelColor READ panelColor NOTIFY themeChanged)
    Q_PROPERTY(QColor panelBorderColor READ panelBorderColor NOTIFY themeChanged)
    Q_PROPERTY(QColor panelTextColor READ panelTextColor NOTIFY themeChanged)

public:
    explicit MapController(LiveSource *feed, QObject *parent = nullptr);
    ~MapController() override;

    LiveSource *feed() const { return m_feed; }
    // The current snapshot; never null (empty before the first build).
    std::shared_ptr<const MapSnapshot> snapshot() const { return m_snapshot; }
    const ClusterOptions &clusterOptions() const { return m_options; }

    qint64 selectedEventId() const { return m_selectedId; }
    bool hasSelection() const { return m_selectedId != 0; }
    QGeoCoordinate selectedCoordinate() const;
    const EventRecord *selectedEvent() const;

    bool searchActive() const { return m_search.active; }
    QGeoCoordinate searchCenter() const;
    double searchRadiusMiles() const { return m_search.radiusMiles; }
    double searchRadiusMeters() const { return m_search.radiusMiles * 1609.344; }
    QString searchLabel() const { return m_search.label; }
    QString searchError() const { return m_searchError; }
    const MapSearch &search() const { return m_search; }

    int totalEvents() const { return m_snapshot->totalEvents; }
    int matchingEvents() const { return m_snapshot->matchingEvents; }
    int mappedEvents() const { return m_snapshot->mappedEvents; }
    int unlocatedEvents() const { return int(m_snapshot->unlocatedRows.size()); }
    int resultCount() const { return m_snapshot->withinRadius; }

    const MapFilter &filter() const { return m_filter; }
    void setFilter(const MapFilter &filter);
    int stateFilter() const { return m_filter.states; }
    void setStateFilter(int states);
    QDateTime fromDate() const;
    void setFromDate(const QDateTime &from); // invalid: no lower bound
    QDateTime toDate() const;
    void setToDate(const QDateTime &to); // invalid: no upper bound
    qint64 campaignFilter() const { return m_filter.campaignId; }
    void setCampaignFilter(qint64 campaignId);

    QString tileUrl() const { return m_tileUrl; }
    QString tileAttribution() const { return m_tileAttribution; }
    bool isOnline() const { return !m_tileUrl.isEmpty(); }
    // An empty URL means offline: only our own outlines, no network at all.
    // `url` is the prefix that "z/x/y.png" is appended to.
    void setTileSource(const QString &url, const QString &attribution);
    // The tile server remembered in the settings ("map/tileUrl",
    // "map/tileAttribution"); offline when none is.
    void loadTileSource();
    // Sets the tile source and remembers it for the next start.
    void rememberTileSource(const QString &url, const QString &attribution);
    QString tileCacheDirectory() const;
    QString offlineAttribution() const;

    QGeoCoordinate center() const { return m_center; }
    double zoomLevel() const { return m_zoom; }
    QSizeF viewportSize() const { return m_viewport; }

    bool isStale() const;
    bool isBuilding() const { return m_building; }
    quint64 generation() const { return m_snapshot->generation; }

    // Replaces the events wholesale, for benchmarks and tools that run
    // without a LiveSource (feed() is null then; tooltips name no titles).
    void replacePoints(std::vector<MapPoint> points);

    // Markers the current index shows in a lng/lat box at a Map zoom level.
    std::vector<ClusterItem> markersIn(double west, double south, double east, double north, double mapZoom) const;
    // The Map zoom at which a cluster's members come apart.
    double clusterZoomToMapZoom(double clusterZoom) const { return clusterZoom + m_zoomOffset; }
    double mapZoomToClusterZoom(double mapZoom) const { return mapZoom - m_zoomOffset; }

    // Plain text, never markup: titles and names come from the public.
    QString toolTipFor(const ClusterItem &item) const;

    // For the legend.
    Q_INVOKABLE QColor stateColor(int state) const;
    Q_INVOKABLE QString stateLabel(int state) const;

public Q_SLOTS:
    // ZIP code or city; false (with searchError set) when it is not found.
    bool searchFor(const QString &text);
    void clearSearch();
    void setSearchRadiusMiles(double miles);
    void selectEvent(qint64 eventId);
    void selectAndShow(qint64 eventId);
    void clearSelection() { selectEvent(0); }
    void fitToResults();
    void zoomToCluster(double lat, double lng, double clusterExpansionZoom);
    bool darkTheme() const { return m_darkTheme; }
    void setDarkTheme(bool dark);
    const MapStyle::Theme &theme() const { return MapStyle::theme(m_darkTheme); }
    QColor backgroundColor() const { return theme().background; }
    QColor clusterFaceColor() const { return theme().clusterFace; }
    QColor labelColor() const { return theme().labelText; }
    QColor panelColor() const { return theme().panel; }
    QColor panelBorderColor() const { return theme().panelBorder; }
    QColor panelTextColor() const { return theme().panelText; }

    // The view reports its camera so searches and "fit" can size themselves.
    void reportCamera(const QGeoCoordinate &center, double zoomLevel, double width, double height);
    void requestCamera(const QGeoCoordinate &center, double zoomLevel);

Q_SIGNALS:
    void selectionChanged();
    void searchChanged();
    void countsChanged();
    void filterChanged();
    void tileSourceChanged();
    void cameraChanged();
    void staleChanged();
    void buildingChanged();
    void snapshotChanged();
    void themeChanged();
    // Asks the view to move; the view reports back through reportCamera().
    void cameraRequested(const QGeoCoordinate &center, double zoomLevel);

private:
    bool m_darkTheme = false;
    void onAppended(int first, int last);
    void onChanged(const QList<int> &rows);
    std::vector<MapPoint> &mutablePoints();
    void scheduleBuild(bool indexDirty);
    void startBuild();
    void onBuildFinished();
    double zoomForRadius(double lat, double miles) const;
    double zoomForBox(double west, double south, double east, double north) const;

    LiveSource *m_feed;
    ClusterOptions m_options;
    double m_zoomOffset = 1; // Map zoom minus cluster zoom: 256 px Map tiles vs the index's 512 extent

    // Shared with a running build; copied before writing when it is (copy on write).
    std::shared_ptr<std::vector<MapPoint>> m_points;
    std::shared_ptr<const MapSnapshot> m_snapshot;
    MapFilter m_filter;
    MapSearch m_search;
    QString m_searchError;
    qint64 m_selectedId = 0;

    QFutureWatcher<MapSnapshot> m_watcher;
    QTimer m_buildTimer;
    bool m_building = false;
    bool m_dirty = false;
    bool m_indexDirty = true;
    quint64 m_generation = 0;

    QString m_tileUrl;
    QString m_tileAttribution;
    QGeoCoordinate m_center {39.5, -98.35};
    double m_zoom = 3.6;
    QSizeF m_viewport {800, 600};
};

} // namespace oc

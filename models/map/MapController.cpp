#include "MapController.h"

#include "EventRecord.h"
#include "GeoDistance.h"
#include "LiveSource.h"
#include "LogCategories.h"
#include "MapStyle.h"
#include "MercatorProjection.h"
#include "ZipDirectory.h"

#include <QSettings>
#include <QDir>
#include <QLocale>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace {
constexpr auto kTileUrlKey = "map/tileUrl";
constexpr auto kTileAttributionKey = "map/tileAttribution";
} // namespace

namespace oc {

namespace {

constexpr double kMinZoom = 2;
constexpr double kMaxZoom = 18;

QString stateMix(const ClusterItem &item)
{
    QStringList parts;
    for (std::size_t s = 0; s < item.stateCounts.size(); ++s) {
        if (item.stateCounts[s] > 0)
            parts << QStringLiteral("%1 %2").arg(QLocale().toString(item.stateCounts[s]),
                                                 EventRecord::markerStateLabel(MarkerState(s)).toLower());
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

MapController::MapController(LiveSource *feed, QObject *parent)
    : QObject(parent)
    , m_feed(feed)
    , m_points(std::make_shared<std::vector<MapPoint>>())
    , m_snapshot(std::make_shared<const MapSnapshot>())
{
    m_options.radius = 48;
    m_zoomOffset = std::log2(m_options.extent / 256.0);

    // Feed signals of one tick arrive back to back; one build covers them all.
    m_buildTimer.setSingleShot(true);
    m_buildTimer.setInterval(0);
    connect(&m_buildTimer, &QTimer::timeout, this, &MapController::startBuild);
    connect(&m_watcher, &QFutureWatcher<MapSnapshot>::finished, this, &MapController::onBuildFinished);

    if (m_feed) {
        connect(m_feed, &LiveSource::eventsAppended, this, &MapController::onAppended);
        connect(m_feed, &LiveSource::eventsChanged, this, &MapController::onChanged);
        connect(m_feed, &LiveSource::rsvpCountsChanged, this, &MapController::onChanged);
        connect(m_feed, &LiveSource::staleChanged, this, &MapController::staleChanged);
        if (!m_feed->events().empty())
            onAppended(0, int(m_feed->events().size()) - 1);
    }
}

void MapController::setDarkTheme(bool dark)
{
    if (dark == m_darkTheme)
        return;
    m_darkTheme = dark;
    Q_EMIT themeChanged();
}

MapController::~MapController()
{
    // The build only reads its own copies, but waiting keeps it from
    // outliving the libraries it runs in at exit.
    m_watcher.waitForFinished();
}

std::vector<MapPoint> &MapController::mutablePoints()
{
    if (m_points.use_count() > 1)
        m_points = std::make_shared<std::vector<MapPoint>>(*m_points);
    return *m_points;
}

void MapController::onAppended(int first, int last)
{
    const auto &events = m_feed->events();
    auto &points = mutablePoints();
    // A reloaded snapshot re-announces rows we already have; overwrite them.
    if (points.size() < std::size_t(last) + 1)
        points.resize(std::size_t(last) + 1);
    for (int row = first; row <= last; ++row)
        points[std::size_t(row)] = MapPoint::from(events[std::size_t(row)]);
    scheduleBuild(true);
}

void MapController::onChanged(const QList<int> &rows)
{
    const auto &events = m_feed->events();
    auto &points = mutablePoints();
    bool selectedChanged = false;
    for (int row : rows) {
        if (row < 0 || std::size_t(row) >= points.size() || std::size_t(row) >= events.size())
            continue;
        points[std::size_t(row)] = MapPoint::from(events[std::size_t(row)]);
        selectedChanged = selectedChanged || events[std::size_t(row)].id == m_selectedId;
    }
    // RSVP counts feed the cluster sums and can turn an event "full", so they
    // rebuild the index too; a build of 100k points takes tens of ms off the
    // UI thread and builds are coalesced, so per-tick rebuilds are affordable.
    scheduleBuild(true);
    if (selectedChanged)
        Q_EMIT selectionChanged();
}

void MapController::replacePoints(std::vector<MapPoint> points)
{
    m_points = std::make_shared<std::vector<MapPoint>>(std::move(points));
    scheduleBuild(true);
}

void MapController::scheduleBuild(bool indexDirty)
{
    m_indexDirty = m_indexDirty || indexDirty;
    m_dirty = true;
    if (!m_building && !m_buildTimer.isActive())
        m_buildTimer.start();
}

void MapController::startBuild()
{
    if (m_building || !m_dirty)
        return;
    m_dirty = false;
    std::shared_ptr<const std::vector<MapPoint>> points = m_points;
    std::shared_ptr<const ClusterIndex> reuse = m_indexDirty ? nullptr : m_snapshot->index;
    m_indexDirty = false;
    const MapFilter filter = m_filter;
    const MapSearch search = m_search;
    const ClusterOptions options = m_options;
    m_building = true;
    Q_EMIT buildingChanged();
    m_watcher.setFuture(QtConcurrent::run([points, filter, search, options, reuse]() {
        return MapSnapshot::build(*points, filter, search, options, reuse);
    }));
}

void MapController::onBuildFinished()
{
    auto next = std::make_shared<MapSnapshot>(m_watcher.result());
    next->generation = ++m_generation;
    const bool countsMoved = next->totalEvents != m_snapshot->totalEvents ||
        next->matchingEvents != m_snapshot->matchingEvents || next->mappedEvents != m_snapshot->mappedEvents ||
        next->unlocatedRows.size() != m_snapshot->unlocatedRows.size() ||
        next->withinRadius != m_snapshot->withinRadius;
    m_snapshot = std::move(next);
    m_building = false;
    logcat::map()->debug("snapshot {}: {} mapped, {} without location, {} clusters", m_snapshot->generation,
                         m_snapshot->mappedEvents, m_snapshot->unlocatedRows.size(),
                         m_snapshot->index ? m_snapshot->index->clusterCount() : 0);
    Q_EMIT snapshotChanged();
    if (countsMoved)
        Q_EMIT countsChanged();
    if (m_dirty)
        startBuild();
    if (!m_building)
        Q_EMIT buildingChanged();
}

QGeoCoordinate MapController::selectedCoordinate() const
{
    const EventRecord *e = selectedEvent();
    if (!e || !e->hasLocation())
        return {};
    return QGeoCoordinate(*e->latitude, *e->longitude);
}

const EventRecord *MapController::selectedEvent() const
{
    return m_selectedId && m_feed ? m_feed->event(m_selectedId) : nullptr;
}

void MapController::selectEvent(qint64 eventId)
{
    if (eventId == m_selectedId)
        return;
    m_selectedId = eventId;
    Q_EMIT selectionChanged();
}

void MapController::selectAndShow(qint64 eventId)
{
    selectEvent(eventId);
    const QGeoCoordinate c = selectedCoordinate();
    if (c.isValid())
        requestCamera(c, std::max(m_zoom, 12.0));
}

QGeoCoordinate MapController::searchCenter() const
{
    return m_search.active ? QGeoCoordinate(m_search.lat, m_search.lng) : QGeoCoordinate();
}

bool MapController::searchFor(const QString &text)
{
    const ZipDirectory::SearchResult r = ZipDirectory::builtIn().search(text);
    if (!r.ok) {
        m_searchError = r.error;
        logcat::map()->info("search '{}': {}", text.toStdString(), r.error.toStdString());
        Q_EMIT searchChanged();
        return false;
    }
    m_searchError.clear();
    m_search.active = true;
    m_search.lat = r.lat;
    m_search.lng = r.lng;
    m_search.radiusMiles = r.radiusMiles > 0 ? r.radiusMiles : 25;
    m_search.label = r.label;
    Q_EMIT searchChanged();
    requestCamera(QGeoCoordinate(r.lat, r.lng), zoomForRadius(r.lat, m_search.radiusMiles));
    scheduleBuild(false);
    return true;
}

void MapController::clearSearch()
{
    if (!m_search.active && m_searchError.isEmpty())
        return;
    m_search = MapSearch {};
    m_searchError.clear();
    Q_EMIT searchChanged();
    scheduleBuild(false);
}

void MapController::setSearchRadiusMiles(double miles)
{
    miles = std::clamp(miles, 0.5, 3000.0);
    if (miles == m_search.radiusMiles)
        return;
    m_search.radiusMiles = miles;
    Q_EMIT searchChanged();
    if (m_search.active)
        scheduleBuild(false);
}

void MapController::setFilter(const MapFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    Q_EMIT filterChanged();
    scheduleBuild(true);
}

void MapController::setStateFilter(int states)
{
    MapFilter f = m_filter;
    f.states = states & MapFilter::kAllStates;
    setFilter(f);
}

QDateTime MapController::fromDate() const
{
    return m_filter.fromMs == std::numeric_limits<qint64>::min() ? QDateTime()
                                                                 : QDateTime::fromMSecsSinceEpoch(m_filter.fromMs);
}

void MapController::setFromDate(const QDateTime &from)
{
    MapFilter f = m_filter;
    f.fromMs = from.isValid() ? from.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min();
    setFilter(f);
}

QDateTime MapController::toDate() const
{
    return m_filter.toMs == std::numeric_limits<qint64>::max() ? QDateTime()
                                                               : QDateTime::fromMSecsSinceEpoch(m_filter.toMs);
}

void MapController::setToDate(const QDateTime &to)
{
    MapFilter f = m_filter;
    f.toMs = to.isValid() ? to.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
    setFilter(f);
}

void MapController::setCampaignFilter(qint64 campaignId)
{
    MapFilter f = m_filter;
    f.campaignId = campaignId;
    setFilter(f);
}

void MapController::setTileSource(const QString &url, const QString &attribution)
{
    QString u = url.trimmed();
    // Accept the common "{z}/{x}/{y}.png" template too; the OSM plugin wants the prefix.
    for (const QString &suffix : {QStringLiteral("{z}/{x}/{y}.png"), QStringLiteral("%z/%x/%y.png")}) {
        if (u.endsWith(suffix))
            u.chop(suffix.size());
    }
    if (!u.isEmpty() && !u.endsWith(QLatin1Char('/')))
        u += QLatin1Char('/');
    if (u == m_tileUrl && attribution == m_tileAttribution)
        return;
    m_tileUrl = u;
    m_tileAttribution = attribution;
    logcat::map()->info("tile source: {}", u.isEmpty() ? std::string("offline outlines") : u.toStdString());
    Q_EMIT tileSourceChanged();
}

QString MapController::tileCacheDirectory() const
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/map-tiles");
    QDir().mkpath(dir);
    return dir;
}

QString MapController::offlineAttribution() const
{
    return tr("Outlines: US Census Bureau via us-atlas; Natural Earth via world-atlas");
}

bool MapController::isStale() const
{
    return m_feed && m_feed->isStale();
}

std::vector<ClusterItem> MapController::markersIn(double west, double south, double east, double north,
                                                  double mapZoom) const
{
    if (!m_snapshot->index)
        return {};
    return m_snapshot->index->query(west, south, east, north, mapZoomToClusterZoom(mapZoom));
}

QString MapController::toolTipFor(const ClusterItem &item) const
{
    const QLocale locale;
    if (item.isCluster) {
        return tr("%1 events · %2 RSVPs\n%3\nClick to zoom in")
            .arg(locale.toString(item.count), locale.toString(qulonglong(item.rsvpSum)), stateMix(item));
    }
    if (!m_feed || item.id >= m_feed->events().size())
        return tr("1 event · %1 RSVPs").arg(locale.toString(qulonglong(item.rsvpSum)));
    const auto &events = m_feed->events();
    const EventRecord &e = events[item.id];
    QString where = e.city;
    if (!e.state.isEmpty())
        where += (where.isEmpty() ? QString() : QStringLiteral(", ")) + e.state;
    const QString rsvps = e.capacity > 0
        ? tr("%1 / %2 RSVPs").arg(locale.toString(e.rsvps), locale.toString(e.capacity))
        : tr("%1 RSVPs").arg(locale.toString(e.rsvps));
    return QStringLiteral("%1\n%2\n%3 · %4").arg(e.title, where, rsvps, EventRecord::markerStateLabel(e.markerState()));
}

QColor MapController::stateColor(int state) const
{
    return MapStyle::stateColor(state);
}

QString MapController::stateLabel(int state) const
{
    return EventRecord::markerStateLabel(MarkerState(std::clamp(state, 0, 3)));
}

void MapController::fitToResults()
{
    // m_points mirrors the feed row for row, and only grows, so rows of the
    // snapshot are valid indices into it.
    const auto &points = *m_points;
    double west = 180, east = -180, south = 90, north = -90;
    int n = 0;
    auto add = [&](double lat, double lng) {
        // Keep Aleutian results (positive longitudes) next to the mainland.
        if (lng > 0 && m_center.longitude() < 0)
            lng -= 360;
        west = std::min(west, lng);
        east = std::max(east, lng);
        south = std::min(south, lat);
        north = std::max(north, lat);
        ++n;
    };
    if (m_search.active) {
        add(m_search.lat, m_search.lng);
        for (const auto &r : m_snapshot->nearest) {
            const MapPoint &p = points[std::size_t(r.row)];
            if (p.hasLocation)
                add(p.lat, p.lng);
        }
    } else {
        // No search: fit every event the filter shows.
        for (const MapPoint &p : points) {
            if (p.hasLocation && !p.deleted && m_filter.accepts(p))
                add(p.lat, p.lng);
        }
    }
    if (n == 0)
        return;
    const QGeoCoordinate c((south + north) / 2, MercatorProjection::wrapLongitude((west + east) / 2));
    requestCamera(c, std::min(zoomForBox(west, south, east, north), 14.0));
}

void MapController::zoomToCluster(double lat, double lng, double clusterExpansionZoom)
{
    const double target = std::max(clusterZoomToMapZoom(clusterExpansionZoom), std::floor(m_zoom) + 1);
    requestCamera(QGeoCoordinate(lat, lng), target);
}

void MapController::reportCamera(const QGeoCoordinate &center, double zoomLevel, double width, double height)
{
    if (center == m_center && zoomLevel == m_zoom && QSizeF(width, height) == m_viewport)
        return;
    m_center = center;
    m_zoom = zoomLevel;
    if (width > 0 && height > 0)
        m_viewport = QSizeF(width, height);
    Q_EMIT cameraChanged();
}

void MapController::requestCamera(const QGeoCoordinate &center, double zoomLevel)
{
    Q_EMIT cameraRequested(center, std::clamp(zoomLevel, kMinZoom, kMaxZoom));
}

double MapController::zoomForRadius(double lat, double miles) const
{
    // Mercator world units per mile at this latitude; the circle's diameter
    // should take about 80% of the smaller side of the view.
    const double unitsPerMile = 1.0 /
        (2 * std::numbers::pi * GeoDistance::kEarthRadiusMiles *
         std::max(0.05, std::cos(lat * std::numbers::pi / 180)));
    const double diameterUnits = 2 * miles * unitsPerMile;
    const double px = 0.8 * std::min(m_viewport.width(), m_viewport.height());
    return std::clamp(std::log2(px / (diameterUnits * 256)), kMinZoom, kMaxZoom);
}

double MapController::zoomForBox(double west, double south, double east, double north) const
{
    // Longitude is linear in Mercator x; the caller keeps west <= east
    // (Aleutians moved next to the mainland), so no wrapping is needed here.
    const double dx = std::max(1e-9, (east - west) / 360.0);
    const double dy = std::max(1e-9, MercatorProjection::latToY(south) - MercatorProjection::latToY(north));
    const double margin = 60;
    const double zx = std::log2(std::max(1.0, m_viewport.width() - margin) / (dx * 256));
    const double zy = std::log2(std::max(1.0, m_viewport.height() - margin) / (dy * 256));
    return std::clamp(std::min(zx, zy), kMinZoom, kMaxZoom);
}

void MapController::loadTileSource()
{
    const QSettings settings;
    setTileSource(settings.value(QLatin1String(kTileUrlKey)).toString(),
                  settings.value(QLatin1String(kTileAttributionKey)).toString());
}

void MapController::rememberTileSource(const QString &url, const QString &attribution)
{
    setTileSource(url, attribution);
    QSettings settings;
    settings.setValue(QLatin1String(kTileUrlKey), m_tileUrl);
    settings.setValue(QLatin1String(kTileAttributionKey), m_tileAttribution);
}

} // namespace oc

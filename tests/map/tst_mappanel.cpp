#include "BasemapLayer.h"
#include "EventDetailsPanel.h"
#include "EventMarkerLayer.h"
#include "HubFeed.h"
#include "MapController.h"
#include "MapPanel.h"
#include "MapSearchPanel.h"
#include "MapStyle.h"
#include "NearestEventsModel.h"
#include "PgAsyncConnection.h"
#include "PgSession.h"
#include "TestDatabase.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QGeoCoordinate>
#include <QLabel>
#include <QLineEdit>
#include <QQuickItem>
#include <QQuickWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace oc;

namespace {

constexpr int kMetroEvents = 4000;
constexpr int kUnlocated = 6;
const char kHostileTitle[] = "<b>Bold</b> <img src=\"http://evil.example/x.png\"> & <a href=\"x\">link</a>";

// Events around eight metros (Anchorage included), a hostile title next to
// ZIP 10001, events without coordinates and one in the western Aleutians.
void seed(PgSession &s)
{
    s.execScript("INSERT INTO campaigns (slug, title, status, event_goal, rsvp_goal) VALUES "
                 "('spring', 'Spring Day of Action', 'live', 5000, 100000), "
                 "('summer', 'Summer Canvass', 'live', 100, 1000)");
    s.execScript("INSERT INTO hosts (name, email, phone) VALUES "
                 "('Dana <script>alert(1)</script>', 'dana@example.org', '555-0100')");
    s.execScript("SELECT setseed(0.42)");
    s.exec(DbQuery("WITH metros(i, city, st, lat, lng) AS (VALUES "
                   " (0, 'New York', 'NY', 40.75, -73.99), (1, 'Chicago', 'IL', 41.88, -87.63),"
                   " (2, 'Los Angeles', 'CA', 34.05, -118.24), (3, 'Houston', 'TX', 29.76, -95.37),"
                   " (4, 'Atlanta', 'GA', 33.75, -84.39), (5, 'Seattle', 'WA', 47.61, -122.33),"
                   " (6, 'Denver', 'CO', 39.74, -104.99), (7, 'Anchorage', 'AK', 61.22, -149.90)) "
                   "INSERT INTO events (campaign_id, host_id, title, starts_at, timezone, city, state, latitude, "
                   " longitude, capacity, approval_status) "
                   "SELECT 1 + g % 2, 1, 'Event ' || g, now() + (g % 30) * interval '1 day', 'America/New_York',"
                   " m.city, m.st, m.lat + (random() - 0.5) * 1.6, m.lng + (random() - 0.5) * 2.0,"
                   " CASE WHEN g % 5 = 1 THEN 3 ELSE 50 END,"
                   " (ARRAY['needs_approval', 'approved', 'approved', 'cancelled'])[1 + (g / 8) % 4]::approval_status "
                   "FROM generate_series(1, $1) g JOIN metros m ON m.i = g % 8")
               .bind(kMetroEvents));
    // Fill the small events: approved ones among them turn "full" (blue).
    s.execScript("INSERT INTO rsvps (event_id) SELECT e.id FROM events e, generate_series(1, 3) WHERE e.capacity = 3");
    s.exec(DbQuery("INSERT INTO events (campaign_id, host_id, title, starts_at, timezone, venue, address, city, state,"
                   " postal_code, latitude, longitude, capacity, approval_status) VALUES "
                   "(1, 1, $1, '2026-03-14 15:00:00+00', 'America/New_York', 'Hall <i>B</i>', '1 Penn Plaza',"
                   " 'New York', 'NY', '10001', 40.7506, -73.9972, 120, 'approved')")
               .bind(QString::fromUtf8(kHostileTitle)));
    s.exec(DbQuery("INSERT INTO events (campaign_id, title, starts_at, city, state) "
                   "SELECT 1, 'Somewhere ' || g, now(), 'Unknown', 'NY' FROM generate_series(1, $1) g")
               .bind(kUnlocated));
    s.execScript(
        "INSERT INTO events (campaign_id, title, starts_at, city, state, latitude, longitude, approval_status) "
        "VALUES (1, 'Adak teach-in', now(), 'Adak', 'AK', 51.88, 178.5, 'approved')");
}

qint64 eventIdByTitle(const HubFeed &feed, const QString &title)
{
    for (const EventRecord &e : feed.events())
        if (e.title == title)
            return e.id;
    return 0;
}

int countPixelsNear(const QImage &img, const QColor &c, int tolerance)
{
    int n = 0;
    for (int y = 0; y < img.height(); ++y) {
        const QRgb *line = reinterpret_cast<const QRgb *>(img.constScanLine(y));
        for (int x = 0; x < img.width(); ++x) {
            const QRgb p = line[x];
            if (std::abs(qRed(p) - c.red()) <= tolerance && std::abs(qGreen(p) - c.green()) <= tolerance &&
                std::abs(qBlue(p) - c.blue()) <= tolerance)
                ++n;
        }
    }
    return n;
}

int totalCount(const std::vector<ClusterItem> &items)
{
    int n = 0;
    for (const auto &it : items)
        n += int(it.count);
    return n;
}

} // namespace

class TestMapPanel : public QObject
{
    Q_OBJECT

private:
    QString m_conninfo;
    std::unique_ptr<PgAsyncConnection> m_db;
    std::unique_ptr<HubFeed> m_feed;
    std::unique_ptr<MapPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    MapController *controller() const { return m_panel->controller(); }
    EventMarkerLayer *layer() const { return m_panel->markerLayer(); }

    void setCamera(double lat, double lng, double zoom)
    {
        controller()->requestCamera(QGeoCoordinate(lat, lng), zoom);
        QTRY_VERIFY(std::abs(controller()->zoomLevel() - zoom) < 1e-6);
        // The layer lays out on the next frame, not when the camera moves.
        QTRY_VERIFY(std::abs(layer()->drawnCamera().zoom() - zoom) < 1e-6);
    }

    QImage grab() const
    {
        m_panel->quickWidget()->quickWindow()->update();
        return m_panel->quickWidget()->grabFramebuffer().convertToFormat(QImage::Format_ARGB32);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString err;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&err), qPrintable(err));
        m_conninfo = test::TestDatabase::instance().freshDatabase(QStringLiteral("map_panel"));
        {
            PgSession s(m_conninfo);
            seed(s);
        }
        m_db = std::make_unique<PgAsyncConnection>();
        m_db->open(m_conninfo);
        m_feed = std::make_unique<HubFeed>(m_db.get());
        m_feed->setIntervals(100, 300);
        QSignalSpy snap(m_feed.get(), &HubFeed::snapshotLoaded);
        m_feed->start();
        QVERIFY(snap.wait(20000));

        m_panel = std::make_unique<MapPanel>(m_feed.get());
        m_panel->setTileUrl({}); // offline: no tile server at all
        m_panel->resize(1400, 820);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        QTRY_COMPARE(m_panel->quickWidget()->status(), QQuickWidget::Ready);
        QVERIFY2(m_panel->quickWidget()->errors().isEmpty(),
                 qPrintable(m_panel->quickWidget()->errors().value(0).toString()));
        QTRY_VERIFY(layer() != nullptr);
        QVERIFY(m_panel->basemapLayer() != nullptr);
        m_tester = std::make_unique<QAbstractItemModelTester>(m_panel->searchPanel()->model(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int expected = kMetroEvents + 1 + kUnlocated + 1;
        QTRY_COMPARE_WITH_TIMEOUT(controller()->totalEvents(), expected, 20000);
    }

    void cleanupTestCase()
    {
        m_tester.reset();
        m_panel.reset();
        m_feed.reset();
        m_db.reset();
    }

    void offlineByDefault()
    {
        QVERIFY(!controller()->isOnline());
        QQuickItem *map = m_panel->mapItem();
        QVERIFY(map);
        QObject *plugin = map->property("plugin").value<QObject *>();
        QVERIFY(plugin);
        // No tile URL: the plugin that fetches nothing.
        QCOMPARE(plugin->property("name").toString(), QStringLiteral("itemsoverlay"));
    }

    void eventsWithoutCoordinatesAreCountedAndListed()
    {
        QCOMPARE(controller()->unlocatedEvents(), kUnlocated);
        QCOMPARE(controller()->mappedEvents(), kMetroEvents + 2);
        auto *badge = m_panel->quickWidget()->rootObject()->findChild<QQuickItem *>(QStringLiteral("unlocatedBadge"));
        QVERIFY(badge);
        QVERIFY(badge->isVisible());
        // No search yet: the list holds exactly the events that cannot be mapped.
        const NearestEventsModel *model = m_panel->searchPanel()->model();
        QCOMPARE(model->rowCount(), kUnlocated);
        for (int r = 0; r < model->rowCount(); ++r)
            QVERIFY(!model->index(r).data(NearestEventsModel::HasLocationRole).toBool());
        // Nothing drawn at (0, 0): the index holds only located events.
        QCOMPARE(totalCount(controller()->markersIn(-180, -85, 180, 85, 2)), kMetroEvents + 2);
        QVERIFY(controller()->markersIn(-5, -5, 5, 5, 10).empty());
    }

    void layerFollowsTheMapProjection()
    {
        setCamera(39.5, -98.35, 4.3);
        QQuickItem *map = m_panel->mapItem();
        const MapCamera cam = layer()->camera();
        for (const QGeoCoordinate &c :
             {QGeoCoordinate(40.75, -73.99), QGeoCoordinate(47.61, -122.33), QGeoCoordinate(29.76, -95.37)}) {
            QPointF fromMap;
            QVERIFY(QMetaObject::invokeMethod(map, "fromCoordinate", Q_RETURN_ARG(QPointF, fromMap),
                                              Q_ARG(QGeoCoordinate, c), Q_ARG(bool, false)));
            const QPointF ours = cam.toScreen(c.longitude(), c.latitude());
            QVERIFY2((fromMap - ours).manhattanLength() < 1.0,
                     qPrintable(QStringLiteral("map %1,%2 vs layer %3,%4")
                                    .arg(fromMap.x())
                                    .arg(fromMap.y())
                                    .arg(ours.x())
                                    .arg(ours.y())));
        }
        QVERIFY(layer()->markerCount() > 0);
        QVERIFY(layer()->clusterCount() > 0);
        QVERIFY(m_panel->basemapLayer()->vertexCount() > 1000);
    }

    void aleutiansDrawNextToAlaska()
    {
        setCamera(58, -160, 4);
        // The Adak event (+178.5) sits west of the mainland, not a world away.
        const QPointF adak = layer()->camera().toScreen(178.5, 51.88);
        const QPointF anchorage = layer()->camera().toScreen(-149.9, 61.22);
        QVERIFY(adak.x() < anchorage.x());
        QVERIFY(anchorage.x() - adak.x() < 600);
        bool found = false;
        for (const DrawnMarker &m : layer()->markers())
            found = found || (!m.item.isCluster && std::abs(m.item.lng - 178.5) < 1e-9);
        QVERIFY(found);
    }

    void clustersSplitAsZoomIncreases()
    {
        const double w = -125, s = 24, e = -66, n = 50; // lower 48
        const auto z3 = controller()->markersIn(w, s, e, n, 3);
        const auto z6 = controller()->markersIn(w, s, e, n, 6);
        const auto z9 = controller()->markersIn(w, s, e, n, 9);
        const auto z13 = controller()->markersIn(w, s, e, n, 13);
        QVERIFY2(
            z3.size() < z6.size() && z6.size() < z9.size() && z9.size() < z13.size(),
            qPrintable(QStringLiteral("%1 %2 %3 %4").arg(z3.size()).arg(z6.size()).arg(z9.size()).arg(z13.size())));
        // Every event is in exactly one marker at each zoom.
        const int inBox = totalCount(z3);
        QCOMPARE(totalCount(z6), inBox);
        QCOMPARE(totalCount(z9), inBox);
        QCOMPARE(totalCount(z13), inBox);
        // Clusters carry the state mix.
        bool mixed = false;
        for (const auto &it : z3) {
            int states = 0;
            for (auto c : it.stateCounts)
                states += c > 0;
            mixed = mixed || states >= 3;
        }
        QVERIFY(mixed);
    }

    void clickingAClusterZoomsIn()
    {
        setCamera(39.5, -98.35, 4);
        int cluster = -1;
        for (int i = 0; i < layer()->markerCount(); ++i) {
            const DrawnMarker &m = layer()->markers()[std::size_t(i)];
            if (m.item.isCluster && m.item.count > 20 && layer()->markerAt(m.pos) == i) {
                cluster = i;
                break;
            }
        }
        QVERIFY(cluster >= 0);
        const DrawnMarker target = layer()->markers()[std::size_t(cluster)];
        const double before = controller()->zoomLevel();
        // Through the real input path: QQuickWidget -> TapHandler -> layer.
        QTest::mouseClick(m_panel->quickWidget(), Qt::LeftButton, {}, target.pos.toPoint());
        QTRY_VERIFY(controller()->zoomLevel() > before);
        QTRY_VERIFY(std::abs(controller()->center().latitude() - target.item.lat) < 1e-6);
        // The cluster is apart at the new zoom.
        const auto items =
            controller()->markersIn(target.item.lng - 0.01, target.item.lat - 0.01, target.item.lng + 0.01,
                                    target.item.lat + 0.01, controller()->zoomLevel());
        for (const auto &it : items)
            QVERIFY(it.count < target.item.count);
    }

    void clickingAnEventSelectsItAndHoverExplains()
    {
        setCamera(40.75, -73.99, 14);
        QTRY_VERIFY(layer()->markerCount() > 0);
        int single = -1;
        for (int i = 0; i < layer()->markerCount(); ++i) {
            const DrawnMarker &m = layer()->markers()[std::size_t(i)];
            if (!m.item.isCluster && layer()->markerAt(m.pos) == i && QRectF(10, 10, 800, 600).contains(m.pos)) {
                single = i;
                break;
            }
        }
        QVERIFY(single >= 0);
        const DrawnMarker target = layer()->markers()[std::size_t(single)];
        const qint64 expected = m_feed->events()[target.item.id].id;
        QTest::mouseClick(m_panel->quickWidget(), Qt::LeftButton, {}, target.pos.toPoint());
        QTRY_COMPARE(controller()->selectedEventId(), expected);
        QVERIFY(controller()->selectedCoordinate().isValid());
        QCOMPARE(m_panel->detailsPanel()->fieldText(QStringLiteral("title")), m_feed->event(expected)->title);

        layer()->hover(target.pos.x(), target.pos.y());
        QVERIFY(layer()->hoverText().contains(m_feed->event(expected)->title));
        layer()->hover(5, 5);
        QVERIFY(layer()->hoverText().isEmpty());
    }

    void unknownPlacesGetAClearMessage()
    {
        MapSearchPanel *search = m_panel->searchPanel();
        search->searchEdit()->setText(QStringLiteral("00000"));
        search->search();
        QVERIFY(!controller()->searchActive());
        QVERIFY(!controller()->searchError().isEmpty());
        QCOMPARE(search->messageLabel()->text(), controller()->searchError());
        QVERIFY(search->messageLabel()->isVisible());

        search->searchEdit()->setText(QStringLiteral("Xyzzyville, ZZ"));
        search->search();
        QVERIFY(!controller()->searchActive());
        QVERIFY(!controller()->searchError().isEmpty());
    }

    void zipSearchCentresAndListsNearestFirst()
    {
        MapSearchPanel *search = m_panel->searchPanel();
        search->searchEdit()->setText(QStringLiteral("10001"));
        search->search();
        QVERIFY(controller()->searchActive());
        QVERIFY(controller()->searchError().isEmpty());
        QVERIFY(!search->messageLabel()->isVisible());
        const QGeoCoordinate centre = controller()->searchCenter();
        QVERIFY(std::abs(centre.latitude() - 40.75) < 0.05);
        QVERIFY(std::abs(centre.longitude() + 74.0) < 0.05);
        QTRY_VERIFY(controller()->center().distanceTo(centre) < 100);

        controller()->setSearchRadiusMiles(40);
        const NearestEventsModel *model = search->model();
        QTRY_VERIFY(model->locatedCount() > 10);
        double last = 0;
        for (int r = 0; r < model->locatedCount(); ++r) {
            const double miles = model->index(r).data(NearestEventsModel::DistanceMilesRole).toDouble();
            QVERIFY(miles >= last);
            QVERIFY(miles <= 40);
            last = miles;
        }
        // The hostile event sits on 10001 itself: it comes first.
        QCOMPARE(model->index(0).data(NearestEventsModel::EventIdRole).toLongLong(),
                 eventIdByTitle(*m_feed, QString::fromUtf8(kHostileTitle)));
        // Events without coordinates follow the located ones.
        QCOMPARE(model->rowCount(), model->locatedCount() + kUnlocated);
        QVERIFY(controller()->resultCount() >= model->locatedCount());

        // "Fit to results" frames the search centre and what was found.
        setCamera(39.5, -98.35, 3);
        controller()->fitToResults();
        QTRY_VERIFY(controller()->zoomLevel() > 6);
        QVERIFY(controller()->center().distanceTo(centre) < 60000);
    }

    void filtersNarrowTheMapAndTheList()
    {
        const int all = controller()->mappedEvents();
        QSignalSpy snap(controller(), &MapController::snapshotChanged);
        controller()->setStateFilter(1 << int(MarkerState::NeedsReview));
        QTRY_VERIFY(controller()->mappedEvents() < all);
        const auto items = controller()->markersIn(-180, -85, 180, 85, 12);
        for (const auto &it : items)
            QCOMPARE(it.stateCounts[0], it.count);
        controller()->setStateFilter(MapFilter::kAllStates);
        controller()->setCampaignFilter(2);
        QTRY_VERIFY(controller()->mappedEvents() < all && controller()->mappedEvents() > 0);
        controller()->setCampaignFilter(0);
        controller()->setFromDate(QDateTime::currentDateTime().addDays(10));
        QTRY_VERIFY(controller()->mappedEvents() < all);
        controller()->setFromDate({});
        QTRY_COMPARE(controller()->mappedEvents(), all);
    }

    void detailsArePlainText()
    {
        const qint64 id = eventIdByTitle(*m_feed, QString::fromUtf8(kHostileTitle));
        QVERIFY(id > 0);
        controller()->selectEvent(id);
        EventDetailsPanel *details = m_panel->detailsPanel();
        QCOMPARE(details->fieldText(QStringLiteral("title")), QString::fromUtf8(kHostileTitle));
        QCOMPARE(details->fieldText(QStringLiteral("host")), QStringLiteral("Dana <script>alert(1)</script>"));
        QVERIFY(details->fieldText(QStringLiteral("contact")).contains(QStringLiteral("dana@example.org")));
        QVERIFY(details->fieldText(QStringLiteral("where")).contains(QStringLiteral("Hall <i>B</i>")));
        QVERIFY(details->fieldText(QStringLiteral("rsvps")).contains(QStringLiteral("120")));
        // 15:00 UTC on 14 March 2026 is 11:00 EDT in New York.
        const QString when = details->fieldText(QStringLiteral("when"));
        QVERIFY2(when.contains(QStringLiteral("11:00")) && when.contains(QStringLiteral("EDT")), qPrintable(when));
        for (QLabel *l : details->findChildren<QLabel *>())
            QCOMPARE(l->textFormat(), Qt::PlainText);
    }

    void liveUpdatesArriveWithoutReload()
    {
        const quint64 gen = controller()->generation();
        const int before = controller()->totalEvents();
        {
            PgSession s(m_conninfo);
            s.execScript("INSERT INTO events (campaign_id, title, starts_at, latitude, longitude, approval_status) "
                         "SELECT 1, 'Late ' || g, now(), 45.52 + g * 0.001, -122.68, 'needs_approval' "
                         "FROM generate_series(1, 25) g");
            s.execScript("UPDATE events SET approval_status = 'cancelled' WHERE title = 'Event 8'");
        }
        QTRY_COMPARE_WITH_TIMEOUT(controller()->totalEvents(), before + 25, 20000);
        QVERIFY(controller()->generation() > gen);
        QTRY_COMPARE_WITH_TIMEOUT(totalCount(controller()->markersIn(-122.7, 45.5, -122.6, 45.6, 18)), 25, 20000);
        const qint64 eight = eventIdByTitle(*m_feed, QStringLiteral("Event 8"));
        QTRY_VERIFY_WITH_TIMEOUT(m_feed->event(eight)->approval == Approval::Cancelled, 20000);
    }

    void screenshotShowsClustersSelectionAndRadius()
    {
        const qint64 id = eventIdByTitle(*m_feed, QString::fromUtf8(kHostileTitle));
        controller()->selectEvent(id);
        controller()->setSearchRadiusMiles(40);
        QTRY_VERIFY(!controller()->isBuilding());
        setCamera(40.85, -74.3, 7.6);
        QTRY_VERIFY(layer()->clusterCount() > 3);

        const QString dir = qEnvironmentVariable("OC_TEST_OUTPUT_DIR", QDir::tempPath());
        QDir().mkpath(dir);
        QImage img;
        // The scene renders asynchronously after the camera moves: wait for
        // a frame that shows the markers.
        QTRY_VERIFY_WITH_TIMEOUT((img = grab(), countPixelsNear(img, MapStyle::stateColor(1), 12) > 50), 10000);
        QVERIFY(img.save(dir + QStringLiteral("/map.png")));
        QVERIFY(!img.isNull());
        QVERIFY(img.width() > 300 && img.height() > 200);
        // Needs-review amber, approved green, full blue markers, the red
        // selection ring, the search circle's blue border, the outlines.
        QVERIFY(countPixelsNear(img, MapStyle::stateColor(0), 12) > 50);
        QVERIFY(countPixelsNear(img, MapStyle::stateColor(1), 12) > 50);
        QVERIFY(countPixelsNear(img, MapStyle::stateColor(2), 12) > 10);
        QVERIFY(countPixelsNear(img, QColor(0xD0, 0x02, 0x1B), 20) > 20);
        QVERIFY(countPixelsNear(img, MapStyle::nationalLine(), 16) > 100);

        // And the country view, for people looking at the artefacts.
        setCamera(38.5, -97, 3.9);
        QTRY_VERIFY_WITH_TIMEOUT((img = grab(), countPixelsNear(img, MapStyle::stateColor(0), 12) > 50), 10000);
        QVERIFY(img.save(dir + QStringLiteral("/map-us.png")));
    }

    // With a tile server configured, its tiles draw under our outlines and
    // markers (and land in the disk cache); where tiles are missing the
    // outlines still show. The "server" is a directory of zoom-4 tiles.
    void onlineTilesDrawUnderOurLayers()
    {
        QTemporaryDir tiles;
        QVERIFY(tiles.isValid());
        const QColor tileColor(0xF3, 0xD9, 0xEE);
        QImage tile(256, 256, QImage::Format_RGB32);
        tile.fill(tileColor);
        for (int x = 0; x < 16; ++x) {
            QDir().mkpath(tiles.filePath(QStringLiteral("4/%1").arg(x)));
            for (int y = 0; y < 16; ++y)
                QVERIFY(tile.save(tiles.filePath(QStringLiteral("4/%1/%2.png").arg(x).arg(y))));
        }
        // Start from an empty disk cache, so the tiles really come from the "server".
        QDir(controller()->tileCacheDirectory()).removeRecursively();
        QDir().mkpath(controller()->tileCacheDirectory());
        QQuickItem *root = m_panel->quickWidget()->rootObject();
        m_panel->setTileUrl(QUrl::fromLocalFile(tiles.path()).toString(), QStringLiteral("Tiles <b>test</b>"));
        QTRY_COMPARE(root->findChildren<QQuickItem *>(QStringLiteral("eventMap")).size(), 1);
        QObject *plugin = m_panel->mapItem()->property("plugin").value<QObject *>();
        QCOMPARE(plugin->property("name").toString(), QStringLiteral("osm"));
        auto *attribution = root->findChild<QQuickItem *>(QStringLiteral("attribution"));
        QVERIFY(attribution->property("text").toString().contains(QStringLiteral("Tiles <b>test</b>")));
        QTRY_VERIFY(layer() != nullptr);

        setCamera(38.5, -97, 4.0);
        QImage img;
        QTRY_VERIFY_WITH_TIMEOUT((img = grab(), countPixelsNear(img, tileColor, 4) > 550000), 30000);
        QVERIFY(countPixelsNear(img, MapStyle::stateColor(1), 12) > 50);
        QVERIFY(countPixelsNear(img, MapStyle::nationalLine(), 16) > 100);
        const QString dir = qEnvironmentVariable("OC_TEST_OUTPUT_DIR", QDir::tempPath());
        QVERIFY(img.save(dir + QStringLiteral("/map-online.png")));
        QTRY_VERIFY(!QDir(controller()->tileCacheDirectory()).entryList(QDir::Files | QDir::NoDotAndDotDot).isEmpty() ||
                    !QDir(controller()->tileCacheDirectory()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());

        // Zoom 6 has no tiles on this "server": the outlines carry the map.
        setCamera(40.85, -74.3, 6.2);
        QTRY_VERIFY_WITH_TIMEOUT((img = grab(), countPixelsNear(img, MapStyle::nationalLine(), 16) > 100), 10000);

        m_panel->setTileUrl({});
        QTRY_COMPARE(root->findChildren<QQuickItem *>(QStringLiteral("eventMap")).size(), 1);
        plugin = m_panel->mapItem()->property("plugin").value<QObject *>();
        QCOMPARE(plugin->property("name").toString(), QStringLiteral("itemsoverlay"));
    }
};

QTEST_MAIN(TestMapPanel)
#include "tst_mappanel.moc"

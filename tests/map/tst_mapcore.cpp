#include "MapCamera.h"
#include "MapSnapshot.h"

#include <QTest>

#include <cmath>

using namespace oc;

class TestMapCore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cameraRoundTrip()
    {
        for (double bearing : {0.0, 30.0, 271.0}) {
            const MapCamera cam(39.5, -98.35, 5.25, bearing, QSizeF(1000, 700));
            for (const QPointF &ll : {QPointF(-73.99, 40.75), QPointF(-122.33, 47.61), QPointF(-98.35, 39.5)}) {
                const QPointF s = cam.toScreen(ll.x(), ll.y());
                const QPointF back = cam.toGeo(s);
                QVERIFY(std::abs(back.x() - ll.x()) < 1e-9);
                QVERIFY(std::abs(back.y() - ll.y()) < 1e-9);
            }
        }
        const MapCamera cam(0, 0, 0, 0, QSizeF(256, 256));
        QCOMPARE(cam.toScreen(0, 0), QPointF(128, 128));
        QCOMPARE(cam.toScreen(-180, 0).x(), 0.0);
        QCOMPARE(cam.clusterZoom(512), -1.0);
    }

    void nearestCopyAcrossTheAntimeridian()
    {
        // Looking at Alaska: +178.5 lies just west of -180, not 360 degrees east.
        const MapCamera cam(58, -160, 4, 0, QSizeF(1000, 700));
        const QPointF adak = cam.toScreen(178.5, 51.9);
        const QPointF juneau = cam.toScreen(-134.4, 58.3);
        QVERIFY(adak.x() < juneau.x());
        QVERIFY(adak.x() > -200);
        const MapCamera::Box box = MapCamera(55, 180, 4, 0, QSizeF(1000, 700)).visibleBox(0);
        QVERIFY(box.west > box.east); // crosses the antimeridian
        const MapCamera::Box world = MapCamera(0, 0, 0.5, 0, QSizeF(2000, 700)).visibleBox(0);
        QCOMPARE(world.west, -180.0);
        QCOMPARE(world.east, 180.0);
    }

    void snapshotFiltersCountsAndSorts()
    {
        std::vector<MapPoint> points;
        auto add = [&](double lat, double lng, int state, qint64 campaign, bool located = true) {
            MapPoint p;
            p.lat = lat;
            p.lng = lng;
            p.hasLocation = located;
            p.state = std::uint8_t(state);
            p.campaignId = campaign;
            p.startsMs = 1000;
            p.rsvps = 2;
            points.push_back(p);
        };
        add(40.75, -73.99, 1, 1); // New York
        add(40.70, -74.05, 0, 1); // Jersey City
        add(41.88, -87.63, 1, 2); // Chicago
        add(0, 0, 1, 1, false); // no location
        add(0, 0, 3, 2, false); // no location, cancelled

        MapSearch search;
        search.active = true;
        search.lat = 40.75;
        search.lng = -73.99;
        search.radiusMiles = 50;
        const MapSnapshot s = MapSnapshot::build(points, MapFilter {}, search, ClusterOptions {}, nullptr);
        QCOMPARE(s.totalEvents, 5);
        QCOMPARE(s.mappedEvents, 3);
        QCOMPARE(s.unlocatedRows, (std::vector<int> {3, 4}));
        QCOMPARE(s.nearest.size(), std::size_t(2));
        QCOMPARE(s.nearest[0].row, 0);
        QCOMPARE(s.nearest[1].row, 1);
        QVERIFY(s.nearest[0].miles < s.nearest[1].miles);
        QCOMPARE(s.index->pointCount(), std::size_t(3));

        MapFilter f;
        f.states = 1 << 1;
        f.campaignId = 1;
        const MapSnapshot g = MapSnapshot::build(points, f, search, ClusterOptions {}, nullptr);
        QCOMPARE(g.mappedEvents, 1);
        QCOMPARE(g.unlocatedRows, (std::vector<int> {3}));

        // A moved search reuses the index it is given.
        search.lat = 41.88;
        search.lng = -87.63;
        const MapSnapshot h = MapSnapshot::build(points, MapFilter {}, search, ClusterOptions {}, s.index);
        QCOMPARE(h.index.get(), s.index.get());
        QCOMPARE(h.nearest.size(), std::size_t(1));
        QCOMPARE(h.nearest[0].row, 2);

        MapFilter dates;
        dates.fromMs = 2000;
        QCOMPARE(MapSnapshot::build(points, dates, search, ClusterOptions {}, nullptr).matchingEvents, 0);
    }
};

QTEST_GUILESS_MAIN(TestMapCore)
#include "tst_mapcore.moc"

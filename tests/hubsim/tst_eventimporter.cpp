#include "EventImporter.h"
#include "Migrator.h"
#include "PgSession.h"
#include "Seeder.h"
#include "TestDatabase.h"

#include <QTemporaryDir>
#include <QTest>

using namespace oc;

class TestEventImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void csvKeepsGoodRowsAndReportsEachBadOne()
    {
        const QByteArray csv =
            "title,starts_at,latitude,longitude,capacity,city,state,timezone\n"
            "Good one,2026-12-01T18:00:00Z,40.71,-74.00,50,New York,NY,America/New_York\n" // 1 ok
            "\"Quoted, with comma\",2026-12-01T18:00:00Z,42.36,-71.06,20,Boston,MA,\n" // 2 ok
            "No coords,2026-12-01T18:00:00Z,,,10,Nowhere,NY,\n" // 3 missing
            "Null island,2026-12-01T18:00:00Z,0,0,10,Null,NY,\n" // 4 (0,0)
            "Too far north,2026-12-01T18:00:00Z,91.5,-74,10,North,NY,\n" // 5 range
            "No size,2026-12-01T18:00:00Z,40.1,-75.1,,Phila,PA,\n" // 6 null size
            "Good one,2026-12-01T18:00:00Z,40.71,-74.00,50,New York,NY,America/New_York\n" // 7 duplicate of 1
            "Bad time,next tuesday,40.2,-75.2,10,X,PA,\n" // 8 time
            "\"=HYPERLINK(\"\"http://evil\"\")\",2026-12-01T18:00:00Z,41,-73,5,Town,CT,\n" // 9 ok (text is data)
            "Short row,2026-12-01T18:00:00Z\n" // 10 field count
            "Bad zone,2026-12-01T18:00:00Z,40.3,-75.3,10,X,PA,Mars/Olympus\n"; // 11 tz
        const auto r = EventImporter::importCsv(csv);
        QVERIFY(r.fatal.isEmpty());
        QCOMPARE(r.events.size(), 3);
        QCOMPARE(r.events.at(1).title, QStringLiteral("Quoted, with comma"));
        QCOMPARE(r.events.at(2).title, QStringLiteral("=HYPERLINK(\"http://evil\")"));
        QMap<int, QString> reasons;
        for (const auto &rej : r.rejected)
            reasons.insert(rej.row, rej.reason);
        QCOMPARE(reasons.size(), 8);
        QVERIFY(reasons.value(3).contains(QStringLiteral("missing coordinates")));
        QVERIFY(reasons.value(4).contains(QStringLiteral("(0, 0)")));
        QVERIFY(reasons.value(5).contains(QStringLiteral("out of range")));
        QVERIFY(reasons.value(6).contains(QStringLiteral("size")));
        QVERIFY(reasons.value(7).contains(QStringLiteral("duplicate of row 1")));
        QVERIFY(reasons.value(8).contains(QStringLiteral("start time")));
        QVERIFY(reasons.value(10).contains(QStringLiteral("fields")));
        QVERIFY(reasons.value(11).contains(QStringLiteral("time zone")));
    }

    void geoJsonKeepsGoodFeatures()
    {
        const QByteArray json = R"({"type":"FeatureCollection","features":[
          {"type":"Feature","geometry":{"type":"Point","coordinates":[-122.42,37.77]},
           "properties":{"title":"SF rally","starts_at":"2026-12-02T17:00:00-08:00","capacity":100,"state":"ca","timezone":"America/Los_Angeles"}},
          {"type":"Feature","geometry":null,"properties":{"title":"No geometry","starts_at":"2026-12-02T17:00:00Z","capacity":5}},
          {"type":"Feature","geometry":{"type":"Point","coordinates":[0,0]},"properties":{"title":"Zero","starts_at":"2026-12-02T17:00:00Z","capacity":5}},
          {"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,1],[1,2]]},"properties":{"title":"Line"}},
          {"type":"Feature","geometry":{"type":"Point","coordinates":[-200,37]},"properties":{"title":"Far west","starts_at":"2026-12-02T17:00:00Z","capacity":5}},
          {"type":"Feature","geometry":{"type":"Point","coordinates":[-73.9,40.7]},"properties":{"title":"Null size","starts_at":"2026-12-02T17:00:00Z","capacity":null}}
        ]})";
        const auto r = EventImporter::importGeoJson(json);
        QVERIFY(r.fatal.isEmpty());
        QCOMPARE(r.events.size(), 1);
        QCOMPARE(r.events.first().state, QStringLiteral("CA"));
        QCOMPARE(r.events.first().longitude, -122.42);
        QCOMPARE(r.rejected.size(), 5);
        QVERIFY(r.rejected.at(0).reason.contains(QStringLiteral("missing coordinates")));
        QVERIFY(r.rejected.at(2).reason.contains(QStringLiteral("not a Point")));
    }

    void unreadableFilesGiveAClearMessage()
    {
        QVERIFY(EventImporter::importGeoJson("{not json").fatal.contains(QStringLiteral("not valid JSON")));
        QVERIFY(
            EventImporter::importGeoJson(R"({"type":"Feature"})").fatal.contains(QStringLiteral("FeatureCollection")));
        QVERIFY(EventImporter::importCsv("name,city\nx,y\n").fatal.contains(QStringLiteral("latitude")));
        QVERIFY(EventImporter::importFile(QStringLiteral("/nonexistent/events.csv"))
                    .fatal.contains(QStringLiteral("cannot read")));
    }

    void importedRowsLandInTheDatabase()
    {
        QString err;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&err), qPrintable(err));
        PgSession s(test::TestDatabase::instance().freshDatabase(QStringLiteral("import_db")));
        Seeder::Options o;
        o.events = 10;
        o.supporters = 50;
        o.rsvps = 100;
        const qint64 campaign = Seeder(s).seed(o);
        QCOMPARE(s.exec("SELECT count(*) FROM events").toInt64(0, 0), 10);
        QCOMPARE(s.exec("SELECT count(*) FROM rsvps").toInt64(0, 0), 100);
        // Seeding again is a no-op: the campaign already exists.
        QCOMPARE(Seeder(s).seed(o), campaign);
        QCOMPARE(s.exec("SELECT count(*) FROM events").toInt64(0, 0), 10);
        const auto r = EventImporter::importCsv("title,starts_at,lat,lng,size\n"
                                                "Robert'); DROP TABLE events;--,2026-12-01T18:00:00Z,40,-74,5\n"
                                                "<b>bold</b>,2026-12-01T18:00:00Z,41,-74,5\n");
        QCOMPARE(r.events.size(), 2);
        QCOMPARE(Seeder(s).insertImported(campaign, r.events), 2);
        QCOMPARE(s.exec("SELECT count(*) FROM events WHERE approval_status = 'needs_approval' AND title LIKE 'Robert%'")
                     .toInt64(0, 0),
                 1);
        QCOMPARE(s.exec("SELECT title FROM events ORDER BY id DESC LIMIT 1").text(0, 0), QStringLiteral("<b>bold</b>"));
    }
};

QTEST_GUILESS_MAIN(TestEventImporter)
#include "tst_eventimporter.moc"

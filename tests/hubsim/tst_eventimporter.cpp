#include "EventImporter.h"
#include "Migrator.h"
#include "PgSession.h"
#include "Seeder.h"
#include "TestDatabase.h"

#include <QTemporaryDir>
#include <QTimeZone>
#include <QTest>

using namespace oc;
using namespace oc::sim;

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
            "No size,2026-12-01T18:00:00Z,40.1,-75.1,,Phila,PA,\n" // 6 ok: size unknown
            "Good one,2026-12-01T19:00:00Z,40.71,-74.00,50,New York,NY,America/New_York\n" // 7 duplicate of 1
            "Bad time,next tuesday,40.2,-75.2,10,X,PA,\n" // 8 time
            "\"=HYPERLINK(\"\"http://evil\"\")\",2026-12-01T18:00:00Z,41,-73,5,Town,CT,\n" // 9 ok (text is data)
            "Short row,2026-12-01T18:00:00Z\n" // 10 field count
            "Bad zone,2026-12-01T18:00:00Z,40.3,-75.3,10,X,PA,Mars/Olympus\n"; // 11 ok, zone from the state
        const auto r = EventImporter::importCsv(csv);
        QVERIFY(r.fatal.isEmpty());
        QCOMPARE(r.events.size(), 5);
        QCOMPARE(r.events.at(1).title, QStringLiteral("Quoted, with comma"));
        QCOMPARE(r.events.at(2).capacity, 0);
        QCOMPARE(r.events.at(3).title, QStringLiteral("=HYPERLINK(\"http://evil\")"));
        QCOMPARE(r.events.at(4).timezone, QStringLiteral("America/New_York"));
        QMap<int, QString> reasons;
        for (const auto &rej : r.rejected)
            reasons.insert(rej.row, rej.reason);
        QCOMPARE(reasons.keys(), (QList<int> {3, 4, 5, 8, 10}));
        QVERIFY(reasons.value(3).contains(QStringLiteral("missing coordinates")));
        QVERIFY(reasons.value(4).contains(QStringLiteral("(0, 0)")));
        QVERIFY(reasons.value(5).contains(QStringLiteral("out of range")));
        QVERIFY(reasons.value(8).contains(QStringLiteral("start")));
        QVERIFY(reasons.value(10).contains(QStringLiteral("fields")));
        QCOMPARE(r.duplicates.size(), 1);
        QCOMPARE(r.duplicates.first().row, 7);
        QVERIFY(r.duplicates.first().reason.contains(QStringLiteral("row 1")));
        QCOMPARE(r.warnings.size(), 1);
        QCOMPARE(r.warnings.first().row, 11);
        QVERIFY(r.warnings.first().reason.contains(QStringLiteral("time zone")));
        // The report begins with the mapping.
        QVERIFY(r.lines().first().startsWith(QStringLiteral("MAPPING")));
        QVERIFY(r.lines().contains(QStringLiteral("MAPPING size <- \"capacity\"")));
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
          {"type":"Feature","geometry":{"type":"Point","coordinates":[-73.9,40.7]},"properties":{"title":"Null size","starts_at":"2026-12-02T17:00:00Z","capacity":null}},
          {"type":"Feature","geometry":{"type":"Point","coordinates":[-87.6,41.9]},"properties":{"name":"Size not capacity","date":"2026-12-02","size":41.6}}
        ]})";
        const auto r = EventImporter::importGeoJson(json);
        QVERIFY(r.fatal.isEmpty());
        QCOMPARE(r.events.size(), 3);
        QCOMPARE(r.events.first().state, QStringLiteral("CA"));
        QCOMPARE(r.events.first().longitude, -122.42);
        QCOMPARE(r.events.at(1).capacity, 0);
        // The GeoJSON path reads the same synonyms as CSV: name, date, size.
        QCOMPARE(r.events.at(2).title, QStringLiteral("Size not capacity"));
        QCOMPARE(r.events.at(2).capacity, 42);
        QVERIFY(r.events.at(2).allDay);
        QCOMPARE(r.events.at(2).timezone, QStringLiteral("America/Chicago")); // from the coordinates
        QCOMPARE(r.events.at(2).startsAt, QDateTime(QDate(2026, 12, 2), QTime(0, 0), QTimeZone("America/Chicago")));
        QCOMPARE(r.rejected.size(), 4);
        QVERIFY(r.rejected.at(0).reason.contains(QStringLiteral("missing coordinates")));
        QVERIFY(r.rejected.at(2).reason.contains(QStringLiteral("not a Point")));
    }

    void fieldNamesIgnoreCaseAndSeparators()
    {
        for (const char *name : {"Start Time", "start_time", "start-time", "START.TIME", "StartTime"})
            QCOMPARE(FieldMapping::fieldNamed(QString::fromLatin1(name)), FieldMapping::Field::Start);
        QCOMPARE(FieldMapping::fieldNamed(QStringLiteral("Max Attendees")), FieldMapping::Field::Size);
        QCOMPARE(FieldMapping::fieldNamed(QStringLiteral("y")), FieldMapping::Field::Latitude);
        QCOMPARE(FieldMapping::fieldNamed(QStringLiteral("LNG")), FieldMapping::Field::Longitude);
        QVERIFY(!FieldMapping::fieldNamed(QStringLiteral("crowd")));
        FieldMapping m;
        QString err;
        QVERIFY(m.addOverride(QStringLiteral("size=Crowd"), &err));
        QVERIFY(!m.addOverride(QStringLiteral("crowd=Size"), &err));
        QVERIFY(err.contains(QStringLiteral("unknown field")));
        QVERIFY(!m.addOverride(QStringLiteral("size"), &err));
        const auto resolved =
            m.resolve({QStringLiteral("Name"), QStringLiteral("Size"), QStringLiteral("crowd")}, &err);
        QVERIFY(resolved);
        QCOMPARE(resolved->indexOf(FieldMapping::Field::Size), 2); // --map wins over the synonym
        QCOMPARE(resolved->indexOf(FieldMapping::Field::Title), 0);
        QVERIFY(!m.resolve({QStringLiteral("Name")}, &err));
        QVERIFY(err.contains(QStringLiteral("no column")));
    }

    void realWorldValues()
    {
        const QByteArray csv = "Name,Date,Start Time,Expected,Lat,Lon,State,Zip\n"
                               "A,2017-04-22,,12.5,47.6,-122.3,WA,\n" // 1 all-day Seattle, 13
                               "B,2017-04-22,6:30 PM,0,47.6,-122.3,WA,\n" // 2 timed, size unknown + warning
                               "C,4/22/2017,,-3,0,0,,02139\n" // 3 placed by ZIP, all-day in Boston's zone
                               "D,2017-04-22,,about 1200,61.2,-149.9,,\n" // 4 zone from the coordinates
                               "E,2017-04-22T10:00:00+02:00,,,48.85,2.35,,\n"; // 5 abroad, explicit offset
        const auto r = EventImporter::importCsv(csv);
        QVERIFY(r.fatal.isEmpty());
        QCOMPARE(r.events.size(), 5);
        const auto &a = r.events.at(0);
        QVERIFY(a.allDay);
        QCOMPARE(a.capacity, 13);
        QCOMPARE(a.startsAt, QDateTime(QDate(2017, 4, 22), QTime(0, 0), QTimeZone("America/Los_Angeles")));
        const auto &b = r.events.at(1);
        QVERIFY(!b.allDay);
        QCOMPARE(b.capacity, 0);
        QCOMPARE(b.startsAt, QDateTime(QDate(2017, 4, 22), QTime(18, 30), QTimeZone("America/Los_Angeles")));
        const auto &c = r.events.at(2);
        QVERIFY(c.placedByZip && c.allDay);
        QCOMPARE(c.timezone, QStringLiteral("America/New_York"));
        QVERIFY(std::abs(c.latitude - 42.37) < 0.05);
        QCOMPARE(r.events.at(3).timezone, QStringLiteral("America/Anchorage"));
        QCOMPARE(r.events.at(3).capacity, 1200);
        QCOMPARE(r.events.at(4).startsAt.toUTC(), QDateTime(QDate(2017, 4, 22), QTime(8, 0), QTimeZone::UTC));
        QCOMPARE(r.allDayCount(), 3);
        QCOMPARE(r.placedByZipCount(), 1);
        QCOMPARE(r.withoutSizeCount(), 3);
        QStringList warned;
        for (const auto &w : r.warnings)
            warned << QString::number(w.row);
        QCOMPARE(warned, (QStringList {"2", "3", "3"})); // size 0; size -3 and (0, 0) placed by ZIP
    }

    void excerptsAreSanitized()
    {
        QCOMPARE(EventImporter::sanitizedExcerpt(QStringLiteral("=1+1")), QStringLiteral("'=1+1"));
        QCOMPARE(EventImporter::sanitizedExcerpt(QStringLiteral("@SUM(A1)")), QStringLiteral("'@SUM(A1)"));
        QCOMPARE(EventImporter::sanitizedExcerpt(QStringLiteral("-5")), QStringLiteral("-5"));
        const QString esc = EventImporter::sanitizedExcerpt(QStringLiteral("\x1b[2Jred\nline\u202e"));
        QVERIFY(!esc.contains(QChar(0x1b)) && !esc.contains(QChar(0x202e)) && !esc.contains(u'\n'));
        QVERIFY(esc.contains(QStringLiteral("red line")));
        QCOMPARE(EventImporter::sanitizedExcerpt(QString(200, u'x')).size(), 80);
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

    void seedingNoEventsSeedsNoRsvps()
    {
        // Was: null value in column "event_id" of relation "rsvps".
        QString err;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&err), qPrintable(err));
        PgSession s(test::TestDatabase::instance().freshDatabase(QStringLiteral("seed_none")));
        Seeder::Options o;
        o.events = 0;
        o.supporters = 10;
        o.rsvps = 100;
        QVERIFY(Seeder(s).seed(o) > 0);
        QCOMPARE(s.exec("SELECT count(*) FROM events").toInt64(0, 0), 0);
        QCOMPARE(s.exec("SELECT count(*) FROM rsvps").toInt64(0, 0), 0);
    }

    void unknownSizesAndAllDayReachTheDatabase()
    {
        QString err;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&err), qPrintable(err));
        PgSession s(test::TestDatabase::instance().freshDatabase(QStringLiteral("import_allday")));
        const qint64 campaign =
            s.exec("INSERT INTO campaigns (slug, title) VALUES ('c', 'C') RETURNING id").toInt64(0, 0);
        const auto r = EventImporter::importCsv("title,date,lat,lng,size,state\n"
                                                "All day,2017-04-22,40,-74,,NY\n"
                                                "Timed,2017-04-22T18:00:00,40,-74,7,NY\n");
        QCOMPARE(Seeder(s).insertImported(campaign, r.events), 2);
        const DbTable t = s.exec("SELECT all_day, capacity IS NULL, extract(epoch FROM ends_at - starts_at)::int, "
                                 "host_id IS NULL FROM events ORDER BY id");
        QVERIFY(t.toBool(0, 0) && t.toBool(0, 1) && t.toBool(0, 3));
        QCOMPARE(t.toInt64(0, 2), 24 * 3600);
        QVERIFY(!t.toBool(1, 0) && !t.toBool(1, 1));
        QCOMPARE(t.toInt64(1, 2), 2 * 3600);
        QCOMPARE(s.exec("SELECT count(*) FROM hosts").toInt64(0, 0), 0); // no host named: no host row
    }
};

QTEST_GUILESS_MAIN(TestEventImporter)
#include "tst_eventimporter.moc"

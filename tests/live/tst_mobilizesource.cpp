#include "EventTableModel.h"
#include "MobilizeRows.h"
#include "MobilizeSource.h"
#include "PgAsyncConnection.h"
#include "PgSession.h"
#include "SourceDetector.h"
#include "StateTotalsModel.h"
#include "TestDatabase.h"
#include "TopEventsModel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <thread>

using namespace oc;

namespace {

QByteArray mirrorSchema()
{
    QFile f(QStringLiteral(":/oc/sql/mobilize/mirror.sql"));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// 20 events of organization 1 (event 10 is organization 2's, promoted; every
// seventh has no coordinates), two timeslots each (ids e and 20 + e).
void createMirror(PgSession &s)
{
    const QByteArray schema = mirrorSchema();
    QVERIFY(!schema.isEmpty());
    s.execScript(schema);
    s.execScript(
        "INSERT INTO mobilize_private.organizations (id, name, slug) VALUES (1, 'Us', 'us'), (2, 'Partner', "
        "'partner');"
        "INSERT INTO mobilize_private.mirror_settings (viewing_organization_id) VALUES (1);"
        "INSERT INTO mobilize_private.event_campaigns (id, organization_id, slug) VALUES (1, 1, 'spring'), "
        "(2, 1, 'fall'), (3, 2, 'partner-drive');"
        "INSERT INTO mobilize_private.events (id, title, organization_id, location__lat, location__lon, "
        "location__region, event_campaign_id, approval_status, browser_url) "
        "SELECT g, 'Event ' || g, CASE WHEN g = 10 THEN 2 ELSE 1 END, "
        "CASE WHEN g % 7 = 0 THEN NULL ELSE 40 + g * 0.01 END, CASE WHEN g % 7 = 0 THEN NULL ELSE -75 - g * 0.01 END, "
        "'NY', CASE WHEN g = 10 THEN 3 ELSE 1 + g % 2 END, CASE WHEN g = 3 THEN 'NEEDS_APPROVAL' ELSE 'APPROVED' END, "
        "'https://www.mobilize.us/us/event/' || g || '/' FROM generate_series(1, 20) g;"
        "INSERT INTO mobilize_private.timeslots (id, event_id, start_date, end_date) "
        "SELECT g, g, now() + interval '1 day', now() + interval '1 day 2 hours' FROM generate_series(1, 20) g;"
        "INSERT INTO mobilize_private.timeslots (id, event_id, start_date, end_date, max_attendees) "
        "SELECT 20 + g, g, now() + interval '2 days', now() + interval '2 days 2 hours', 50 "
        "FROM generate_series(1, 20) g;");
}

// n participations on random timeslots, modified `age` ago (a row that
// becomes visible late: committed now, dated in the past).
void insertParticipations(PgSession &s, int n, const char *status = "REGISTERED", bool crossFirewall = false,
                          const char *age = "0 seconds")
{
    s.exec(DbQuery("INSERT INTO mobilize_private.participations (event_id, timeslot_id, status, cross_firewall, "
                   "created_date, modified_date) "
                   "SELECT t.event_id, t.id, $2, $3, now() - $4::interval, now() - $4::interval "
                   "FROM (SELECT 1 + (random() * 39)::int AS ts FROM generate_series(1, $1)) r "
                   "JOIN mobilize_private.timeslots t ON t.id = r.ts")
               .bind(n)
               .bind(status)
               .bind(crossFirewall)
               .bind(age));
}

void cancelSome(PgSession &s, int n)
{
    s.exec(DbQuery("UPDATE mobilize_private.participations SET status = 'CANCELLED', modified_date = now() "
                   "WHERE id IN (SELECT id FROM mobilize_private.participations WHERE status <> 'CANCELLED' "
                   "AND NOT cross_firewall ORDER BY random() LIMIT $1)")
               .bind(n));
}

QHash<qint64, qint64> countsInViews(PgSession &s)
{
    QHash<qint64, qint64> out;
    const DbTable t = s.exec(MobilizeRows::exactCountsSql());
    for (int r = 0; r < t.rowCount(); ++r)
        out.insert(t.toInt64(r, 0), t.toInt64(r, 1));
    return out;
}

qint64 totalInViews(PgSession &s)
{
    return s
        .exec("SELECT count(*) FROM participations p JOIN timeslots t ON t.id = p.timeslot_id AND t.deleted_date IS "
              "NULL JOIN events e ON e.id = p.event_id AND e.deleted_date IS NULL WHERE p.status <> 'CANCELLED'")
        .toInt64(0, 0);
}

QHash<qint64, qint64> countsInSource(const MobilizeSource &src)
{
    QHash<qint64, qint64> out;
    qint64 sum = 0;
    for (const EventRecord &e : src.events()) {
        sum += e.rsvps;
        if (e.rsvps)
            out.insert(e.id, e.rsvps);
    }
    if (sum != src.totalRsvps())
        out.insert(-1, src.totalRsvps() - sum); // a total that disagrees with its events fails the compare
    return out;
}

MobilizeSource::Timing fastTiming()
{
    MobilizeSource::Timing t;
    t.baseIntervalMs = 50;
    t.minOverlapMs = 200;
    t.fastOverlapMs = 2000;
    t.overlapMs = 60'000;
    t.sweepEveryMs = 300;
    t.metadataEveryMs = 200;
    t.reconcileEveryMs = 3'600'000; // the tests trigger it
    t.stateChunkIds = 10; // many chunks, so writers run while the state loads
    // The test mirror has no index on modified_date, so every tail "scans";
    // at 50x a batch the cadence would follow the machine's speed (seconds
    // under the sanitizers) instead of the test's. planCheck covers pacing.
    t.scanPaceFactor = 2.0;
    t.paceFactor = 2.0; // likewise with an index: pacesByServerTime covers it
    return t;
}

// Enough ticks for several sweeps of the whole overlap window.
void waitSweeps(const MobilizeSource &src)
{
    const qint64 t0 = src.ticks();
    QTRY_VERIFY_WITH_TIMEOUT(src.ticks() > t0 + 12, 20000);
}

} // namespace

class TestMobilizeSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString err;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&err), qPrintable(err));
    }

    void planCheck()
    {
        const QStringList seq {QStringLiteral("Hash Join  (cost=1.45..30.2 rows=3 width=40)"),
                               QStringLiteral("  ->  Seq Scan on participations pa  (cost=0.00..28.5 rows=3 width=36)"),
                               QStringLiteral("        Filter: (modified_date > ('1970-01-01'::timestamptz + ...))"),
                               QStringLiteral("  ->  Hash  (cost=1.2..1.2 rows=20 width=8)"),
                               QStringLiteral("        ->  Seq Scan on events e  (cost=0.00..1.2 rows=20 width=8)")};
        QString rel;
        QVERIFY(MobilizeRows::planScansForModifiedDate(seq, &rel));
        QCOMPARE(rel, QStringLiteral("participations"));
        const QStringList idx {
            QStringLiteral("Hash Join  (cost=1.45..30.2 rows=3 width=40)"),
            QStringLiteral("  ->  Index Scan using p_mod on participations pa  (cost=0.29..8.3 rows=3 width=36)"),
            QStringLiteral("        Index Cond: (modified_date > ('1970-01-01'::timestamptz + ...))"),
            QStringLiteral("  ->  Hash  (cost=1.2..1.2 rows=20 width=8)"),
            QStringLiteral("        ->  Seq Scan on events e  (cost=0.00..1.2 rows=20 width=8)"),
            QStringLiteral("              Filter: (organization_id = 1)")};
        QVERIFY(!MobilizeRows::planScansForModifiedDate(idx));
        // The state load's id range: "id" is a word of its own, not event_id.
        const QStringList byEvent {QStringLiteral("Seq Scan on participations pa  (cost=0.00..28.5 rows=3 width=36)"),
                                   QStringLiteral("  Filter: (event_id = ANY ('{1,2}'::integer[]))")};
        QVERIFY(!MobilizeRows::planScansFor(byEvent, QStringLiteral("id")));
        const QStringList byId {QStringLiteral("Seq Scan on participations pa  (cost=0.00..28.5 rows=3 width=36)"),
                                QStringLiteral("  Filter: ((pa.id >= '1'::bigint) AND (pa.id < '11'::bigint))")};
        QVERIFY(MobilizeRows::planScansFor(byId, QStringLiteral("id"), &rel));
        QCOMPARE(rel, QStringLiteral("participations"));
    }

    // Every phase of the issue, one after the other; after each the
    // console's totals equal count(*) over the views.
    void exactThroughPhases()
    {
        const QString ci = test::TestDatabase::instance().emptyDatabase(QStringLiteral("mob_phases"));
        PgSession s(ci);
        createMirror(s);
        if (QTest::currentTestFailed())
            return;
        insertParticipations(s, 300);
        insertParticipations(s, 40, "CONFIRMED");
        insertParticipations(s, 30, "CANCELLED");
        insertParticipations(s, 25, "REGISTERED", true); // cross-firewall: event_id null in the view
        QCOMPARE(s.exec("SELECT count(*) FROM participations WHERE event_id IS NULL").toInt64(0, 0), 25);

        PgAsyncConnection c;
        c.open(ci);
        MobilizeSource src(&c);
        src.setTiming(fastTiming());
        QSignalSpy snap(&src, &LiveSource::snapshotLoaded);
        src.start();
        QVERIFY(snap.wait(15000));
        // First totals from the GROUP BY, before the state has loaded.
        QCOMPARE(src.totalRsvps(), 340);
        QCOMPARE(countsInSource(src), countsInViews(s));
        QTRY_VERIFY_WITH_TIMEOUT(src.stateLoaded(), 15000);
        QCOMPARE(src.trackedParticipations(), 340);
        QCOMPARE(countsInSource(src), countsInViews(s));
        // The participations' statements come back in binary; their times
        // read as the same microseconds as extract's exact numeric, on
        // every row.
        {
            const DbTable bin = s.exec(
                MobilizeRows::query(MobilizeRows::Statement::ParticipationChunk).bind(qint64(0)).bind(qint64(1) << 40));
            QVERIFY(bin.isBinary(int(MobilizeRows::ParticipationCol::ModifiedUs)));
            QCOMPARE(bin.rowCount(), 340);
            QHash<qint64, QPair<qint64, qint64>> exact;
            const DbTable txt = s.exec("SELECT id, (extract(epoch FROM created_date) * 1000000)::bigint, "
                                       "(extract(epoch FROM modified_date) * 1000000)::bigint FROM participations");
            for (int r = 0; r < txt.rowCount(); ++r)
                exact.insert(txt.toInt64(r, 0), {txt.toInt64(r, 1), txt.toInt64(r, 2)});
            for (int r = 0; r < bin.rowCount(); ++r) {
                const auto want = exact.value(bin.toInt64(r, int(MobilizeRows::ParticipationCol::Id)));
                QCOMPARE(bin.toEpochMicros(r, int(MobilizeRows::ParticipationCol::CreatedUs)), want.first);
                QCOMPARE(bin.toEpochMicros(r, int(MobilizeRows::ParticipationCol::ModifiedUs)), want.second);
            }
        }

        // Events, campaigns, promotion, no location never (0, 0).
        QCOMPARE(src.events().size(), size_t(20));
        QCOMPARE(src.campaigns().size(), 3);
        QVERIFY(src.event(10)->promoted);
        QVERIFY(!src.event(1)->promoted);
        QVERIFY(!src.event(7)->hasLocation());
        QVERIFY(!src.event(14)->latitude.has_value());
        QVERIFY(src.event(1)->hasLocation());
        QCOMPARE(src.totals().eventsWithoutLocation, 2);
        QCOMPARE(src.totals().eventsNeedingReview, 1);
        QCOMPARE(src.event(1)->browserUrl, QStringLiteral("https://www.mobilize.us/us/event/1/"));
        QVERIFY(src.event(1)->startsAt.isValid());
        QCOMPARE(src.capabilities(), LiveSource::Capabilities(LiveSource::Capability::None));
        // The test mirror has no index on modified_date.
        QVERIFY2(!src.costWarning().isEmpty(), "EXPLAIN found no whole-relation scan");
        // Paced by what the last batch cost the server (its own clock) when
        // it carried one, else by what the client saw.
        const double paced = src.lastServerMs() >= 0 ? src.lastServerMs() : src.lastBatchMs();
        QVERIFY(src.intervalMs() >= int(src.timing().scanPaceFactor * paced) - 1);
        QCOMPARE(MobilizeSource::Timing().scanPaceFactor, 60.0); // what a real console waits

        // A reconciliation right after the snapshot finds nothing to correct.
        QSignalSpy rec(&src, &MobilizeSource::reconciled);
        src.reconcileNow();
        QTRY_COMPARE_WITH_TIMEOUT(rec.count(), 1, 15000);
        QCOMPARE(rec.at(0).at(0).toLongLong(), 0);

        // New sign-ups and cancellations.
        QSignalSpy counts(&src, &LiveSource::rsvpCountsChanged);
        insertParticipations(s, 120);
        cancelSome(s, 45);
        QTRY_COMPARE_WITH_TIMEOUT(src.totalRsvps(), totalInViews(s), 15000);
        QCOMPARE(countsInSource(src), countsInViews(s));
        QVERIFY(counts.count() > 0);

        // Rows visible late, dated inside the overlap window but before the
        // per-tick overlap: counted by the next sweep, exactly once. Until
        // then nothing was late, and the tick re-read little.
        QVERIFY2(src.tickOverlapMs() < 1000, qPrintable(QString::number(src.tickOverlapMs())));
        const qint64 beforeLate = totalInViews(s);
        insertParticipations(s, 17, "REGISTERED", false, "20 seconds");
        QCOMPARE(totalInViews(s), beforeLate + 17);
        QTRY_COMPARE_WITH_TIMEOUT(src.totalRsvps(), beforeLate + 17, 15000);
        // Seen 20 s late: the tick re-reads as far as it may.
        QCOMPARE(src.tickOverlapMs(), fastTiming().fastOverlapMs);
        waitSweeps(src);
        QCOMPARE(src.totalRsvps(), beforeLate + 17);
        QCOMPARE(countsInSource(src), countsInViews(s));

        // A row dated before the whole overlap is past the limit: the tails
        // do not see it; the reconciliation does, corrects and logs it.
        insertParticipations(s, 5, "REGISTERED", false, "10 minutes");
        waitSweeps(src);
        QCOMPARE(src.totalRsvps(), totalInViews(s) - 5);
        rec.clear();
        src.reconcileNow();
        QTRY_COMPARE_WITH_TIMEOUT(rec.count(), 1, 15000);
        QCOMPARE(rec.at(0).at(0).toLongLong(), 5);
        QCOMPARE(src.driftCorrected(), 5);
        QCOMPARE(src.totalRsvps(), totalInViews(s));
        QCOMPARE(countsInSource(src), countsInViews(s));
        // ... and a later sweep does not count them again.
        waitSweeps(src);
        QCOMPARE(countsInSource(src), countsInViews(s));

        // Rows more than half the overlap late (40 s of 60 s): a sweep
        // counts them, and since the mirror's lag reaches towards the limit
        // a reconciliation follows without being asked.
        const qint64 recBefore = src.reconciliations();
        rec.clear();
        insertParticipations(s, 4, "REGISTERED", false, "40 seconds");
        QTRY_COMPARE_WITH_TIMEOUT(src.totalRsvps(), totalInViews(s), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(src.reconciliations() > recBefore, 15000);
        QVERIFY(!rec.isEmpty());
        QCOMPARE(rec.last().at(0).toLongLong(), 0); // the sweep had them all: nothing to correct
        QCOMPARE(countsInSource(src), countsInViews(s));

        // A deleted timeslot un-counts its participations; a deleted event
        // leaves with no RSVPs, marked, at the same row.
        QSignalSpy changed(&src, &LiveSource::eventsChanged);
        s.execScript("UPDATE mobilize_private.timeslots SET deleted_date = now(), modified_date = now() WHERE id = 22");
        s.execScript("UPDATE mobilize_private.events SET deleted_date = now(), modified_date = now() WHERE id = 5");
        const int row5 = src.rowOf(5);
        QTRY_VERIFY_WITH_TIMEOUT(src.event(5)->deleted, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(src.totalRsvps(), totalInViews(s), 15000);
        QCOMPARE(countsInSource(src), countsInViews(s));
        QCOMPARE(src.event(5)->rsvps, 0);
        QCOMPARE(src.event(5)->approval, Approval::Cancelled);
        QCOMPARE(src.rowOf(5), row5);
        QVERIFY(changed.count() > 0);
        // Undeleting the timeslot counts them again.
        s.execScript("UPDATE mobilize_private.timeslots SET deleted_date = NULL, modified_date = now() WHERE id = 22");
        QTRY_COMPARE_WITH_TIMEOUT(src.totalRsvps(), totalInViews(s), 15000);
        QCOMPARE(countsInSource(src), countsInViews(s));

        // A cancelled sign-up that registers again, and more cross-firewall rows.
        s.execScript("UPDATE mobilize_private.participations SET status = 'REGISTERED', modified_date = now() "
                     "WHERE id IN (SELECT id FROM mobilize_private.participations WHERE status = 'CANCELLED' "
                     "ORDER BY id LIMIT 7)");
        insertParticipations(s, 10, "REGISTERED", true);
        QTRY_COMPARE_WITH_TIMEOUT(src.totalRsvps(), totalInViews(s), 15000);
        QCOMPARE(countsInSource(src), countsInViews(s));

        // A new event without coordinates.
        s.execScript("INSERT INTO mobilize_private.events (id, title, organization_id, event_campaign_id) "
                     "VALUES (21, 'Ungeocoded', 1, 1)");
        QTRY_VERIFY_WITH_TIMEOUT(src.event(21) != nullptr, 15000);
        QVERIFY(!src.event(21)->hasLocation());
        QCOMPARE(src.totals().eventsWithoutLocation, 3);
    }

    // Writers insert and cancel at once, some holding their transaction
    // open so rows dated at their start become visible a second later.
    void exactUnderConcurrentWriters()
    {
        const QString ci = test::TestDatabase::instance().emptyDatabase(QStringLiteral("mob_concurrent"));
        {
            PgSession s(ci);
            createMirror(s);
            if (QTest::currentTestFailed())
                return;
            insertParticipations(s, 200);
        }
        PgAsyncConnection c;
        c.open(ci);
        MobilizeSource src(&c);
        src.setTiming(fastTiming());
        QSignalSpy snap(&src, &LiveSource::snapshotLoaded);
        src.start();
        QVERIFY(snap.wait(15000));

        std::atomic<bool> failed {false};
        std::vector<std::thread> writers;
        for (int w = 0; w < 3; ++w)
            writers.emplace_back([&, w] {
                try {
                    PgSession s(ci);
                    for (int i = 0; i < 25; ++i) {
                        if (w == 2) {
                            // now() is the transaction's start: committed ~300 ms later.
                            s.transaction([&] {
                                insertParticipations(s, 5);
                                s.execScript("SELECT pg_sleep(0.3)");
                            });
                        } else {
                            insertParticipations(s, 8);
                            cancelSome(s, 3);
                            s.execScript("SELECT pg_sleep(0.02)");
                        }
                    }
                } catch (...) {
                    failed = true;
                }
            });
        // The console reads while they write.
        QTRY_VERIFY_WITH_TIMEOUT(src.ticks() > 20, 20000);
        for (auto &t : writers)
            t.join();
        QVERIFY(!failed);
        PgSession s(ci);
        QTRY_COMPARE_WITH_TIMEOUT(src.totalRsvps(), totalInViews(s), 15000);
        waitSweeps(src);
        QCOMPARE(countsInSource(src), countsInViews(s));
        QSignalSpy rec(&src, &MobilizeSource::reconciled);
        src.reconcileNow();
        QTRY_COMPARE_WITH_TIMEOUT(rec.count(), 1, 15000);
        QCOMPARE(rec.at(0).at(0).toLongLong(), 0);
    }

    // The item models stay consistent when fed by the mirror.
    // With an index the tick waits paceFactor times what the recent ticks
    // cost the server (by the server's own clock), between baseIntervalMs
    // and maxIntervalMs; no cost warning.
    void pacesByServerTime()
    {
        const QString ci = test::TestDatabase::instance().emptyDatabase(QStringLiteral("mob_pacing"));
        PgSession s(ci);
        createMirror(s);
        if (QTest::currentTestFailed())
            return;
        insertParticipations(s, 200);
        // Twenty events are too few for the planner to prefer an index:
        // this database plans like a big mirror that has one.
        s.execScript("CREATE INDEX ON mobilize_private.participations (modified_date);"
                     "CREATE INDEX ON mobilize_private.timeslots (modified_date);"
                     "CREATE INDEX ON mobilize_private.events (modified_date);"
                     "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET enable_seqscan = off', current_database()); "
                     "END $$");
        PgAsyncConnection c;
        c.open(ci);
        MobilizeSource src(&c);
        MobilizeSource::Timing t = fastTiming();
        t.paceFactor = 1e9; // any measured cost at all reaches the ceiling
        t.maxIntervalMs = 300;
        src.setTiming(t);
        src.start();
        QTRY_VERIFY_WITH_TIMEOUT(src.stateLoaded(), 15000);
        QVERIFY2(src.costWarning().isEmpty(), qPrintable(src.costWarning()));
        qint64 ticks = src.ticks();
        QTRY_VERIFY_WITH_TIMEOUT(src.ticks() >= ticks + 3, 15000);
        QCOMPARE(src.intervalMs(), 300);
        // The server's time lies inside what the client waited.
        QVERIFY(src.lastServerMs() > 0);
        QVERIFY2(src.lastServerMs() <= src.lastBatchMs() + 1.0,
                 qPrintable(QStringLiteral("%1 > %2").arg(src.lastServerMs()).arg(src.lastBatchMs())));
        QVERIFY(src.serverMsTotal() >= src.lastServerMs());
        insertParticipations(s, 30);
        QTRY_COMPARE_WITH_TIMEOUT(src.totalRsvps(), totalInViews(s), 15000);

        // No pacing: the base cadence.
        t.paceFactor = 0;
        src.setTiming(t);
        ticks = src.ticks();
        QTRY_VERIFY_WITH_TIMEOUT(src.ticks() >= ticks + 2, 15000);
        QCOMPARE(src.intervalMs(), t.baseIntervalMs);
        // What a real console does: 0.5 % of a core, never staler than the
        // naive dashboard's 5 s.
        QCOMPARE(MobilizeSource::Timing().paceFactor, 200.0);
        QCOMPARE(MobilizeSource::Timing().maxIntervalMs, 5000);
    }

    // Events and timeslots are read at their own cadence, except that a
    // sign-up on a timeslot not read yet brings them on the next tick.
    void newEventJoinsAtOnce()
    {
        const QString ci = test::TestDatabase::instance().emptyDatabase(QStringLiteral("mob_newevent"));
        PgSession s(ci);
        createMirror(s);
        if (QTest::currentTestFailed())
            return;
        insertParticipations(s, 50);
        PgAsyncConnection c;
        c.open(ci);
        MobilizeSource src(&c);
        MobilizeSource::Timing t = fastTiming();
        t.metadataEveryMs = 3'600'000;
        t.sweepEveryMs = 3'600'000;
        src.setTiming(t);
        src.start();
        QTRY_VERIFY_WITH_TIMEOUT(src.stateLoaded(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(src.sweeps(), 1, 15000); // the one after the state load reads everything
        QCOMPARE(src.totalRsvps(), totalInViews(s));

        // An edit alone waits for the events' cadence (or a sweep) ...
        s.execScript("UPDATE mobilize_private.events SET title = 'Renamed', modified_date = now() WHERE id = 2");
        qint64 ticks = src.ticks();
        QTRY_VERIFY_WITH_TIMEOUT(src.ticks() >= ticks + 3, 15000);
        QCOMPARE(src.event(2)->title, QStringLiteral("Event 2"));

        // ... a new event's first sign-ups bring it on the next tick.
        s.execScript("INSERT INTO mobilize_private.events (id, title, organization_id, event_campaign_id, "
                     "location__lat, location__lon, location__region) VALUES (21, 'Pop-up', 1, 1, 34, -118, 'CA');"
                     "INSERT INTO mobilize_private.timeslots (id, event_id, start_date, end_date) "
                     "VALUES (41, 21, now() + interval '1 day', now() + interval '1 day 1 hour');"
                     "INSERT INTO mobilize_private.participations (event_id, timeslot_id) "
                     "SELECT 21, 41 FROM generate_series(1, 30)");
        QTRY_COMPARE_WITH_TIMEOUT(src.totalRsvps(), totalInViews(s), 15000);
        QVERIFY(src.event(21));
        QCOMPARE(src.event(21)->rsvps, 30);
        QCOMPARE(countsInSource(src), countsInViews(s));
        QCOMPARE(src.sweeps(), 1);
        QCOMPARE(src.event(2)->title, QStringLiteral("Renamed")); // read with them
    }

    void modelsPassTester()
    {
        const QString ci = test::TestDatabase::instance().emptyDatabase(QStringLiteral("mob_models"));
        PgSession s(ci);
        createMirror(s);
        if (QTest::currentTestFailed())
            return;
        insertParticipations(s, 100);
        PgAsyncConnection c;
        c.open(ci);
        MobilizeSource src(&c);
        src.setTiming(fastTiming());
        EventTableModel table(&src);
        StateTotalsModel states(&src);
        TopEventsModel top(&src, 5);
        QAbstractItemModelTester t1(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&states, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t3(&top, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy snap(&src, &LiveSource::snapshotLoaded);
        src.start();
        QVERIFY(snap.wait(15000));
        QTRY_COMPARE_WITH_TIMEOUT(table.rowCount(), 20, 5000);
        insertParticipations(s, 60);
        cancelSome(s, 30);
        s.execScript("INSERT INTO mobilize_private.events (id, title, organization_id, event_campaign_id, "
                     "location__lat, location__lon, location__region) VALUES (21, 'New', 1, 1, 34, -118, 'CA')");
        s.execScript("UPDATE mobilize_private.events SET deleted_date = now(), modified_date = now() WHERE id = 2");
        QTRY_COMPARE_WITH_TIMEOUT(table.rowCount(), 21, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(src.totalRsvps(), totalInViews(s), 15000);
        QVERIFY(top.rowCount() > 0);
        QVERIFY(states.rowCount() > 0);
    }

    void detection()
    {
        auto detect = [](const QString &ci, const char *role = nullptr) {
            PgSession s(ci);
            if (role)
                s.execScript(QByteArray("SET ROLE ") + role);
            return SourceDetector::classify(s.exec(SourceDetector::catalogSql()));
        };
        const auto hub = detect(test::TestDatabase::instance().freshDatabase(QStringLiteral("mob_detect_hub")));
        QCOMPARE(hub.kind, SourceDetector::Kind::Hub);

        const QString mirror = test::TestDatabase::instance().emptyDatabase(QStringLiteral("mob_detect_mirror"));
        {
            PgSession s(mirror);
            createMirror(s);
            if (QTest::currentTestFailed())
                return;
            // Roles are cluster-wide: another run's role may be left over.
            s.execScript("DO $$ BEGIN CREATE ROLE oc_mirror_reader NOLOGIN; EXCEPTION WHEN duplicate_object THEN "
                         "NULL; END $$;"
                         "GRANT SELECT ON events, timeslots TO oc_mirror_reader");
        }
        const auto ok = detect(mirror);
        QCOMPARE(ok.kind, SourceDetector::Kind::Mobilize);
        const auto denied = detect(mirror, "oc_mirror_reader");
        QCOMPARE(denied.kind, SourceDetector::Kind::MobilizeNoAccess);
        QVERIFY2(denied.message.contains(QLatin1String("participations")), qPrintable(denied.message));
        QVERIFY2(!denied.message.contains(QLatin1String("timeslots")), qPrintable(denied.message));

        const auto none = detect(test::TestDatabase::instance().emptyDatabase(QStringLiteral("mob_detect_none")));
        QCOMPARE(none.kind, SourceDetector::Kind::Neither);
        QVERIFY2(none.message.contains(QLatin1String("events, timeslots, participations")), qPrintable(none.message));
        QVERIFY2(none.message.contains(QLatin1String("schema_migrations")), qPrintable(none.message));
    }
};

QTEST_GUILESS_MAIN(TestMobilizeSource)
#include "tst_mobilizesource.moc"

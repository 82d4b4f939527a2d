#include "HubFeed.h"
#include "PgAsyncConnection.h"
#include "PgSession.h"
#include "TestDatabase.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <thread>

using namespace oc;

namespace {
void seedEvents(PgSession &s, int n)
{
    s.execScript(
        "INSERT INTO campaigns (slug, title, status, event_goal, rsvp_goal) VALUES ('t', 'Test', 'live', 100, 10000)");
    s.exec(
        DbQuery(
            "INSERT INTO events (campaign_id, title, starts_at, latitude, longitude, capacity, approval_status, state) "
            "SELECT 1, 'Event ' || g, now() + interval '1 day', 40 + g * 0.01, -75 - g * 0.01, 1000, "
            "'approved', 'NY' FROM generate_series(1, $1) g")
            .bind(n));
}

QHash<qint64, qint64> countsInDb(PgSession &s)
{
    QHash<qint64, qint64> out;
    const DbTable t = s.exec("SELECT event_id, count(*) FROM rsvps GROUP BY event_id");
    for (int r = 0; r < t.rowCount(); ++r)
        out.insert(t.toInt64(r, 0), t.toInt64(r, 1));
    return out;
}

QHash<qint64, qint64> countsInFeed(const HubFeed &f)
{
    QHash<qint64, qint64> out;
    for (const EventRecord &e : f.events())
        if (e.rsvps)
            out.insert(e.id, e.rsvps);
    return out;
}

// Every RSVP of the last 24 hours is in exactly one minute of the chart,
// whichever tail (light or exact) read it.
qint64 sumOfMinutes(const HubFeed &f)
{
    qint64 sum = 0;
    for (const auto &[minute, n] : f.rsvpsPerMinute())
        sum += n;
    return sum;
}

// The per-minute chart as the database has it, for the tails that must be exact.
std::map<qint64, qint64> minutesInDb(PgSession &s)
{
    std::map<qint64, qint64> out;
    const DbTable t =
        s.exec("SELECT (extract(epoch FROM date_trunc('minute', created_at)) * 1000)::bigint, count(*) FROM rsvps "
               "GROUP BY 1");
    for (int r = 0; r < t.rowCount(); ++r)
        out[t.toInt64(r, 0)] = t.toInt64(r, 1);
    return out;
}
} // namespace

class TestHubFeed : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString err;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&err), qPrintable(err));
    }

    void snapshotThenTail()
    {
        const QString ci = test::TestDatabase::instance().freshDatabase(QStringLiteral("feed_basic"));
        PgSession s(ci);
        seedEvents(s, 5);
        s.execScript("INSERT INTO rsvps (event_id) SELECT 1 + g % 5 FROM generate_series(1, 50) g");
        PgAsyncConnection c;
        c.open(ci);
        HubFeed feed(&c);
        feed.setIntervals(50, 200);
        QSignalSpy snap(&feed, &HubFeed::snapshotLoaded);
        feed.start();
        QVERIFY(snap.wait(10000));
        QCOMPARE(feed.events().size(), size_t(5));
        QCOMPARE(feed.totalRsvps(), 50);
        QSignalSpy appended(&feed, &HubFeed::eventsAppended);
        QSignalSpy changed(&feed, &HubFeed::eventsChanged);
        s.execScript("INSERT INTO rsvps (event_id) SELECT 2 FROM generate_series(1, 7)");
        s.execScript("INSERT INTO events (campaign_id, title, starts_at) VALUES (1, 'No location yet', now())");
        s.execScript("UPDATE events SET approval_status = 'cancelled' WHERE id = 3");
        QTRY_COMPARE_WITH_TIMEOUT(feed.totalRsvps(), 57, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(feed.events().size(), size_t(6), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(feed.event(3) && feed.event(3)->approval == Approval::Cancelled, 10000);
        QCOMPARE(feed.event(2)->rsvps, 10 + 7);
        QVERIFY(!feed.event(6)->hasLocation());
        QVERIFY(appended.count() >= 1);
        QVERIFY(changed.count() >= 1);
        const auto t = feed.totals();
        QCOMPARE(t.eventsWithoutLocation, 1);
        QCOMPARE(t.eventsNeedingReview, 1);
        QCOMPARE(t.eventsLive, 4);
    }

    // A snapshot taken while an older transaction is open: rows committed
    // after it are visible but above the bound, so the snapshot takes them
    // back (its negative counts) and the tail counts them once the old
    // transaction ends, never twice.
    void snapshotBehindAnOpenTransaction()
    {
        const QString ci = test::TestDatabase::instance().freshDatabase(QStringLiteral("feed_behind"));
        PgSession s(ci);
        seedEvents(s, 5);
        s.execScript("INSERT INTO rsvps (event_id) SELECT 1 + g % 5 FROM generate_series(1, 30) g");
        PgSession slow(ci);
        slow.execScript("BEGIN");
        slow.execScript("INSERT INTO rsvps (event_id) SELECT 1 FROM generate_series(1, 4)");
        s.execScript("INSERT INTO rsvps (event_id) SELECT 2 FROM generate_series(1, 10)");
        PgAsyncConnection c;
        c.open(ci);
        HubFeed feed(&c);
        feed.setIntervals(50, 200);
        QSignalSpy snap(&feed, &HubFeed::snapshotLoaded);
        feed.start();
        QVERIFY(snap.wait(10000));
        QCOMPARE(feed.totalRsvps(), 30);
        QCOMPARE(feed.event(2)->rsvps, 6);
        slow.execScript("COMMIT");
        QTRY_COMPARE_WITH_TIMEOUT(feed.totalRsvps(), 44, 10000);
        QCOMPARE(countsInFeed(feed), countsInDb(s));
        QCOMPARE(sumOfMinutes(feed), 44);
    }

    // Many writers with random commit delays and rollbacks, plus one
    // transaction that takes its ids early and commits late: the feed's
    // totals must equal count(*) per event exactly.
    void exactUnderConcurrentWriters()
    {
        const QString ci = test::TestDatabase::instance().freshDatabase(QStringLiteral("feed_exact"));
        {
            PgSession s(ci);
            seedEvents(s, 20);
        }
        PgAsyncConnection c;
        c.open(ci);
        HubFeed feed(&c);
        feed.setIntervals(20, 50);
        QSignalSpy snap(&feed, &HubFeed::snapshotLoaded);
        feed.start();
        QVERIFY(snap.wait(10000));

        // The late committer: its ids are lower than everything the others write.
        PgSession slow(ci);
        slow.execScript("BEGIN");
        slow.execScript("INSERT INTO rsvps (event_id) SELECT 1 + g % 20 FROM generate_series(1, 25) g");

        std::atomic<int> running {6};
        std::vector<std::thread> writers;
        for (int w = 0; w < 6; ++w) {
            writers.emplace_back([ci, w, &running] {
                PgSession s(ci);
                QRandomGenerator rng(quint32(1000 + w));
                for (int i = 0; i < 60; ++i) {
                    s.execScript("BEGIN");
                    s.exec(
                        DbQuery(
                            "INSERT INTO rsvps (event_id) SELECT 1 + (random() * 19)::int FROM generate_series(1, $1)")
                            .bind(int(1 + rng.bounded(5))));
                    // Simulated work inside the transaction so commits interleave with reads.
                    std::this_thread::sleep_for(std::chrono::milliseconds(rng.bounded(15)));
                    s.execScript(rng.bounded(5) == 0 ? "ROLLBACK" : "COMMIT");
                }
                --running;
            });
        }
        const qint64 ticksBefore = feed.ticks();
        QTRY_VERIFY_WITH_TIMEOUT(running.load() == 0, 120000);
        for (auto &t : writers)
            t.join();
        // The feed has read past all the fast writers while the slow one is open.
        QTRY_VERIFY_WITH_TIMEOUT(feed.ticks() > ticksBefore + 5, 10000);
        PgSession check(ci);
        const qint64 committedSoFar = check.exec("SELECT count(*) FROM rsvps").toInt64(0, 0);
        // While the slow transaction is open its xid holds the read bound back,
        // so the feed may lag but never runs ahead of what is committed.
        QVERIFY(feed.totalRsvps() <= committedSoFar);
        slow.execScript("COMMIT");
        const qint64 total = check.exec("SELECT count(*) FROM rsvps").toInt64(0, 0);
        QVERIFY(total > 25);
        QTRY_COMPARE_WITH_TIMEOUT(feed.totalRsvps(), total, 20000);
        QCOMPARE(countsInFeed(feed), countsInDb(check));
        // Fast ticks read with the light tail; minutes conserve every RSVP.
        QCOMPARE(sumOfMinutes(feed), total);
    }

    void survivesServerRestartAndEndsExact()
    {
        auto &db = test::TestDatabase::instance();
        const QString ci = db.freshDatabase(QStringLiteral("feed_restart"));
        {
            PgSession s(ci);
            seedEvents(s, 3);
            s.execScript("INSERT INTO rsvps (event_id) SELECT 1 + g % 3 FROM generate_series(1, 30) g");
        }
        PgAsyncConnection c;
        c.setBackoff(50, 400);
        c.open(ci);
        HubFeed feed(&c);
        feed.setIntervals(50, 200);
        QSignalSpy stale(&feed, &HubFeed::staleChanged);
        feed.start();
        QTRY_COMPARE_WITH_TIMEOUT(feed.totalRsvps(), 30, 10000);
        QVERIFY(db.server().stopImmediate());
        QTRY_VERIFY_WITH_TIMEOUT(feed.isStale(), 10000);
        QVERIFY(feed.staleSince().isValid());
        QCOMPARE(feed.totalRsvps(), 30); // last values stay on screen
        QString err;
        QVERIFY2(db.server().start(&err), qPrintable(err));
        {
            PgSession s(ci);
            s.execScript("INSERT INTO rsvps (event_id) SELECT 1 + g % 3 FROM generate_series(1, 12) g");
        }
        QTRY_VERIFY_WITH_TIMEOUT(!feed.isStale(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(feed.totalRsvps(), 42, 10000);
        PgSession check(ci);
        QCOMPARE(countsInFeed(feed), countsInDb(check));
        // The catch-up after the outage is an exact tail: the 12 RSVPs written
        // while the feed was away sit in their own minute, not the reconnect's.
        QCOMPARE(sumOfMinutes(feed), 42);
        QCOMPARE(feed.rsvpsPerMinute(), minutesInDb(check));
    }
};

QTEST_GUILESS_MAIN(TestHubFeed)
#include "tst_hubfeed.moc"

// MetricFeeder over the real sources on a private PostgreSQL: HubFeed on the
// hub schema (traffic rows and blasts inserted here, read back through the
// feed) and MobilizeSource on a mirror, which has no traffic and no blasts:
// those are fed as missing, never as zeros. Time is injected: each sample is
// taken at an instant chosen against the inserted buckets.
#include "HubFeed.h"
#include "MetricFeeder.h"
#include "MetricIds.h"
#include "MobilizeSource.h"
#include "PgAsyncConnection.h"
#include "PgSession.h"
#include "RuleEngine.h"
#include "TestDatabase.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace oc;

namespace {

std::optional<double> valueOf(const RuleEngine &e, const QString &metric)
{
    const auto s = e.store().latest(metric);
    if (!s || s->kind != MetricSample::Kind::Value)
        return std::nullopt;
    return s->value;
}

bool isMissing(const RuleEngine &e, const QString &metric)
{
    const auto s = e.store().latest(metric);
    return s && s->kind == MetricSample::Kind::Missing;
}

void seedHub(PgSession &s)
{
    s.execScript(
        "INSERT INTO campaigns (slug, title, status, event_goal, rsvp_goal) VALUES ('t', 'Test', 'live', 100, 10000);"
        "INSERT INTO events (campaign_id, title, starts_at, latitude, longitude, capacity, approval_status, state) "
        "SELECT 1, 'Event ' || g, now() + interval '1 day', 40, -75, 1000, 'approved', 'NY' "
        "FROM generate_series(1, 3) g;");
}

void addTraffic(PgSession &s, qint64 bucketMs, int requests, int errors, double p95)
{
    s.exec(DbQuery("INSERT INTO traffic_samples (site, bucket, requests, errors_5xx, p95_ms) "
                   "VALUES ('events', to_timestamp($1::float8 / 1000), $2, $3, $4)")
               .bind(bucketMs)
               .bind(requests)
               .bind(errors)
               .bind(p95));
}

qint64 dbNowMs(PgSession &s)
{
    return s.exec("SELECT (extract(epoch FROM now()) * 1000)::bigint").toInt64(0, 0);
}

} // namespace

class TestMetricFeeder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString err;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&err), qPrintable(err));
    }

    // The pure parts: closed bucket for the rate, the newest (filling) one
    // for ratio and p95, pooling under the minimum, gaps and empty buckets.
    void siteReadingRules()
    {
        using TS = LiveSource::TrafficSample;
        MetricFeeder::Options o;
        std::map<qint64, TS> t;
        const qint64 b = 1'000'000'000'000; // a bucket start
        QVERIFY(!MetricFeeder::siteReading(t, b, o).ratio5xx);
        t[b - 10000] = TS {b - 10000, 1200, 12, 150};
        t[b] = TS {b, 600, 300, 900};
        auto r = MetricFeeder::siteReading(t, b + 4000, o);
        QCOMPARE(*r.requestsPerSecond, 120.0); // the closed bucket before, not the half-filled one
        QCOMPARE(*r.ratio5xx, 0.5);
        QCOMPARE(*r.p95Ms, 900.0);

        // Ten requests are too few for a ratio: pooled with the bucket before.
        t[b + 10000] = TS {b + 10000, 10, 10, 2000};
        r = MetricFeeder::siteReading(t, b + 12000, o);
        QCOMPARE(*r.requestsPerSecond, 60.0);
        QCOMPARE(*r.ratio5xx, 310.0 / 610.0);
        QCOMPARE(*r.p95Ms, (2000.0 * 10 + 900.0 * 600) / 610.0);

        // Nothing since long ago: a gap, not zeros.
        r = MetricFeeder::siteReading(t, b + 10 * 60000, o);
        QVERIFY(!r.requestsPerSecond && !r.ratio5xx && !r.p95Ms);

        // A bucket that saw no requests: 0 requests/s is real, a 0/0 ratio is not.
        std::map<qint64, TS> empty {{b, TS {b, 0, 0, 0}}};
        r = MetricFeeder::siteReading(empty, b + 11000, o);
        QCOMPARE(*r.requestsPerSecond, 0.0);
        QVERIFY(!r.ratio5xx);
        QVERIFY(!r.p95Ms);
    }

    void rsvpsPerMinuteIsATrailingMinute()
    {
        const qint64 m = 1'000'000'020'000 / 60000 * 60000;
        const std::map<qint64, qint64> minutes {{m - 60000, 120}, {m, 30}};
        QCOMPARE(*MetricFeeder::rsvpsPerMinute(minutes, m + 15000), 30 + 0.75 * 120);
        QCOMPARE(*MetricFeeder::rsvpsPerMinute(minutes, m), 150.0);
        QCOMPARE(*MetricFeeder::rsvpsPerMinute({}, m + 1000), 0.0); // counted rows: none is zero
        QVERIFY(!MetricFeeder::rsvpsPerMinute(minutes, 0));
    }

    // Traffic rows in the database reach the engine through HubFeed with the
    // values the rules expect; the database metrics are real figures.
    void hubTrafficAndDatabase()
    {
        const QString ci = test::TestDatabase::instance().freshDatabase(QStringLiteral("feeder_hub"));
        PgSession s(ci);
        seedHub(s);
        const qint64 b = dbNowMs(s) / 10000 * 10000 - 60000; // a minute back, clear of the live edge
        addTraffic(s, b - 20000, 1000, 0, 100);
        addTraffic(s, b - 10000, 1200, 12, 150);
        addTraffic(s, b, 600, 300, 900);
        s.execScript("INSERT INTO rsvps (event_id) SELECT 1 + g % 3 FROM generate_series(1, 40) g");

        PgAsyncConnection c;
        c.open(ci);
        HubFeed feed(&c);
        feed.setIntervals(50, 200);
        RuleEngine engine;
        MetricFeeder feeder(&engine, &feed, &c);
        qint64 clock = b + 4000;
        feeder.setClock([&clock] { return clock; });
        QSignalSpy snap(&feed, &HubFeed::snapshotLoaded);
        feed.start();
        QVERIFY(snap.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(feed.traffic().size() == 3, 10000);

        feeder.sample(b + 4000);
        QCOMPARE(*valueOf(engine, metric::siteRequestsPerSecond), 120.0);
        QCOMPARE(*valueOf(engine, metric::site5xxRatio), 0.5);
        QCOMPARE(*valueOf(engine, metric::siteLatencyP95Ms), 900.0);
        QVERIFY(valueOf(engine, metric::rsvpsPerMinute)); // a minute before the 40 RSVPs: a real count
        QCOMPARE(*valueOf(engine, metric::standbyLagSeconds), 0.0); // the primary
        QCOMPARE(*valueOf(engine, metric::dbReconnects), 0.0);
        QVERIFY(valueOf(engine, metric::feedStalenessSeconds));

        // A bucket arriving with few requests is pooled with the one before.
        addTraffic(s, b + 10000, 10, 10, 2000);
        QTRY_VERIFY_WITH_TIMEOUT(feed.traffic().size() == 4, 10000);
        feeder.sample(b + 12000);
        QCOMPARE(*valueOf(engine, metric::site5xxRatio), 310.0 / 610.0);
        QCOMPARE(*valueOf(engine, metric::siteRequestsPerSecond), 60.0);

        // RSVPs: the trailing minute up to the feed's last read; the 40 just inserted.
        QTRY_VERIFY_WITH_TIMEOUT(!feed.rsvpsPerMinute().empty(), 10000);
        feeder.sample(feed.lastUpdate().toMSecsSinceEpoch());
        const double perMinute = *valueOf(engine, metric::rsvpsPerMinute);
        QVERIFY2(perMinute > 0 && perMinute <= 40, qPrintable(QString::number(perMinute)));

        // Staleness counts from the feed's last read, on the injected clock.
        const qint64 last = feed.lastUpdate().toMSecsSinceEpoch();
        feeder.sample(last + 7000);
        QCOMPARE(*valueOf(engine, metric::feedStalenessSeconds), 7.0);

        // The collector silent for minutes: the site metrics go missing.
        // (Samples are taken in time order: the store answers with the newest.)
        feeder.sample(b + 5 * 60000);
        QVERIFY(isMissing(engine, metric::siteRequestsPerSecond));
        QVERIFY(isMissing(engine, metric::site5xxRatio));
        QVERIFY(isMissing(engine, metric::siteLatencyP95Ms));
    }

    // A failed blast within five minutes and the oldest queued one's wait
    // (an approved one waits since its approval, not since it was asked for).
    void blasts()
    {
        const QString ci = test::TestDatabase::instance().freshDatabase(QStringLiteral("feeder_blasts"));
        PgSession s(ci);
        seedHub(s);
        PgAsyncConnection c;
        c.open(ci);
        HubFeed feed(&c);
        feed.setIntervals(50, 200);
        RuleEngine engine;
        MetricFeeder feeder(&engine, &feed, &c);
        qint64 clock = 1'000'000'000'000;
        feeder.setClock([&clock] { return clock; });
        QSignalSpy snap(&feed, &HubFeed::snapshotLoaded);
        feed.start();
        QVERIFY(snap.wait(10000));
        QSignalSpy read(&feeder, &MetricFeeder::blastsRead);

        // Nothing queued, nothing failed: real zeros.
        feeder.pollBlasts();
        QVERIFY(read.wait(10000));
        feeder.sample(clock);
        QCOMPARE(*valueOf(engine, metric::blastSendFailures), 0.0);
        QCOMPARE(*valueOf(engine, metric::blastQueueAgeSeconds), 0.0);

        // Rows are born queued or pending (the two-person trigger) and moved on from there.
        s.execScript(
            "INSERT INTO blasts (idempotency_key, campaign_id, channel, audience, audience_size, message, status, "
            "requested_by, created_at) VALUES "
            "(gen_random_uuid(), 1, 'email', '{}', 10, 'failed now', 'queued', 'alice', now() - interval '1 minute'), "
            "(gen_random_uuid(), 1, 'email', '{}', 10, 'failed long ago', 'queued', 'alice', now() - interval '1 "
            "hour'), "
            "(gen_random_uuid(), 1, 'email', '{}', 10, 'queued', 'queued', 'alice', now() - interval '90 seconds'), "
            "(gen_random_uuid(), 1, 'email', '{}', 10, 'approved', 'pending_approval', 'alice', now() - interval "
            "'20 minutes');"
            "UPDATE blasts SET status = 'failed' WHERE message LIKE 'failed%';"
            "UPDATE blasts SET status = 'approved', approved_by = 'bob' WHERE message = 'approved';"
            // updated_at is the touch trigger's; backdate the old failure around it.
            "ALTER TABLE blasts DISABLE TRIGGER blasts_touch;"
            "UPDATE blasts SET updated_at = now() - interval '1 hour' WHERE message = 'failed long ago';"
            "ALTER TABLE blasts ENABLE TRIGGER blasts_touch;"
            // Requested 20 minutes ago, approved 30 s ago: it has waited 30 s to go out.
            "INSERT INTO audit_log (actor, action, phase, target_type, target_id, at) "
            "SELECT 'bob', 'blast_approved', 'outcome', 'blast', id::text, now() - interval '30 seconds' "
            "FROM blasts WHERE message = 'approved';");
        feeder.pollBlasts();
        QVERIFY(read.wait(10000));
        feeder.sample(clock);
        QCOMPARE(*valueOf(engine, metric::blastSendFailures), 1.0);
        const double age = *valueOf(engine, metric::blastQueueAgeSeconds);
        QVERIFY2(age >= 90 && age < 120, qPrintable(QString::number(age)));
        // Between reads the age keeps growing with the clock.
        clock += 4000;
        feeder.sample(clock);
        QCOMPARE(*valueOf(engine, metric::blastQueueAgeSeconds), age + 4);
        // Not read for more than three polls: no longer current.
        clock += 60000;
        feeder.sample(clock);
        QVERIFY(isMissing(engine, metric::blastSendFailures));
        QVERIFY(isMissing(engine, metric::blastQueueAgeSeconds));
    }

    // A Mobilize mirror has no traffic, no blasts and no standby lag: those
    // are fed as missing (the rules say No data), never as zeros.
    void sourceWithoutTrafficFeedsMissing()
    {
        const QString ci = test::TestDatabase::instance().emptyDatabase(QStringLiteral("feeder_mirror"));
        {
            PgSession s(ci);
            QFile f(QStringLiteral(":/oc/sql/mobilize/mirror.sql"));
            QVERIFY(f.open(QIODevice::ReadOnly));
            s.execScript(f.readAll());
            s.execScript("INSERT INTO mobilize_private.organizations (id, name, slug) VALUES (1, 'Us', 'us');"
                         "INSERT INTO mobilize_private.mirror_settings (viewing_organization_id) VALUES (1);");
        }
        PgAsyncConnection c;
        c.open(ci);
        MobilizeSource source(&c);
        QVERIFY(!source.has(LiveSource::Capability::Traffic));
        RuleEngine engine;
        MetricFeeder feeder(&engine, &source, &c);
        QSignalSpy snap(&source, &LiveSource::snapshotLoaded);
        source.start();
        QVERIFY(snap.wait(15000));
        feeder.start();
        feeder.stop();
        for (const auto &m : {metric::siteRequestsPerSecond, metric::site5xxRatio, metric::siteLatencyP95Ms,
                              metric::standbyLagSeconds, metric::blastSendFailures, metric::blastQueueAgeSeconds}) {
            QVERIFY2(isMissing(engine, m), qPrintable(QString(m)));
            QVERIFY2(!engine.store().latestValue(m), qPrintable(QString(m)));
        }
        // What a mirror does have is fed as values.
        QVERIFY(valueOf(engine, metric::feedStalenessSeconds));
        QVERIFY(valueOf(engine, metric::dbReconnects));
        QVERIFY(valueOf(engine, metric::rsvpsPerMinute));
    }

    // The feeder samples right after each read of the source, and on its own
    // timer only while the source is silent.
    void samplesAfterEachRead()
    {
        const QString ci = test::TestDatabase::instance().freshDatabase(QStringLiteral("feeder_timing"));
        {
            PgSession s(ci);
            seedHub(s);
        }
        PgAsyncConnection c;
        c.open(ci);
        HubFeed feed(&c);
        feed.setIntervals(100, 200);
        RuleEngine engine;
        MetricFeeder feeder(&engine, &feed, &c);
        QSignalSpy sampled(&feeder, &MetricFeeder::sampled);
        QSignalSpy updated(&feed, &LiveSource::updated);
        feeder.start();
        feed.start();
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() >= 5, 10000);
        QVERIFY(sampled.count() >= updated.count());
        feed.stop();
        const int before = sampled.count();
        QVERIFY(sampled.wait(3000)); // the fallback timer keeps the staleness moving
        QVERIFY(sampled.count() > before);
    }
};

QTEST_GUILESS_MAIN(TestMetricFeeder)
#include "tst_metricfeeder.moc"

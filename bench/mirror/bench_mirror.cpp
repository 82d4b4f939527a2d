// What the console costs a Mobilize mirror it does not own, measured against
// a naive dashboard that recounts everything over the views every 5 s, with
// and without an index on modified_date, while a writer adds participations
// at 500/s. Also: time to first totals (MobilizeSource's snapshot) against
// psql computing the same figures. Every figure has its same-run baseline
// next to it: the machine is shared and noisy, only ratios mean anything.
#include "ConnInfo.h"
#include "Log.h"
#include "MobilizeRows.h"
#include "MobilizeSource.h"
#include "PgAsyncConnection.h"
#include "PgServer.h"
#include "PgSession.h"
#include "StatStatements.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <thread>

using namespace oc;

namespace {

QString as(const QString &ci, const char *user)
{
    return ConnInfo::withParam(ci, QStringLiteral("user"), QString::fromLatin1(user));
}

void waitMs(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

template<typename Pred> bool waitUntil(Pred p, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!p()) {
        if (t.elapsed() > timeoutMs)
            return false;
        waitMs(20);
    }
    return true;
}

// Sign-ups one per transaction, as Mobilize's web requests commit them; one
// in 20 cancels an earlier one, so the tail also sees status changes.
class Writer
{
public:
    Writer(QString ci, qint64 timeslots, double ratePerSec)
        : m_ci(std::move(ci))
        , m_slots(timeslots)
        , m_rate(ratePerSec)
    {
    }
    ~Writer() { stop(); }
    void start()
    {
        m_stop = false;
        m_thread = std::thread([this] {
            PgSession s(m_ci);
            QElapsedTimer t;
            t.start();
            qint64 n = 0;
            quint64 x = 88172645463325252ULL;
            while (!m_stop) {
                if (n >= qint64(double(t.elapsed()) * m_rate / 1000.0)) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                    continue;
                }
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                const qint64 slot = 1 + qint64(x % quint64(m_slots));
                if (n % 20 == 19)
                    s.exec(DbQuery("UPDATE mobilize_private.participations SET status = 'CANCELLED', "
                                   "modified_date = now() WHERE id = (SELECT max(id) - 7 FROM "
                                   "mobilize_private.participations) AND status <> 'CANCELLED'"));
                else
                    s.exec(DbQuery("INSERT INTO mobilize_private.participations (event_id, timeslot_id) "
                                   "SELECT event_id, id FROM mobilize_private.timeslots WHERE id = $1")
                               .bind(slot));
                m_count = ++n;
            }
        });
    }
    void stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    qint64 count() const { return m_count; }

private:
    QString m_ci;
    qint64 m_slots;
    double m_rate;
    std::thread m_thread;
    std::atomic<bool> m_stop {false};
    std::atomic<qint64> m_count {0};
};

// The dashboard without a data path: the console's figures (total, per event,
// top events, per state, sign-ups per minute, approvals) recounted over the
// views every 5 s.
class NaiveDashboard
{
public:
    explicit NaiveDashboard(QString ci)
        : m_ci(std::move(ci))
    {
    }
    ~NaiveDashboard() { stop(); }
    void start()
    {
        m_stop = false;
        m_thread = std::thread([this] {
            PgSession s(m_ci);
            const QByteArray perEvent = MobilizeRows::exactCountsSql();
            while (!m_stop) {
                s.exec(perEvent);
                s.exec("SELECT count(*) FROM (" + perEvent + ") c");
                s.exec(perEvent + " ORDER BY 2 DESC LIMIT 10");
                s.exec("SELECT e.location__region, count(*) FROM participations p "
                       "JOIN timeslots t ON t.id = p.timeslot_id AND t.deleted_date IS NULL "
                       "JOIN events e ON e.id = p.event_id AND e.deleted_date IS NULL "
                       "WHERE p.status <> 'CANCELLED' GROUP BY 1");
                s.exec("SELECT date_trunc('minute', created_date), count(*) FROM participations "
                       "WHERE status <> 'CANCELLED' AND created_date > now() - interval '1 hour' GROUP BY 1");
                s.exec("SELECT approval_status, count(*) FROM events WHERE deleted_date IS NULL GROUP BY 1");
                for (int i = 0; i < 50 && !m_stop; ++i)
                    std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        });
    }
    void stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }

private:
    QString m_ci;
    std::thread m_thread;
    std::atomic<bool> m_stop {false};
};

struct Console
{
    std::unique_ptr<PgAsyncConnection> conn;
    std::unique_ptr<MobilizeSource> source;
    double firstTotalsMs = 0;
    double stateMs = 0; // until the per-participation state is loaded
};

// The console's defaults unless the command line changes them (to compare cadences).
MobilizeSource::Timing g_timing;

std::unique_ptr<Console> startConsole(const QString &ci)
{
    auto c = std::make_unique<Console>();
    QElapsedTimer t;
    t.start();
    c->conn = std::make_unique<PgAsyncConnection>();
    c->conn->open(ci);
    c->source = std::make_unique<MobilizeSource>(c->conn.get());
    c->source->setTiming(g_timing);
    c->source->start();
    waitUntil([&] { return c->source->hasSnapshot(); }, 600000);
    c->firstTotalsMs = double(t.elapsed());
    waitUntil([&] { return c->source->stateLoaded(); }, 600000);
    c->stateMs = double(t.elapsed());
    return c;
}

// psql fetching what the first totals show: the events and the exact RSVPs
// per event. Best of two, so a cold start of psql does not flatter the console.
double psqlFirstTotalsMs(const QString &ci)
{
    const QString psqlBin = QDir(PgServer::findBinDir()).filePath(QStringLiteral("psql"));
    double best = 1e18;
    for (int i = 0; i < 2; ++i) {
        QProcess psql;
        QElapsedTimer t;
        t.start();
        psql.start(psqlBin,
                   {ci, QStringLiteral("-qAt"), QStringLiteral("-c"),
                    QString::fromUtf8(MobilizeRows::sql(MobilizeRows::Statement::Events)), QStringLiteral("-c"),
                    QString::fromLatin1(MobilizeRows::exactCountsSql())});
        psql.waitForFinished(600000);
        psql.readAll();
        best = std::min(best, double(t.elapsed()));
    }
    return best;
}

struct Run
{
    double firstMs = 0, psqlMs = 0, settleSecs = 0, stateMs = 0;
    double consolePerMin = 0, naivePerMin = 0, reconcileMs = 0, sweepMs = 0, windowPerMin = 0;
    int intervalMs = 0;
    qint64 tickOverlapMs = 0;
    qint64 ticks = 0;
    double ownPerMin = 0; // the console's own measure of its tail batches (the mirror's clock)
    double consolePlanPerMin = 0, naivePlanPerMin = 0; // planning, in the window
    bool warned = false;
    double writeRate = 0;
    qint64 drift = 0;
};

// One condition (index or not): first totals, then one window of the console
// and the naive dashboard side by side while the writer runs.
Run measure(PgSession &admin, const QString &ci, Writer &writer, int window)
{
    Run run;
    run.psqlMs = psqlFirstTotalsMs(as(ci, "bench_psql"));
    auto console = startConsole(as(ci, "bench_console"));
    run.firstMs = console->firstTotalsMs;
    run.stateMs = console->stateMs;
    // Measure the steady state after a few ticks past the state load (and
    // the sweep that follows it), not the load.
    const qint64 afterSnapshot = console->source->ticks();
    QElapsedTimer settle;
    settle.start();
    waitUntil([&] { return console->source->ticks() >= afterSnapshot + 3; }, 240000);
    run.settleSecs = double(settle.elapsed()) / 1000.0;
    NaiveDashboard naive(as(ci, "bench_naive"));
    naive.start();
    waitMs(3000);
    StatStatements stats(admin);
    stats.reset();
    const qint64 ticks0 = console->source->ticks(), rec0 = console->source->reconciliations(), w0 = writer.count();
    const qint64 sweeps0 = console->source->sweeps();
    const double own0 = console->source->serverMsTotal();
    QElapsedTimer clock;
    clock.start();
    waitMs(window * 1000);
    const double secs = double(clock.elapsed()) / 1000.0;
    double consoleMs = stats.execTimeMs("bench_console");
    const double naiveMs = stats.execTimeMs("bench_naive");
    run.consolePlanPerMin = stats.planTimeMs("bench_console") * 60.0 / secs;
    run.naivePlanPerMin = stats.planTimeMs("bench_naive") * 60.0 / secs;
    run.writeRate = double(writer.count() - w0) / secs;
    run.ticks = console->source->ticks() - ticks0;
    run.ownPerMin = (console->source->serverMsTotal() - own0) * 60.0 / secs;
    run.intervalMs = console->source->intervalMs();
    run.tickOverlapMs = console->source->tickOverlapMs();
    run.warned = !console->source->costWarning().isEmpty();
    stats.printTop("bench_console", 6);
    stats.printTop("bench_naive", 6);
    // One tick's participations read, explained while the naive dashboard
    // runs and again after it stops: how much of a tick's time is waiting
    // for a core on this shared machine.
    auto explainTick = [&](const char *when) {
        const qint64 since = (QDateTime::currentMSecsSinceEpoch() - 1200) * 1000;
        const DbTable plan = admin.exec(
            DbQuery("EXPLAIN (ANALYZE, BUFFERS) " + MobilizeRows::sql(MobilizeRows::Statement::TailParticipations))
                .bind(since));
        std::fprintf(stderr, "a tick's participations read, %s:\n", when);
        for (int r = 0; r < plan.rowCount(); ++r)
            std::fprintf(stderr, "    %s\n", plan.raw(r, 0).constData());
    };
    explainTick("naive dashboard running");
    naive.stop();
    waitMs(1000);
    explainTick("naive dashboard stopped");
    // Sweeps (every 5 min) and the reconciliation (every 10 min, with a
    // sweep) are rarer than a 1-minute window: measure one of each (with the
    // ticks around it: an upper bound) and amortize them by their periods
    // instead of sampling luck; one that fell in the window is taken out.
    const qint64 recInWindow = console->source->reconciliations() - rec0;
    const qint64 sweepsInWindow = console->source->sweeps() - sweeps0 - recInWindow;
    auto measureOne = [&](auto request, auto done) {
        stats.reset();
        request();
        waitUntil(done, 120000);
        return stats.execTimeMs("bench_console");
    };
    const qint64 sw1 = console->source->sweeps();
    run.sweepMs = measureOne([&] { console->source->sweepNow(); }, [&] { return console->source->sweeps() > sw1; });
    const qint64 rec1 = console->source->reconciliations();
    run.reconcileMs =
        measureOne([&] { console->source->reconcileNow(); }, [&] { return console->source->reconciliations() > rec1; });
    consoleMs -= double(recInWindow) * run.reconcileMs + double(std::max<qint64>(0, sweepsInWindow)) * run.sweepMs;
    const auto &timing = console->source->timing();
    const double reconcilesPerMin = 60000.0 / timing.reconcileEveryMs;
    // A reconciliation is a sweep too: the sweeps between them only.
    const double sweepsPerMin = std::max(0.0, 60000.0 / timing.sweepEveryMs - reconcilesPerMin);
    run.windowPerMin = consoleMs * 60.0 / secs;
    run.consolePerMin = run.windowPerMin + run.reconcileMs * reconcilesPerMin + run.sweepMs * sweepsPerMin;
    run.naivePerMin = naiveMs * 60.0 / secs;
    run.drift = console->source->driftCorrected();
    console->source->stop();
    return run;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    const QCommandLineOption eventsOpt(QStringLiteral("events"), QStringLiteral("events"), QStringLiteral("n"),
                                       QStringLiteral("5000"));
    const QCommandLineOption partsOpt(QStringLiteral("participations"), QStringLiteral("participations"),
                                      QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption rateOpt(QStringLiteral("rate"), QStringLiteral("participations/s written"),
                                     QStringLiteral("n"), QStringLiteral("500"));
    const QCommandLineOption windowOpt(QStringLiteral("window"), QStringLiteral("seconds per cost window"),
                                       QStringLiteral("s"), QStringLiteral("60"));
    const QCommandLineOption tickOpt(QStringLiteral("tick-ms"), QStringLiteral("console tick (default: the console's)"),
                                     QStringLiteral("ms"), QString::number(g_timing.baseIntervalMs));
    const QCommandLineOption lagOpt(QStringLiteral("lag-ms"), QStringLiteral("the most a tick re-reads"),
                                    QStringLiteral("ms"), QString::number(g_timing.fastOverlapMs));
    const QCommandLineOption paceOpt(QStringLiteral("pace"),
                                     QStringLiteral("with the index, ticks wait this many times their server time"),
                                     QStringLiteral("factor"), QString::number(g_timing.paceFactor));
    p.addOptions({eventsOpt, partsOpt, rateOpt, windowOpt, tickOpt, lagOpt, paceOpt});
    p.process(app);
    g_timing.baseIntervalMs = p.value(tickOpt).toInt();
    g_timing.fastOverlapMs = p.value(lagOpt).toLongLong();
    g_timing.paceFactor = p.value(paceOpt).toDouble();
    qputenv("OC_LOG_LEVEL", "warn");
    Log::init("bench_mirror", QDir::tempPath().toStdString());
    const qint64 nEvents = p.value(eventsOpt).toLongLong(), nParts = p.value(partsOpt).toLongLong();
    const double rate = p.value(rateOpt).toDouble();
    const int window = p.value(windowOpt).toInt();
    if (nEvents < 1 || nParts < 0 || rate <= 0 || window < 5) {
        std::fprintf(stderr, "bad arguments\n");
        return 2;
    }

    PgServer server;
    QString err;
    if (!server.start(&err)) {
        std::fprintf(stderr, "%s\n", qPrintable(err));
        return 1;
    }
    const QString ci = server.conninfo();
    PgSession admin(ci);
    StatStatements(admin).install();
    // A role each, so pg_stat_statements separates their database time.
    for (const char *r : {"bench_console", "bench_naive", "bench_writer", "bench_psql"})
        admin.execScript(QStringLiteral("CREATE ROLE %1 LOGIN SUPERUSER").arg(QLatin1String(r)).toUtf8());
    QFile schema(QStringLiteral(":/oc/sql/mobilize/mirror.sql"));
    if (!schema.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "the mirror schema resource is missing\n");
        return 1;
    }
    admin.execScript(schema.readAll());

    // Seeded in bulk into the private tables: the simulator's streaming would
    // take hours for a million rows. Two timeslots per event; 5 % cancelled;
    // dated over the last 30 days, so a tail window holds only the writer's rows.
    const qint64 nSlots = 2 * nEvents;
    std::fprintf(stderr, "seeding %lld events, %lld timeslots, %lld participations…\n", nEvents, nSlots, nParts);
    QElapsedTimer seedT;
    seedT.start();
    admin.execScript(
        "INSERT INTO mobilize_private.organizations (id, name, slug) VALUES (1, 'Us', 'us');"
        "INSERT INTO mobilize_private.mirror_settings (viewing_organization_id) VALUES (1);"
        "INSERT INTO mobilize_private.event_campaigns (id, organization_id, slug) VALUES (1, 1, 'bench');");
    admin.exec(DbQuery("INSERT INTO mobilize_private.events (id, title, organization_id, location__lat, "
                       "location__lon, location__region, event_campaign_id, created_date, modified_date) "
                       "SELECT g, 'Event ' || g, 1, 25 + random() * 24, -124 + random() * 57, "
                       "(ARRAY['NY','CA','TX','FL','IL','PA','OH','GA','NC','MI'])[1 + g % 10], 1, "
                       "now() - interval '40 days', now() - interval '40 days' FROM generate_series(1, $1) g")
                   .bind(nEvents));
    admin.exec(DbQuery("INSERT INTO mobilize_private.timeslots (id, event_id, start_date, end_date, created_date, "
                       "modified_date) SELECT g, 1 + (g - 1) % $1, now() + interval '2 days', "
                       "now() + interval '2 days 2 hours', now() - interval '40 days', now() - interval '40 days' "
                       "FROM generate_series(1, $2) g")
                   .bind(nEvents)
                   .bind(nSlots));
    admin.exec(DbQuery("INSERT INTO mobilize_private.participations (id, event_id, timeslot_id, status, "
                       "created_date, modified_date) "
                       "SELECT g, 1 + (s - 1) % $1, s, CASE WHEN g % 20 = 0 THEN 'CANCELLED' ELSE 'REGISTERED' END, "
                       "d, d FROM (SELECT g, 1 + (hashint8(g) & 2147483647) % $2 AS s, "
                       "now() - interval '30 days' + random() * interval '29 days' AS d "
                       "FROM generate_series(1, $3) g) x")
                   .bind(nEvents)
                   .bind(nSlots)
                   .bind(nParts));
    admin.execScript("SELECT setval(pg_get_serial_sequence('mobilize_private.participations', 'id'), "
                     "(SELECT max(id) FROM mobilize_private.participations))");
    admin.execScript("VACUUM ANALYZE");
    std::fprintf(stderr, "seeded in %.1f s\n", double(seedT.elapsed()) / 1000.0);

    Writer writer(as(ci, "bench_writer"), nSlots, rate);
    writer.start();
    waitMs(2000);

    std::fprintf(stderr, "without an index on modified_date…\n");
    const Run noIndex = measure(admin, ci, writer, window);
    std::fprintf(stderr, "creating the indexes on modified_date…\n");
    admin.execScript("CREATE INDEX ON mobilize_private.participations (modified_date);"
                     "CREATE INDEX ON mobilize_private.timeslots (modified_date);"
                     "CREATE INDEX ON mobilize_private.events (modified_date);"
                     "ANALYZE");
    std::fprintf(stderr, "with the index…\n");
    const Run withIndex = measure(admin, ci, writer, window);

    // Exactness: a fresh console after the writer stops equals count(*).
    writer.stop();
    const qint64 exact =
        admin.exec("SELECT coalesce(sum(rsvps), 0) FROM (" + QByteArray(MobilizeRows::exactCountsSql()) + ") c")
            .toInt64(0, 0);
    auto last = startConsole(as(ci, "bench_console"));
    const bool consoleExact = last->source->totalRsvps() == exact;
    std::fprintf(stderr, "RSVPs corrected by reconciliations: %lld (with index), %lld (without)\n", withIndex.drift,
                 noIndex.drift);
    last->source->stop();
    const qint64 rows = admin.exec("SELECT count(*) FROM mobilize_private.participations").toInt64(0, 0);

    auto pct = [](double msPerMin) { return 100.0 * msPerMin / 60000.0; };
    std::printf(
        "\nMobilize mirror — %lld events, %lld timeslots, %lld participations at the end, writer %.0f/s, "
        "%d s windows; console tick %d–%d ms (%.0fx its server time) re-reading at most %lld ms, sweep every %d s, "
        "reconciliation every %d s\n\n",
        nEvents, nSlots, rows, withIndex.writeRate, window, g_timing.baseIntervalMs, g_timing.maxIntervalMs,
        g_timing.paceFactor, g_timing.fastOverlapMs, g_timing.sweepEveryMs / 1000, g_timing.reconcileEveryMs / 1000);
    std::printf("| measure | console | baseline | baseline / console |\n|---|---:|---:|---:|\n");
    for (const auto &[name, r] : {std::pair {"with", &withIndex}, std::pair {"without", &noIndex}}) {
        std::printf("| DB time per minute, %s index on modified_date | %.1f ms (%.2f %% of a core; tick every %.1f "
                    "s at the end re-reading %lld ms, %lld ticks in the window%s) | %.0f ms (naive dashboard, 5 s "
                    "recount) | %.0fx |\n",
                    name, r->consolePerMin, pct(r->consolePerMin), r->intervalMs / 1000.0, r->tickOverlapMs, r->ticks,
                    r->warned ? ", cost warning shown" : "", r->naivePerMin,
                    r->naivePerMin / std::max(0.001, r->consolePerMin));
    }
    for (const auto &[name, r] : {std::pair {"with", &withIndex}, std::pair {"without", &noIndex}}) {
        const double console = r->consolePerMin + r->consolePlanPerMin, naive = r->naivePerMin + r->naivePlanPerMin;
        std::printf("| … the same with planning time (total_plan_time in the window), %s index | %.1f ms | %.0f ms | "
                    "%.0fx |\n",
                    name, console, naive, naive / std::max(0.001, console));
    }
    std::printf("| … of which ticks (the 60 s window), with / without index | %.1f / %.1f ms per minute | | |\n",
                withIndex.windowPerMin, noIndex.windowPerMin);
    std::printf("| … the same window as the console measures it (the mirror's clock around each tail batch: parse, "
                "plan and output included), with / without index | %.1f / %.1f ms per minute | | |\n",
                withIndex.ownPerMin, noIndex.ownPerMin);
    std::printf("| … one sweep (%lld min overlap, every %d min), with / without index | %.0f / %.0f ms per run | | |\n",
                g_timing.overlapMs / 60000, g_timing.sweepEveryMs / 60000, withIndex.sweepMs, noIndex.sweepMs);
    std::printf("| … one reconciliation (sweep + GROUP BY per timeslot, every %d min), with / without index | %.0f / "
                "%.0f ms per run | | |\n",
                g_timing.reconcileEveryMs / 60000, withIndex.reconcileMs, noIndex.reconcileMs);
    for (const auto &[name, r] : {std::pair {"with", &withIndex}, std::pair {"without", &noIndex}})
        std::printf("| time to first totals, %s index | %.0f ms | %.0f ms (psql, events + GROUP BY counts) | "
                    "%.2fx (console / psql) |\n",
                    name, r->firstMs, r->psqlMs, r->firstMs / std::max(1.0, r->psqlMs));
    std::printf("| per-participation state loaded (from start), with / without index | %.0f / %.0f ms | | |\n",
                withIndex.stateMs, noIndex.stateMs);
    std::printf("| then 3 ticks, with / without index | %.1f s / %.1f s | | |\n", withIndex.settleSecs,
                noIndex.settleSecs);
    std::printf("| fresh console's total equals count(*) over the views after the run | %s | %lld | |\n",
                consoleExact ? "yes" : "NO", exact);
    std::printf("\nGoals (issue 14): >= 100x less than naive with the index; < 2 %% of one core without it; "
                "first totals <= 1.5x psql.\n");
    server.stop();
    return consoleExact ? 0 : 1;
}

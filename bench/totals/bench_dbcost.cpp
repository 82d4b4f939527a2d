// What one console costs the database, measured against a naive dashboard
// that re-runs full aggregates every 5 s, on a hub with 100k events and 5M
// RSVPs while a writer inserts about 1,000 RSVPs/s. Also: writer throughput
// with 0, 10 and 50 consoles reading, and time to first totals vs psql.
// Prints a table; every figure has its same-run baseline next to it.
#include "ConnInfo.h"
#include "HubFeed.h"
#include "Log.h"
#include "Migrator.h"
#include "PgAsyncConnection.h"
#include "PgServer.h"
#include "PgSession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QTimer>

#include <atomic>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

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

// Inserts RSVPs one per transaction, as the backend's web requests do.
class Writer
{
public:
    Writer(QString ci, qint64 events, double ratePerSec)
        : m_ci(std::move(ci))
        , m_events(events)
        , m_rate(ratePerSec)
    {
    }
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
                if (m_rate > 0 && n >= qint64(t.elapsed() * m_rate / 1000.0)) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                    continue;
                }
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.exec(DbQuery("INSERT INTO rsvps (event_id, source) VALUES ($1, 'web')")
                           .bind(qint64(1 + x % quint64(m_events))));
                ++n;
                m_count = n;
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
    qint64 m_events;
    double m_rate;
    std::thread m_thread;
    std::atomic<bool> m_stop {false};
    std::atomic<qint64> m_count {0};
};

// What a dashboard without a data path does: recount everything every 5 s.
class NaiveDashboard
{
public:
    explicit NaiveDashboard(QString ci)
        : m_ci(std::move(ci))
    {
    }
    void start()
    {
        m_stop = false;
        m_thread = std::thread([this] {
            PgSession s(m_ci);
            while (!m_stop) {
                s.exec("SELECT count(*) FROM rsvps");
                s.exec("SELECT count(*) FROM rsvps WHERE created_at > now() - interval '5 minutes'");
                s.exec("SELECT event_id, count(*) FROM rsvps GROUP BY event_id ORDER BY 2 DESC LIMIT 10");
                s.exec("SELECT e.state, count(DISTINCT e.id), count(r.id) FROM events e LEFT JOIN rsvps r ON "
                       "r.event_id = e.id GROUP BY e.state");
                s.exec("SELECT approval_status, count(*) FROM events GROUP BY 1");
                s.exec("SELECT date_trunc('minute', bucket), sum(requests) FROM traffic_samples WHERE bucket > now() - "
                       "interval '1 hour' GROUP BY 1");
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
    std::unique_ptr<HubFeed> feed;
};

// Consoles start a few at a time, as staff open them, not all in one millisecond.
std::vector<Console> startConsoles(const QString &ci, int n)
{
    std::vector<Console> out(static_cast<size_t>(n));
    for (size_t i = 0; i < out.size(); ++i) {
        auto &c = out[i];
        c.conn = std::make_unique<PgAsyncConnection>();
        c.conn->open(ci);
        c.feed = std::make_unique<HubFeed>(c.conn.get());
        c.feed->start();
        if (i % 5 == 4)
            waitUntil([&] { return c.feed->hasSnapshot(); }, 600000);
    }
    waitUntil(
        [&] {
            for (auto &c : out)
                if (!c.feed->hasSnapshot())
                    return false;
            return true;
        },
        600000);
    return out;
}

double statTimeMs(PgSession &admin, const char *role)
{
    return admin
        .exec(DbQuery("SELECT coalesce(sum(total_exec_time), 0) FROM pg_stat_statements s "
                      "JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = $1")
                  .bind(role))
        .toDouble(0, 0);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    const QCommandLineOption eventsOpt(QStringLiteral("events"), QStringLiteral("events"), QStringLiteral("n"),
                                       QStringLiteral("100000"));
    const QCommandLineOption rsvpsOpt(QStringLiteral("rsvps"), QStringLiteral("RSVPs"), QStringLiteral("n"),
                                      QStringLiteral("5000000"));
    const QCommandLineOption windowOpt(QStringLiteral("window"), QStringLiteral("seconds per cost window"),
                                       QStringLiteral("s"), QStringLiteral("60"));
    const QCommandLineOption tputOpt(QStringLiteral("throughput-window"), QStringLiteral("seconds per throughput run"),
                                     QStringLiteral("s"), QStringLiteral("15"));
    p.addOptions({eventsOpt, rsvpsOpt, windowOpt, tputOpt});
    p.process(app);
    qputenv("OC_LOG_LEVEL", "warn");
    Log::init("bench_dbcost", QDir::tempPath().toStdString());
    const qint64 nEvents = p.value(eventsOpt).toLongLong(), nRsvps = p.value(rsvpsOpt).toLongLong();
    const int window = p.value(windowOpt).toInt(), tputWindow = p.value(tputOpt).toInt();

    PgServer server;
    QString err;
    if (!server.start(&err)) {
        std::fprintf(stderr, "%s\n", qPrintable(err));
        return 1;
    }
    const QString ci = server.conninfo();
    PgSession admin(ci);
    Migrator(admin).migrate();
    admin.execScript("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    for (const char *r : {"bench_console", "bench_naive", "bench_writer"})
        admin.execScript(
            QStringLiteral(
                "DO $$ BEGIN CREATE ROLE %1 LOGIN SUPERUSER; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
                .arg(QLatin1String(r))
                .toUtf8());
    std::fprintf(stderr, "seeding %lld events and %lld RSVPs…\n", nEvents, nRsvps);
    QElapsedTimer seedT;
    seedT.start();
    admin.execScript("INSERT INTO campaigns (slug, title, status, event_goal, rsvp_goal) VALUES ('bench', 'Bench', "
                     "'live', 200000, 10000000)");
    admin.exec(
        DbQuery(
            "INSERT INTO events (campaign_id, title, starts_at, latitude, longitude, capacity, approval_status, state) "
            "SELECT 1, 'Event ' || g, now() + interval '2 days', 25 + random() * 24, -124 + random() * 57, 500, "
            "CASE WHEN random() < 0.85 THEN 'approved' ELSE 'needs_approval' END::approval_status, "
            "(ARRAY['NY','CA','TX','FL','IL','PA','OH','GA','NC','MI'])[1 + (g % 10)] FROM generate_series(1, $1) g")
            .bind(nEvents));
    for (qint64 done = 0; done < nRsvps; done += 1000000)
        admin.exec(
            DbQuery("INSERT INTO rsvps (event_id, source, created_at) SELECT 1 + (random() * ($1 - 1))::bigint, 'web', "
                    "now() - random() * interval '2 days' FROM generate_series(1, $2)")
                .bind(nEvents)
                .bind(std::min<qint64>(1000000, nRsvps - done)));
    admin.execScript("VACUUM ANALYZE");
    std::fprintf(stderr, "seeded in %.1f s\n", seedT.elapsed() / 1000.0);

    // 1. Time to first totals: console snapshot vs psql fetching the same figures.
    QElapsedTimer t;
    t.start();
    auto first = startConsoles(as(ci, "bench_console"), 1);
    const double consoleFirstMs = double(t.elapsed());
    QProcess psql;
    const QString psqlBin = QDir(PgServer::findBinDir()).filePath(QStringLiteral("psql"));
    t.restart();
    psql.start(psqlBin,
               {ci, QStringLiteral("-qAt"), QStringLiteral("-c"), QStringLiteral("SELECT count(*) FROM rsvps"),
                QStringLiteral("-c"), QStringLiteral("SELECT event_id, count(*) FROM rsvps GROUP BY 1"),
                QStringLiteral("-c"), QStringLiteral("SELECT * FROM events")});
    psql.waitForFinished(600000);
    psql.readAll();
    const double psqlMs = double(t.elapsed());

    // 2. Database time per minute: one console vs the naive dashboard, same window, with the writer at ~1,000/s.
    Writer paced(as(ci, "bench_writer"), nEvents, 1000);
    paced.start();
    NaiveDashboard naive(as(ci, "bench_naive"));
    naive.start();
    waitMs(2000);
    admin.exec("SELECT pg_stat_statements_reset()");
    const qint64 w0 = paced.count();
    waitMs(window * 1000);
    const double consoleMs = statTimeMs(admin, "bench_console");
    {
        const DbTable b =
            admin.exec("SELECT calls, round(total_exec_time::numeric, 1), round(total_plan_time::numeric, 1), "
                       "left(regexp_replace(query, '\\s+', ' ', 'g'), 90) FROM pg_stat_statements s "
                       "JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = 'bench_console' "
                       "ORDER BY total_exec_time DESC LIMIT 8");
        std::fprintf(stderr, "console statements (calls, exec ms, plan ms, query):\n");
        for (int r = 0; r < b.rowCount(); ++r)
            std::fprintf(stderr, "  %s  %s  %s  %s\n", b.raw(r, 0).constData(), b.raw(r, 1).constData(),
                         b.raw(r, 2).constData(), b.raw(r, 3).constData());
    }
    const double naiveMs = statTimeMs(admin, "bench_naive");
    const double writeRate = double(paced.count() - w0) / window;
    naive.stop();
    paced.stop();
    const qint64 exact = admin.exec("SELECT count(*) FROM rsvps").toInt64(0, 0);
    waitUntil([&] { return first[0].feed->totalRsvps() == exact; }, 30000);
    const bool consoleExact = first[0].feed->totalRsvps() == exact;
    first.clear();

    // 3. Writer throughput (as fast as it can) with 0, 10 and 50 consoles reading.
    double tput[3] = {0, 0, 0};
    const int counts[3] = {0, 10, 50};
    for (int i = 0; i < 3; ++i) {
        auto consoles = startConsoles(as(ci, "bench_console"), counts[i]);
        Writer w(as(ci, "bench_writer"), nEvents, 0);
        w.start();
        waitMs(2000);
        const qint64 c0 = w.count();
        waitMs(tputWindow * 1000);
        tput[i] = double(w.count() - c0) / tputWindow;
        w.stop();
    }

    const double perMinConsole = consoleMs * 60.0 / window, perMinNaive = naiveMs * 60.0 / window;
    std::printf("\nOrganizer Console data path — %lld events, %lld RSVPs, writer %.0f RSVPs/s, %d s windows\n\n",
                nEvents, nRsvps, writeRate, window);
    std::printf("| measure | console | baseline | baseline / console |\n|---|---:|---:|---:|\n");
    std::printf(
        "| DB time per minute (pg_stat_statements) | %.1f ms | %.1f ms (naive dashboard, 5 s recount) | %.0fx |\n",
        perMinConsole, perMinNaive, perMinNaive / std::max(0.001, perMinConsole));
    std::printf("| time to first totals | %.0f ms | %.0f ms (psql, same figures) | %.2fx |\n", consoleFirstMs, psqlMs,
                psqlMs / consoleFirstMs);
    std::printf("| console total after the run equals count(*) | %s | | |\n", consoleExact ? "yes" : "NO");
    std::printf("\n| consoles reading | writer commits/s | vs 0 consoles |\n|---:|---:|---:|\n");
    for (int i = 0; i < 3; ++i)
        std::printf("| %d | %.0f | %+.1f%% |\n", counts[i], tput[i], 100.0 * (tput[i] - tput[0]) / tput[0]);
    std::printf(
        "\n(2-core shared machine: the throughput row varies by a few %% between runs; compare within a run.)\n");
    server.stop();
    return 0;
}

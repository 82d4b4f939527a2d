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
#include "StatStatements.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QSocketNotifier>
#include <QTimer>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <thread>
#include <tuple>
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
        m_latencies.clear();
        m_latencies.reserve(1000000);
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
                QElapsedTimer commit;
                commit.start();
                s.exec(DbQuery("INSERT INTO rsvps (event_id, source) VALUES ($1, 'web')")
                           .bind(qint64(1 + x % quint64(m_events))));
                if (m_latencies.size() < m_latencies.capacity())
                    m_latencies.push_back(commit.nsecsElapsed());
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
    // Commit latency percentile in ms over commits after `from`; call after stop().
    double latencyMs(double q, size_t from = 0) const
    {
        if (m_latencies.size() <= from)
            return 0;
        std::vector<qint64> v(m_latencies.begin() + long(from), m_latencies.end());
        const size_t k = std::min(v.size() - 1, size_t(q * double(v.size())));
        std::nth_element(v.begin(), v.begin() + long(k), v.end());
        return double(v[k]) / 1e6;
    }
    size_t commits() const { return m_latencies.size(); }

private:
    QString m_ci;
    qint64 m_events;
    double m_rate;
    std::vector<qint64> m_latencies;
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

// CPU seconds the server's backends of `role` have used so far (from /proc:
// the private server runs on this host).
double backendCpuSeconds(PgSession &admin, const char *role)
{
    const DbTable t = admin.exec(DbQuery("SELECT pid FROM pg_stat_activity WHERE usename = $1").bind(role));
    const double hz = double(sysconf(_SC_CLK_TCK));
    double sum = 0;
    for (int r = 0; r < t.rowCount(); ++r) {
        QFile f(QStringLiteral("/proc/%1/stat").arg(t.toInt64(r, 0)));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = f.readAll();
        // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 12)
            sum += (fields[11].toDouble() + fields[12].toDouble()) / hz;
    }
    return sum;
}

// N consoles in a process of their own at the lowest CPU priority. Real
// consoles run on staff laptops: their client-side work is not the database
// host's, their queries are. The achieved tick rate is reported next to the
// throughput so a starved swarm cannot flatter the figure.
int runSwarm(const QString &ci, int n)
{
    setpriority(PRIO_PROCESS, 0, 19);
    auto consoles = startConsoles(ci, n);
    auto ticks = [&] {
        qint64 sum = 0;
        for (auto &c : consoles)
            sum += c.feed->ticks();
        return sum;
    };
    auto cpu = [] {
        rusage u {};
        getrusage(RUSAGE_SELF, &u);
        return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
    };
    std::printf("ready\n");
    std::fflush(stdout);
    qint64 ticks0 = ticks();
    double cpu0 = cpu();
    QElapsedTimer el;
    el.start();
    QSocketNotifier in(STDIN_FILENO, QSocketNotifier::Read);
    std::string line;
    QObject::connect(&in, &QSocketNotifier::activated, [&] {
        char buf[64];
        const ssize_t got = ::read(STDIN_FILENO, buf, sizeof buf);
        if (got <= 0) {
            QCoreApplication::quit();
            return;
        }
        line.append(buf, size_t(got));
        for (size_t nl; (nl = line.find('\n')) != std::string::npos; line.erase(0, nl + 1)) {
            const std::string cmd = line.substr(0, nl);
            if (cmd == "mark") {
                ticks0 = ticks();
                cpu0 = cpu();
                el.restart();
                std::printf("marked\n");
            } else if (cmd == "stop") {
                std::printf("ticks %lld %.3f %.3f\n", ticks() - ticks0, el.elapsed() / 1000.0, cpu() - cpu0);
                QCoreApplication::quit();
            }
            std::fflush(stdout);
        }
    });
    return QCoreApplication::exec();
}

class Swarm
{
public:
    bool start(const QString &ci, int n)
    {
        m_n = n;
        if (n == 0)
            return true;
        m_p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_p.start(QCoreApplication::applicationFilePath(),
                  {QStringLiteral("--swarm"), QString::number(n), QStringLiteral("--conninfo"), ci});
        if (!m_p.waitForStarted(30000))
            return false;
        return readLine(600000, "ready") == "ready";
    }
    void mark()
    {
        if (m_n == 0)
            return;
        m_p.write("mark\n");
        readLine(30000, "marked");
    }
    // ticks per console per second, CPU seconds per second of the swarm
    std::pair<double, double> stop()
    {
        if (m_n == 0)
            return {0, 0};
        m_p.write("stop\n");
        const QList<QByteArray> f = readLine(30000, "ticks").mid(6).split(' ');
        m_p.waitForFinished(30000);
        if (f.size() != 3)
            return {-1, -1};
        const double secs = std::max(0.001, f[1].toDouble());
        return {f[0].toDouble() / secs / m_n, f[2].toDouble() / secs};
    }

private:
    // The next line starting with `prefix`; anything else the child prints is passed through.
    QByteArray readLine(int ms, const char *prefix)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < ms) {
            while (m_p.canReadLine()) {
                const QByteArray line = m_p.readLine().trimmed();
                if (line.startsWith(prefix))
                    return line;
                std::fprintf(stderr, "swarm: %s\n", line.constData());
            }
            if (m_p.state() != QProcess::Running)
                break;
            m_p.waitForReadyRead(1000);
        }
        std::fprintf(stderr, "swarm: no \"%s\" (exit %d)\n", prefix, m_p.exitCode());
        return {};
    }
    QProcess m_p;
    int m_n = 0;
};

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
    const QCommandLineOption swarmOpt(QStringLiteral("swarm"), QStringLiteral("internal: run N consoles and wait"),
                                      QStringLiteral("n"));
    const QCommandLineOption conninfoOpt(QStringLiteral("conninfo"), QStringLiteral("internal"), QStringLiteral("ci"));
    p.addOptions({eventsOpt, rsvpsOpt, windowOpt, tputOpt, swarmOpt, conninfoOpt});
    p.process(app);
    qputenv("OC_LOG_LEVEL", "warn");
    Log::init("bench_dbcost", QDir::tempPath().toStdString());
    if (p.isSet(swarmOpt))
        return runSwarm(p.value(conninfoOpt), p.value(swarmOpt).toInt());
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
    StatStatements stats(admin);
    stats.install();
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
    stats.reset();
    const qint64 w0 = paced.count();
    waitMs(window * 1000);
    const double consoleMs = stats.execTimeMs("bench_console");
    stats.printTop("bench_console", 8);
    const double naiveMs = stats.execTimeMs("bench_naive");
    const double writeRate = double(paced.count() - w0) / window;
    naive.stop();
    paced.stop();
    const qint64 exact = admin.exec("SELECT count(*) FROM rsvps").toInt64(0, 0);
    waitUntil([&] { return first[0].feed->totalRsvps() == exact; }, 30000);
    const bool consoleExact = first[0].feed->totalRsvps() == exact;
    first.clear();

    // 3. Writer with 0, 10 and 50 consoles reading: as fast as it can
    //    (capacity left to the site), and paced at ~1,000 RSVPs/s (the
    //    surge of the issue) where the cost shows as commit latency.
    struct Row
    {
        double maxRate = 0, ticksPerSec = 0, swarmCpu = 0, pacedRate = 0, p50 = 0, p99 = 0;
        double consoleBackendCpu = 0, writerBackendCpu = 0; // cores, while paced
    };
    // 0 again at the end: what drifts over the run (table growth, autovacuum)
    // shows there, not as a cost of the consoles.
    constexpr int kRuns = 4;
    Row rows[kRuns];
    const int counts[kRuns] = {0, 10, 50, 0};
    constexpr int kMaxWriters = 4;
    for (int i = 0; i < kRuns; ++i) {
        Swarm swarm;
        if (!swarm.start(as(ci, "bench_console"), counts[i])) {
            std::fprintf(stderr, "console swarm of %d did not start\n", counts[i]);
            return 1;
        }
        // Several connections, as a web backend's request handlers are: a
        // single ping-pong writer measures scheduler wake-up latency on a
        // 2-core machine more than database capacity.
        std::vector<std::unique_ptr<Writer>> writers;
        for (int k = 0; k < kMaxWriters; ++k) {
            writers.push_back(std::make_unique<Writer>(as(ci, "bench_writer"), nEvents, 0));
            writers.back()->start();
        }
        auto written = [&] {
            qint64 sum = 0;
            for (auto &w : writers)
                sum += w->count();
            return sum;
        };
        waitMs(2000);
        const qint64 c0 = written();
        swarm.mark();
        waitMs(tputWindow * 1000);
        rows[i].maxRate = double(written() - c0) / tputWindow;
        for (auto &w : writers)
            w->stop();
        Writer pacedW(as(ci, "bench_writer"), nEvents, 1000);
        pacedW.start();
        waitMs(2000);
        const qint64 p0 = pacedW.count();
        const size_t l0 = size_t(p0);
        const double consoleCpu0 = backendCpuSeconds(admin, "bench_console");
        const double writerCpu0 = backendCpuSeconds(admin, "bench_writer");
        QElapsedTimer pacedClock;
        pacedClock.start();
        waitMs(tputWindow * 1000);
        const double pacedSecs = pacedClock.elapsed() / 1000.0;
        rows[i].consoleBackendCpu = (backendCpuSeconds(admin, "bench_console") - consoleCpu0) / pacedSecs;
        rows[i].writerBackendCpu = (backendCpuSeconds(admin, "bench_writer") - writerCpu0) / pacedSecs;
        rows[i].pacedRate = double(pacedW.count() - p0) / tputWindow;
        pacedW.stop();
        rows[i].p50 = pacedW.latencyMs(0.50, l0);
        rows[i].p99 = pacedW.latencyMs(0.99, l0);
        std::tie(rows[i].ticksPerSec, rows[i].swarmCpu) = swarm.stop();
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
    const double cores = double(std::max(1u, std::thread::hardware_concurrency()));
    std::printf(
        "\nWriter paced at ~1,000 RSVPs/s (the surge of the issue): what the consoles cost the database host\n\n"
        "| consoles reading | ticks/s per console | RSVPs/s written | commit p50 | commit p99 | console "
        "backends' CPU | the writer's backend CPU (baseline) | console backends / host capacity |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < kRuns; ++i)
        std::printf("| %d | %.2f | %.0f | %.2f ms | %.2f ms | %.1f%% of a core | %.1f%% of a core | %.2f%% |\n",
                    counts[i], rows[i].ticksPerSec, rows[i].pacedRate, rows[i].p50, rows[i].p99,
                    100.0 * rows[i].consoleBackendCpu, 100.0 * rows[i].writerBackendCpu,
                    100.0 * rows[i].consoleBackendCpu / cores);
    std::printf("\nWriters as fast as they can (4 connections): every console then tails ~10x the issue's rate\n\n"
                "| consoles reading | max commits/s | vs first 0 | console process CPU (runs off the DB host in "
                "reality) |\n|---:|---:|---:|---:|\n");
    for (int i = 0; i < kRuns; ++i)
        std::printf("| %d | %.0f | %+.1f%% | %.0f%% of a core |\n", counts[i], rows[i].maxRate,
                    100.0 * (rows[i].maxRate - rows[0].maxRate) / rows[0].maxRate, 100.0 * rows[i].swarmCpu);
    std::printf(
        "\n(2-core shared machine: the throughput row varies by a few %% between runs; compare within a run.)\n");
    server.stop();
    return 0;
}

// The public site under load across a flip to the static page and back.
//
// A private PostgreSQL and organizer-hubsim (DemoEnvironment), `wrk` against
// the site, and the console's own SiteFlipper for the flips (audit intent,
// snapshot built from the database, upload, switch), so the figures are
// those of the path an operator's click takes. Five back-to-back wrk runs:
// dynamic, the flip to static (started as the run starts), static, the flip
// back, dynamic. The dynamic site runs with a capacity far above the load:
// the overload model (docs/ops-api.md) would otherwise fail requests by
// design, and the point here is that the flip itself costs none.
//
// wrk asks as a browser does (Accept-Encoding: gzip, deflate, br, zstd) and
// a Lua hook counts the Content-Encoding of every response and checks its
// length against Content-Length; around the static phase the bench fetches
// the page in each coding and checks that gzip and br decode to the
// identity bytes.
#include "ActionAudit.h"
#include "ContentCoding.h"
#include "DemoEnvironment.h"
#include "Log.h"
#include "OpsApiClient.h"
#include "PgAsyncConnection.h"
#include "PgSession.h"
#include "SiteFlipper.h"
#include "StaticSnapshotBuilder.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryFile>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>

using namespace oc;

namespace {

struct WrkFigures
{
    bool parsed = false;
    double seconds = 0;
    qint64 requests = 0;
    double rps = 0;
    qint64 non2xx = 0; // wrk counts "non-2xx or 3xx"
    qint64 socketErrors = 0;
    double p50ms = 0;
    double p99ms = 0;
    double kbPerResponse = 0; // as sent: compressed when the site offers a coding
    // From the Lua hook: responses per Content-Encoding, and responses whose
    // body length differed from their Content-Length.
    qint64 br = 0, gzip = 0, identity = 0, otherCoding = 0, badLength = 0;
    bool counted = false;
    QString raw;
};

// What a browser sends, and a tally of what came back (wrk 4.1's script API:
// setup/init/response/done; thread:get copies a thread's globals).
const char *const kWrkScript = R"LUA(
wrk.headers["Accept-Encoding"] = "gzip, deflate, br, zstd"
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) n_br = 0; n_gzip = 0; n_identity = 0; n_other = 0; n_bad = 0 end
function response(status, headers, body)
  local enc = headers["content-encoding"] or headers["Content-Encoding"]
  if enc == nil then n_identity = n_identity + 1
  elseif enc == "br" then n_br = n_br + 1
  elseif enc == "gzip" then n_gzip = n_gzip + 1
  else n_other = n_other + 1 end
  local len = tonumber(headers["content-length"] or headers["Content-Length"])
  if len == nil or len ~= #body then n_bad = n_bad + 1 end
end
function done(summary, latency, requests)
  local t = {br = 0, gzip = 0, identity = 0, other = 0, bad = 0}
  for _, th in ipairs(threads) do
    t.br = t.br + th:get("n_br"); t.gzip = t.gzip + th:get("n_gzip")
    t.identity = t.identity + th:get("n_identity"); t.other = t.other + th:get("n_other")
    t.bad = t.bad + th:get("n_bad")
  end
  io.write(string.format("CODINGS br %d gzip %d identity %d other %d badlength %d\n",
                         t.br, t.gzip, t.identity, t.other, t.bad))
end
)LUA";

double toMs(const QString &value, const QString &unit)
{
    const double v = value.toDouble();
    if (unit == QLatin1String("us"))
        return v / 1000.0;
    if (unit == QLatin1String("s"))
        return v * 1000.0;
    if (unit == QLatin1String("m"))
        return v * 60000.0;
    return v;
}

WrkFigures parseWrk(const QString &out)
{
    WrkFigures f;
    f.raw = out;
    static const QRegularExpression total(
        QStringLiteral("(\\d+) requests in ([\\d.]+)(us|ms|s|m), ([\\d.]+)(B|KB|MB|GB|TB) read"));
    static const QRegularExpression rps(QStringLiteral("Requests/sec:\\s+([\\d.]+)"));
    static const QRegularExpression pct(QStringLiteral("^\\s*(50|99)%\\s+([\\d.]+)(us|ms|s|m)\\s*$"),
                                        QRegularExpression::MultilineOption);
    static const QRegularExpression sock(
        QStringLiteral("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)"));
    static const QRegularExpression non2xx(QStringLiteral("Non-2xx or 3xx responses: (\\d+)"));
    const auto t = total.match(out);
    const auto r = rps.match(out);
    if (!t.hasMatch() || !r.hasMatch())
        return f;
    f.parsed = true;
    f.requests = t.captured(1).toLongLong();
    f.seconds = toMs(t.captured(2), t.captured(3)) / 1000.0;
    f.rps = r.captured(1).toDouble();
    const QString unit = t.captured(5);
    const double kb = t.captured(4).toDouble() *
        (unit == QLatin1String("B")        ? 1.0 / 1024
             : unit == QLatin1String("KB") ? 1.0
             : unit == QLatin1String("MB") ? 1024.0
             : unit == QLatin1String("GB") ? 1024.0 * 1024
                                           : 1024.0 * 1024 * 1024);
    f.kbPerResponse = f.requests > 0 ? kb / double(f.requests) : 0;
    for (auto it = pct.globalMatch(out); it.hasNext();) {
        const auto m = it.next();
        (m.captured(1) == QLatin1String("50") ? f.p50ms : f.p99ms) = toMs(m.captured(2), m.captured(3));
    }
    if (const auto m = sock.match(out); m.hasMatch())
        for (int i = 1; i <= 4; ++i)
            f.socketErrors += m.captured(i).toLongLong();
    if (const auto m = non2xx.match(out); m.hasMatch())
        f.non2xx = m.captured(1).toLongLong();
    static const QRegularExpression codings(
        QStringLiteral("CODINGS br (\\d+) gzip (\\d+) identity (\\d+) other (\\d+) badlength (\\d+)"));
    if (const auto m = codings.match(out); m.hasMatch()) {
        f.counted = true;
        f.br = m.captured(1).toLongLong();
        f.gzip = m.captured(2).toLongLong();
        f.identity = m.captured(3).toLongLong();
        f.otherCoding = m.captured(4).toLongLong();
        f.badLength = m.captured(5).toLongLong();
    }
    return f;
}

// Runs the event loop until `done` says so or `ms` pass; false on timeout.
bool waitFor(const std::function<bool()> &done, int ms)
{
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (done() || clock.elapsed() > ms)
            loop.quit();
    });
    tick.start(20);
    if (!done())
        loop.exec();
    return done();
}

QByteArray fetch(QNetworkAccessManager &nam, const QUrl &url)
{
    QNetworkReply *r = nam.get(QNetworkRequest(url));
    waitFor([r] { return r->isFinished(); }, 30000);
    r->deleteLater();
    return r->isFinished() && r->error() == QNetworkReply::NoError ? r->readAll() : QByteArray();
}

// The body as sent for one Accept-Encoding (set by hand, so Qt neither adds
// its own nor decodes), and its Content-Encoding.
std::pair<QByteArray, QByteArray> fetchCoded(QNetworkAccessManager &nam, const QUrl &url, const QByteArray &accept)
{
    QNetworkRequest req(url);
    req.setRawHeader("Accept-Encoding", accept);
    QNetworkReply *r = nam.get(req);
    waitFor([r] { return r->isFinished(); }, 30000);
    r->deleteLater();
    if (!r->isFinished() || r->error() != QNetworkReply::NoError)
        return {};
    return {r->readAll(), r->rawHeader("Content-Encoding")};
}

// Fetches `url` as identity, gzip and br; true when both codings were used
// and decode to the identity bytes. `sizes` gets the three lengths.
bool codingsAgree(QNetworkAccessManager &nam, const QUrl &url, QString *sizes)
{
    const auto [plain, plainCoding] = fetchCoded(nam, url, "identity");
    const auto [gz, gzCoding] = fetchCoded(nam, url, "gzip");
    const auto [br, brCoding] = fetchCoded(nam, url, "gzip, deflate, br, zstd");
    *sizes = QStringLiteral("%1 B identity, %2 B gzip, %3 B br").arg(plain.size()).arg(gz.size()).arg(br.size());
    using oc::sim::ContentCoding;
    return !plain.isEmpty() && plainCoding.isEmpty() && gzCoding == "gzip" && brCoding == "br" &&
        ContentCoding::gunzip(gz) == plain && ContentCoding::unbrotli(br) == plain;
}

QList<qint64> approvedUpcomingFromSql(const QString &conninfo)
{
    // Written independently of StaticSnapshotBuilder's query on purpose
    // (the same check as tst_actions_e2e).
    PgSession s(conninfo);
    const DbTable t = s.exec("SELECT e.id FROM events e, campaigns c WHERE c.id = e.campaign_id "
                             "AND c.status IN ('draft', 'live', 'paused') AND e.approval_status = 'approved' "
                             "AND e.starts_at > now() - interval '3 hours' ORDER BY e.id");
    QList<qint64> ids;
    for (int r = 0; r < t.rowCount(); ++r)
        ids << t.toInt64(r, 0);
    return ids;
}

QList<qint64> listedOnPage(const QByteArray &html)
{
    static const QRegularExpression idRe(QStringLiteral("<li data-id=\"(\\d+)\""));
    QList<qint64> ids;
    for (auto it = idRe.globalMatch(QString::fromUtf8(html)); it.hasNext();)
        ids << it.next().captured(1).toLongLong();
    std::sort(ids.begin(), ids.end());
    return ids;
}

QList<qint64> listedInJson(const QByteArray &json)
{
    QList<qint64> ids;
    for (const auto &v : QJsonDocument::fromJson(json).object().value(QStringLiteral("events")).toArray())
        ids << v.toObject().value(QStringLiteral("id")).toInteger();
    std::sort(ids.begin(), ids.end());
    return ids;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("The public site under wrk load across a flip to static and back"));
    p.addHelpOption();
    const QCommandLineOption secondsOpt(QStringLiteral("seconds"), QStringLiteral("steady phase length"),
                                        QStringLiteral("s"), QStringLiteral("8"));
    const QCommandLineOption transitionOpt(QStringLiteral("transition"),
                                           QStringLiteral("length of the phases with a flip"), QStringLiteral("s"),
                                           QStringLiteral("4"));
    const QCommandLineOption connOpt(QStringLiteral("connections"), QStringLiteral("wrk connections"),
                                     QStringLiteral("n"), QStringLiteral("64"));
    const QCommandLineOption threadsOpt(QStringLiteral("threads"), QStringLiteral("wrk threads"), QStringLiteral("n"),
                                        QStringLiteral("2"));
    const QCommandLineOption eventsOpt(QStringLiteral("events"), QStringLiteral("events to seed"), QStringLiteral("n"),
                                       QStringLiteral("2000"));
    const QCommandLineOption pathOpt(QStringLiteral("path"), QStringLiteral("site path to load"),
                                     QStringLiteral("path"), QStringLiteral("/"));
    p.addOptions({secondsOpt, transitionOpt, connOpt, threadsOpt, eventsOpt, pathOpt});
    p.process(app);
    const int steady = p.value(secondsOpt).toInt();
    const int transition = p.value(transitionOpt).toInt();

    // The simulator inherits the level: it would otherwise log every API call.
    if (qEnvironmentVariableIsEmpty("OC_LOG_LEVEL"))
        qputenv("OC_LOG_LEVEL", "warn");
    Log::init("bench_flip", QDir::tempPath().toStdString());

    DemoEnvironment demo;
    DemoEnvironment::Options d;
    d.events = p.value(eventsOpt).toInt();
    d.supporters = 2000;
    d.seedRsvps = 2000;
    // No new events while we compare the static page with the database; a
    // capacity the load cannot reach (see the top of this file).
    d.extraArgs << QStringLiteral("--events-per-day") << QStringLiteral("0") << QStringLiteral("--rsvp-rate")
                << QStringLiteral("2") << QStringLiteral("--wait-for-launch") << QStringLiteral("--site-capacity")
                << QStringLiteral("1000000");
    QString err;
    std::fprintf(stderr, "[bench] starting PostgreSQL and organizer-hubsim (%d events)…\n", d.events);
    if (!demo.start(d, &err)) {
        std::fprintf(stderr, "bench_flip: %s\n", qPrintable(err));
        return 1;
    }
    PgAsyncConnection db;
    bool up = false;
    QObject::connect(&db, &DbConnection::connected, &db, [&up] { up = true; });
    db.open(demo.conninfo());
    if (!waitFor([&] { return up; }, 15000)) {
        std::fprintf(stderr, "bench_flip: cannot connect to the demo database\n");
        return 1;
    }
    OpsApiClient api(demo.apiUrl(), demo.apiToken());
    api.setActor(QStringLiteral("bench-flip"));
    ActionAudit audit(&db, QStringLiteral("bench-flip"));
    StaticSnapshotBuilder builder(&db);
    SiteFlipper flipper(&audit, &api, &builder);

    QUrl target = demo.siteUrl();
    target.setPath(p.value(pathOpt));
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    if (fetch(nam, target).isEmpty()) { // also warms the event cache
        std::fprintf(stderr, "bench_flip: the site at %s does not answer\n", qPrintable(target.toString()));
        return 1;
    }

    struct Phase
    {
        QString name;
        WrkFigures wrk;
        QString flip; // "" when the phase has no flip
    };
    QList<Phase> phases;
    bool failed = false;
    QTemporaryFile script(QDir::temp().filePath(QStringLiteral("bench_flip-XXXXXX.lua")));
    if (!script.open() || script.write(kWrkScript) < 0 || !script.flush()) {
        std::fprintf(stderr, "bench_flip: cannot write the wrk script: %s\n", qPrintable(script.errorString()));
        return 1;
    }

    // One wrk run; `flip` (if any) starts with it, and the run must outlast it.
    const auto run = [&](const QString &name, int seconds, std::function<void()> flip) {
        std::fprintf(stderr, "[bench] %s: %d s of wrk -t%s -c%s\n", qPrintable(name), seconds,
                     qPrintable(p.value(threadsOpt)), qPrintable(p.value(connOpt)));
        QProcess wrk;
        wrk.setProcessChannelMode(QProcess::MergedChannels);
        wrk.start(QStringLiteral("wrk"),
                  {QStringLiteral("-t") + p.value(threadsOpt), QStringLiteral("-c") + p.value(connOpt),
                   QStringLiteral("-d%1s").arg(seconds), QStringLiteral("--latency"), QStringLiteral("-s"),
                   script.fileName(), target.toString()});
        if (!wrk.waitForStarted(10000)) {
            std::fprintf(stderr, "bench_flip: cannot start wrk: %s\n", qPrintable(wrk.errorString()));
            std::exit(1);
        }
        Phase ph {name, {}, {}};
        std::optional<bool> flipOk;
        QString flipMessage;
        QElapsedTimer flipClock;
        qint64 flipMs = 0;
        QMetaObject::Connection c;
        if (flip) {
            c = QObject::connect(&flipper, &SiteFlipper::finished, &flipper, [&](bool ok, const QString &m) {
                flipOk = ok;
                flipMessage = m;
                flipMs = flipClock.elapsed();
            });
            flipClock.start();
            flip();
        }
        waitFor([&] { return wrk.state() == QProcess::NotRunning; }, (seconds + 30) * 1000);
        if (flip) {
            QObject::disconnect(c);
            if (!flipOk) {
                ph.flip = QStringLiteral("not finished when wrk ended");
                failed = true;
            } else if (!*flipOk) {
                ph.flip = QStringLiteral("FAILED: ") + flipMessage;
                failed = true;
            } else {
                ph.flip = QStringLiteral("done in %1 ms").arg(flipMs);
            }
        }
        ph.wrk = parseWrk(QString::fromUtf8(wrk.readAll()));
        if (!ph.wrk.parsed) {
            std::fprintf(stderr, "bench_flip: cannot read wrk's output:\n%s\n", qPrintable(ph.wrk.raw));
            failed = true;
        }
        phases << ph;
    };

    run(QStringLiteral("dynamic-before"), steady, {});
    run(QStringLiteral("flip to static"), transition, [&] { flipper.flipToStatic(); });
    const QByteArray staticBefore = fetch(nam, demo.siteUrl().resolved(QUrl(QStringLiteral("/"))));
    // The compressed bodies follow the upload by about a second (a worker
    // thread): wait for them so the static phase measures what visitors get
    // from then on, and check every coding decodes to the same page.
    const QUrl pageUrl = demo.siteUrl().resolved(QUrl(QStringLiteral("/")));
    const QUrl listUrl = demo.siteUrl().resolved(QUrl(QStringLiteral("/events.json")));
    QString pageSizes, listSizes;
    waitFor([&] { return fetchCoded(nam, listUrl, "br").second == "br"; }, 30000);
    const bool pageCodings = codingsAgree(nam, pageUrl, &pageSizes);
    const bool listCodings = codingsAgree(nam, listUrl, &listSizes);
    const QByteArray staticList = fetch(nam, listUrl);
    run(QStringLiteral("static"), steady, {});
    run(QStringLiteral("flip to dynamic"), transition, [&] { flipper.flipToDynamic(); });
    run(QStringLiteral("dynamic-after"), steady, {});
    const QByteArray dynamicAfter = fetch(nam, demo.siteUrl().resolved(QUrl(QStringLiteral("/"))));

    const QList<qint64> expected = approvedUpcomingFromSql(demo.conninfo());
    // The page lists the soonest events; /events.json (fetched by the page
    // when the visitor searches) all of them.
    const QList<qint64> listed = listedOnPage(staticBefore);
    const QList<qint64> inJson = listedInJson(staticList);
    const bool staticMarked = staticBefore.contains("organizer-console static snapshot");
    const qsizetype firstPage = std::min<qsizetype>(expected.size(), StaticSnapshotBuilder::Options().firstPageEvents);
    const bool pageSubset = std::all_of(listed.begin(), listed.end(), [&](qint64 id) {
        return std::binary_search(expected.begin(), expected.end(), id);
    });
    const bool exact =
        staticMarked && inJson == expected && listed.size() == firstPage && pageSubset && !expected.isEmpty();
    const bool backToDynamic = !dynamicAfter.isEmpty() && !dynamicAfter.contains("organizer-console static snapshot");

    std::printf("\nPublic site %s under wrk -t%s -c%s --latency, flips by SiteFlipper (site capacity 1,000,000/s)\n\n",
                qPrintable(p.value(pathOpt)), qPrintable(p.value(threadsOpt)), qPrintable(p.value(connOpt)));
    std::printf("| phase | s | requests | req/s | non-2xx | socket errors | p50 ms | p99 ms | KB/response | "
                "br / gzip / identity | flip |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
    qint64 bad = 0;
    double dynamicRps = 0, staticRps = 0;
    for (const Phase &ph : phases) {
        const WrkFigures &w = ph.wrk;
        bad += w.non2xx + w.socketErrors + w.badLength + w.otherCoding;
        if (!w.counted)
            failed = true;
        if (ph.name.startsWith(QLatin1String("dynamic-")))
            dynamicRps = std::max(dynamicRps, w.rps);
        if (ph.name == QLatin1String("static"))
            staticRps = w.rps;
        const QString badLength =
            w.badLength + w.otherCoding ? QStringLiteral(" (%1 BAD)").arg(w.badLength + w.otherCoding) : QString();
        std::printf("| %s | %.1f | %lld | %.0f | %lld | %lld | %.2f | %.2f | %.1f | %lld / %lld / %lld%s | %s |\n",
                    qPrintable(ph.name), w.seconds, w.requests, w.rps, w.non2xx, w.socketErrors, w.p50ms, w.p99ms,
                    w.kbPerResponse, w.br, w.gzip, w.identity, qPrintable(badLength),
                    ph.flip.isEmpty() ? "" : qPrintable(ph.flip));
    }
    std::printf("\nstatic / dynamic req/s: %.2fx (static %.0f, best dynamic phase %.0f)\n",
                dynamicRps > 0 ? staticRps / dynamicRps : 0.0, staticRps, dynamicRps);
    std::printf("static page: %lld events in the first load, %lld in /events.json, %lld approved upcoming in the "
                "database: %s\n",
                qint64(listed.size()), qint64(inJson.size()), qint64(expected.size()),
                exact ? "exactly the approved events" : (staticMarked ? "MISMATCH" : "NOT the console's static page"));
    std::printf("static page codings: %s (%s)\n", pageCodings ? "gzip and br decode to the identity bytes" : "MISMATCH",
                qPrintable(pageSizes));
    std::printf("/events.json codings: %s (%s)\n",
                listCodings ? "gzip and br decode to the identity bytes" : "MISMATCH", qPrintable(listSizes));
    std::printf("after the flip back: %s\n", backToDynamic ? "dynamic page served" : "STILL STATIC or no answer");
    std::printf("non-2xx + socket errors over all phases: %lld\n", bad);
    std::fflush(stdout);
    demo.stop();
    return failed || bad != 0 || !exact || !backToDynamic || !pageCodings || !listCodings ? 1 : 0;
}

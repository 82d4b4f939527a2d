// organizer-hubsim: stands in for the campaign backend in the demo, the tests
// and the benchmarks. Applies the schema, seeds a campaign, imports event
// files and streams a realistic surge of RSVPs, events and traffic.
#include "EventImporter.h"
#include "HubHttpServices.h"
#include "HubStreamer.h"
#include "Log.h"
#include "Migrator.h"
#include "PgSession.h"
#include "Seeder.h"
#include "SignalQuit.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace oc;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("organizer-hubsim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OC_VERSION));
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Campaign backend simulator for Organizer Console"));
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption dbOpt({QStringLiteral("d"), QStringLiteral("db")},
                                   QStringLiteral("libpq connection string or service (default: $PGSERVICE/$PG* env)"),
                                   QStringLiteral("conninfo"), QString());
    const QCommandLineOption eventsOpt(QStringLiteral("events"), QStringLiteral("events to seed (default 2000)"),
                                       QStringLiteral("n"), QStringLiteral("2000"));
    const QCommandLineOption supportersOpt(QStringLiteral("supporters"), QStringLiteral("supporters to seed"),
                                           QStringLiteral("n"), QStringLiteral("20000"));
    const QCommandLineOption rsvpsOpt(QStringLiteral("seed-rsvps"), QStringLiteral("RSVP history to seed"),
                                      QStringLiteral("n"), QStringLiteral("20000"));
    const QCommandLineOption importOpt(QStringLiteral("import"),
                                       QStringLiteral("import events from a GeoJSON or CSV file (bad rows reported)"),
                                       QStringLiteral("file"));
    const QCommandLineOption compressionOpt(QStringLiteral("compression"),
                                            QStringLiteral("simulated seconds per real second (144 = a day in 10 min)"),
                                            QStringLiteral("x"), QStringLiteral("144"));
    const QCommandLineOption rateOpt(QStringLiteral("rsvp-rate"),
                                     QStringLiteral("fixed RSVPs per second instead of the scenario curve"),
                                     QStringLiteral("per-second"));
    const QCommandLineOption baseViewsOpt(QStringLiteral("base-views"), QStringLiteral("quiet-hour views per minute"),
                                          QStringLiteral("n"), QStringLiteral("3000"));
    const QCommandLineOption noLaunchOpt(
        QStringLiteral("wait-for-launch"),
        QStringLiteral("stay quiet until the campaign is launched through the ops API"));
    const QCommandLineOption eventRateOpt(QStringLiteral("events-per-day"),
                                          QStringLiteral("new crowd-sourced events per simulated day"),
                                          QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption seedOnlyOpt(QStringLiteral("seed-only"), QStringLiteral("seed/import, then exit"));
    const QCommandLineOption durationOpt(QStringLiteral("duration"), QStringLiteral("stop streaming after s seconds"),
                                         QStringLiteral("s"));
    const QCommandLineOption apiPortOpt(QStringLiteral("api-port"),
                                        QStringLiteral("ops API port on 127.0.0.1 (0 = any free)"),
                                        QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption apiTokenOpt(QStringLiteral("api-token"),
                                         QStringLiteral("ops API operator bearer token (default "
                                                        "$ORGANIZER_HUB_TOKEN; without any token the API is off)"),
                                         QStringLiteral("token"));
    const QCommandLineOption apiViewerTokenOpt(QStringLiteral("api-token-viewer"),
                                               QStringLiteral("ops API viewer bearer token: reads only (default "
                                                              "$ORGANIZER_HUB_TOKEN_VIEWER)"),
                                               QStringLiteral("token"));
    const QCommandLineOption apiTrainerTokenOpt(QStringLiteral("api-token-trainer"),
                                                QStringLiteral("ops API trainer bearer token: reads only (default "
                                                               "$ORGANIZER_HUB_TOKEN_TRAINER)"),
                                                QStringLiteral("token"));
    const QCommandLineOption apiFaultOpt(
        QStringLiteral("api-fault"),
        QStringLiteral("inject API faults, KIND[=SECONDS][:ENDPOINT[:COUNT]], e.g. 500, "
                       "timeout=5, 500-after-record:create-blast:1 (default "
                       "$ORGANIZER_HUB_API_FAULT)"),
        QStringLiteral("spec"));
    const QCommandLineOption testEndpointsOpt(QStringLiteral("test-endpoints"),
                                              QStringLiteral("enable POST /api/v1/_test/faults"));
    const QCommandLineOption sitePortOpt(QStringLiteral("site-port"),
                                         QStringLiteral("public site port on 127.0.0.1 (0 = any free)"),
                                         QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption siteCapacityOpt(QStringLiteral("site-capacity"),
                                             QStringLiteral("requests/s the dynamic site handles before failing"),
                                             QStringLiteral("per-second"), QStringLiteral("400"));
    const QCommandLineOption journalOpt(
        QStringLiteral("rsvp-journal"),
        QStringLiteral("file for RSVPs taken in static mode (default: in the temp dir)"), QStringLiteral("file"));
    const QCommandLineOption noHttpOpt(QStringLiteral("no-http"),
                                       QStringLiteral("run neither the ops API nor the site"));
    p.addOptions({dbOpt,      eventsOpt,    supportersOpt,     rsvpsOpt,          importOpt,   compressionOpt,
                  rateOpt,    baseViewsOpt, noLaunchOpt,       eventRateOpt,      seedOnlyOpt, durationOpt,
                  apiPortOpt, apiTokenOpt,  apiFaultOpt,       testEndpointsOpt,  sitePortOpt, siteCapacityOpt,
                  journalOpt, noHttpOpt,    apiViewerTokenOpt, apiTrainerTokenOpt});
    p.process(app);

    Log::init("organizer-hubsim");
    auto log = Log::get("sim");
    const QString conninfo = p.value(dbOpt);
    qint64 campaignId = 0;
    try {
        PgSession s(conninfo);
        const auto mig = Migrator(s).migrate();
        if (!mig.applied.isEmpty())
            log->info("schema migrated from {} to {}", mig.from, mig.to);
        Seeder::Options so;
        so.events = p.value(eventsOpt).toInt();
        so.supporters = p.value(supportersOpt).toInt();
        so.rsvps = p.value(rsvpsOpt).toLongLong();
        campaignId = Seeder(s).seed(so);
        if (p.isSet(importOpt)) {
            const auto report = EventImporter::importFile(p.value(importOpt));
            for (const auto &r : report.rejected)
                std::fprintf(stdout, "REJECTED row %d: %s | %s\n", r.row, qPrintable(r.reason), qPrintable(r.excerpt));
            if (!report.fatal.isEmpty()) {
                std::fprintf(stderr, "import failed: %s\n", qPrintable(report.fatal));
                return 2;
            }
            const int n = Seeder(s).insertImported(campaignId, report.events);
            std::fprintf(stdout, "IMPORTED %d events, %d rows rejected\n", n, int(report.rejected.size()));
        }
    } catch (const DbException &e) {
        std::fprintf(stderr, "organizer-hubsim: %s\n", qPrintable(e.error.message));
        return 1;
    }
    std::fprintf(stdout, "READY campaign=%lld\n", campaignId);
    std::fflush(stdout);
    if (p.isSet(seedOnlyOpt))
        return 0;

    Scenario::Options sco;
    sco.compression = p.value(compressionOpt).toDouble();
    sco.baseViewsPerMin = p.value(baseViewsOpt).toDouble();
    sco.autoLaunch = !p.isSet(noLaunchOpt);
    if (p.isSet(rateOpt))
        sco.rsvpRateOverride = p.value(rateOpt).toDouble();
    HubStreamer::Options sto;
    sto.conninfo = conninfo;
    sto.campaignId = campaignId;
    sto.eventsPerSimDay = p.value(eventRateOpt).toDouble();
    auto *streamer = new HubStreamer(sto, Scenario(sco));
    QThread writer;
    streamer->moveToThread(&writer);
    QObject::connect(&writer, &QThread::started, streamer, &HubStreamer::start);
    QObject::connect(&writer, &QThread::finished, streamer, &QObject::deleteLater);
    writer.start();

    std::unique_ptr<HubHttpServices> http;
    if (!p.isSet(noHttpOpt)) {
        HubHttpServices::Options ho;
        ho.conninfo = conninfo;
        ho.campaignId = campaignId;
        const auto token = [&p](const QCommandLineOption &opt, const char *env) {
            return (p.isSet(opt) ? p.value(opt) : qEnvironmentVariable(env)).toUtf8();
        };
        ho.apiToken = token(apiTokenOpt, "ORGANIZER_HUB_TOKEN");
        ho.apiViewerToken = token(apiViewerTokenOpt, "ORGANIZER_HUB_TOKEN_VIEWER");
        ho.apiTrainerToken = token(apiTrainerTokenOpt, "ORGANIZER_HUB_TOKEN_TRAINER");
        ho.apiEnabled = !ho.apiToken.isEmpty() || !ho.apiViewerToken.isEmpty() || !ho.apiTrainerToken.isEmpty();
        ho.apiPort = quint16(p.value(apiPortOpt).toUInt());
        ho.apiFaults = p.isSet(apiFaultOpt) ? p.value(apiFaultOpt) : qEnvironmentVariable("ORGANIZER_HUB_API_FAULT");
        ho.testEndpoints = p.isSet(testEndpointsOpt);
        ho.sitePort = quint16(p.value(sitePortOpt).toUInt());
        ho.siteCapacity = p.value(siteCapacityOpt).toDouble();
        ho.rsvpJournal = p.value(journalOpt);
        http = std::make_unique<HubHttpServices>(ho);
        http->setStreamer(streamer);
        QString err;
        if (!http->start(&err)) {
            std::fprintf(stderr, "organizer-hubsim: %s\n", qPrintable(err));
            QMetaObject::invokeMethod(streamer, &HubStreamer::stop, Qt::BlockingQueuedConnection);
            writer.quit();
            writer.wait();
            return 1;
        }
        if (ho.apiEnabled)
            std::fprintf(stdout, "API http://127.0.0.1:%u\n", unsigned(http->apiPort()));
        else
            log->warn("ops API off: no --api-token or ORGANIZER_HUB_TOKEN");
        std::fprintf(stdout, "SITE http://127.0.0.1:%u\n", unsigned(http->sitePort()));
        std::fflush(stdout);
    }

    SignalQuit::install();
    if (p.isSet(durationOpt))
        QTimer::singleShot(int(p.value(durationOpt).toDouble() * 1000), &app, &QCoreApplication::quit);
    const int rc = app.exec();
    http.reset(); // it reports to the streamer: goes first
    QMetaObject::invokeMethod(streamer, &HubStreamer::stop, Qt::BlockingQueuedConnection);
    log->info("stopping: {} RSVPs and {} events written", streamer->rsvpsWritten(), streamer->eventsWritten());
    writer.quit();
    writer.wait();
    return rc;
}

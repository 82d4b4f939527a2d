// organizer-hubsim: stands in for the campaign backend in the demo, the tests
// and the benchmarks. Applies the schema, seeds a campaign, imports event
// files and streams a realistic surge of RSVPs, events and traffic.
#include "EventImporter.h"
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
    const QCommandLineOption noLaunchOpt(QStringLiteral("wait-for-launch"),
                                         QStringLiteral("stay quiet until the campaign is launched through the ops API"));
    const QCommandLineOption eventRateOpt(QStringLiteral("events-per-day"),
                                          QStringLiteral("new crowd-sourced events per simulated day"),
                                          QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption seedOnlyOpt(QStringLiteral("seed-only"), QStringLiteral("seed/import, then exit"));
    const QCommandLineOption durationOpt(QStringLiteral("duration"), QStringLiteral("stop streaming after s seconds"),
                                         QStringLiteral("s"));
    p.addOptions({dbOpt, eventsOpt, supportersOpt, rsvpsOpt, importOpt, compressionOpt, rateOpt, baseViewsOpt,
                  noLaunchOpt, eventRateOpt, seedOnlyOpt, durationOpt});
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

    SignalQuit::install();
    if (p.isSet(durationOpt))
        QTimer::singleShot(int(p.value(durationOpt).toDouble() * 1000), &app, &QCoreApplication::quit);
    const int rc = app.exec();
    QMetaObject::invokeMethod(streamer, &HubStreamer::stop, Qt::BlockingQueuedConnection);
    log->info("stopping: {} RSVPs and {} events written", streamer->rsvpsWritten(), streamer->eventsWritten());
    writer.quit();
    writer.wait();
    return rc;
}

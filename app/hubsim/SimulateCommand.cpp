#include "SimulateCommand.h"

#include "LogCategories.h"
#include "Migrator.h"
#include "MirrorSeeder.h"
#include "PgSession.h"
#include "SignalQuit.h"
#include "VendorSimServer.h"

#include <QCoreApplication>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace oc::sim {

int SimulateCommand::run(Options o, std::FILE *out, std::FILE *err)
{
    if (o.schema == Schema::Mobilize)
        return runMirror(o, out, err);
    auto log = logcat::sim();
    qint64 campaignId = 0;
    try {
        PgSession s(o.conninfo);
        const auto mig = Migrator(s).migrate();
        if (!mig.applied.isEmpty())
            log->info("schema migrated from {} to {}", mig.from, mig.to);
        campaignId = Seeder(s).seed(o.seed);
    } catch (const DbException &e) {
        std::fprintf(err, "organizer-hubsim: %s\n", qPrintable(e.error.message));
        return 1;
    }
    std::fprintf(out, "READY campaign=%lld\n", campaignId);
    std::fflush(out);
    if (o.seedOnly)
        return 0;

    HubStreamer::Options sto;
    sto.conninfo = o.conninfo;
    sto.campaignId = campaignId;
    sto.eventsPerSimDay = o.eventsPerSimDay;
    auto *streamer = new HubStreamer(sto, Scenario(o.scenario));
    QThread writer;
    streamer->moveToThread(&writer);
    QObject::connect(&writer, &QThread::started, streamer, &HubStreamer::start);
    QObject::connect(&writer, &QThread::finished, streamer, &QObject::deleteLater);
    writer.start();

    // Before the HTTP lines: the demo reads up to SITE and must have seen the vendors by then.
    std::unique_ptr<VendorSimServer> vendors;
    if (o.vendorPort) {
        VendorSimServer::Options vo;
        vo.port = *o.vendorPort;
        vendors = std::make_unique<VendorSimServer>(vo);
        vendors->setStreamer(streamer);
        QString error;
        if (!vendors->listen(&error)) {
            std::fprintf(err, "organizer-hubsim: %s\n", qPrintable(error));
            QMetaObject::invokeMethod(streamer, &HubStreamer::stop, Qt::BlockingQueuedConnection);
            writer.quit();
            writer.wait();
            return 1;
        }
        std::fprintf(out, "VENDORS %s\n", qPrintable(vendors->baseUrl().toString()));
        for (const QString &name : vendors->vendors())
            std::fprintf(out, "VENDOR %s %s %s\n", qPrintable(name), qPrintable(vendors->statusUrl(name).toString()),
                         qPrintable(vendors->quotaUrl(name).toString()));
        std::fflush(out);
    }

    std::unique_ptr<HubHttpServices> http;
    if (o.http) {
        HubHttpServices::Options ho = o.httpOptions;
        ho.conninfo = o.conninfo;
        ho.campaignId = campaignId;
        http = std::make_unique<HubHttpServices>(ho);
        http->setStreamer(streamer);
        QString error;
        if (!http->start(&error)) {
            std::fprintf(err, "organizer-hubsim: %s\n", qPrintable(error));
            QMetaObject::invokeMethod(streamer, &HubStreamer::stop, Qt::BlockingQueuedConnection);
            writer.quit();
            writer.wait();
            return 1;
        }
        if (ho.apiEnabled)
            std::fprintf(out, "API http://127.0.0.1:%u\n", unsigned(http->apiPort()));
        else
            log->warn("ops API off: no --api-token-file, --api-token or ORGANIZER_HUB_TOKEN");
        std::fprintf(out, "SITE http://127.0.0.1:%u\n", unsigned(http->sitePort()));
        std::fflush(out);
    }

    SignalQuit::install();
    if (o.durationSeconds)
        QTimer::singleShot(int(*o.durationSeconds * 1000), QCoreApplication::instance(), &QCoreApplication::quit);
    const int rc = QCoreApplication::exec();
    http.reset(); // it reports to the streamer: goes first
    vendors.reset();
    QMetaObject::invokeMethod(streamer, &HubStreamer::stop, Qt::BlockingQueuedConnection);
    log->info("stopping: {} RSVPs and {} events written", streamer->rsvpsWritten(), streamer->eventsWritten());
    writer.quit();
    writer.wait();
    return rc;
}

int SimulateCommand::runMirror(const Options &o, std::FILE *out, std::FILE *err)
{
    auto log = logcat::sim();
    qint64 events = 0;
    try {
        PgSession s(o.conninfo);
        MirrorSeeder seeder(s);
        seeder.ensureSchema();
        MirrorSeeder::Options so;
        so.campaignSlug = o.seed.campaignSlug;
        so.events = o.seed.events;
        so.users = o.seed.supporters;
        so.participations = o.seed.rsvps;
        so.noCoordinatesShare = std::max(o.seed.noCoordinatesShare, so.noCoordinatesShare);
        so.seed = o.seed.seed;
        events = seeder.seed(so);
    } catch (const DbException &e) {
        std::fprintf(err, "organizer-hubsim: %s\n", qPrintable(e.error.message));
        return 1;
    }
    std::fprintf(out, "READY schema=mobilize events=%lld\n", events);
    std::fflush(out);
    if (o.seedOnly)
        return 0;

    MirrorStreamer::Options mo = o.mirror;
    mo.conninfo = o.conninfo;
    mo.campaignSlug = o.seed.campaignSlug;
    mo.eventsPerSimDay = o.eventsPerSimDay;
    auto *streamer = new MirrorStreamer(mo, Scenario(o.scenario));
    QThread writer;
    streamer->moveToThread(&writer);
    QObject::connect(&writer, &QThread::started, streamer, &MirrorStreamer::start);
    QObject::connect(&writer, &QThread::finished, streamer, &QObject::deleteLater);
    writer.start();

    SignalQuit::install();
    if (o.durationSeconds)
        QTimer::singleShot(int(*o.durationSeconds * 1000), QCoreApplication::instance(), &QCoreApplication::quit);
    const int rc = QCoreApplication::exec();
    QMetaObject::invokeMethod(streamer, &MirrorStreamer::stop, Qt::BlockingQueuedConnection);
    log->info("stopping: {} participations ({} late-visible) and {} events written to the mirror",
              streamer->participationsWritten(), streamer->lateWritten(), streamer->eventsWritten());
    writer.quit();
    writer.wait();
    return rc;
}

} // namespace oc::sim

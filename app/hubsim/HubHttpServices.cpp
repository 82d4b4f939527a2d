#include "HubHttpServices.h"

#include "BlastProvider.h"
#include "HubStreamer.h"
#include "LogCategories.h"
#include "OpsApiServer.h"
#include "PgSessionPool.h"
#include "PublicSite.h"
#include "RsvpQueue.h"
#include "SiteContent.h"
#include "StateDirectory.h"

#include <QDir>
#include <QFileInfo>

namespace oc::sim {

HubHttpServices::HubHttpServices(Options o, QObject *parent)
    : QObject(parent)
    , m_o(std::move(o))
{
}

HubHttpServices::~HubHttpServices()
{
    m_site.reset();
    m_api.reset();
    m_blasts.reset();
    m_queue.reset();
    m_content.reset();
    if (m_pool)
        m_pool->waitForDone();
}

quint16 HubHttpServices::apiPort() const
{
    return m_api ? m_api->port() : 0;
}
quint16 HubHttpServices::sitePort() const
{
    return m_site ? m_site->port() : 0;
}

bool HubHttpServices::start(QString *error)
{
    auto log = logcat::api();
    QList<ApiFaults::Fault> faults;
    if (!m_o.apiFaults.isEmpty()) {
        const auto parsed = ApiFaults::parseSpec(m_o.apiFaults, error);
        if (!parsed)
            return false;
        faults = *parsed;
    }
    m_pool = std::make_unique<PgSessionPool>(m_o.conninfo, m_o.poolSize);
    m_content = std::make_unique<SiteContent>(m_o.site);
    m_blasts = std::make_unique<BlastProvider>(BlastProvider::Options {m_o.blastQueuedMs, m_o.blastSendingMs}, *m_pool);
    QString journal = m_o.rsvpJournal;
    if (journal.isEmpty())
        journal = StateDirectory::rsvpJournal(m_o.conninfo, m_o.site, QProcessEnvironment::systemEnvironment());
    // A journal given on the command line may also name a folder not made yet.
    if (const QString dir = QFileInfo(journal).absolutePath(); !QDir().mkpath(dir)) {
        if (error)
            *error = QStringLiteral("cannot create the RSVP journal's folder %1").arg(dir);
        return false;
    }
    m_queue = std::make_unique<RsvpQueue>(*m_pool, journal);
    try {
        PgSession s(m_o.conninfo);
        // "already exists, skipping" on every start is noise.
        s.exec("SET client_min_messages = warning");
        BlastProvider::ensureSchema(s);
        RsvpQueue::ensureSchema(s);
        // Snapshots live in memory, so a restarted simulator cannot still be
        // static: say so in site_state rather than let the console believe it.
        const DbTable t = s.exec(DbQuery("UPDATE site_state SET mode = 'dynamic', changed_at = now(), "
                                         "changed_by = 'organizer-hubsim restart' "
                                         "WHERE site = $1 AND mode = 'static' RETURNING snapshot_id")
                                     .bind(m_o.site));
        if (t.rowCount())
            log->warn("site {} was static ({}) before the restart; the snapshot is gone, serving dynamic",
                      m_o.site.toStdString(), t.text(0, 0).toStdString());
        s.exec(DbQuery("INSERT INTO site_state (site, mode) VALUES ($1, 'dynamic') ON CONFLICT DO NOTHING")
                   .bind(m_o.site));
        if (m_o.apiEnabled)
            m_blasts->resume(s);
    } catch (const DbException &e) {
        if (error)
            *error = e.error.message;
        return false;
    }
    if (!m_queue->open(error))
        return false;
    QObject::connect(m_queue.get(), &RsvpQueue::pendingChanged, m_content.get(),
                     [c = m_content.get()](int n) { c->setPendingRsvps(n); });
    m_content->setPendingRsvps(m_queue->pending());
    QObject::connect(m_content.get(), &SiteContent::modeChanged, this, [this](bool isStatic) {
        m_queue->setPaused(isStatic);
        if (m_streamer)
            QMetaObject::invokeMethod(
                m_streamer.data(),
                [s = m_streamer, isStatic] {
                    if (s)
                        s->setSiteStatic(isStatic);
                },
                Qt::QueuedConnection);
    });
    m_queue->setPaused(false); // dynamic at start: drain what an earlier run left

    if (m_o.apiEnabled) {
        OpsApiServer::Options ao;
        ao.port = m_o.apiPort;
        ao.token = m_o.apiToken;
        ao.viewerToken = m_o.apiViewerToken;
        ao.trainerToken = m_o.apiTrainerToken;
        ao.testEndpoints = m_o.testEndpoints;
        ao.streamerCampaignId = m_o.campaignId;
        m_api = std::make_unique<OpsApiServer>(ao, *m_pool, *m_content, *m_blasts);
        for (const auto &f : faults)
            m_api->faults().add(f);
        if (m_o.apiToken.isEmpty() && m_o.apiViewerToken.isEmpty() && m_o.apiTrainerToken.isEmpty())
            log->warn("ops API has no token: every call will be refused (set --api-token-file, --api-token or "
                      "ORGANIZER_HUB_TOKEN)");
        else if (m_o.apiToken.isEmpty())
            log->warn("ops API has no operator token: launches, site flips and blasts will be refused");
        if (!m_api->listen(error))
            return false;
        m_api->setStreamer(m_streamer);
    }
    if (m_o.siteEnabled) {
        PublicSite::Options so;
        so.port = m_o.sitePort;
        so.capacityPerSecond = m_o.siteCapacity;
        m_site = std::make_unique<PublicSite>(so, *m_pool, *m_content, *m_queue);
        if (!m_site->listen(error))
            return false;
        m_site->meter().setSink([this](int requests, int errors, double p95) {
            if (m_streamer)
                m_streamer->addServedRequests(requests, errors, p95);
        });
    }
    return true;
}

void HubHttpServices::setStreamer(HubStreamer *streamer)
{
    m_streamer = streamer;
    if (m_api)
        m_api->setStreamer(streamer);
}

} // namespace oc::sim

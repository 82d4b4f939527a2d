#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

namespace oc::sim {

class BlastProvider;
class HubStreamer;
class OpsApiServer;
class PgSessionPool;
class PublicSite;
class RsvpQueue;
class SiteContent;

// The simulator's HTTP side in one piece, for main() and the tests: the
// ops API and the public site over one database pool, sharing the site's
// mode, and feeding what the site served to the streamer.
class HubHttpServices : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString conninfo;
        QString site = QStringLiteral("events");
        qint64 campaignId = 0; // the streamer's campaign
        bool apiEnabled = true;
        quint16 apiPort = 0; // 0 = any free port
        QByteArray apiToken; // operator
        QByteArray apiViewerToken;
        QByteArray apiTrainerToken;
        bool testEndpoints = false;
        QString apiFaults; // ApiFaults::parseSpec syntax
        bool siteEnabled = true;
        quint16 sitePort = 0;
        double siteCapacity = 400; // requests per second
        QString rsvpJournal; // empty: StateDirectory::rsvpJournal()
        int poolSize = 4;
        int blastQueuedMs = 1500;
        int blastSendingMs = 1500;
    };

    explicit HubHttpServices(Options o, QObject *parent = nullptr);
    ~HubHttpServices() override;

    // Blocking: creates the simulator's own tables, loads the RSVP journal,
    // resumes unfinished blasts and starts listening.
    bool start(QString *error);
    void setStreamer(HubStreamer *streamer);

    quint16 apiPort() const;
    quint16 sitePort() const;
    OpsApiServer *api() const { return m_api.get(); }
    PublicSite *site() const { return m_site.get(); }
    SiteContent *content() const { return m_content.get(); }
    RsvpQueue *rsvpQueue() const { return m_queue.get(); }

private:
    Options m_o;
    QPointer<HubStreamer> m_streamer;
    // Declaration order is teardown order in reverse: servers go first and
    // the pool last, after its jobs have finished.
    std::unique_ptr<PgSessionPool> m_pool;
    std::unique_ptr<SiteContent> m_content;
    std::unique_ptr<RsvpQueue> m_queue;
    std::unique_ptr<BlastProvider> m_blasts;
    std::unique_ptr<OpsApiServer> m_api;
    std::unique_ptr<PublicSite> m_site;
};

} // namespace oc::sim

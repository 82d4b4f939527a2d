#include "ConsoleSession.h"

#include "ActionsController.h"
#include "HostTrainingController.h"
#include "IncidentController.h"
#include "ReviewDeskController.h"
#include "ConnInfo.h"
#include "HubFeed.h"
#include "MobilizeSource.h"
#include "PgAsyncConnection.h"

namespace oc {

ConsoleSession::ConsoleSession(Config config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{
    // application_name lets the DBA (and our benchmark) attribute load to consoles.
    auto *read = new PgAsyncConnection(this);
    m_db = read;
    if (!m_config.writeConninfo.isEmpty() && m_config.writeConninfo != m_config.conninfo)
        m_writeDb = new PgAsyncConnection(this);
    if (m_config.source == Source::Mobilize) {
        m_feed = new MobilizeSource(m_db, this);
    } else {
        // Auto is decided before the session starts (SourceProbe); a
        // session told nothing reads the hub.
        auto *hub = new HubFeed(m_db, this);
        hub->setIntervals(m_config.pollFastMs, m_config.pollSlowMs);
        m_feed = hub;
    }
    if (m_config.displayTarget.isEmpty())
        m_config.displayTarget = ConnInfo::redacted(m_config.conninfo);
}

ConsoleSession::~ConsoleSession()
{
    // The controllers use the connections and the feed: they go first.
    delete m_actions;
    m_actions = nullptr;
    delete m_reviewDesk;
    m_reviewDesk = nullptr;
    delete m_hostTraining;
    m_hostTraining = nullptr;
    m_feed->stop();
}

void ConsoleSession::start()
{
    m_db->open(ConnInfo::withParam(m_config.conninfo, QStringLiteral("application_name"),
                                   QStringLiteral("organizer-console")));
    if (m_writeDb)
        m_writeDb->open(ConnInfo::withParam(m_config.writeConninfo, QStringLiteral("application_name"),
                                            QStringLiteral("organizer-console-write")));
    m_feed->start();
}

ActionsController *ConsoleSession::actions()
{
    if (!m_actions)
        m_actions =
            new ActionsController(writeDb(), m_feed, {m_config.apiUrl, m_config.apiToken, m_config.operatorName}, this);
    return m_actions;
}

IncidentController *ConsoleSession::incidents()
{
    if (!m_incidents) {
        IncidentController::Config c;
        c.operatorName = m_config.operatorName;
        c.demo = m_config.demo;
        c.simulatorControlUrl = m_config.simulatorControlUrl;
        c.vendors = m_config.vendors;
        c.evaluateMs = m_config.pollFastMs;
        c.pollMs = m_config.pollFastMs;
        // The plan and the vendor list every three slow polls (15 s shipped):
        // what another console changed is rare, and waits that long at most.
        c.planRefreshMs = 3 * qint64(m_config.pollSlowMs);
        m_incidents = new IncidentController(m_feed, m_db, writeDb(), actions(), c, this);
        m_incidents->start();
    }
    return m_incidents;
}

ReviewDeskController *ConsoleSession::reviewDesk()
{
    if (!m_reviewDesk)
        m_reviewDesk = new ReviewDeskController(writeDb(), m_feed, m_config.operatorName, this);
    return m_reviewDesk;
}

HostTrainingController *ConsoleSession::hostTraining()
{
    if (!m_hostTraining)
        m_hostTraining = new HostTrainingController(writeDb(), m_feed, m_config.operatorName, this);
    return m_hostTraining;
}

} // namespace oc

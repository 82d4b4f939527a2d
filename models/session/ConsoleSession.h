#pragma once

#include "VendorEndpoint.h"

#include <QList>
#include <QObject>
#include <QUrl>

namespace oc {

class ActionsController;
class DbConnection;
class HostTrainingController;
class IncidentController;
class LiveSource;
class ReviewDeskController;

// What one console window works with: its database connection (reads may go
// to a standby), the live feed, the ops API endpoint, who is operating (the
// one name every audit records) and the feature controllers, each created
// once, on first use, so a wallboard never starts the actions' polling.
// Owned by the application; panels receive it and never own it.
class ConsoleSession : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString operatorName READ operatorName CONSTANT)
public:
    // Which schema the live data comes from: the hub's own, or a Mobilize
    // SQL mirror (read-only). Auto is decided from the database at start.
    enum class Source { Auto, Hub, Mobilize };

    struct Config
    {
        Source source = Source::Hub;
        QString conninfo; // reads (may target a standby)
        QString writeConninfo; // writes; empty = same as conninfo
        QString displayTarget; // redacted, for the status bar
        QString operatorName;
        QUrl apiUrl;
        QString apiToken; // never logged
        // The demo's simulator: drills act on it, and its vendors are watched.
        bool demo = false;
        QUrl simulatorControlUrl;
        QList<VendorEndpoint> vendors;
        int pollFastMs = 1000;
        int pollSlowMs = 5000;
    };

    explicit ConsoleSession(Config config, QObject *parent = nullptr);
    ~ConsoleSession() override;

    void start();
    DbConnection *db() const { return m_db; }
    DbConnection *writeDb() const { return m_writeDb ? m_writeDb : m_db; }
    // The live data, from whichever source the session reads.
    LiveSource *feed() const { return m_feed; }
    const Config &config() const { return m_config; }
    QString operatorName() const { return m_config.operatorName; }
    ActionsController *actions();
    ReviewDeskController *reviewDesk();
    HostTrainingController *hostTraining();
    // Incident response; started on first use.
    IncidentController *incidents();

private:
    Config m_config;
    DbConnection *m_db = nullptr;
    DbConnection *m_writeDb = nullptr;
    LiveSource *m_feed = nullptr;
    ActionsController *m_actions = nullptr;
    ReviewDeskController *m_reviewDesk = nullptr;
    HostTrainingController *m_hostTraining = nullptr;
    IncidentController *m_incidents = nullptr;
};

} // namespace oc

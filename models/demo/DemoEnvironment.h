#pragma once

#include "PgServer.h"

#include <QObject>
#include <QProcess>
#include <QUrl>

#include <memory>

namespace oc {

// `--demo`: a private PostgreSQL in a temporary directory plus the backend
// simulator, torn down on exit (also on Ctrl+C, and by the kernel if we
// crash: both children get PR_SET_PDEATHSIG). Nothing is left running.
//
// Source::Mobilize runs the simulator with --schema mobilize instead: the
// database then holds a Mobilize SQL mirror (the dictionary's views over
// private tables, resources/sql/mobilize/mirror.sql) that the simulator
// writes along the same surge scenario. A mirror is read-only and has no ops
// API or public site behind it, so the simulator serves no HTTP then:
// apiUrl() and siteUrl() stay empty and no API tokens are made.
class DemoEnvironment : public QObject
{
    Q_OBJECT
public:
    enum class Source { Hub, Mobilize };

    struct Options
    {
        Source source = Source::Hub;
        int events = 2000;
        int supporters = 20000;
        qint64 seedRsvps = 20000;
        QStringList extraArgs; // passed to organizer-hubsim
        QString hubsim; // the simulator's path; empty: findHubsim()
    };

    explicit DemoEnvironment(QObject *parent = nullptr);
    ~DemoEnvironment() override;

    // Blocking (a few seconds); reports each step (DemoProgress::Step,
    // DemoProgress::State) through stepChanged(). DemoLauncher runs it on a
    // thread of its own so a window can show the steps meanwhile.
    bool start(const Options &options, QString *error);
    void stop();

    Source source() const { return m_source; }
    // The database the console reads: the hub schema, or for Source::Mobilize
    // the mirror's views in its public schema (database "mobilize").
    QString conninfo() const { return m_server ? m_server->conninfo() : QString(); }
    QUrl apiUrl() const { return m_apiUrl; }
    QUrl siteUrl() const { return m_siteUrl; }
    // The simulated vendors (organizer-hubsim --vendor-port): each one's
    // Statuspage summary.json and its quota URL, the fields of
    // oc::VendorEndpoint (models/incidents); empty for the mirror demo.
    struct Vendor
    {
        QString name;
        QUrl statusUrl;
        QUrl quotaUrl;
    };
    QList<Vendor> vendors() const { return m_vendors; }
    // Where the vendors and the control routes (/_control/surge, /_control/calm,
    // /_control/vendors/<name>) are served.
    QUrl vendorControlUrl() const { return m_vendorUrl; }
    // Random per-demo tokens shared with the simulator through the
    // environment. The demo console uses the operator's; the others exist so
    // the demo (and the tests) can show what a lesser role is refused.
    QString apiToken() const { return m_token; }
    QString viewerApiToken() const { return m_viewerToken; }
    QString trainerApiToken() const { return m_trainerToken; }
    PgServer *server() const { return m_server.get(); }

    static QString findHubsim();

Q_SIGNALS:
    void stepChanged(int step, int state, const QString &detail);

private:
    void readSimulatorOutput();

    Source m_source = Source::Hub;
    std::unique_ptr<PgServer> m_server;
    std::unique_ptr<QProcess> m_sim;
    QUrl m_apiUrl;
    QUrl m_siteUrl;
    QUrl m_vendorUrl;
    QList<Vendor> m_vendors;
    QString m_token;
    QString m_viewerToken;
    QString m_trainerToken;
    QByteArray m_buffer;
};

} // namespace oc

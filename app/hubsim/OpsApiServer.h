#pragma once

#include "ApiFaults.h"
#include "HttpReply.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QHttpServer>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>
#include <unordered_map>

namespace oc::sim {

class BlastProvider;
class HubStreamer;
class PgSessionPool;
class SiteContent;

// The campaign backend's ops API (resources/openapi/ops-api.yaml): launch a
// campaign, switch the public site between dynamic and a static snapshot,
// send and cancel blasts. Bearer-token auth with one token per role
// (viewer, trainer, operator, as in resources/sql/0002_roles.sql): each
// endpoint declares the least role it needs, so a viewer console that was
// modified to show the buttons still cannot act. Every error is an RFC 7807
// problem. Handlers answer asynchronously so database work never blocks
// the main thread the site is served from.
class OpsApiServer : public QObject
{
    Q_OBJECT
public:
    // Ordered: a role may do what every lower one may.
    enum class Role { None, Viewer, Trainer, Operator };

    struct Options
    {
        quint16 port = 0;
        QByteArray token; // the operator's; an empty token is never accepted
        QByteArray viewerToken; // optional: reads only
        QByteArray trainerToken; // optional: reads only for now (review happens in the database)
        bool testEndpoints = false; // enables /api/v1/_test/faults
        qint64 streamerCampaignId = 0; // launching this campaign starts the streamer's launch flow (0 = any)
    };

    OpsApiServer(Options o, PgSessionPool &pool, SiteContent &content, BlastProvider &blasts,
                 QObject *parent = nullptr);
    ~OpsApiServer() override;

    bool listen(QString *error);
    quint16 port() const { return m_port; }
    ApiFaults &faults() { return m_faults; }
    void setStreamer(HubStreamer *streamer);

    static QString roleName(Role r);

    // One registered route, as route()/routeArg() made it: the path in
    // QHttpServer's form ("/api/v1/blasts/<arg>"), the method ("GET"), the
    // endpoint name faults use, and the least role it needs. For the
    // contract test against ops-api.yaml, without going through HTTP.
    struct Route
    {
        QString path;
        QString method;
        QString endpoint;
        Role needs = Role::None;
    };
    const QList<Route> &routes() const { return m_routes; }

Q_SIGNALS:
    void launched(const QString &slug);

private:
    struct Call
    {
        QString endpoint;
        QHttpServerRequest::Method method = QHttpServerRequest::Method::Get;
        QStringList args;
        QByteArray body;
        QByteArray idempotencyKey;
        QString actor; // X-Actor header: who asked, for site_state.changed_by
        Role role = Role::None; // the presented token's
    };
    using Handler = std::function<QFuture<HttpReply>(const Call &)>;
    using Ticket = quint64;

    void route(const QString &path, QHttpServerRequest::Method method, const QString &endpoint, Role needs, Handler h);
    void routeArg(const QString &path, QHttpServerRequest::Method method, const QString &endpoint, Role needs,
                  Handler h);
    void dispatch(const QString &endpoint, Role needs, QStringList args, const QHttpServerRequest &req,
                  QHttpServerResponder &res, Handler h);
    void run(Ticket tk, const Call &call, const Handler &h, std::optional<ApiFaults::Fault> fault);
    void finish(Ticket tk, const HttpReply &reply);
    // The role the presented token stands for; Role::None when it matches none.
    Role roleOf(const QByteArray &presented) const;
    bool authorized(const QHttpServerRequest &req, Role needs, const QString &what, HttpReply *denial,
                    Role *role) const;

    QFuture<HttpReply> launch(const Call &c);
    QFuture<HttpReply> getSite(const Call &c);
    QFuture<HttpReply> whoAmI(const Call &c);
    QFuture<HttpReply> uploadSnapshot(const Call &c);
    QFuture<HttpReply> setMode(const Call &c);
    QFuture<HttpReply> createBlast(const Call &c);
    QFuture<HttpReply> testFaults(const Call &c);
    QJsonObject siteJson() const;
    // Writes the in-memory mode to site_state; keeps retrying in the
    // background on failure. Resolves to whether the first attempt worked.
    QFuture<bool> persistSite(const QString &actor);

    Options m_o;
    PgSessionPool &m_pool;
    SiteContent &m_content;
    BlastProvider &m_blasts;
    QPointer<HubStreamer> m_streamer;
    ApiFaults m_faults;
    QHttpServer m_http;
    quint16 m_port = 0;
    QList<Route> m_routes;
    Ticket m_nextTicket = 0;
    struct Parked
    {
        QHttpServerResponder responder;
        QElapsedTimer clock;
        QString what; // "POST /api/v1/blasts", for the log
        bool answered = false;
    };
    std::unordered_map<Ticket, Parked> m_parked;
};

} // namespace oc::sim

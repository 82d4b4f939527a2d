#include "OpsApiServer.h"

#include "CampaignStatus.h"
#include "BlastProvider.h"
#include "HubStreamer.h"
#include "LogCategories.h"
#include "OpsProblem.h"
#include "NoDelayTcpServer.h"
#include "PgSessionPool.h"
#include "SiteContent.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTimer>
#include <QUuid>

namespace oc::sim {

namespace {

using Status = HttpReply::Status;
using Method = QHttpServerRequest::Method;

HttpReply badRequest(OpsProblem type, const QString &title, const QString &detail)
{
    return opsProblem(Status::BadRequest, type, title, detail);
}

std::optional<QJsonObject> jsonBody(const QByteArray &body, HttpReply *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (!doc.isObject()) {
        *error = badRequest(OpsProblem::MalformedJson, QStringLiteral("The body is not a JSON object"),
                            pe.error != QJsonParseError::NoError ? pe.errorString() : QString());
        return std::nullopt;
    }
    return doc.object();
}

QFuture<HttpReply> ready(HttpReply r)
{
    return QtFuture::makeReadyValueFuture(std::move(r));
}

QString methodName(Method m)
{
    switch (m) {
    case Method::Get: return QStringLiteral("GET");
    case Method::Put: return QStringLiteral("PUT");
    case Method::Post: return QStringLiteral("POST");
    case Method::Delete: return QStringLiteral("DELETE");
    default: return QStringLiteral("?");
    }
}

// Compares digests so the time taken says nothing about the token.
bool sameToken(const QByteArray &a, const QByteArray &b)
{
    const QByteArray ha = QCryptographicHash::hash(a, QCryptographicHash::Sha256);
    const QByteArray hb = QCryptographicHash::hash(b, QCryptographicHash::Sha256);
    unsigned char diff = 0;
    for (qsizetype i = 0; i < ha.size(); ++i)
        diff |= static_cast<unsigned char>(ha[i] ^ hb[i]);
    return diff == 0;
}

} // namespace

OpsApiServer::OpsApiServer(Options o, PgSessionPool &pool, SiteContent &content, BlastProvider &blasts, QObject *parent)
    : QObject(parent)
    , m_o(std::move(o))
    , m_pool(pool)
    , m_content(content)
    , m_blasts(blasts)
{
    const QString base = QStringLiteral("/api/v1");
    // Reads need a viewer; anything that changes what the public or the
    // supporters see needs an operator, as in the database.
    routeArg(base + QStringLiteral("/campaigns/<arg>/launch"), Method::Post, QStringLiteral("launch"), Role::Operator,
             [this](const Call &c) { return launch(c); });
    // Which role the caller's token stands for: a console compares it with
    // its database role at start instead of learning from a refused action.
    route(base + QStringLiteral("/whoami"), Method::Get, QStringLiteral("whoami"), Role::Viewer,
          [this](const Call &c) { return whoAmI(c); });
    route(base + QStringLiteral("/site"), Method::Get, QStringLiteral("get-site"), Role::Viewer,
          [this](const Call &c) { return getSite(c); });
    route(base + QStringLiteral("/site/snapshot"), Method::Put, QStringLiteral("upload-snapshot"), Role::Operator,
          [this](const Call &c) { return uploadSnapshot(c); });
    route(base + QStringLiteral("/site/mode"), Method::Put, QStringLiteral("set-mode"), Role::Operator,
          [this](const Call &c) { return setMode(c); });
    route(base + QStringLiteral("/blasts"), Method::Post, QStringLiteral("create-blast"), Role::Operator,
          [this](const Call &c) { return createBlast(c); });
    routeArg(base + QStringLiteral("/blasts/<arg>/cancel"), Method::Post, QStringLiteral("cancel-blast"),
             Role::Operator, [this](const Call &c) { return m_blasts.cancel(c.args.value(0)); });
    routeArg(base + QStringLiteral("/blasts/<arg>"), Method::Get, QStringLiteral("get-blast"), Role::Viewer,
             [this](const Call &c) { return m_blasts.get(c.args.value(0)); });
    if (m_o.testEndpoints) {
        // Faults change what every caller gets: as before roles existed, only
        // the operator token (then the only one) may set them.
        for (const Method m : {Method::Get, Method::Post, Method::Delete})
            route(base + QStringLiteral("/_test/faults"), m, QStringLiteral("_test-faults"), Role::Operator,
                  [this](const Call &c) { return testFaults(c); });
    }
    m_http.setMissingHandler(this, [](const QHttpServerRequest &req, QHttpServerResponder &res) {
        opsProblem(Status::NotFound, OpsProblem::NotFound, QStringLiteral("No such endpoint"),
                   QStringLiteral("%1 is not part of the ops API (see ops-api.yaml).").arg(req.url().path()))
            .sendTo(res);
    });
}

OpsApiServer::~OpsApiServer()
{
    // Parked responders point into m_http's connections: release them first.
    m_parked.clear();
}

void OpsApiServer::setStreamer(HubStreamer *streamer)
{
    m_streamer = streamer;
}

bool OpsApiServer::listen(QString *error)
{
    auto *tcp = new NoDelayTcpServer(this);
    if (!tcp->listen(QHostAddress::LocalHost, m_o.port) || !m_http.bind(tcp)) {
        if (error)
            *error = QStringLiteral("ops API: cannot listen on 127.0.0.1:%1: %2").arg(m_o.port).arg(tcp->errorString());
        delete tcp;
        return false;
    }
    m_port = tcp->serverPort();
    return true;
}

QString OpsApiServer::roleName(Role r)
{
    switch (r) {
    case Role::None: return QStringLiteral("none");
    case Role::Viewer: return QStringLiteral("viewer");
    case Role::Trainer: return QStringLiteral("trainer");
    case Role::Operator: return QStringLiteral("operator");
    }
    return {};
}

void OpsApiServer::route(const QString &path, Method method, const QString &endpoint, Role needs, Handler h)
{
    m_routes.append({path, methodName(method), endpoint, needs});
    m_http.route(path, method, this,
                 [this, endpoint, needs, h](const QHttpServerRequest &req, QHttpServerResponder &res) {
                     dispatch(endpoint, needs, {}, req, res, h);
                 });
}

void OpsApiServer::routeArg(const QString &path, Method method, const QString &endpoint, Role needs, Handler h)
{
    m_routes.append({path, methodName(method), endpoint, needs});
    m_http.route(
        path, method, this,
        [this, endpoint, needs, h](const QString &arg, const QHttpServerRequest &req, QHttpServerResponder &res) {
            dispatch(endpoint, needs, {arg}, req, res, h);
        });
}

OpsApiServer::Role OpsApiServer::roleOf(const QByteArray &presented) const
{
    // Every configured token is compared, whatever matched first, so the
    // time taken says nothing about which one (if any) the caller holds.
    // A token configured for two roles counts as the higher one.
    Role found = Role::None;
    const std::pair<Role, const QByteArray *> tokens[] = {
        {Role::Viewer, &m_o.viewerToken}, {Role::Trainer, &m_o.trainerToken}, {Role::Operator, &m_o.token}};
    for (const auto &[role, token] : tokens)
        if (!token->isEmpty() && sameToken(presented, *token))
            found = role;
    return found;
}

bool OpsApiServer::authorized(const QHttpServerRequest &req, Role needs, const QString &what, HttpReply *denial,
                              Role *roleOut) const
{
    // Who asked, for the log: never the token, only what the caller claims
    // and where it came from.
    const auto who = [&req] {
        const QByteArray actor = req.value("X-Actor").left(200);
        return QStringLiteral("%1 from %2")
            .arg(actor.isEmpty() ? QStringLiteral("unnamed caller")
                                 : QStringLiteral("\"%1\"").arg(QString::fromUtf8(actor).simplified()),
                 req.remoteAddress().toString());
    };
    const QByteArray auth = req.headers().value(QHttpHeaders::WellKnownHeader::Authorization).toByteArray();
    if (!auth.startsWith("Bearer ")) {
        logcat::api()->warn("refused {}: no bearer token ({})", what.toStdString(), who().toStdString());
        *denial = opsProblem(Status::Unauthorized, OpsProblem::Unauthorized, QStringLiteral("Authentication required"),
                             QStringLiteral("Send \"Authorization: Bearer <token>\"."))
                      .withHeader("WWW-Authenticate", "Bearer realm=\"organizer-hubsim\"");
        return false;
    }
    const Role role = roleOf(auth.mid(7).trimmed());
    *roleOut = role;
    if (role == Role::None) {
        logcat::api()->warn("refused {}: unknown bearer token ({})", what.toStdString(), who().toStdString());
        *denial =
            opsProblem(Status::Unauthorized, OpsProblem::InvalidToken, QStringLiteral("The bearer token is not valid"))
                .withHeader("WWW-Authenticate", "Bearer realm=\"organizer-hubsim\", error=\"invalid_token\"");
        return false;
    }
    if (role < needs) {
        logcat::api()->warn("refused {}: {} token, needs {} ({})", what.toStdString(), roleName(role).toStdString(),
                            roleName(needs).toStdString(), who().toStdString());
        *denial =
            opsProblem(Status::Forbidden, OpsProblem::Forbidden, QStringLiteral("The token's role may not do this"),
                       QStringLiteral("%1 needs the %2 role; this is a %3 token. Nothing was done.")
                           .arg(what, roleName(needs), roleName(role)));
        // RFC 7807 extension members, so a client need not parse the detail.
        QJsonObject o = QJsonDocument::fromJson(denial->body).object();
        o.insert(QStringLiteral("required_role"), roleName(needs));
        o.insert(QStringLiteral("token_role"), roleName(role));
        denial->body = QJsonDocument(o).toJson(QJsonDocument::Compact);
        denial->withHeader("WWW-Authenticate",
                           "Bearer realm=\"organizer-hubsim\", error=\"insufficient_scope\", scope=\"" +
                               roleName(needs).toLatin1() + '"');
        return false;
    }
    return true;
}

void OpsApiServer::dispatch(const QString &endpoint, Role needs, QStringList args, const QHttpServerRequest &req,
                            QHttpServerResponder &res, Handler h)
{
    const Ticket tk = ++m_nextTicket;
    Parked p {std::move(res), {}, methodName(req.method()) + QLatin1Char(' ') + req.url().path()};
    p.clock.start();
    m_parked.emplace(tk, std::move(p));

    HttpReply denial;
    Role role = Role::None;
    if (!authorized(req, needs, m_parked.at(tk).what, &denial, &role)) {
        finish(tk, denial);
        return;
    }
    Call c;
    c.endpoint = endpoint;
    c.role = role;
    c.method = req.method();
    c.args = std::move(args);
    c.body = req.body();
    c.idempotencyKey = req.value("Idempotency-Key").trimmed();
    c.actor = QString::fromUtf8(req.value("X-Actor")).left(200);

    const auto fault = endpoint.startsWith(QLatin1Char('_')) ? std::nullopt : m_faults.take(endpoint);
    if (fault) {
        logcat::api()->warn("injecting fault {} into {}", ApiFaults::kindName(fault->kind).toStdString(),
                            endpoint.toStdString());
        switch (fault->kind) {
        case ApiFaults::Kind::Error500:
            finish(tk,
                   opsProblem(Status::InternalServerError, OpsProblem::InjectedFault,
                              QStringLiteral("Injected failure"), QStringLiteral("Test fault: nothing was done.")));
            return;
        case ApiFaults::Kind::Error503:
            finish(tk,
                   opsProblem(Status::ServiceUnavailable, OpsProblem::InjectedFault, QStringLiteral("Injected failure"),
                              QStringLiteral("Test fault: nothing was done."))
                       .withHeader("Retry-After", "1"));
            return;
        case ApiFaults::Kind::Garbage: {
            HttpReply g;
            g.body = "<html><head><title>502 Bad Gateway</title></head><body>upstream sent {\"id\": ";
            finish(tk, g);
            return;
        }
        case ApiFaults::Kind::Hang:
            QTimer::singleShot(fault->seconds * 1000, this, [this, tk, c, h] { run(tk, c, h, std::nullopt); });
            return;
        case ApiFaults::Kind::Error500AfterRecord:
        case ApiFaults::Kind::HangAfterRecord: break;
        }
    }
    run(tk, c, h, fault);
}

void OpsApiServer::run(Ticket tk, const Call &call, const Handler &h, std::optional<ApiFaults::Fault> fault)
{
    h(call)
        .then(this,
              [this, tk, fault](HttpReply r) {
                  if (fault && fault->kind == ApiFaults::Kind::Error500AfterRecord) {
                      // The hard case for idempotency: it happened, the caller hears it failed.
                      r = opsProblem(
                          Status::InternalServerError, OpsProblem::InjectedFault, QStringLiteral("Injected failure"),
                          QStringLiteral("Test fault: the request was carried out (answer was %1).").arg(r.code()));
                  } else if (fault && fault->kind == ApiFaults::Kind::HangAfterRecord) {
                      QTimer::singleShot(fault->seconds * 1000, this, [this, tk, r] { finish(tk, r); });
                      return;
                  }
                  finish(tk, r);
              })
        .onFailed(this, [this, tk] {
            finish(
                tk,
                opsProblem(Status::InternalServerError, OpsProblem::InternalError, QStringLiteral("Internal error")));
        });
}

void OpsApiServer::finish(Ticket tk, const HttpReply &reply)
{
    auto it = m_parked.find(tk);
    if (it == m_parked.end() || it->second.answered)
        return;
    logcat::api()->info("{} -> {} ({} ms)", it->second.what.toStdString(), reply.code(), it->second.clock.elapsed());
    reply.sendTo(it->second.responder);
    // A responder released inside the route handler makes Qt 6.8 re-arm the
    // connection's readyRead before disarming it, stacking one more
    // connection per request; release it from the event loop instead.
    it->second.answered = true;
    QMetaObject::invokeMethod(this, [this, tk] { m_parked.erase(tk); }, Qt::QueuedConnection);
}

QFuture<HttpReply> OpsApiServer::launch(const Call &c)
{
    const QString slug = c.args.value(0);
    struct Result
    {
        bool found = false;
        QString previous;
        DbTable row;
    };
    auto job = [slug](PgSession &s) {
        return s.transaction([&] {
            Result r;
            const DbTable t =
                s.exec(DbQuery("SELECT id, status::text FROM campaigns WHERE slug = $1 FOR UPDATE").bind(slug));
            if (t.rowCount() == 0)
                return r;
            r.found = true;
            r.previous = t.text(0, 1);
            // The console's rule too (CampaignStatus.h): one definition of launchable.
            if (isLaunchable(parseCampaignStatus(r.previous)))
                s.exec(DbQuery("UPDATE campaigns SET status = 'live', launch_at = coalesce(launch_at, now()) "
                               "WHERE id = $1")
                           .bind(t.toInt64(0, 0)));
            r.row = s.exec(DbQuery("SELECT id, slug, title, status::text, "
                                   "to_char(launch_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                                   "FROM campaigns WHERE id = $1")
                               .bind(t.toInt64(0, 0)));
            return r;
        });
    };
    return m_pool.run(std::move(job)).then(this, [this, slug](const PgSessionPool::Outcome<Result> &o) {
        if (!o.ok()) {
            logcat::api()->warn("launch {}: {}", slug.toStdString(), o.error.message.toStdString());
            return opsProblem(Status::ServiceUnavailable, OpsProblem::BackendUnavailable,
                              QStringLiteral("The database is unavailable"),
                              QStringLiteral("The campaign was not launched; retrying is safe."));
        }
        const Result &r = *o.value;
        if (!r.found)
            return opsProblem(Status::NotFound, OpsProblem::CampaignNotFound, QStringLiteral("No such campaign"),
                              QStringLiteral("No campaign has the slug \"%1\".").arg(slug));
        const CampaignStatus previous = parseCampaignStatus(r.previous);
        if (previous == CampaignStatus::Ended)
            return opsProblem(Status::Conflict, OpsProblem::CampaignEnded, QStringLiteral("The campaign has ended"),
                              QStringLiteral("An ended campaign cannot be launched again."));
        const qint64 id = r.row.toInt64(0, 0);
        const bool changed = previous != CampaignStatus::Live;
        if (m_streamer && (m_o.streamerCampaignId == 0 || m_o.streamerCampaignId == id))
            // launchNow is idempotent on the streamer's side, so a retried
            // launch never restarts the surge curve.
            QMetaObject::invokeMethod(m_streamer.data(), &HubStreamer::launchNow, Qt::QueuedConnection);
        if (changed) {
            logcat::api()->info("campaign {} launched", slug.toStdString());
            Q_EMIT launched(slug);
        }
        return HttpReply::json({{QStringLiteral("id"), id},
                                {QStringLiteral("slug"), r.row.text(0, 1)},
                                {QStringLiteral("title"), r.row.text(0, 2)},
                                {QStringLiteral("status"), r.row.text(0, 3)},
                                {QStringLiteral("launch_at"), r.row.text(0, 4)},
                                {QStringLiteral("previous_status"), r.previous},
                                {QStringLiteral("changed"), changed}});
    });
}

QJsonObject OpsApiServer::siteJson() const
{
    const QString snap = m_content.snapshotId();
    return {{QStringLiteral("site"), m_content.site()},
            {QStringLiteral("mode"), m_content.isStatic() ? QStringLiteral("static") : QStringLiteral("dynamic")},
            {QStringLiteral("snapshot_id"), snap.isEmpty() ? QJsonValue() : QJsonValue(snap)},
            {QStringLiteral("changed_at"), m_content.changedAt().toString(Qt::ISODateWithMs)},
            {QStringLiteral("pending_rsvps"), m_content.pendingRsvps()}};
}

QFuture<HttpReply> OpsApiServer::getSite(const Call &)
{
    return ready(HttpReply::json(siteJson()));
}

QFuture<HttpReply> OpsApiServer::whoAmI(const Call &c)
{
    return ready(HttpReply::json(QJsonObject {{QStringLiteral("role"), roleName(c.role)}}));
}

QFuture<HttpReply> OpsApiServer::uploadSnapshot(const Call &c)
{
    HttpReply err;
    const auto body = jsonBody(c.body, &err);
    if (!body)
        return ready(err);
    const QJsonValue events = body->value(QStringLiteral("events"));
    const QJsonValue html = body->value(QStringLiteral("html"));
    if (!events.isArray() || !(html.isString() || html.isUndefined() || html.isNull()))
        return ready(opsProblem(Status::UnprocessableEntity, OpsProblem::InvalidSnapshot,
                                QStringLiteral("Invalid snapshot"),
                                QStringLiteral("Expected {\"events\": [...], \"html\": \"...\"}.")));
    for (const auto &e : events.toArray())
        if (!e.isObject())
            return ready(opsProblem(Status::UnprocessableEntity, OpsProblem::InvalidSnapshot,
                                    QStringLiteral("Invalid snapshot"),
                                    QStringLiteral("Every entry of \"events\" must be an object.")));
    const auto snap = m_content.addSnapshot(events.toArray(), html.toString().toUtf8());
    logcat::api()->info("snapshot {} stored: {} events, {} bytes of HTML", snap->id.toStdString(), snap->eventCount,
                        snap->html.size());
    return ready(HttpReply::json({{QStringLiteral("snapshot_id"), snap->id},
                                  {QStringLiteral("event_count"), snap->eventCount},
                                  {QStringLiteral("html_bytes"), snap->html.size()}}));
}

QFuture<HttpReply> OpsApiServer::setMode(const Call &c)
{
    HttpReply err;
    const auto body = jsonBody(c.body, &err);
    if (!body)
        return ready(err);
    const QString mode = body->value(QStringLiteral("mode")).toString();
    const QString snapshotId = body->value(QStringLiteral("snapshot_id")).toString();
    if (mode == QLatin1String("static")) {
        if (snapshotId.isEmpty())
            return ready(opsProblem(Status::UnprocessableEntity, OpsProblem::SnapshotRequired,
                                    QStringLiteral("Static mode needs a snapshot"),
                                    QStringLiteral("Upload one with PUT /api/v1/site/snapshot and pass its "
                                                   "snapshot_id.")));
        if (!m_content.setStatic(snapshotId))
            return ready(opsProblem(Status::Conflict, OpsProblem::UnknownSnapshot, QStringLiteral("Unknown snapshot"),
                                    QStringLiteral("No snapshot \"%1\" is loaded (snapshots live in memory; "
                                                   "upload it again after a restart).")
                                        .arg(snapshotId)));
    } else if (mode == QLatin1String("dynamic")) {
        m_content.setDynamic();
    } else {
        return ready(opsProblem(Status::UnprocessableEntity, OpsProblem::InvalidMode, QStringLiteral("Invalid mode"),
                                QStringLiteral("\"mode\" must be \"static\" or \"dynamic\".")));
    }
    logcat::api()->info("site {} is now {}{}", m_content.site().toStdString(), mode.toStdString(),
                        m_content.isStatic() ? " (" + snapshotId.toStdString() + ")" : std::string());
    return persistSite(c.actor.isEmpty() ? QStringLiteral("ops-api") : c.actor).then(this, [this](bool persisted) {
        QJsonObject o = siteJson();
        o.insert(QStringLiteral("persisted"), persisted);
        return HttpReply::json(o);
    });
}

QFuture<bool> OpsApiServer::persistSite(const QString &actor)
{
    // changed_at travels with the write and guards it, so an older write
    // that lands late never overwrites a newer mode.
    const DbQuery q =
        DbQuery("INSERT INTO site_state (site, mode, snapshot_id, changed_at, changed_by) "
                "VALUES ($1, $2::site_mode, $3, $4::timestamptz, $5) "
                "ON CONFLICT (site) DO UPDATE SET mode = EXCLUDED.mode, snapshot_id = EXCLUDED.snapshot_id, "
                "changed_at = EXCLUDED.changed_at, changed_by = EXCLUDED.changed_by "
                "WHERE site_state.changed_at <= EXCLUDED.changed_at")
            .bind(m_content.site())
            .bind(m_content.isStatic() ? "static" : "dynamic")
            .bind(m_content.snapshotId())
            .bind(m_content.changedAt().toString(Qt::ISODateWithMs))
            .bind(actor);
    return m_pool
        .run([q](PgSession &s) {
            s.exec(q);
            return true;
        })
        .then(this, [this, actor](const PgSessionPool::Outcome<bool> &o) {
            if (!o.ok()) {
                logcat::api()->warn("site_state not updated, retrying: {}", o.error.message.toStdString());
                QTimer::singleShot(2000, this, [this, actor] { persistSite(actor); });
            }
            return o.ok();
        });
}

QFuture<HttpReply> OpsApiServer::createBlast(const Call &c)
{
    const QUuid key = QUuid::fromString(QString::fromLatin1(c.idempotencyKey));
    if (key.isNull())
        return ready(badRequest(OpsProblem::IdempotencyKeyRequired, QStringLiteral("Idempotency-Key header required"),
                                QStringLiteral("Send a UUID in Idempotency-Key; reuse it when retrying.")));
    HttpReply err;
    const auto body = jsonBody(c.body, &err);
    if (!body)
        return ready(err);
    QString why;
    const auto req = BlastProvider::parse(key, *body, &why);
    if (!req)
        return ready(
            opsProblem(Status::UnprocessableEntity, OpsProblem::InvalidBlast, QStringLiteral("Invalid blast"), why));
    return m_blasts.create(*req);
}

QFuture<HttpReply> OpsApiServer::testFaults(const Call &c)
{
    if (c.method == Method::Delete) {
        m_faults.clear();
    } else if (c.method == Method::Post) {
        HttpReply err;
        const auto body = jsonBody(c.body, &err);
        if (!body)
            return ready(err);
        if (body->value(QStringLiteral("clear")).toBool())
            m_faults.clear();
        QJsonArray list = body->value(QStringLiteral("faults")).toArray();
        if (body->contains(QStringLiteral("kind")))
            list.append(*body);
        QList<ApiFaults::Fault> parsed;
        for (const auto &v : list) {
            QString why;
            const auto f = ApiFaults::fromJson(v.toObject(), &why);
            if (!f)
                return ready(opsProblem(Status::UnprocessableEntity, OpsProblem::InvalidFault,
                                        QStringLiteral("Invalid fault"), why));
            parsed.append(*f);
        }
        for (const auto &f : parsed)
            m_faults.add(f);
    }
    return ready(HttpReply::json({{QStringLiteral("faults"), m_faults.toJson()}}));
}

} // namespace oc::sim

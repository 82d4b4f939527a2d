#include "VendorSimServer.h"

#include "HubStreamer.h"
#include "LogCategories.h"
#include "NoDelayTcpServer.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <memory>

namespace oc::sim {

namespace {

using Method = QHttpServerRequest::Method;
using Status = HttpReply::Status;

const QStringList kStatuses {QStringLiteral("operational"), QStringLiteral("degraded_performance"),
                             QStringLiteral("partial_outage"), QStringLiteral("major_outage"),
                             QStringLiteral("under_maintenance")};

int levelOf(const QString &s)
{
    if (s == QLatin1String("degraded_performance") || s == QLatin1String("under_maintenance"))
        return 1;
    if (s == QLatin1String("partial_outage"))
        return 2;
    if (s == QLatin1String("major_outage"))
        return 3;
    return 0;
}

QString iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

VendorSimServer::VendorSimServer(Options o, QObject *parent)
    : QObject(parent)
    , m_o(o)
    , m_createdAt(QDateTime::currentDateTimeUtc())
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto component = [this](const char *id, const char *name) {
        return Component {QLatin1String(id), QLatin1String(name), QStringLiteral("operational"), m_createdAt};
    };
    m_vendors << Vendor {QStringLiteral("map-tiles"),
                         QStringLiteral("mt0sim0page1"),
                         QStringLiteral("Map Tiles (simulated)"),
                         false,
                         {component("tiles", "Tile API"), component("static-images", "Static Images API"),
                          component("geocoding", "Geocoding API")},
                         0,
                         now,
                         m_createdAt};
    m_vendors << Vendor {
        QStringLiteral("messaging"),
        QStringLiteral("ms0sim0page2"),
        QStringLiteral("Messaging (simulated)"),
        true,
        {component("email", "Email API"), component("sms", "SMS"), component("webhooks", "Delivery webhooks")},
        0,
        now,
        m_createdAt};

    m_http.route(QStringLiteral("/<arg>/api/v2/summary.json"), Method::Get, this,
                 [this](const QString &vendor, const QHttpServerRequest &, QHttpServerResponder &res) {
                     if (!find(vendor))
                         return answer(res,
                                       HttpReply::problem(Status::NotFound, QStringLiteral("unknown-vendor"),
                                                          QStringLiteral("No such vendor"), vendor));
                     answer(res, HttpReply::json(summary(vendor)));
                 });
    m_http.route(QStringLiteral("/<arg>/quota"), Method::Get, this,
                 [this](const QString &vendor, const QHttpServerRequest &, QHttpServerResponder &res) {
                     Vendor *v = find(vendor);
                     if (!v)
                         return answer(res,
                                       HttpReply::problem(Status::NotFound, QStringLiteral("unknown-vendor"),
                                                          QStringLiteral("No such vendor"), vendor));
                     answer(res, quota(*v));
                 });
    m_http.route(QStringLiteral("/_control/vendors/<arg>"), Method::Put, this,
                 [this](const QString &vendor, const QHttpServerRequest &req, QHttpServerResponder &res) {
                     answer(res, control(vendor, req.body()));
                 });
    m_http.route(QStringLiteral("/_control/surge"), Method::Post, this,
                 [this](const QHttpServerRequest &, QHttpServerResponder &res) { answer(res, scenario(true)); });
    m_http.route(QStringLiteral("/_control/calm"), Method::Post, this,
                 [this](const QHttpServerRequest &, QHttpServerResponder &res) { answer(res, scenario(false)); });
    m_http.setMissingHandler(this, [this](const QHttpServerRequest &, QHttpServerResponder &res) {
        answer(res, HttpReply::problem(Status::NotFound, QStringLiteral("not-found"), QStringLiteral("Not found")));
    });
}

VendorSimServer::~VendorSimServer() = default;

bool VendorSimServer::listen(QString *error)
{
    auto *tcp = new NoDelayTcpServer(this);
    if (!tcp->listen(QHostAddress::LocalHost, m_o.port) || !m_http.bind(tcp)) {
        if (error)
            *error = QStringLiteral("vendors: cannot listen on 127.0.0.1:%1: %2").arg(m_o.port).arg(tcp->errorString());
        delete tcp;
        return false;
    }
    m_port = tcp->serverPort();
    return true;
}

QUrl VendorSimServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

QUrl VendorSimServer::statusUrl(const QString &vendor) const
{
    QUrl u = baseUrl();
    u.setPath(QStringLiteral("/%1/api/v2/summary.json").arg(vendor));
    return u;
}

QUrl VendorSimServer::quotaUrl(const QString &vendor) const
{
    QUrl u = baseUrl();
    u.setPath(QStringLiteral("/%1/quota").arg(vendor));
    return u;
}

QStringList VendorSimServer::vendors() const
{
    QStringList out;
    for (const Vendor &v : m_vendors)
        out << v.name;
    return out;
}

void VendorSimServer::setStreamer(HubStreamer *streamer)
{
    m_streamer = streamer;
}

bool VendorSimServer::isComponentStatus(const QString &status)
{
    return kStatuses.contains(status);
}

VendorSimServer::Vendor *VendorSimServer::find(const QString &name)
{
    for (Vendor &v : m_vendors)
        if (v.name == name)
            return &v;
    return nullptr;
}

const VendorSimServer::Vendor *VendorSimServer::find(const QString &name) const
{
    return const_cast<VendorSimServer *>(this)->find(name);
}

bool VendorSimServer::setComponentStatus(const QString &vendor, const QString &component, const QString &status,
                                         QString *error)
{
    Vendor *v = find(vendor);
    if (!v) {
        if (error)
            *error = QStringLiteral("no vendor %1 (there are %2)").arg(vendor, vendors().join(QStringLiteral(", ")));
        return false;
    }
    if (!isComponentStatus(status)) {
        if (error)
            *error = QStringLiteral("status must be one of %1").arg(kStatuses.join(QStringLiteral(", ")));
        return false;
    }
    for (Component &c : v->components) {
        if (c.id == component || c.name.compare(component, Qt::CaseInsensitive) == 0) {
            c.status = status;
            c.updatedAt = QDateTime::currentDateTimeUtc();
            v->updatedAt = c.updatedAt;
            logcat::sim()->info("vendor {}: {} is {}", vendor.toStdString(), c.name.toStdString(),
                                status.toStdString());
            return true;
        }
    }
    if (error) {
        QStringList ids;
        for (const Component &c : v->components)
            ids << c.id;
        *error = QStringLiteral("%1 has no component %2 (it has %3)").arg(vendor, component, ids.join(u", "));
    }
    return false;
}

bool VendorSimServer::setQuotaUsed(const QString &vendor, double fraction, QString *error)
{
    Vendor *v = find(vendor);
    if (!v) {
        if (error)
            *error = QStringLiteral("no vendor %1").arg(vendor);
        return false;
    }
    if (!std::isfinite(fraction) || fraction < 0 || fraction > 1) {
        if (error)
            *error = QStringLiteral("quota_used is a fraction from 0 to 1");
        return false;
    }
    v->windowStartMs = QDateTime::currentMSecsSinceEpoch();
    v->used = qint64(std::llround(fraction * double(m_o.quotaLimit)));
    logcat::sim()->info("vendor {}: quota {:.0f} % used", vendor.toStdString(), fraction * 100);
    return true;
}

QJsonObject VendorSimServer::summary(const QString &vendor) const
{
    const Vendor *v = find(vendor);
    if (!v)
        return {};
    QJsonArray components;
    int worst = 0;
    bool maintenance = false;
    int position = 1;
    for (const Component &c : v->components) {
        worst = std::max(worst, levelOf(c.status));
        maintenance = maintenance || c.status == QLatin1String("under_maintenance");
        components.append(QJsonObject {{QStringLiteral("id"), c.id},
                                       {QStringLiteral("name"), c.name},
                                       {QStringLiteral("status"), c.status},
                                       {QStringLiteral("created_at"), iso(m_createdAt)},
                                       {QStringLiteral("updated_at"), iso(c.updatedAt)},
                                       {QStringLiteral("position"), position++},
                                       {QStringLiteral("description"), QJsonValue::Null},
                                       {QStringLiteral("showcase"), true},
                                       {QStringLiteral("start_date"), QJsonValue::Null},
                                       {QStringLiteral("group_id"), QJsonValue::Null},
                                       {QStringLiteral("page_id"), v->pageId},
                                       {QStringLiteral("group"), false},
                                       {QStringLiteral("only_show_if_degraded"), false}});
    }
    QString indicator = QStringLiteral("none"), description = QStringLiteral("All Systems Operational");
    if (worst == 3) {
        indicator = QStringLiteral("critical");
        description = QStringLiteral("Major Service Outage");
    } else if (worst == 2) {
        indicator = QStringLiteral("major");
        description = QStringLiteral("Partial System Outage");
    } else if (worst == 1 && maintenance) {
        indicator = QStringLiteral("maintenance");
        description = QStringLiteral("Service Under Maintenance");
    } else if (worst == 1) {
        indicator = QStringLiteral("minor");
        description = QStringLiteral("Minor Service Outage");
    }
    QUrl page = baseUrl();
    page.setPath(QLatin1Char('/') + v->name);
    return QJsonObject {
        {QStringLiteral("page"),
         QJsonObject {{QStringLiteral("id"), v->pageId},
                      {QStringLiteral("name"), v->pageName},
                      {QStringLiteral("url"), page.toString()},
                      {QStringLiteral("time_zone"), QStringLiteral("Etc/UTC")},
                      {QStringLiteral("updated_at"), iso(v->updatedAt)}}},
        {QStringLiteral("components"), components},
        {QStringLiteral("incidents"), QJsonArray()},
        {QStringLiteral("scheduled_maintenances"), QJsonArray()},
        {QStringLiteral("status"),
         QJsonObject {{QStringLiteral("indicator"), indicator}, {QStringLiteral("description"), description}}}};
}

void VendorSimServer::rollWindow(Vendor &v, qint64 nowMs) const
{
    const qint64 windowMs = qint64(m_o.quotaWindowSeconds) * 1000;
    if (nowMs - v.windowStartMs >= windowMs) {
        v.windowStartMs = nowMs - (nowMs - v.windowStartMs) % windowMs;
        v.used = 0;
    }
}

HttpReply VendorSimServer::quota(Vendor &v)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    rollWindow(v, now);
    const qint64 limit = m_o.quotaLimit;
    const bool exhausted = v.used >= limit;
    if (!exhausted)
        ++v.used; // this call is a use like any other
    const qint64 remaining = std::max<qint64>(0, limit - v.used);
    const qint64 resetAtMs = v.windowStartMs + qint64(m_o.quotaWindowSeconds) * 1000;
    const qint64 resetIn = std::max<qint64>(0, (resetAtMs - now + 999) / 1000);
    HttpReply r = exhausted ? HttpReply::problem(Status::TooManyRequests, QStringLiteral("quota-exhausted"),
                                                 QStringLiteral("Rate limit exceeded"))
                            : HttpReply::json(QJsonObject {{QStringLiteral("vendor"), v.name},
                                                           {QStringLiteral("limit"), limit},
                                                           {QStringLiteral("remaining"), remaining}});
    if (v.ietfHeaders) {
        r.withHeader("RateLimit-Policy",
                     QStringLiteral("\"default\";q=%1;w=%2").arg(limit).arg(m_o.quotaWindowSeconds).toLatin1());
        r.withHeader("RateLimit", QStringLiteral("\"default\";r=%1;t=%2").arg(remaining).arg(resetIn).toLatin1());
    } else {
        r.withHeader("X-RateLimit-Limit", QByteArray::number(limit));
        r.withHeader("X-RateLimit-Remaining", QByteArray::number(remaining));
        r.withHeader("X-RateLimit-Reset", QByteArray::number((resetAtMs + 999) / 1000));
    }
    if (exhausted)
        r.withHeader("Retry-After", QByteArray::number(resetIn));
    return r;
}

HttpReply VendorSimServer::control(const QString &vendor, const QByteArray &body)
{
    if (!find(vendor))
        return HttpReply::problem(Status::NotFound, QStringLiteral("unknown-vendor"), QStringLiteral("No such vendor"),
                                  QStringLiteral("there are %1").arg(vendors().join(u", ")));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    const QJsonObject o = doc.object();
    const bool hasComponent = o.contains(QLatin1String("component")) || o.contains(QLatin1String("status"));
    const bool hasQuota = o.contains(QLatin1String("quota_used"));
    if (!doc.isObject() || (!hasComponent && !hasQuota))
        return HttpReply::problem(Status::BadRequest, QStringLiteral("bad-request"), QStringLiteral("Bad request"),
                                  QStringLiteral("send {\"component\": id, \"status\": statuspage status} and/or "
                                                 "{\"quota_used\": 0..1}"));
    QString error;
    if (hasComponent &&
        !setComponentStatus(vendor, o.value(QLatin1String("component")).toString(),
                            o.value(QLatin1String("status")).toString(), &error))
        return HttpReply::problem(Status::BadRequest, QStringLiteral("bad-request"), QStringLiteral("Bad request"),
                                  error);
    if (hasQuota && !setQuotaUsed(vendor, o.value(QLatin1String("quota_used")).toDouble(-1), &error))
        return HttpReply::problem(Status::BadRequest, QStringLiteral("bad-request"), QStringLiteral("Bad request"),
                                  error);
    QJsonObject out = summary(vendor);
    const Vendor *v = find(vendor);
    out.insert(QStringLiteral("quota_used"), double(v->used) / double(std::max<qint64>(1, m_o.quotaLimit)));
    return HttpReply::json(out);
}

HttpReply VendorSimServer::scenario(bool surge)
{
    if (surge)
        Q_EMIT surgeRequested();
    else
        Q_EMIT calmRequested();
    if (!m_streamer)
        return HttpReply::problem(Status::Conflict, QStringLiteral("no-scenario"), QStringLiteral("No scenario"),
                                  QStringLiteral("this simulator streams no scenario"));
    // The streamer lives on its own thread; it applies this at its next event.
    if (surge)
        QMetaObject::invokeMethod(m_streamer.data(), &HubStreamer::mentionNow, Qt::QueuedConnection);
    else
        QMetaObject::invokeMethod(m_streamer.data(), &HubStreamer::calmNow, Qt::QueuedConnection);
    logcat::sim()->info("control: {}", surge ? "surge" : "calm");
    return HttpReply::json(
        QJsonObject {{QStringLiteral("scenario"), surge ? QStringLiteral("mention") : QStringLiteral("calm")}},
        Status::Accepted);
}

void VendorSimServer::answer(QHttpServerResponder &res, const HttpReply &reply)
{
    auto held = std::make_shared<QHttpServerResponder>(std::move(res));
    QMetaObject::invokeMethod(this, [held, reply] { reply.sendTo(*held); }, Qt::QueuedConnection);
}

} // namespace oc::sim

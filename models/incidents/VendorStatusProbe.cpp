#include "VendorStatusProbe.h"

#include "LogCategories.h"
#include "MetricIds.h"
#include "RateLimitHeaders.h"
#include "RuleEngine.h"
#include "StatuspageSummary.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <algorithm>

namespace oc {

VendorStatusProbe::VendorStatusProbe(RuleEngine *engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
    , m_nam(new QNetworkAccessManager(this))
{
    // A status page served from a cache would hide the outage we poll for.
    m_nam->setCache(nullptr);
}

VendorStatusProbe::~VendorStatusProbe()
{
    clearVendors();
}

void VendorStatusProbe::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

qint64 VendorStatusProbe::now() const
{
    return m_clock();
}

void VendorStatusProbe::dropVendor(Vendor &v)
{
    delete v.timer;
    v.timer = nullptr;
    for (QNetworkReply *r : {v.statusReply.data(), v.quotaReply.data()})
        if (r) {
            r->disconnect(this);
            r->abort();
            r->deleteLater();
        }
}

void VendorStatusProbe::clearVendors()
{
    for (const auto &v : std::as_const(m_vendors))
        dropVendor(*v);
    m_vendors.clear();
}

void VendorStatusProbe::setEndpoints(const QList<VendorEndpoint> &endpoints)
{
    // One probe per name, the last entry winning: a list that names a vendor
    // twice must not poll it twice.
    QList<VendorEndpoint> unique;
    for (const VendorEndpoint &e : endpoints) {
        unique.erase(
            std::remove_if(unique.begin(), unique.end(), [&](const VendorEndpoint &x) { return x.name == e.name; }),
            unique.end());
        unique << e;
    }
    // A vendor whose endpoint did not change keeps its timer, its request in
    // flight and its last reading: editing one vendor neither re-polls nor
    // blanks the others.
    QHash<QString, std::shared_ptr<Vendor>> kept;
    QList<std::shared_ptr<Vendor>> added;
    for (const VendorEndpoint &e : std::as_const(unique)) {
        const auto old = m_vendors.value(e.name);
        if (old && old->endpoint == e) {
            kept.insert(e.name, old);
            continue;
        }
        auto v = std::make_shared<Vendor>();
        v->endpoint = e;
        v->timer = new QTimer(this);
        v->timer->setInterval(int(std::clamp<qint64>(e.intervalMs, 100, 24LL * 3600 * 1000)));
        const QString name = e.name;
        connect(v->timer, &QTimer::timeout, this, [this, name] { pollNow(name); });
        kept.insert(e.name, v);
        added << v;
    }
    for (auto it = m_vendors.cbegin(); it != m_vendors.cend(); ++it)
        if (kept.value(it.key()) != it.value())
            dropVendor(*it.value());
    m_vendors = kept;
    m_endpoints = unique;
    if (m_running) {
        for (const auto &v : std::as_const(added)) {
            v->timer->start();
            poll(*v);
        }
    }
    Q_EMIT endpointsChanged();
}

void VendorStatusProbe::start()
{
    if (m_running)
        return;
    m_running = true;
    for (const auto &v : std::as_const(m_vendors)) {
        v->timer->start();
        poll(*v); // at once: an unreachable vendor shows within one timeout, not one interval
    }
}

void VendorStatusProbe::stop()
{
    m_running = false;
    for (const auto &v : std::as_const(m_vendors))
        v->timer->stop();
}

void VendorStatusProbe::pollNow(const QString &name)
{
    for (const auto &v : std::as_const(m_vendors))
        if (name.isEmpty() || v->endpoint.name == name)
            poll(*v);
}

QString VendorStatusProbe::detail(const QString &name) const
{
    const auto v = m_vendors.value(name);
    return v ? v->detail : QString();
}

std::optional<double> VendorStatusProbe::lastStatus(const QString &name) const
{
    const auto v = m_vendors.value(name);
    return v ? v->status : std::nullopt;
}

std::optional<double> VendorStatusProbe::lastQuotaUsed(const QString &name) const
{
    const auto v = m_vendors.value(name);
    return v ? v->quota : std::nullopt;
}

QString VendorStatusProbe::quotaError(const QString &name) const
{
    const auto v = m_vendors.value(name);
    return v ? v->quotaError : QString();
}

QNetworkReply *VendorStatusProbe::get(const QUrl &url)
{
    QNetworkRequest req(url);
    req.setTransferTimeout(m_timeoutMs);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setRawHeader("Accept", "application/json");
    return m_nam->get(req);
}

void VendorStatusProbe::poll(Vendor &v)
{
    const QString name = v.endpoint.name;
    // One request per URL at a time: a slow vendor is not asked again until it answers or times out.
    if (v.endpoint.statusUrl.isValid() && !v.statusReply) {
        QNetworkReply *r = get(v.endpoint.statusUrl);
        v.statusReply = r;
        connect(r, &QNetworkReply::finished, this, [this, name, r] { onStatus(name, r); });
    }
    if (v.endpoint.quotaUrl.isValid() && !v.quotaReply) {
        QNetworkReply *r = get(v.endpoint.quotaUrl);
        v.quotaReply = r;
        connect(r, &QNetworkReply::finished, this, [this, name, r] { onQuota(name, r); });
    }
}

QString VendorStatusProbe::failure(QNetworkReply *reply, bool acceptTooManyRequests) const
{
    const QUrl url = reply->url();
    const QString where = url.host() + (url.port() > 0 ? QStringLiteral(":%1").arg(url.port()) : QString());
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    switch (reply->error()) {
    case QNetworkReply::NoError: break;
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::TimeoutError:
        return tr("no answer from %1 within %2 s").arg(where).arg(m_timeoutMs / 1000.0, 0, 'f', 1);
    case QNetworkReply::ConnectionRefusedError: return tr("%1 refused the connection").arg(where);
    case QNetworkReply::HostNotFoundError: return tr("host %1 not found").arg(url.host());
    default:
        if (status <= 0)
            return tr("cannot reach %1: %2").arg(where, reply->errorString());
        break;
    }
    if (status == 429 && acceptTooManyRequests)
        return {};
    if (status < 200 || status >= 300)
        return tr("HTTP %1 from %2").arg(status).arg(url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
    return {};
}

void VendorStatusProbe::setDetail(Vendor &v, const QString &detail)
{
    if (v.detail == detail)
        return;
    v.detail = detail;
    Q_EMIT detailChanged(v.endpoint.name, detail);
}

void VendorStatusProbe::onStatus(const QString &name, QNetworkReply *reply)
{
    reply->deleteLater();
    const auto v = m_vendors.value(name);
    if (!v || v->statusReply != reply)
        return;
    v->statusReply.clear();
    const qint64 t = now();
    const QString metric = metric::vendorStatus(name);
    QString why = failure(reply, false);
    std::optional<StatuspageSummary> summary;
    if (why.isEmpty()) {
        summary = StatuspageSummary::parse(reply->readAll(), &why);
        if (!summary)
            why = tr("%1 from %2").arg(why, reply->url().toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
    }
    if (!summary) {
        if (v->detail != why)
            logcat::alerts()->warn("vendor {} status: {}", name.toStdString(), why.toStdString());
        v->status.reset();
        setDetail(*v, why);
        if (m_engine)
            m_engine->feedError(metric, t, why);
    } else {
        v->status = summary->worstLevel();
        setDetail(*v, summary->degradedSummary());
        if (m_engine)
            m_engine->feed(metric, t, *v->status);
    }
    Q_EMIT statusPolled(name, t);
}

void VendorStatusProbe::onQuota(const QString &name, QNetworkReply *reply)
{
    reply->deleteLater();
    const auto v = m_vendors.value(name);
    if (!v || v->quotaReply != reply)
        return;
    v->quotaReply.clear();
    const qint64 t = now();
    const QString metric = metric::vendorQuota(name);
    // A 429 still says how much is left (nothing): that is the reading we want.
    QString why = failure(reply, true);
    std::optional<RateLimitHeaders> quota;
    if (why.isEmpty()) {
        quota = RateLimitHeaders::parse(reply->headers(), &why);
        if (!quota)
            why = tr("%1 from %2").arg(why, reply->url().toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
    }
    if (!quota) {
        if (v->quotaError != why)
            logcat::alerts()->warn("vendor {} quota: {}", name.toStdString(), why.toStdString());
        v->quotaError = why;
        v->quota.reset();
        if (m_engine)
            m_engine->feedError(metric, t, why);
    } else {
        v->quotaError.clear();
        v->quota = quota->usedFraction();
        if (m_engine)
            m_engine->feed(metric, t, *v->quota);
    }
    Q_EMIT quotaPolled(name, t);
}

} // namespace oc

#include "PublicSite.h"

#include "LogCategories.h"
#include "NoDelayTcpServer.h"
#include "PgSessionPool.h"
#include "RsvpQueue.h"
#include "SiteContent.h"
#include "SitePage.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>

namespace oc::sim {

namespace {

bool plausibleEmail(const QString &e)
{
    const qsizetype at = e.indexOf(QLatin1Char('@'));
    return e.size() >= 3 && e.size() <= 320 && at > 0 && at < e.size() - 1 && !e.contains(QLatin1Char(' '));
}

} // namespace

PublicSite::PublicSite(Options o, PgSessionPool &pool, SiteContent &content, RsvpQueue &queue, QObject *parent)
    : QObject(parent)
    , m_o(o)
    , m_pool(pool)
    , m_content(content)
    , m_queue(queue)
    , m_rng(o.seed)
{
    m_http.route(QStringLiteral("/"), QHttpServerRequest::Method::Get, this,
                 [this](const QHttpServerRequest &req, QHttpServerResponder &res) { index(req, res); });
    m_http.route(QStringLiteral("/events.json"), QHttpServerRequest::Method::Get, this,
                 [this](const QHttpServerRequest &req, QHttpServerResponder &res) { eventsJson(req, res); });
    m_http.route(QStringLiteral("/rsvp"), QHttpServerRequest::Method::Post, this,
                 [this](const QHttpServerRequest &req, QHttpServerResponder &res) { rsvp(req, res); });
    m_http.setMissingHandler(this, [this](const QHttpServerRequest &, QHttpServerResponder &res) {
        QElapsedTimer t;
        t.start();
        noteArrival();
        HttpReply r;
        r.status = HttpReply::Status::NotFound;
        r.mimeType = "text/plain; charset=utf-8";
        r.body = "not found\n";
        finish(res, r, t);
    });
}

PublicSite::~PublicSite()
{
    // Parked responders point into m_http's connections: release them first.
    m_parked.clear();
}

PublicSite::Ticket PublicSite::park(QHttpServerResponder &res)
{
    const Ticket tk = ++m_nextTicket;
    m_parked.emplace(tk, std::move(res));
    return tk;
}

void PublicSite::finish(Ticket tk, const HttpReply &reply, const QElapsedTimer &t)
{
    auto it = m_parked.find(tk);
    if (it == m_parked.end())
        return;
    finish(it->second, reply, t);
    releaseLater(tk);
}

void PublicSite::releaseLater(Ticket tk)
{
    // A responder released inside the route handler makes Qt 6.8 re-arm the
    // connection's readyRead before disarming it, stacking one more
    // connection per request; release it from the event loop instead.
    QMetaObject::invokeMethod(this, [this, tk] { m_parked.erase(tk); }, Qt::QueuedConnection);
}

bool PublicSite::listen(QString *error)
{
    auto *tcp = new NoDelayTcpServer(this);
    // Load generators open their connections all at once.
    tcp->setListenBacklogSize(1024);
    if (!tcp->listen(QHostAddress::LocalHost, m_o.port) || !m_http.bind(tcp)) {
        if (error)
            *error = QStringLiteral("site: cannot listen on 127.0.0.1:%1: %2").arg(m_o.port).arg(tcp->errorString());
        delete tcp;
        return false;
    }
    m_port = tcp->serverPort();
    return true;
}

void PublicSite::noteArrival()
{
    arrivalRate(); // advances the ring to now
    ++m_slots[size_t(m_slot % qint64(m_slots.size()))];
}

double PublicSite::arrivalRate()
{
    const qint64 slot = QDateTime::currentMSecsSinceEpoch() / 100;
    const qint64 n = qint64(m_slots.size());
    if (slot - m_slot >= n)
        m_slots.fill(0);
    else
        for (qint64 s = m_slot + 1; s <= slot; ++s)
            m_slots[size_t(s % n)] = 0;
    m_slot = std::max(m_slot, slot);
    int sum = 0;
    for (int c : m_slots)
        sum += c;
    return sum; // ten 100 ms slots: one second
}

void PublicSite::finish(QHttpServerResponder &res, const HttpReply &reply, const QElapsedTimer &t)
{
    m_meter.record(reply.code(), double(t.nsecsElapsed()) / 1e6);
    reply.sendTo(res);
}

void PublicSite::throughBackend(Ticket tk, QElapsedTimer t, std::function<void(Ticket, QElapsedTimer)> proceed)
{
    const double load = arrivalRate() / std::max(1.0, m_o.capacityPerSecond);
    if (load <= 1) {
        proceed(tk, t);
        return;
    }
    // Past capacity: the load shedder turns part of the overflow away at
    // once, some requests die in the backend after waiting, and the rest
    // wait in queues that grow with the square of the overload.
    const double failShare = std::min(0.9, (load - 1) / load);
    const int delayMs = std::min(m_o.maxOverloadDelayMs, int(50 * (load * load - 1)));
    const double u = m_rng.generateDouble();
    if (u < failShare * 0.75) {
        finish(tk,
               HttpReply::html("<h1>503 Service Unavailable</h1>\n", HttpReply::Status::ServiceUnavailable)
                   .withHeader("Retry-After", "5"),
               t);
        return;
    }
    const bool dies = u < failShare;
    QTimer::singleShot(delayMs, this, [this, tk, t, dies, proceed = std::move(proceed)] {
        if (dies)
            finish(tk, HttpReply::html("<h1>500 Internal Server Error</h1>\n", HttpReply::Status::InternalServerError),
                   t);
        else
            proceed(tk, t);
    });
}

void PublicSite::index(const QHttpServerRequest &req, QHttpServerResponder &res)
{
    QElapsedTimer t;
    t.start();
    noteArrival();
    if (const auto snap = m_content.active()) {
        sendStatic(req, res, snap->page, StaticBody::Page, t);
        return;
    }
    const QString zip = req.query().queryItemValue(QStringLiteral("zip"), QUrl::FullyDecoded).trimmed();
    throughBackend(park(res), t, [this, zip](Ticket tk, QElapsedTimer t0) {
        withEvents([this, tk, t0, zip](std::shared_ptr<const EventCache> cache) {
            if (!cache) {
                finish(tk, HttpReply::html("<h1>503 Service Unavailable</h1>\n", HttpReply::Status::ServiceUnavailable),
                       t0);
            } else if (zip.isEmpty()) {
                finish(tk, HttpReply::html(cache->html), t0);
            } else {
                SitePage::Options po;
                po.zip = zip;
                po.limit = m_o.pageLimit;
                finish(tk, HttpReply::html(SitePage::render(cache->events, po)), t0);
            }
        });
    });
}

void PublicSite::eventsJson(const QHttpServerRequest &req, QHttpServerResponder &res)
{
    QElapsedTimer t;
    t.start();
    noteArrival();
    if (const auto snap = m_content.active()) {
        sendStatic(req, res, snap->events, StaticBody::EventsJson, t);
        return;
    }
    throughBackend(park(res), t, [this](Ticket tk, QElapsedTimer t0) {
        withEvents([this, tk, t0](std::shared_ptr<const EventCache> cache) {
            if (!cache) {
                finish(tk,
                       HttpReply::problem(HttpReply::Status::ServiceUnavailable, QStringLiteral("backend-unavailable"),
                                          QStringLiteral("The event list cannot be loaded")),
                       t0);
                return;
            }
            HttpReply reply;
            reply.body = cache->json;
            finish(tk, reply, t0);
        });
    });
}

ContentCoding::Coding PublicSite::codingFor(const QHttpServerRequest &req)
{
    const QByteArray accept = req.headers().combinedValue(QHttpHeaders::WellKnownHeader::AcceptEncoding);
    if (const auto it = m_codings.constFind(accept); it != m_codings.cend())
        return *it;
    const ContentCoding::Coding c = ContentCoding::choose(accept);
    if (m_codings.size() < 256) // a client making up values cannot grow it further
        m_codings.insert(accept, c);
    return c;
}

void PublicSite::sendStatic(const QHttpServerRequest &req, QHttpServerResponder &res,
                            const ContentCoding::Encoded &body, StaticBody kind, const QElapsedTimer &t)
{
    using Coding = ContentCoding::Coding;
    Coding c = codingFor(req);
    // Until the worker thread has compressed them, only identity exists.
    if (body.body(c).isSharedWith(body.identity))
        c = Coding::Identity;
    QHttpHeaders &h = m_staticHeaders[size_t(kind)][size_t(c)];
    if (h.isEmpty()) {
        h.append(QHttpHeaders::WellKnownHeader::ContentType,
                 kind == StaticBody::Page ? "text/html; charset=utf-8" : "application/json");
        // The same URL has several representations: caches must key on the
        // request's Accept-Encoding (RFC 9110 §12.5.5), identity included.
        h.append(QHttpHeaders::WellKnownHeader::Vary, "Accept-Encoding");
        if (c != Coding::Identity)
            h.append(QHttpHeaders::WellKnownHeader::ContentEncoding, ContentCoding::token(c));
    }
    m_meter.record(200, double(t.nsecsElapsed()) / 1e6);
    res.write(body.body(c), h, QHttpServerResponder::StatusCode::Ok);
}

void PublicSite::withEvents(std::function<void(std::shared_ptr<const EventCache>)> fn)
{
    const qint64 age = m_cache ? QDateTime::currentMSecsSinceEpoch() - m_cache->loadedAtMs : -1;
    if (m_cache && age < m_o.cacheMs) {
        fn(m_cache);
        return;
    }
    if (m_cache && age < m_o.maxStaleMs) {
        // Stale while revalidating: one request pays for the reload, none waits.
        refreshEvents();
        fn(m_cache);
        return;
    }
    m_waiters.push_back(std::move(fn));
    refreshEvents();
}

void PublicSite::refreshEvents()
{
    if (m_refreshing)
        return;
    m_refreshing = true;
    const int limit = m_o.pageLimit;
    m_pool
        .run([limit](PgSession &s) {
            const DbTable t = s.exec(
                "SELECT e.id, e.title, to_char(e.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
                "       e.timezone, e.venue, e.address, e.city, e.state, e.postal_code, e.latitude, e.longitude "
                "FROM events e JOIN campaigns c ON c.id = e.campaign_id AND c.status <> 'ended' "
                "WHERE e.approval_status = 'approved' AND e.starts_at > now() - interval '3 hours' "
                "ORDER BY e.starts_at, e.id LIMIT 5000");
            auto cache = std::make_shared<EventCache>();
            cache->events.reserve(size_t(t.rowCount()));
            QJsonArray list;
            for (int r = 0; r < t.rowCount(); ++r) {
                SiteEvent e;
                e.id = t.toInt64(r, 0);
                e.title = t.text(r, 1);
                e.startsAt = QDateTime::fromString(t.text(r, 2), Qt::ISODate);
                e.timezone = t.text(r, 3);
                e.venue = t.text(r, 4);
                e.address = t.text(r, 5);
                e.city = t.text(r, 6);
                e.state = t.text(r, 7);
                e.postalCode = t.text(r, 8);
                e.hasLocation = !t.isNull(r, 9);
                e.latitude = t.toDouble(r, 9);
                e.longitude = t.toDouble(r, 10);
                list.append(e.toJson());
                cache->events.push_back(std::move(e));
            }
            SitePage::Options po;
            po.limit = limit;
            cache->html = SitePage::render(cache->events, po);
            cache->loadedAtMs = QDateTime::currentMSecsSinceEpoch();
            cache->json = QJsonDocument(QJsonObject {{QStringLiteral("generated_at"),
                                                      QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                                                     {QStringLiteral("events"), list}})
                              .toJson(QJsonDocument::Compact);
            return std::shared_ptr<const EventCache>(std::move(cache));
        })
        .then(this, [this](const PgSessionPool::Outcome<std::shared_ptr<const EventCache>> &o) {
            m_refreshing = false;
            if (o.ok()) {
                m_cache = *o.value;
            } else {
                static qint64 lastWarn = 0;
                const qint64 now = QDateTime::currentMSecsSinceEpoch();
                if (now - lastWarn > 5000) {
                    lastWarn = now;
                    logcat::api()->warn("site: loading events failed: {}", o.error.message.toStdString());
                }
            }
            const bool usable = m_cache && QDateTime::currentMSecsSinceEpoch() - m_cache->loadedAtMs < m_o.maxStaleMs;
            auto waiters = std::exchange(m_waiters, {});
            for (auto &w : waiters)
                w(usable ? m_cache : nullptr);
        });
}

std::optional<PublicSite::Rsvp> PublicSite::parseRsvp(const QHttpServerRequest &req, QString *error)
{
    Rsvp r;
    const QByteArray type = req.headers().value(QHttpHeaders::WellKnownHeader::ContentType).toByteArray().toLower();
    const QByteArray accept = req.headers().value(QHttpHeaders::WellKnownHeader::Accept).toByteArray().toLower();
    r.wantsJson = type.contains("json") || accept.contains("application/json");
    if (type.contains("json")) {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(req.body(), &pe);
        if (!doc.isObject()) {
            *error = QStringLiteral("the body is not a JSON object");
            return std::nullopt;
        }
        const QJsonObject o = doc.object();
        const QJsonValue id = o.value(QStringLiteral("event_id"));
        r.eventId = id.isString() ? id.toString().toLongLong() : id.toInteger();
        r.email = o.value(QStringLiteral("email")).toString().trimmed();
        r.utmSource = o.value(QStringLiteral("utm_source")).toString();
        r.utmMedium = o.value(QStringLiteral("utm_medium")).toString();
        r.utmCampaign = o.value(QStringLiteral("utm_campaign")).toString();
    } else {
        // application/x-www-form-urlencoded: '+' is a space; a literal plus arrives as %2B.
        const QUrlQuery q(QString::fromUtf8(req.body()).replace(QLatin1Char('+'), QLatin1Char(' ')));
        r.eventId = q.queryItemValue(QStringLiteral("event_id"), QUrl::FullyDecoded).toLongLong();
        r.email = q.queryItemValue(QStringLiteral("email"), QUrl::FullyDecoded).trimmed();
        r.utmSource = q.queryItemValue(QStringLiteral("utm_source"), QUrl::FullyDecoded);
        r.utmMedium = q.queryItemValue(QStringLiteral("utm_medium"), QUrl::FullyDecoded);
        r.utmCampaign = q.queryItemValue(QStringLiteral("utm_campaign"), QUrl::FullyDecoded);
    }
    if (r.eventId <= 0) {
        *error = QStringLiteral("event_id is missing or not a positive number");
        return std::nullopt;
    }
    if (!plausibleEmail(r.email)) {
        *error = QStringLiteral("email is missing or not an email address");
        return std::nullopt;
    }
    for (QString *s : {&r.utmSource, &r.utmMedium, &r.utmCampaign})
        s->truncate(200);
    return r;
}

HttpReply PublicSite::rsvpReply(bool wantsJson, HttpReply::Status s, const QString &status, const QString &message,
                                qint64 rsvpId)
{
    if (wantsJson) {
        QJsonObject o {{QStringLiteral("status"), status}, {QStringLiteral("message"), message}};
        if (rsvpId > 0)
            o.insert(QStringLiteral("rsvp_id"), rsvpId);
        return HttpReply::json(o, s);
    }
    const bool ok = int(s) < 400;
    // A browser form post: answer with a page, not a bare status.
    return HttpReply::html(QStringLiteral("<!doctype html><html><body><h1>%1</h1><p>%2</p><p><a href=\"/\">Back to "
                                          "events</a></p></body></html>\n")
                               .arg(ok ? QStringLiteral("Thanks!") : QStringLiteral("Sorry"), message.toHtmlEscaped())
                               .toUtf8(),
                           ok ? HttpReply::Status::Ok : s);
}

void PublicSite::rsvp(const QHttpServerRequest &req, QHttpServerResponder &res)
{
    QElapsedTimer t;
    t.start();
    noteArrival();
    QString err;
    const auto r = parseRsvp(req, &err);
    if (!r) {
        const bool json =
            req.headers().value(QHttpHeaders::WellKnownHeader::ContentType).toByteArray().contains("json");
        finish(res, rsvpReply(json, HttpReply::Status::UnprocessableEntity, QStringLiteral("invalid"), err), t);
        return;
    }
    if (const auto snap = m_content.active()) {
        if (!snap->eventIds.isEmpty() && !snap->eventIds.contains(r->eventId)) {
            finish(res,
                   rsvpReply(r->wantsJson, HttpReply::Status::UnprocessableEntity, QStringLiteral("invalid"),
                             QStringLiteral("There is no such event.")),
                   t);
            return;
        }
        RsvpQueue::Item it;
        it.eventId = r->eventId;
        it.email = r->email;
        it.utmSource = r->utmSource;
        it.utmMedium = r->utmMedium;
        it.utmCampaign = r->utmCampaign;
        if (!m_queue.enqueue(std::move(it), &err)) {
            logcat::api()->error("site: {}", err.toStdString());
            finish(res,
                   rsvpReply(r->wantsJson, HttpReply::Status::ServiceUnavailable, QStringLiteral("error"),
                             QStringLiteral("Your RSVP could not be recorded; please try again.")),
                   t);
            return;
        }
        finish(res,
               rsvpReply(r->wantsJson, HttpReply::Status::Accepted, QStringLiteral("queued"),
                         QStringLiteral("Your RSVP is recorded; a confirmation will follow.")),
               t);
        return;
    }
    throughBackend(park(res), t, [this, rv = *r](Ticket tk, QElapsedTimer t0) { insertRsvp(tk, t0, rv); });
}

void PublicSite::insertRsvp(Ticket tk, QElapsedTimer t, Rsvp r)
{
    const DbQuery q =
        DbQuery("WITH ev AS (SELECT id FROM events WHERE id = $1 AND approval_status = 'approved'), "
                "known AS (SELECT id FROM supporters WHERE email = $2 ORDER BY id LIMIT 1), "
                "fresh AS (INSERT INTO supporters (email) SELECT $2 "
                "          WHERE EXISTS (SELECT 1 FROM ev) AND NOT EXISTS (SELECT 1 FROM known) RETURNING id) "
                "INSERT INTO rsvps (event_id, supporter_id, source, utm_source, utm_medium, utm_campaign) "
                "SELECT ev.id, coalesce((SELECT id FROM known), (SELECT id FROM fresh)), 'web', "
                "       nullif($3, ''), nullif($4, ''), nullif($5, '') FROM ev RETURNING id")
            .bind(r.eventId)
            .bind(r.email)
            .bind(r.utmSource)
            .bind(r.utmMedium)
            .bind(r.utmCampaign);
    m_pool.run([q](PgSession &s) { return s.exec(q); })
        .then(this, [this, tk, t, json = r.wantsJson](const PgSessionPool::Outcome<DbTable> &o) {
            if (!o.ok()) {
                logcat::api()->warn("site: RSVP insert failed: {}", o.error.message.toStdString());
                finish(tk,
                       rsvpReply(json, HttpReply::Status::ServiceUnavailable, QStringLiteral("error"),
                                 QStringLiteral("Your RSVP could not be recorded; please try again.")),
                       t);
            } else if (o.value->rowCount() == 0) {
                finish(tk,
                       rsvpReply(json, HttpReply::Status::UnprocessableEntity, QStringLiteral("invalid"),
                                 QStringLiteral("There is no such event.")),
                       t);
            } else {
                finish(tk,
                       rsvpReply(json, HttpReply::Status::Created, QStringLiteral("confirmed"),
                                 QStringLiteral("You're going! See you there."), o.value->toInt64(0, 0)),
                       t);
            }
        });
}

} // namespace oc::sim

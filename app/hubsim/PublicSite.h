#pragma once

#include "ContentCoding.h"
#include "HttpReply.h"
#include "SiteEvent.h"
#include "TrafficMeter.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHttpHeaders>
#include <QHttpServer>
#include <QObject>
#include <QRandomGenerator>

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace oc::sim {

class PgSessionPool;
class RsvpQueue;
class SiteContent;

// The campaign's public event finder on loopback: GET / (HTML with a ZIP
// search), GET /events.json and POST /rsvp. Dynamic mode reads and writes
// the database and, like a real backend, degrades past its capacity (a share
// of 5xx plus queueing latency); static mode serves the uploaded snapshot
// from memory and queues RSVPs, so it never fails. Everything it serves is
// counted into traffic buckets.
class PublicSite : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        quint16 port = 0; // 0 = any free port
        double capacityPerSecond = 400; // dynamic mode starts failing beyond this arrival rate
        int cacheMs = 1000; // how long the dynamic event list is reused
        int maxStaleMs = 30000; // beyond this a failing database fails the page
        int maxOverloadDelayMs = 2000;
        int pageLimit = 100;
        quint32 seed = 11;
    };

    PublicSite(Options o, PgSessionPool &pool, SiteContent &content, RsvpQueue &queue, QObject *parent = nullptr);
    ~PublicSite() override;

    bool listen(QString *error);
    quint16 port() const { return m_port; }
    TrafficMeter &meter() { return m_meter; }
    void setCapacity(double perSecond) { m_o.capacityPerSecond = perSecond; }
    // Arrivals per second over the last second.
    double arrivalRate();

private:
    // Requests waiting for the database or a timer. Continuations carry only
    // the ticket, so one that never runs (shutdown) leaves no responder
    // behind to outlive the server it belongs to.
    using Ticket = quint64;
    struct EventCache
    {
        std::vector<SiteEvent> events;
        QByteArray html; // without a ZIP
        QByteArray json;
        qint64 loadedAtMs = 0;
    };
    struct Rsvp
    {
        qint64 eventId = 0;
        QString email, utmSource, utmMedium, utmCampaign;
        bool wantsJson = false;
    };

    void index(const QHttpServerRequest &req, QHttpServerResponder &res);
    void eventsJson(const QHttpServerRequest &req, QHttpServerResponder &res);
    void rsvp(const QHttpServerRequest &req, QHttpServerResponder &res);

    // Runs `proceed` as an overloaded backend would: maybe not at all (5xx),
    // maybe late.
    void throughBackend(Ticket tk, QElapsedTimer t, std::function<void(Ticket, QElapsedTimer)> proceed);
    // Calls back with the event list, loading it when missing or too old.
    void withEvents(std::function<void(std::shared_ptr<const EventCache>)> fn);
    void refreshEvents();
    void insertRsvp(Ticket tk, QElapsedTimer t, Rsvp r);
    static std::optional<Rsvp> parseRsvp(const QHttpServerRequest &req, QString *error);
    // Static mode: the representation of a precompressed body the request
    // accepts, with Content-Type, Content-Encoding and Vary. The hot path of
    // a surge: headers are built once, the choice is remembered per
    // Accept-Encoding value (browsers send a handful).
    enum class StaticBody { Page, EventsJson };
    void sendStatic(const QHttpServerRequest &req, QHttpServerResponder &res, const ContentCoding::Encoded &body,
                    StaticBody kind, const QElapsedTimer &t);
    ContentCoding::Coding codingFor(const QHttpServerRequest &req);
    static HttpReply rsvpReply(bool wantsJson, HttpReply::Status s, const QString &status, const QString &message,
                               qint64 rsvpId = 0);

    void noteArrival();
    void finish(QHttpServerResponder &res, const HttpReply &reply, const QElapsedTimer &t);
    void finish(Ticket tk, const HttpReply &reply, const QElapsedTimer &t);
    Ticket park(QHttpServerResponder &res);
    void releaseLater(Ticket tk);

    Options m_o;
    PgSessionPool &m_pool;
    SiteContent &m_content;
    RsvpQueue &m_queue;
    QHttpServer m_http;
    quint16 m_port = 0;
    TrafficMeter m_meter;
    QRandomGenerator m_rng;
    std::shared_ptr<const EventCache> m_cache;
    bool m_refreshing = false;
    std::vector<std::function<void(std::shared_ptr<const EventCache>)>> m_waiters;
    std::array<int, 10> m_slots {}; // arrivals per 100 ms, ring
    qint64 m_slot = 0;
    Ticket m_nextTicket = 0;
    std::unordered_map<Ticket, QHttpServerResponder> m_parked;
    QHash<QByteArray, ContentCoding::Coding> m_codings; // by Accept-Encoding value
    std::array<std::array<QHttpHeaders, 3>, 2> m_staticHeaders; // [StaticBody][Coding]
};

} // namespace oc::sim

#include "HubFeed.h"

#include "Log.h"

#include <QSet>
#include <QTimeZone>

#include <algorithm>

namespace oc {
namespace {

// Columns shared by the snapshot and the tail of events.
constexpr const char *kEventColumns =
    "e.id, e.campaign_id, e.host_id, e.title, h.name, h.email, h.phone, h.prep_status, "
    "(extract(epoch FROM e.starts_at) * 1000)::bigint, e.timezone, e.venue, e.address, e.city, e.state, "
    "e.postal_code, e.latitude, e.longitude, e.capacity, e.approval_status, e.flagged, e.reviewed_by, "
    "(extract(epoch FROM e.created_at) * 1000)::bigint, (extract(epoch FROM e.updated_at) * 1000)::bigint, e.version";

constexpr const char *kEventHead =
    "WITH w AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS hi) "
    "SELECT 'h' AS tag, (SELECT hi FROM w)::text AS hi, NULL::bigint AS id, NULL::bigint, NULL::bigint, NULL::text, "
    "NULL::text, NULL::text, NULL::text, NULL::prep_status, NULL::bigint, NULL::text, NULL::text, NULL::text, "
    "NULL::text, NULL::text, NULL::text, NULL::float8, NULL::float8, NULL::int, NULL::approval_status, NULL::bool, "
    "NULL::text, NULL::bigint, NULL::bigint, NULL::int "
    "UNION ALL SELECT 'e', NULL, ";

// Every statement returns its own upper bound in a first row tagged 'h', so
// the bound and the rows come from the same snapshot.
const QByteArray kSnapshotEvents =
    QByteArray(kEventHead) + kEventColumns + " FROM events e LEFT JOIN hosts h ON h.id = e.host_id";

const QByteArray kTailEvents = QByteArray(kEventHead) + kEventColumns +
    " FROM events e LEFT JOIN hosts h ON h.id = e.host_id "
    "WHERE e.xact >= $1::xid8 AND e.xact < (SELECT hi FROM w)";

// RSVPs: counts per event and per minute, never the rows themselves; one
// scan feeds both groupings. Rows group on the timestamp; the (numeric)
// epoch conversion runs once per group, not once per row.
#define OC_RSVP_AGG(filter)                                                                                            \
    "WITH w AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS hi), "                                               \
    "t AS (SELECT event_id, CASE WHEN created_at > now() - interval '24 hours' "                                       \
    "             THEN date_trunc('minute', created_at) END AS m "                                                     \
    "      FROM rsvps WHERE " filter " xact < (SELECT hi FROM w)) "                                                    \
    "SELECT 'h' AS tag, (SELECT hi FROM w)::text AS hi, NULL::bigint AS k, NULL::bigint AS n "                         \
    "UNION ALL SELECT CASE WHEN GROUPING(event_id) = 0 THEN 'e' ELSE 'm' END, NULL, "                                  \
    "  CASE WHEN GROUPING(event_id) = 0 THEN event_id ELSE (extract(epoch FROM m) * 1000)::bigint END, count(*) "      \
    "FROM t GROUP BY GROUPING SETS ((event_id), (m)) HAVING GROUPING(event_id) = 0 OR m IS NOT NULL"

// First totals as fast as a plain GROUP BY: per-event counts only. The
// per-minute history for the charts follows in a second batch bounded by the
// same xid, so together they are still one consistent snapshot.
constexpr const char *kSnapshotRsvps =
    "WITH w AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS hi) "
    "SELECT 'h' AS tag, (SELECT hi FROM w)::text AS hi, NULL::bigint AS k, NULL::bigint AS n "
    "UNION ALL SELECT 'e', NULL, event_id, count(*) FROM rsvps WHERE xact < (SELECT hi FROM w) GROUP BY event_id";
constexpr const char *kRsvpHistory =
    "SELECT 'm' AS tag, NULL::text AS hi, (extract(epoch FROM date_trunc('minute', created_at)) * 1000)::bigint AS k, "
    "count(*) AS n FROM rsvps WHERE xact < $1::xid8 AND created_at > now() - interval '24 hours' "
    "GROUP BY date_trunc('minute', created_at)";
constexpr const char *kTailRsvps = OC_RSVP_AGG("xact >= $1::xid8 AND");
// The steady-state tick: per-event counts only, and the server's clock in the
// 'h' row. The rows of one tick all committed within that tick, so they are
// put in the minute of the server's clock at the read, at most one tick late;
// the per-minute grouping would double the statement's cost. After any gap
// (start, reconnect, a slow tick) the exact query above runs instead.
constexpr const char *kTailRsvpsLight =
    "WITH w AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS hi) "
    "SELECT 'h' AS tag, (SELECT hi FROM w)::text AS hi, (extract(epoch FROM now()) * 1000)::bigint AS k, "
    "NULL::bigint AS n "
    "UNION ALL SELECT 'e', NULL, event_id, count(*) FROM rsvps "
    "WHERE xact >= $1::xid8 AND xact < (SELECT hi FROM w) GROUP BY event_id";
#undef OC_RSVP_AGG

constexpr const char *kTraffic =
    "WITH w AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS hi) "
    "SELECT 'h' AS tag, (SELECT hi FROM w)::text AS hi, NULL::bigint AS bucket, NULL::bigint AS requests, "
    "NULL::bigint AS errors, NULL::float8 AS p95 "
    "UNION ALL SELECT 's', NULL, (extract(epoch FROM bucket) * 1000)::bigint, sum(requests), sum(errors_5xx), "
    "max(p95_ms) "
    "FROM traffic_samples WHERE xact >= $1::xid8 AND xact < (SELECT hi FROM w) AND bucket > now() - interval '25 "
    "hours' "
    "GROUP BY bucket";

constexpr const char *kAudit =
    "WITH w AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS hi) "
    "SELECT 'h' AS tag, (SELECT hi FROM w)::text AS hi, NULL::bigint AS id, NULL::bigint AS at, NULL::text AS action, "
    "NULL::text AS phase, NULL::text AS actor, NULL::text AS result "
    "UNION ALL SELECT 'a', NULL, id, (extract(epoch FROM at) * 1000)::bigint, action, phase, actor, result "
    "FROM audit_log WHERE xact >= $1::xid8 AND xact < (SELECT hi FROM w) AND at > now() - interval '25 hours'";

constexpr const char *kCampaigns =
    "SELECT id, slug, title, status, event_goal, rsvp_goal, (extract(epoch FROM launch_at) * 1000)::bigint, "
    "(SELECT mode::text FROM site_state ORDER BY site LIMIT 1) AS site_mode, "
    "CASE WHEN pg_is_in_recovery() THEN extract(epoch FROM now() - pg_last_xact_replay_timestamp()) END AS lag "
    "FROM campaigns ORDER BY id";

const QByteArray kZeroXid = "0";

// Every tail result starts with an 'h' row carrying the snapshot bound the
// next read starts from; the other rows go to `apply`. Returns whether any did.
template<typename Apply> bool forEachTailRow(const DbTable &t, QByteArray &hi, Apply apply)
{
    bool any = false;
    for (int r = 0; r < t.rowCount(); ++r) {
        if (t.raw(r, 0) == "h") {
            hi = t.raw(r, 1);
            continue;
        }
        any = true;
        apply(r);
    }
    return any;
}

} // namespace

HubFeed::HubFeed(DbConnection *db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HubFeed::tick);
    connect(m_db, &DbConnection::connected, this, [this] {
        // Back online: read at once; the watermarks make the catch-up exact.
        if (m_running)
            pollNow();
    });
    connect(m_db, &DbConnection::connectionLost, this, [this](const QString &why) { markStale(why); });
}

void HubFeed::setIntervals(int fastMs, int slowMs)
{
    m_fastMs = fastMs;
    m_slowMs = slowMs;
    m_interval = fastMs;
}

void HubFeed::start()
{
    m_running = true;
    pollNow();
}

void HubFeed::stop()
{
    m_running = false;
    m_timer.stop();
}

void HubFeed::pollNow()
{
    m_timer.stop();
    tick();
}

const EventRecord *HubFeed::event(qint64 id) const
{
    const int row = rowOf(id);
    return row >= 0 ? &m_events[size_t(row)] : nullptr;
}

const HubFeed::Campaign *HubFeed::currentCampaign() const
{
    const Campaign *best = nullptr;
    for (const Campaign &c : m_campaigns)
        if (!best || (c.status == QLatin1String("live") && best->status != QLatin1String("live")))
            best = &c;
    return best;
}

void HubFeed::tick()
{
    if (!m_running || m_inFlight)
        return;
    if (m_db->state() != DbConnection::State::Connected) {
        schedule(false);
        return;
    }
    m_inFlight = true;
    ++m_ticks;
    if (!m_haveSnapshot) {
        loadSnapshot();
        return;
    }
    // RSVPs and events every tick; campaigns, traffic (10 s buckets) and the
    // audit log every third tick: they change slowly and each statement costs.
    const bool full = m_ticks % 3 == 0;
    const bool light = m_lastTail.isValid() && m_lastTail.elapsed() < 3 * m_fastMs;
    std::vector<DbQuery> batch {light ? DbQuery(kTailRsvpsLight, {m_rsvpHi}).prepared("oc_tail_rsvps_light")
                                      : DbQuery(kTailRsvps, {m_rsvpHi}).prepared("oc_tail_rsvps"),
                                DbQuery(kTailEvents, {m_eventHi}).prepared("oc_tail_events")};
    if (full) {
        batch.push_back(DbQuery(kCampaigns).prepared("oc_campaigns"));
        batch.push_back(DbQuery(kTraffic, {m_trafficHi}).prepared("oc_tail_traffic"));
        batch.push_back(DbQuery(kAudit, {m_auditHi}).prepared("oc_tail_audit"));
    }
    m_db->exec(std::move(batch), this, [this](const DbConnection::Outcome &o) { onTail(o); });
}

void HubFeed::loadSnapshot()
{
    m_db->exec({DbQuery(kCampaigns), DbQuery(kSnapshotRsvps), DbQuery(kSnapshotEvents), DbQuery(kTraffic, {kZeroXid}),
                DbQuery(kAudit, {kZeroXid})},
               this, [this](const DbConnection::Outcome &o) { onSnapshot(o); });
}

void HubFeed::onSnapshot(const DbConnection::Outcome &o)
{
    m_inFlight = false;
    if (const DbError *e = DbConnection::error(o)) {
        markStale(e->message);
        schedule(false);
        return;
    }
    const auto &t = *DbConnection::tables(o);
    applyCampaigns(t[0]);
    QList<int> changed;
    int firstNew = -1;
    applyEvents(t[2], true, changed, firstNew);
    QList<int> rsvpRows;
    applyRsvps(t[1], rsvpRows);
    applyTraffic(t[3]);
    applyAudit(t[4]);
    m_haveSnapshot = true;
    Log::get("feed")->info("snapshot: {} events, {} RSVPs", m_events.size(), m_totalRsvps);
    // The chart history, off the path to first totals.
    m_db->exec({DbQuery(kRsvpHistory, {m_rsvpHi})}, this, [this](const DbConnection::Outcome &h) {
        if (const auto *hist = DbConnection::tables(h)) {
            const QByteArray keepHi = m_rsvpHi;
            QList<int> none;
            const qint64 total = m_totalRsvps;
            applyRsvps((*hist)[0], none);
            m_totalRsvps = total; // history rows are 'm' only; never counted twice
            m_rsvpHi = keepHi;
            Q_EMIT trafficChanged();
            Q_EMIT totalsChanged();
        }
    });
    markFresh();
    Q_EMIT snapshotLoaded();
    if (!m_events.empty())
        Q_EMIT eventsAppended(0, int(m_events.size()) - 1);
    Q_EMIT campaignsChanged();
    Q_EMIT trafficChanged();
    Q_EMIT annotationsChanged();
    Q_EMIT totalsChanged();
    Q_EMIT updated();
    schedule(true);
}

void HubFeed::onTail(const DbConnection::Outcome &o)
{
    m_inFlight = false;
    if (const DbError *e = DbConnection::error(o)) {
        markStale(e->message);
        schedule(false);
        return;
    }
    const auto &t = *DbConnection::tables(o);
    m_lastTail.start();
    const int before = int(m_events.size());
    const bool full = t.size() == 5;
    if (full)
        applyCampaigns(t[2]);
    QList<int> changed;
    int firstNew = -1;
    const bool eventsMoved = applyEvents(t[1], false, changed, firstNew);
    QList<int> rsvpRows;
    const bool rsvpsMoved = applyRsvps(t[0], rsvpRows);
    const bool trafficMoved = full && applyTraffic(t[3]);
    const bool auditMoved = full && applyAudit(t[4]);
    prune();
    markFresh();
    if (int(m_events.size()) > before)
        Q_EMIT eventsAppended(before, int(m_events.size()) - 1);
    if (!changed.isEmpty())
        Q_EMIT eventsChanged(changed);
    if (!rsvpRows.isEmpty())
        Q_EMIT rsvpCountsChanged(rsvpRows);
    if (trafficMoved)
        Q_EMIT trafficChanged();
    if (auditMoved)
        Q_EMIT annotationsChanged();
    if (full)
        Q_EMIT campaignsChanged();
    Q_EMIT totalsChanged();
    Q_EMIT updated();
    schedule(eventsMoved || rsvpsMoved || trafficMoved || auditMoved);
}

void HubFeed::applyCampaigns(const DbTable &t)
{
    m_campaigns.clear();
    for (int r = 0; r < t.rowCount(); ++r) {
        Campaign c;
        c.id = t.toInt64(r, 0);
        c.slug = t.text(r, 1);
        c.title = t.text(r, 2);
        c.status = t.text(r, 3);
        c.eventGoal = t.toInt64(r, 4);
        c.rsvpGoal = t.toInt64(r, 5);
        if (!t.isNull(r, 6))
            c.launchAt = QDateTime::fromMSecsSinceEpoch(t.toInt64(r, 6));
        m_siteMode = t.text(r, 7);
        m_lagSeconds = t.toDouble(r, 8, 0);
        m_campaigns << c;
    }
}

bool HubFeed::applyEvents(const DbTable &t, bool snapshot, QList<int> &changed, int &firstNew)
{
    return forEachTailRow(t, m_eventHi, [&](int r) {
        EventRecord e;
        e.id = t.toInt64(r, 2);
        e.campaignId = t.toInt64(r, 3);
        e.hostId = t.toInt64(r, 4);
        e.title = t.text(r, 5);
        e.hostName = t.text(r, 6);
        e.hostEmail = t.text(r, 7);
        e.hostPhone = t.text(r, 8);
        e.hostPrep = t.text(r, 9);
        e.startsAt = QDateTime::fromMSecsSinceEpoch(t.toInt64(r, 10), QTimeZone::UTC);
        e.timezone = t.text(r, 11);
        e.venue = t.text(r, 12);
        e.address = t.text(r, 13);
        e.city = t.text(r, 14);
        e.state = t.text(r, 15);
        e.postalCode = t.text(r, 16);
        if (!t.isNull(r, 17) && !t.isNull(r, 18)) {
            e.latitude = t.toDouble(r, 17);
            e.longitude = t.toDouble(r, 18);
        }
        e.capacity = int(t.toInt64(r, 19));
        e.approval = EventRecord::approvalFromDb(t.raw(r, 20));
        e.flagged = t.toBool(r, 21);
        e.reviewedBy = t.text(r, 22);
        e.createdAt = QDateTime::fromMSecsSinceEpoch(t.toInt64(r, 23), QTimeZone::UTC);
        e.updatedAt = QDateTime::fromMSecsSinceEpoch(t.toInt64(r, 24), QTimeZone::UTC);
        e.version = int(t.toInt64(r, 25));
        const int row = rowOf(e.id);
        if (row >= 0) {
            EventRecord &cur = m_events[size_t(row)];
            if (cur.version == e.version && !snapshot)
                return; // the same version re-read at a window edge
            e.rsvps = cur.rsvps;
            cur = std::move(e);
            changed << row;
        } else {
            e.rsvps = m_pendingRsvps.take(e.id);
            m_rowById.insert(e.id, int(m_events.size()));
            if (firstNew < 0)
                firstNew = int(m_events.size());
            m_events.push_back(std::move(e));
        }
    });
}

bool HubFeed::applyRsvps(const DbTable &t, QList<int> &changedRows)
{
    bool any = false;
    QSet<int> rows;
    qint64 serverMs = -1, tailCount = 0;
    for (int r = 0; r < t.rowCount(); ++r) {
        const QByteArray &tag = t.raw(r, 0);
        if (tag == "h") {
            m_rsvpHi = t.raw(r, 1);
            if (!t.isNull(r, 2))
                serverMs = t.toInt64(r, 2);
        } else if (tag == "e") {
            any = true;
            const qint64 id = t.toInt64(r, 2), n = t.toInt64(r, 3);
            m_totalRsvps += n;
            tailCount += n;
            const int row = rowOf(id);
            if (row >= 0) {
                m_events[size_t(row)].rsvps += n;
                rows.insert(row);
            } else {
                // The event's row may arrive on a later tick than its RSVPs.
                m_pendingRsvps[id] += n;
            }
        } else if (tag == "m") {
            m_rsvpMinutes[t.toInt64(r, 2)] += t.toInt64(r, 3);
        }
    }
    if (serverMs >= 0 && tailCount > 0) // the light tail: no 'm' rows
        m_rsvpMinutes[serverMs / 60000 * 60000] += tailCount;
    changedRows = QList<int>(rows.begin(), rows.end());
    std::sort(changedRows.begin(), changedRows.end());
    return any;
}

bool HubFeed::applyTraffic(const DbTable &t)
{
    return forEachTailRow(t, m_trafficHi, [&](int r) {
        TrafficSample s;
        s.bucketMs = t.toInt64(r, 2);
        s.requests = t.toInt64(r, 3);
        s.errors = t.toInt64(r, 4);
        s.p95ms = t.toDouble(r, 5);
        // A bucket re-written by the backend replaces what we had (upsert).
        m_traffic[s.bucketMs] = s;
    });
}

bool HubFeed::applyAudit(const DbTable &t)
{
    return forEachTailRow(t, m_auditHi, [&](int r) {
        Annotation a;
        a.id = t.toInt64(r, 2);
        a.at = QDateTime::fromMSecsSinceEpoch(t.toInt64(r, 3));
        a.action = t.text(r, 4);
        a.phase = t.text(r, 5);
        a.actor = t.text(r, 6);
        a.result = t.text(r, 7);
        m_annotations << a;
    });
}

void HubFeed::prune()
{
    const qint64 cutoff = QDateTime::currentMSecsSinceEpoch() - 25LL * 3600 * 1000;
    m_rsvpMinutes.erase(m_rsvpMinutes.begin(), m_rsvpMinutes.lower_bound(cutoff));
    m_traffic.erase(m_traffic.begin(), m_traffic.lower_bound(cutoff));
}

HubFeed::Totals HubFeed::totals() const
{
    Totals t;
    t.rsvps = m_totalRsvps;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 thisMinute = now / 60000 * 60000;
    for (auto it = m_rsvpMinutes.lower_bound(thisMinute - 5 * 60000); it != m_rsvpMinutes.end(); ++it) {
        if (it->first < thisMinute)
            t.rsvpsLast5Min += it->second;
        if (it->first == thisMinute - 60000)
            t.rsvpsLastMinute = it->second;
    }
    QSet<QString> states;
    for (const EventRecord &e : m_events) {
        switch (e.markerState()) {
        case MarkerState::NeedsReview: ++t.eventsNeedingReview; break;
        case MarkerState::Approved: ++t.eventsLive; break;
        case MarkerState::Full: ++t.eventsFull; break;
        case MarkerState::Cancelled: break;
        }
        if (e.approval == Approval::Approved && !e.state.isEmpty())
            states.insert(e.state);
        if (!e.hasLocation())
            ++t.eventsWithoutLocation;
    }
    t.statesCovered = int(states.size());
    if (const Campaign *c = currentCampaign()) {
        if (c->eventGoal > 0)
            t.eventGoalProgress = double(t.eventsLive + t.eventsFull) / double(c->eventGoal);
        if (c->rsvpGoal > 0)
            t.rsvpGoalProgress = double(m_totalRsvps) / double(c->rsvpGoal);
    }
    // Traffic buckets are 10 s; the last complete minute is the six before this minute.
    qint64 views1 = 0, errors1 = 0, views5 = 0;
    for (auto it = m_traffic.lower_bound(thisMinute - 5 * 60000); it != m_traffic.end(); ++it) {
        if (it->first >= thisMinute)
            continue;
        views5 += it->second.requests;
        if (it->first >= thisMinute - 60000) {
            views1 += it->second.requests;
            errors1 += it->second.errors;
        }
    }
    t.viewsLastMinute = views1;
    t.errorRate = views1 > 0 ? double(errors1) / double(views1) : 0;
    t.conversionPer1000 = views5 > 0 ? 1000.0 * double(t.rsvpsLast5Min) / double(views5) : 0;
    return t;
}

void HubFeed::markStale(const QString &why)
{
    m_lastTail.invalidate(); // the next tail is a catch-up: exact minutes
    if (m_stale)
        return;
    m_stale = true;
    m_staleSince = m_lastUpdate.isValid() ? m_lastUpdate : QDateTime::currentDateTime();
    Log::get("feed")->warn("data stale: {}", why.toStdString());
    Q_EMIT staleChanged(true);
}

void HubFeed::markFresh()
{
    m_lastUpdate = QDateTime::currentDateTime();
    if (m_stale) {
        m_stale = false;
        Log::get("feed")->info("data fresh again");
        Q_EMIT staleChanged(false);
    }
}

void HubFeed::schedule(bool hadChanges)
{
    if (!m_running)
        return;
    // About once a second while data moves; back off gently when idle.
    m_interval = hadChanges ? m_fastMs : std::min(m_slowMs, int(m_interval * 1.5));
    m_timer.start(m_interval);
}

} // namespace oc

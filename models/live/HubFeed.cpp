#include "HubFeed.h"

#include "LogCategories.h"

#include <QSet>

#include <algorithm>

namespace oc {
namespace {

using Stmt = HubRows::Statement;

const QByteArray kZeroXid = "0";

// Every tail result starts with an 'h' row carrying the snapshot bound the
// next read starts from; the other rows go to `apply`. Returns whether any did.
template<typename Apply> bool forEachTailRow(const RowReader &rows, QByteArray &hi, Apply apply)
{
    bool any = false;
    for (int r = 0; r < rows.rowCount(); ++r) {
        if (HubRows::isHead(rows, r)) {
            hi = HubRows::bound(rows, r);
            continue;
        }
        any = true;
        apply(r);
    }
    return any;
}

} // namespace

HubFeed::HubFeed(DbConnection *db, QObject *parent)
    : LiveSource(parent)
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
    // RSVPs, events and traffic every tick; campaigns and the audit log every
    // third tick: they change slowly and each statement costs. Traffic rides
    // every tick because incident detection reads the 5xx ratio from the
    // newest, still filling bucket (issue 15: a breach on screen within 3 s);
    // its tail is an index range on xact that is empty on most ticks.
    const bool full = m_ticks % 3 == 0;
    const bool light = m_lastTail.isValid() && m_lastTail.elapsed() < 3 * m_fastMs;
    Batch batch;
    if (light)
        batch.add(Stmt::TailRsvpsLight,
                  HubRows::query(Stmt::TailRsvpsLight, {m_rsvpHi}).prepared("oc_tail_rsvps_light"));
    else
        batch.add(Stmt::TailRsvps, HubRows::query(Stmt::TailRsvps, {m_rsvpHi}).prepared("oc_tail_rsvps"));
    batch.add(Stmt::TailEvents, HubRows::query(Stmt::TailEvents, {m_eventHi}).prepared("oc_tail_events"));
    batch.add(Stmt::Traffic, HubRows::query(Stmt::Traffic, {m_trafficHi}).prepared("oc_tail_traffic"));
    if (full) {
        batch.add(Stmt::Campaigns, HubRows::query(Stmt::Campaigns).prepared("oc_campaigns"));
        batch.add(Stmt::Audit, HubRows::query(Stmt::Audit, {m_auditHi}).prepared("oc_tail_audit"));
    }
    auto queries = batch.takeQueries();
    m_db->exec(std::move(queries), this, [this, batch](const DbConnection::Outcome &o) { onTail(batch, o); });
}

void HubFeed::loadSnapshot()
{
    Batch batch;
    batch.add(Stmt::Campaigns, HubRows::query(Stmt::Campaigns))
        .add(Stmt::SnapshotRsvps, HubRows::query(Stmt::SnapshotRsvps))
        .add(Stmt::SnapshotEvents, HubRows::query(Stmt::SnapshotEvents))
        .add(Stmt::Traffic, HubRows::query(Stmt::Traffic, {kZeroXid}))
        .add(Stmt::Audit, HubRows::query(Stmt::Audit, {kZeroXid}));
    auto queries = batch.takeQueries();
    m_db->exec(std::move(queries), this, [this, batch](const DbConnection::Outcome &o) { onSnapshot(batch, o); });
}

std::optional<HubFeed::Results> HubFeed::read(const Batch &batch, const DbConnection::Outcome &o)
{
    if (const DbError *e = DbConnection::error(o)) {
        markStale(e->message);
        return std::nullopt;
    }
    QString error;
    auto results = batch.read(*DbConnection::tables(o), &HubRows::columns, &error);
    if (!results) {
        // The SQL and its decoder disagree: a bug, never a reason to guess.
        if (!m_stale)
            logcat::feed()->error("{}", error.toStdString());
        markStale(error);
    }
    return results;
}

void HubFeed::onSnapshot(const Batch &batch, const DbConnection::Outcome &o)
{
    m_inFlight = false;
    const auto results = read(batch, o);
    if (!results) {
        schedule(false);
        return;
    }
    const Results &t = *results;
    applyCampaigns(t.at(Stmt::Campaigns));
    QList<int> changed;
    applyEvents(t.at(Stmt::SnapshotEvents), true, changed);
    QList<int> rsvpRows;
    applyRsvps(t.at(Stmt::SnapshotRsvps), rsvpRows);
    applyTraffic(t.at(Stmt::Traffic));
    applyAudit(t.at(Stmt::Audit));
    m_haveSnapshot = true;
    logcat::feed()->info("snapshot: {} events, {} RSVPs", m_events.size(), m_totalRsvps);
    // The chart history, off the path to first totals.
    Batch history;
    history.add(Stmt::RsvpHistory, HubRows::query(Stmt::RsvpHistory, {m_rsvpHi}));
    auto queries = history.takeQueries();
    m_db->exec(std::move(queries), this, [this, history](const DbConnection::Outcome &h) {
        if (DbConnection::error(h))
            return; // the chart starts at the snapshot; the totals are exact either way
        QString error;
        const auto hist = history.read(*DbConnection::tables(h), &HubRows::columns, &error);
        if (!hist) {
            logcat::feed()->error("{}", error.toStdString());
            return;
        }
        const QByteArray keepHi = m_rsvpHi;
        QList<int> none;
        const qint64 total = m_totalRsvps;
        applyRsvps(hist->at(Stmt::RsvpHistory), none);
        m_totalRsvps = total; // history rows are 'm' only; never counted twice
        m_rsvpHi = keepHi;
        Q_EMIT trafficChanged();
        Q_EMIT totalsChanged();
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

void HubFeed::onTail(const Batch &batch, const DbConnection::Outcome &o)
{
    m_inFlight = false;
    const auto results = read(batch, o);
    if (!results) {
        schedule(false);
        return;
    }
    const Results &t = *results;
    m_lastTail.start();
    const int before = int(m_events.size());
    // Campaigns and audit ride along every third tick only.
    const auto campaigns = t.find(Stmt::Campaigns);
    if (campaigns != t.end())
        applyCampaigns(campaigns->second);
    QList<int> changed;
    const bool eventsMoved = applyEvents(t.at(Stmt::TailEvents), false, changed);
    auto rsvps = t.find(Stmt::TailRsvps);
    if (rsvps == t.end())
        rsvps = t.find(Stmt::TailRsvpsLight);
    QList<int> rsvpRows;
    const bool rsvpsMoved = rsvps != t.end() && applyRsvps(rsvps->second, rsvpRows);
    const auto traffic = t.find(Stmt::Traffic);
    const bool trafficMoved = traffic != t.end() && applyTraffic(traffic->second);
    const auto audit = t.find(Stmt::Audit);
    const bool auditMoved = audit != t.end() && applyAudit(audit->second);
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
    if (campaigns != t.end())
        Q_EMIT campaignsChanged();
    Q_EMIT totalsChanged();
    Q_EMIT updated();
    schedule(eventsMoved || rsvpsMoved || trafficMoved || auditMoved);
}

void HubFeed::applyCampaigns(const RowReader &rows)
{
    using C = HubRows::CampaignCol;
    m_campaigns.clear();
    for (int r = 0; r < rows.rowCount(); ++r) {
        m_campaigns << HubRows::campaign(rows, r);
        m_siteMode = rows.text(r, C::SiteMode);
        m_lagSeconds = rows.toDouble(r, C::Lag, 0);
    }
}

bool HubFeed::applyEvents(const RowReader &rows, bool snapshot, QList<int> &changed)
{
    return forEachTailRow(rows, m_eventHi, [&](int r) {
        EventRecord e = HubRows::event(rows, r);
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
            m_events.push_back(std::move(e));
        }
    });
}

bool HubFeed::applyRsvps(const RowReader &rows, QList<int> &changedRows)
{
    using C = HubRows::RsvpCol;
    bool any = false;
    QSet<int> changedSet;
    qint64 serverMs = -1, tailCount = 0;
    for (int r = 0; r < rows.rowCount(); ++r) {
        const QByteArray &tag = rows.raw(r, C::Tag);
        if (tag == "h") {
            m_rsvpHi = rows.raw(r, C::Hi);
            if (!rows.isNull(r, C::Key))
                serverMs = rows.toInt64(r, C::Key);
        } else if (tag == "e") {
            // The snapshot also sends negative counts: rows at or above its
            // bound, taken back from the plain GROUP BY (HubRows).
            any = true;
            const qint64 id = rows.toInt64(r, C::Key), n = rows.toInt64(r, C::Count);
            m_totalRsvps += n;
            tailCount += n;
            const int row = rowOf(id);
            if (row >= 0) {
                m_events[size_t(row)].rsvps += n;
                changedSet.insert(row);
            } else {
                // The event's row may arrive on a later tick than its RSVPs.
                m_pendingRsvps[id] += n;
            }
        } else if (tag == "m") {
            m_rsvpMinutes[rows.toInt64(r, C::Key)] += rows.toInt64(r, C::Count);
        }
    }
    if (serverMs >= 0 && tailCount > 0) // the light tail: no 'm' rows
        m_rsvpMinutes[serverMs / 60000 * 60000] += tailCount;
    changedRows = QList<int>(changedSet.begin(), changedSet.end());
    std::sort(changedRows.begin(), changedRows.end());
    return any;
}

bool HubFeed::applyTraffic(const RowReader &rows)
{
    return forEachTailRow(rows, m_trafficHi, [&](int r) {
        const TrafficSample s = HubRows::trafficSample(rows, r);
        // A bucket re-written by the backend replaces what we had (upsert).
        m_traffic[s.bucketMs] = s;
    });
}

bool HubFeed::applyAudit(const RowReader &rows)
{
    return forEachTailRow(rows, m_auditHi, [&](int r) { m_annotations << HubRows::annotation(rows, r); });
}

void HubFeed::prune()
{
    const qint64 cutoff = QDateTime::currentMSecsSinceEpoch() - 25LL * 3600 * 1000;
    m_rsvpMinutes.erase(m_rsvpMinutes.begin(), m_rsvpMinutes.lower_bound(cutoff));
    m_traffic.erase(m_traffic.begin(), m_traffic.lower_bound(cutoff));
}

void HubFeed::markStale(const QString &why)
{
    m_lastTail.invalidate(); // the next tail is a catch-up: exact minutes
    if (m_stale)
        return;
    m_stale = true;
    m_staleSince = m_lastUpdate.isValid() ? m_lastUpdate : QDateTime::currentDateTime();
    logcat::feed()->warn("data stale: {}", why.toStdString());
    Q_EMIT staleChanged(true);
}

void HubFeed::markFresh()
{
    m_lastUpdate = QDateTime::currentDateTime();
    if (m_stale) {
        m_stale = false;
        logcat::feed()->info("data fresh again");
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

#include "MobilizeSource.h"

#include "LogCategories.h"

#include <QTimeZone>

#include <algorithm>

namespace oc {
namespace {

using S = MobilizeRows::Statement;
using EC = MobilizeRows::EventCol;
using TC = MobilizeRows::TimeslotCol;
using PC = MobilizeRows::ParticipationCol;
using RC = MobilizeRows::ReconcileCol;

constexpr qint64 kMinuteUs = 60'000'000;

enum class PlanCol { Line };

QDateTime fromUs(qint64 us)
{
    return QDateTime::fromMSecsSinceEpoch(us / 1000, QTimeZone::UTC);
}

Approval approvalFromMirror(const QByteArray &s)
{
    if (s == "APPROVED")
        return Approval::Approved;
    if (s == "REJECTED")
        return Approval::Rejected;
    return Approval::NeedsApproval; // NEEDS_APPROVAL, NEEDS_HOST_VERIFICATION
}

EventRecord decodeEvent(const RowReader &rows, int r)
{
    EventRecord e;
    e.id = rows.toInt64(r, EC::Id);
    e.title = rows.text(r, EC::Title);
    e.hostName = rows.text(r, EC::ContactName);
    e.hostEmail = rows.text(r, EC::ContactEmail);
    e.hostPhone = rows.text(r, EC::ContactPhone);
    e.venue = rows.text(r, EC::Venue);
    e.address = rows.text(r, EC::Address);
    e.city = rows.text(r, EC::City);
    e.state = rows.text(r, EC::State);
    e.postalCode = rows.text(r, EC::PostalCode);
    // Null when geocoding failed: no location, never (0, 0).
    if (!rows.isNull(r, EC::Latitude) && !rows.isNull(r, EC::Longitude)) {
        e.latitude = rows.toDouble(r, EC::Latitude);
        e.longitude = rows.toDouble(r, EC::Longitude);
    }
    e.timezone = rows.text(r, EC::Timezone);
    e.browserUrl = rows.text(r, EC::BrowserUrl);
    e.deleted = rows.toBool(r, EC::Deleted);
    e.approval = e.deleted ? Approval::Cancelled : approvalFromMirror(rows.raw(r, EC::Approval));
    e.createdAt = fromUs(rows.toInt64(r, EC::CreatedUs));
    e.updatedAt = fromUs(rows.toInt64(r, EC::ModifiedUs));
    return e;
}

} // namespace

MobilizeSource::MobilizeSource(DbConnection *db, QObject *parent)
    : LiveSource(parent)
    , m_db(db)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &MobilizeSource::tick);
    connect(m_db, &DbConnection::connected, this, [this] {
        if (m_running)
            pollNow();
    });
    connect(m_db, &DbConnection::connectionLost, this, [this](const QString &why) { markStale(why); });
}

void MobilizeSource::setTiming(const Timing &t)
{
    m_timing = t;
    m_interval = t.baseIntervalMs;
}

void MobilizeSource::start()
{
    m_running = true;
    pollNow();
}

void MobilizeSource::stop()
{
    m_running = false;
    m_timer.stop();
}

void MobilizeSource::pollNow()
{
    m_timer.stop();
    tick();
}

void MobilizeSource::reconcileNow()
{
    m_reconcileRequested = true;
    pollNow();
}

qint64 MobilizeSource::sinceUs(qint64 watermarkUs, qint64 overlapMs) const
{
    return watermarkUs - overlapMs * 1000;
}

void MobilizeSource::tick()
{
    if (!m_running || m_inFlight)
        return;
    if (m_db->state() != DbConnection::State::Connected) {
        schedule();
        return;
    }
    ++m_ticks;
    if (!m_explained)
        explainTails();
    else if (!m_haveSnapshot)
        loadSnapshot();
    else if (m_reconcileRequested || m_sinceReconcile.hasExpired(m_timing.reconcileEveryMs))
        reconcile();
    else
        tail();
}

// Before the first read: would a tail scan a whole relation to find the rows
// past the watermark? On a mirror we do not own we may not add the index, so
// we say so and poll less often instead.
void MobilizeSource::explainTails()
{
    m_inFlight = true;
    static const ColumnList planColumns(QStringLiteral("EXPLAIN"), {"QUERY PLAN"});
    const Stmt tails[] = {Stmt::TailParticipations, Stmt::TailTimeslots, Stmt::TailEvents};
    // A representative bound: the recent past, as a steady-state tick sees
    // it (a bound of 0 would make any planner choose a full scan).
    const qint64 since = (QDateTime::currentMSecsSinceEpoch() - m_timing.overlapMs) * 1000;
    std::vector<DbQuery> batch;
    for (Stmt s : tails)
        batch.push_back(DbQuery("EXPLAIN " + MobilizeRows::sql(s)).bind(since));
    m_db->exec(std::move(batch), this, [this, tails](const DbConnection::Outcome &o) {
        m_inFlight = false;
        if (const DbError *e = DbConnection::error(o)) {
            markStale(e->message);
            schedule();
            return;
        }
        QStringList scans;
        const auto &tables = *DbConnection::tables(o);
        for (size_t i = 0; i < tables.size() && i < std::size(tails); ++i) {
            QString error;
            const auto rows = RowReader::bind(planColumns, tables[i], &error);
            if (!rows) {
                logcat::feed()->error("{}", error.toStdString());
                continue;
            }
            QStringList lines;
            for (int r = 0; r < rows->rowCount(); ++r)
                lines << rows->text(r, PlanCol::Line);
            QString relation;
            if (MobilizeRows::planScansForModifiedDate(lines, &relation)) {
                scans << QStringLiteral("%1 (Seq Scan on %2)")
                             .arg(QString::fromLatin1(MobilizeRows::name(tails[i])), relation);
                logcat::feed()->warn("mirror: {} scans a whole relation for modified_date:\n{}",
                                     MobilizeRows::name(tails[i]), lines.join(QLatin1Char('\n')).toStdString());
            }
        }
        m_explained = true;
        if (!scans.isEmpty()) {
            m_costWarning = tr("The mirror has no index on modified_date for %1: polling slowly to stay under 2 % of "
                               "a database core")
                                .arg(scans.join(QStringLiteral(", ")));
            Q_EMIT costWarningChanged(m_costWarning);
            Q_EMIT noticeChanged(m_costWarning);
        }
        pollNow();
    });
}

void MobilizeSource::exec(Batch batch, void (MobilizeSource::*done)(const Batch &, const Results &))
{
    m_inFlight = true;
    m_batchClock.start();
    auto queries = batch.takeQueries();
    m_db->exec(std::move(queries), this, [this, batch, done](const DbConnection::Outcome &o) {
        m_inFlight = false;
        // Seen from the client, so it includes the round trip: an upper
        // bound of what the server spent on us.
        m_lastBatchMs = double(m_batchClock.nsecsElapsed()) / 1e6;
        if (const DbError *e = DbConnection::error(o)) {
            markStale(e->message);
            schedule();
            return;
        }
        QString error;
        const auto results = batch.read(*DbConnection::tables(o), &MobilizeRows::columns, &error);
        if (!results) {
            if (!m_stale)
                logcat::feed()->error("{}", error.toStdString());
            markStale(error);
            schedule();
            return;
        }
        (this->*done)(batch, *results);
    });
}

void MobilizeSource::loadSnapshot()
{
    Batch batch;
    batch.add(Stmt::Events, MobilizeRows::query(Stmt::Events))
        .add(Stmt::Timeslots, MobilizeRows::query(Stmt::Timeslots))
        .add(Stmt::Participations, MobilizeRows::query(Stmt::Participations));
    exec(std::move(batch), &MobilizeSource::onSnapshot);
}

void MobilizeSource::tail()
{
    // Every tick re-reads a short overlap (rows a few seconds late); every
    // sweep the whole overlap window (rows up to overlapMs late).
    const bool sweep = !m_sinceSweep.isValid() || m_sinceSweep.hasExpired(m_timing.sweepEveryMs);
    if (sweep)
        m_sinceSweep.start();
    const qint64 overlap = sweep ? m_timing.overlapMs : std::min(m_timing.fastOverlapMs, m_timing.overlapMs);
    Batch batch;
    batch.add(Stmt::TailEvents, MobilizeRows::query(Stmt::TailEvents).bind(sinceUs(m_eventsWm, overlap)))
        .add(Stmt::TailTimeslots, MobilizeRows::query(Stmt::TailTimeslots).bind(sinceUs(m_slotsWm, overlap)))
        .add(Stmt::TailParticipations, MobilizeRows::query(Stmt::TailParticipations).bind(sinceUs(m_partsWm, overlap)));
    exec(std::move(batch), &MobilizeSource::onTail);
}

void MobilizeSource::reconcile()
{
    m_reconcileRequested = false;
    m_sinceReconcile.start();
    Batch batch;
    batch.add(Stmt::Reconcile, MobilizeRows::query(Stmt::Reconcile));
    exec(std::move(batch), &MobilizeSource::onReconcile);
}

void MobilizeSource::onSnapshot(const Batch &, const Results &t)
{
    Changes c;
    const RowReader &events = t.at(Stmt::Events);
    if (m_orgId == 0) {
        // The viewing organization owns most of what its mirror lists.
        QHash<qint64, int> owners;
        for (int r = 0; r < events.rowCount(); ++r)
            ++owners[events.toInt64(r, EC::OrganizationId)];
        int best = 0;
        for (auto it = owners.cbegin(); it != owners.cend(); ++it)
            if (it.value() > best || (it.value() == best && it.key() < m_orgId)) {
                best = it.value();
                m_orgId = it.key();
            }
    }
    applyEvents(events, c);
    applyTimeslots(t.at(Stmt::Timeslots), c);
    const RowReader &parts = t.at(Stmt::Participations);
    m_parts.reserve(parts.rowCount());
    for (int r = 0; r < parts.rowCount(); ++r)
        applyParticipation(parts, r, c);
    recompute(c);
    m_haveSnapshot = true;
    m_sinceReconcile.start();
    m_sinceSweep.start();
    logcat::feed()->info("mirror snapshot: {} events, {} timeslots, {} RSVPs in {:.0f} ms", m_events.size(),
                         m_slots.size(), m_totalRsvps, m_lastBatchMs);
    markFresh();
    Q_EMIT snapshotLoaded();
    if (!m_events.empty())
        Q_EMIT eventsAppended(0, int(m_events.size()) - 1);
    Q_EMIT campaignsChanged();
    Q_EMIT totalsChanged();
    Q_EMIT updated();
    // The snapshot is paid once: pacing the first tail read by it would
    // leave the totals still for 50x its time (~90 s on a million rows)
    // right after start. The steady state keeps the 2 % rule.
    m_lastBatchMs = 0;
    schedule();
}

void MobilizeSource::onTail(const Batch &, const Results &t)
{
    Changes c;
    const int before = int(m_events.size());
    applyEvents(t.at(Stmt::TailEvents), c);
    applyTimeslots(t.at(Stmt::TailTimeslots), c);
    const RowReader &parts = t.at(Stmt::TailParticipations);
    for (int r = 0; r < parts.rowCount(); ++r)
        applyParticipation(parts, r, c);
    recompute(c);
    publish(c, before);
    schedule();
}

void MobilizeSource::onReconcile(const Batch &, const Results &t)
{
    ++m_reconciliations;
    const RowReader &rows = t.at(Stmt::Reconcile);
    QHash<qint64, qint64> exact;
    for (int r = 0; r < rows.rowCount(); ++r)
        exact.insert(rows.toInt64(r, RC::EventId), rows.toInt64(r, RC::Rsvps));
    QList<qint64> drifted;
    for (const EventRecord &e : m_events)
        if (e.rsvps != exact.value(e.id, 0))
            drifted << e.id;
    if (drifted.isEmpty()) {
        logcat::feed()->debug("mirror reconciliation: no drift over {} events", m_events.size());
        Q_EMIT reconciled(0);
        schedule();
        return;
    }
    // The GROUP BY and our last tail saw different moments, so a difference
    // may be a row the next tail brings anyway. Re-reading those events'
    // participations is exact either way and rebuilds their state too.
    m_reloading = QSet<qint64>(drifted.begin(), drifted.end());
    QByteArray ids = "{";
    for (qint64 id : drifted)
        ids += QByteArray::number(id) + ',';
    ids.back() = '}';
    Batch batch;
    batch.add(Stmt::ParticipationsOfEvents, MobilizeRows::query(Stmt::ParticipationsOfEvents).bind(ids));
    exec(std::move(batch), &MobilizeSource::onReload);
}

void MobilizeSource::onReload(const Batch &, const Results &t)
{
    const RowReader &rows = t.at(Stmt::ParticipationsOfEvents);
    const QSet<qint64> events = std::exchange(m_reloading, {});
    QSet<qint64> seen;
    for (int r = 0; r < rows.rowCount(); ++r)
        seen.insert(rows.toInt64(r, PC::Id));
    QHash<qint64, qint64> before;
    for (const EventRecord &e : m_events)
        before.insert(e.id, e.rsvps);
    Changes c;
    // Counted rows of these events that the mirror no longer shows as theirs.
    QList<qint64> gone;
    for (auto it = m_parts.cbegin(); it != m_parts.cend(); ++it)
        if (events.contains(it->eventId) && !seen.contains(it.key()))
            gone << it.key();
    for (qint64 id : gone)
        dropParticipation(id, c);
    for (qint64 id : events)
        c.dirtyEvents.insert(id);
    for (int r = 0; r < rows.rowCount(); ++r)
        applyParticipation(rows, r, c);
    recompute(c);
    qint64 corrected = 0;
    int eventsCorrected = 0;
    for (const EventRecord &e : m_events) {
        const qint64 d = std::abs(e.rsvps - before.value(e.id, 0));
        corrected += d;
        eventsCorrected += d > 0 ? 1 : 0;
    }
    m_driftCorrected += corrected;
    if (corrected > 0)
        logcat::feed()->warn("mirror reconciliation corrected {} RSVP(s) on {} event(s): rows that became visible "
                             "later than the {} s overlap window, or changed without a newer modified_date",
                             corrected, eventsCorrected, m_timing.overlapMs / 1000);
    Q_EMIT reconciled(corrected);
    publish(c, int(m_events.size()));
    schedule();
}

void MobilizeSource::applyEvents(const RowReader &rows, Changes &c)
{
    for (int r = 0; r < rows.rowCount(); ++r) {
        const qint64 modified = rows.toInt64(r, EC::ModifiedUs);
        m_eventsWm = std::max(m_eventsWm, modified);
        EventRecord e = decodeEvent(rows, r);
        auto seen = m_eventModifiedUs.find(e.id);
        if (seen != m_eventModifiedUs.end() && *seen == modified)
            continue; // the same version, re-read in the overlap
        m_eventModifiedUs.insert(e.id, modified);
        const QString slug = rows.text(r, EC::CampaignSlug);
        if (!slug.isEmpty() && !m_campaignIds.contains(slug)) {
            m_campaignIds.insert(slug, qint64(m_campaignIds.size()) + 1);
            c.campaigns = true;
        }
        e.campaignId = m_campaignIds.value(slug, 0);
        e.promoted = rows.toInt64(r, EC::OrganizationId) != m_orgId;
        c.any = true;
        c.dirtyEvents.insert(e.id);
        const int row = rowOf(e.id);
        if (row >= 0) {
            EventRecord &cur = m_events[size_t(row)];
            // Derived from timeslots and participations: recompute() sets them.
            e.rsvps = cur.rsvps;
            e.startsAt = cur.startsAt;
            e.capacity = cur.capacity;
            cur = std::move(e);
            c.changedRows.insert(row);
        } else {
            m_rowById.insert(e.id, int(m_events.size()));
            m_events.push_back(std::move(e));
        }
    }
    if (c.campaigns)
        rebuildCampaigns(c);
}

void MobilizeSource::applyTimeslots(const RowReader &rows, Changes &c)
{
    for (int r = 0; r < rows.rowCount(); ++r) {
        const qint64 id = rows.toInt64(r, TC::Id);
        Slot s;
        s.eventId = rows.toInt64(r, TC::EventId);
        s.startUs = rows.toInt64(r, TC::StartUs);
        s.maxAttendees = rows.isNull(r, TC::MaxAttendees) ? -1 : int(rows.toInt64(r, TC::MaxAttendees));
        s.deleted = rows.toBool(r, TC::Deleted);
        s.modifiedUs = rows.toInt64(r, TC::ModifiedUs);
        m_slotsWm = std::max(m_slotsWm, s.modifiedUs);
        auto it = m_slots.find(id);
        if (it != m_slots.end()) {
            if (it->modifiedUs == s.modifiedUs)
                continue;
            if (it->eventId != s.eventId) {
                m_slotsOfEvent[it->eventId].removeOne(id);
                m_slotsOfEvent[s.eventId] << id;
                c.dirtyEvents.insert(it->eventId);
            }
            *it = s;
        } else {
            m_slots.insert(id, s);
            m_slotsOfEvent[s.eventId] << id;
        }
        c.any = true;
        c.dirtyEvents.insert(s.eventId);
    }
}

void MobilizeSource::dropParticipation(qint64 id, Changes &c)
{
    const auto it = m_parts.find(id);
    if (it == m_parts.end())
        return;
    --m_activeOnSlot[it->slotId];
    c.dirtyEvents.insert(it->eventId);
    if (const auto slot = m_slots.constFind(it->slotId); slot != m_slots.cend())
        c.dirtyEvents.insert(slot->eventId);
    m_parts.erase(it);
    c.any = true;
}

void MobilizeSource::applyParticipation(const RowReader &rows, int r, Changes &c)
{
    const qint64 id = rows.toInt64(r, PC::Id);
    const qint64 modified = rows.toInt64(r, PC::ModifiedUs);
    const bool active = rows.toBool(r, PC::Active);
    m_partsWm = std::max(m_partsWm, modified);
    const qint64 minute = rows.toInt64(r, PC::CreatedUs) / kMinuteUs * 60'000;
    auto it = m_parts.find(id);
    if (it != m_parts.end()) {
        // The de-duplication key: the same (id, modified_date) is the same
        // version of the row, re-read in the overlap window.
        if (active && it->modifiedUs == modified && it->slotId == rows.toInt64(r, PC::TimeslotId))
            return;
        dropParticipation(id, c);
        auto m = m_rsvpMinutes.find(minute);
        if (m != m_rsvpMinutes.end() && --m->second <= 0)
            m_rsvpMinutes.erase(m);
    }
    if (!active)
        return; // cancelled or cross-firewall: counts for nothing, needs no memory
    Part p;
    p.slotId = rows.toInt64(r, PC::TimeslotId);
    p.eventId = rows.toInt64(r, PC::EventId);
    p.modifiedUs = modified;
    m_parts.insert(id, p);
    ++m_activeOnSlot[p.slotId];
    ++m_rsvpMinutes[minute];
    c.dirtyEvents.insert(p.eventId);
    if (const auto slot = m_slots.constFind(p.slotId); slot != m_slots.cend())
        c.dirtyEvents.insert(slot->eventId);
    c.any = true;
}

// An event's RSVPs from its live timeslots' counted participations: a deleted
// timeslot or event un-counts them, an undeleted one counts them again.
void MobilizeSource::recompute(Changes &c)
{
    for (qint64 eventId : std::as_const(c.dirtyEvents)) {
        const int row = rowOf(eventId);
        if (row < 0)
            continue; // participations wait for their event's row
        EventRecord &e = m_events[size_t(row)];
        qint64 n = 0;
        qint64 firstStart = 0;
        int capacity = 0;
        bool limited = true;
        for (qint64 slotId : m_slotsOfEvent.value(eventId)) {
            const Slot &s = m_slots[slotId];
            if (s.deleted)
                continue;
            n += m_activeOnSlot.value(slotId);
            if (firstStart == 0 || s.startUs < firstStart)
                firstStart = s.startUs;
            if (s.maxAttendees < 0)
                limited = false;
            else
                capacity += s.maxAttendees;
        }
        if (e.deleted)
            n = 0;
        const QDateTime startsAt = firstStart ? fromUs(firstStart) : QDateTime();
        const int cap = limited ? capacity : 0;
        if (startsAt != e.startsAt || cap != e.capacity) {
            e.startsAt = startsAt;
            e.capacity = cap;
            c.changedRows.insert(row);
        }
        if (n != e.rsvps) {
            m_totalRsvps += n - e.rsvps;
            e.rsvps = n;
            c.rsvpRows.insert(row);
        }
    }
    c.dirtyEvents.clear();
}

void MobilizeSource::rebuildCampaigns(Changes &c)
{
    // Campaign = event_campaign__slug; the widgets add "all".
    m_campaigns.clear();
    QList<QPair<qint64, QString>> byId;
    for (auto it = m_campaignIds.cbegin(); it != m_campaignIds.cend(); ++it)
        byId << qMakePair(it.value(), it.key());
    std::sort(byId.begin(), byId.end());
    for (const auto &[id, slug] : byId) {
        Campaign k;
        k.id = id;
        k.slug = slug;
        k.title = slug;
        k.status = QStringLiteral("live");
        m_campaigns << k;
    }
    c.campaigns = true;
}

void MobilizeSource::publish(const Changes &c, int rowsBefore)
{
    markFresh();
    const int after = int(m_events.size());
    if (after > rowsBefore)
        Q_EMIT eventsAppended(rowsBefore, after - 1);
    // Appended rows are read whole by the models; only older rows change.
    auto older = [rowsBefore](const QSet<int> &rows) {
        QList<int> out;
        for (int r : rows)
            if (r < rowsBefore)
                out << r;
        std::sort(out.begin(), out.end());
        return out;
    };
    if (const QList<int> changed = older(c.changedRows); !changed.isEmpty())
        Q_EMIT eventsChanged(changed);
    if (const QList<int> rsvps = older(c.rsvpRows); !rsvps.isEmpty())
        Q_EMIT rsvpCountsChanged(rsvps);
    if (c.campaigns)
        Q_EMIT campaignsChanged();
    Q_EMIT totalsChanged();
    Q_EMIT updated();
}

void MobilizeSource::markStale(const QString &why)
{
    if (m_stale)
        return;
    m_stale = true;
    m_staleSince = m_lastUpdate.isValid() ? m_lastUpdate : QDateTime::currentDateTime();
    logcat::feed()->warn("data stale: {}", why.toStdString());
    Q_EMIT staleChanged(true);
}

void MobilizeSource::markFresh()
{
    m_lastUpdate = QDateTime::currentDateTime();
    if (m_stale) {
        m_stale = false;
        logcat::feed()->info("data fresh again");
        Q_EMIT staleChanged(false);
    }
}

void MobilizeSource::schedule()
{
    if (!m_running)
        return;
    // The console's statements stay under 2 % of one database core: wait at
    // least 50 times as long as the last batch took.
    m_interval = std::max(m_timing.baseIntervalMs, int(std::min(50.0 * m_lastBatchMs, 600'000.0)));
    m_timer.start(m_interval);
}

} // namespace oc

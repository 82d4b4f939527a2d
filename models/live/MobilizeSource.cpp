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

void MobilizeSource::sweepNow()
{
    m_sinceSweep.invalidate();
    pollNow();
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
    else if (!m_stateLoaded)
        loadChunk();
    else
        tail();
}

// Before the first read: would a tail scan a whole relation to find the rows
// past the watermark? On a mirror we do not own we may not add the index, so
// we say so and poll less often instead. The state load's id range is checked
// the same way: without an index on id, one statement instead of one scan per
// chunk.
void MobilizeSource::explainTails()
{
    m_inFlight = true;
    static const ColumnList planColumns(QStringLiteral("EXPLAIN"), {"QUERY PLAN"});
    const Stmt tails[] = {Stmt::TailParticipations, Stmt::TailTimeslots, Stmt::TailEvents};
    // A representative bound: the recent past, as a steady-state tick sees
    // it (a bound of 0 would make any planner choose a full scan).
    const qint64 since = (QDateTime::currentMSecsSinceEpoch() - m_timing.minOverlapMs - 1000) * 1000;
    std::vector<DbQuery> batch;
    for (Stmt s : tails)
        batch.push_back(DbQuery("EXPLAIN " + MobilizeRows::sql(s)).bind(since));
    batch.push_back(DbQuery("EXPLAIN " + MobilizeRows::sql(Stmt::ParticipationChunk))
                        .bind(qint64(1))
                        .bind(qint64(1) + m_timing.stateChunkIds));
    m_db->exec(std::move(batch), this, [this, tails](const DbConnection::Outcome &o) {
        m_inFlight = false;
        if (const DbError *e = DbConnection::error(o)) {
            markStale(e->message);
            schedule();
            return;
        }
        QStringList scans;
        const auto &tables = *DbConnection::tables(o);
        for (size_t i = 0; i < tables.size(); ++i) {
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
            if (i == std::size(tails)) {
                m_chunkWhole = MobilizeRows::planScansFor(lines, QStringLiteral("id"), &relation);
                if (m_chunkWhole)
                    logcat::feed()->info("mirror: reading {}.id ranges scans the whole relation (no usable index, "
                                         "or too small a table for one): the participation state loads in one "
                                         "statement",
                                         relation.toStdString());
            } else if (MobilizeRows::planScansForModifiedDate(lines, &relation)) {
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
        m_lastServerMs = -1; // set by the batches that carry the server's clock (tails)
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

// First totals as psql computes them: one GROUP BY (per timeslot, one level
// finer than per event), not a million rows. The per-participation state the
// tails need follows in chunks (loadChunk).
void MobilizeSource::loadSnapshot()
{
    Batch batch;
    batch.add(Stmt::Clock, MobilizeRows::query(Stmt::Clock))
        .add(Stmt::Events, MobilizeRows::query(Stmt::Events))
        .add(Stmt::Timeslots, MobilizeRows::query(Stmt::Timeslots))
        .add(Stmt::SlotCounts, MobilizeRows::query(Stmt::SlotCounts));
    exec(std::move(batch), &MobilizeSource::onSnapshot);
}

void MobilizeSource::loadChunk()
{
    const qint64 lo = m_loadNextId;
    const qint64 hi = m_chunkWhole ? m_loadMaxId + 1 : std::min(lo + m_timing.stateChunkIds, m_loadMaxId + 1);
    Batch batch;
    batch.add(Stmt::ParticipationChunk, MobilizeRows::query(Stmt::ParticipationChunk).bind(lo).bind(hi));
    m_loadChunkEnd = hi; // the next chunk starts there once this one is applied
    exec(std::move(batch), &MobilizeSource::onChunk);
}

void MobilizeSource::tail()
{
    // Every tick re-reads a short overlap behind the previous tick (rows a
    // second late); every sweep the whole overlap behind the previous sweep
    // (rows up to overlapMs late). The reconciliation rides on a sweep: the
    // counts come from the same statement, hence the same snapshot, as the
    // rows, so after applying them any difference is real drift.
    const bool counts = m_reconcileRequested || m_sinceReconcile.hasExpired(m_timing.reconcileEveryMs);
    const bool sweep = counts || !m_sinceSweep.isValid() || m_sinceSweep.hasExpired(m_timing.sweepEveryMs);
    const qint64 tickOverlapUs = std::min(tickOverlapMs(), m_timing.overlapMs) * 1000;
    const qint64 since = sweep ? m_sweepClockUs - m_timing.overlapMs * 1000 : m_tickClockUs - tickOverlapUs;
    const bool metadata =
        sweep || m_needMetadata || !m_sinceMetadata.isValid() || m_sinceMetadata.hasExpired(m_timing.metadataEveryMs);
    const qint64 metadataSince = sweep ? since : m_metadataClockUs - tickOverlapUs;
    m_tailSweeps = sweep;
    m_tailCounts = counts;
    m_tailMetadata = metadata;
    m_reconcileRequested = false;
    const Stmt parts = counts ? Stmt::SweepAndCount : Stmt::TailParticipations;
    Batch batch;
    batch.add(Stmt::Clock, MobilizeRows::query(Stmt::Clock));
    if (metadata) {
        batch.add(Stmt::TailEvents, MobilizeRows::query(Stmt::TailEvents).bind(metadataSince))
            .add(Stmt::TailTimeslots, MobilizeRows::query(Stmt::TailTimeslots).bind(metadataSince));
    }
    batch.add(parts, MobilizeRows::query(parts).bind(since)).add(Stmt::BatchEnd, MobilizeRows::query(Stmt::BatchEnd));
    exec(std::move(batch), &MobilizeSource::onTail);
}

void MobilizeSource::onSnapshot(const Batch &, const Results &t)
{
    Changes c;
    const RowReader &clock = t.at(Stmt::Clock);
    m_tickClockUs = m_sweepClockUs = m_metadataClockUs =
        clock.rowCount() ? clock.toInt64(0, MobilizeRows::ClockCol::NowUs) : 0;
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
    const RowReader &counts = t.at(Stmt::SlotCounts);
    m_slotBaseline.reserve(counts.rowCount());
    for (int r = 0; r < counts.rowCount(); ++r) {
        const qint64 slot = counts.toInt64(r, PC::TimeslotId);
        m_slotBaseline.insert(slot, counts.toInt64(r, PC::Count));
        m_loadMaxId = std::max(m_loadMaxId, counts.toInt64(r, PC::Id));
        if (const auto s = m_slots.constFind(slot); s != m_slots.cend())
            c.dirtyEvents.insert(s->eventId);
    }
    recompute(c);
    m_haveSnapshot = true;
    logcat::feed()->info("mirror first totals: {} events, {} timeslots, {} RSVPs in {:.0f} ms", m_events.size(),
                         m_slots.size(), m_totalRsvps, m_lastBatchMs);
    markFresh();
    Q_EMIT snapshotLoaded();
    if (!m_events.empty())
        Q_EMIT eventsAppended(0, int(m_events.size()) - 1);
    Q_EMIT campaignsChanged();
    Q_EMIT totalsChanged();
    Q_EMIT updated();
    // The snapshot is paid once: pacing by it would leave the totals still
    // for scanPaceFactor times its time right after start.
    m_lastBatchMs = 0;
    m_loadClock.start();
    if (m_loadMaxId == 0)
        finishStateLoad();
    else if (m_running)
        m_timer.start(0); // the state load, at once
}

void MobilizeSource::onChunk(const Batch &, const Results &t)
{
    // Counts stay the first GROUP BY's while loading (activeOn), so the rows
    // only build the state; finishStateLoad switches over.
    Changes c;
    const RowReader &rows = t.at(Stmt::ParticipationChunk);
    m_parts.reserve(int(m_parts.size()) + rows.rowCount());
    for (int r = 0; r < rows.rowCount(); ++r)
        applyParticipation(rows, r, c);
    c.dirtyEvents.clear();
    m_lastBatchMs = 0;
    m_loadNextId = m_loadChunkEnd;
    if (m_loadNextId > m_loadMaxId)
        finishStateLoad();
    else if (m_running)
        m_timer.start(0);
}

// The chunks were read at different moments after the first totals; each
// row's latest version wins. A sweep from the first totals' clock right
// after brings every change since (up to overlapMs late), so the totals are
// exact again once it is applied, as after any sweep.
void MobilizeSource::finishStateLoad()
{
    m_stateLoaded = true;
    m_slotBaseline.clear();
    m_slotBaseline.squeeze();
    Changes c;
    for (const EventRecord &e : m_events)
        c.dirtyEvents.insert(e.id);
    recompute(c);
    logcat::feed()->info("mirror state: {} counted participations loaded in {} ms", m_parts.size(),
                         m_loadClock.elapsed());
    m_sinceSweep.invalidate();
    m_sinceReconcile.start();
    publish(c, int(m_events.size()));
    if (m_running)
        m_timer.start(0);
}

void MobilizeSource::onTail(const Batch &, const Results &t)
{
    Changes c;
    const int before = int(m_events.size());
    const RowReader &clock = t.at(Stmt::Clock);
    const qint64 now = clock.rowCount() ? clock.toInt64(0, MobilizeRows::ClockCol::NowUs) : m_tickClockUs;
    if (const auto end = t.find(Stmt::BatchEnd); end != t.end() && end->second.rowCount() && clock.rowCount()) {
        m_lastServerMs = std::max(0.0, double(end->second.toInt64(0, MobilizeRows::ClockCol::NowUs) - now) / 1000.0);
        m_serverMsTotal += m_lastServerMs;
        if (!m_tailSweeps)
            m_tickServerMs = m_tickServerMs < 0 ? m_lastServerMs : 0.8 * m_tickServerMs + 0.2 * m_lastServerMs;
    }
    if (m_tailMetadata) {
        applyEvents(t.at(Stmt::TailEvents), c);
        applyTimeslots(t.at(Stmt::TailTimeslots), c);
        m_metadataClockUs = now;
        m_sinceMetadata.start();
        m_needMetadata = false;
    }
    const auto sweepAndCount = t.find(Stmt::SweepAndCount);
    const RowReader &parts = sweepAndCount != t.end() ? sweepAndCount->second : t.at(Stmt::TailParticipations);
    QHash<qint64, qint64> counts;
    qint64 lateUs = 0;
    for (int r = 0; r < parts.rowCount(); ++r) {
        if (parts.raw(r, PC::Tag) == "c") {
            counts.insert(parts.toInt64(r, PC::TimeslotId), parts.toInt64(r, PC::Count));
            continue;
        }
        // A counted row we do not have, dated before the previous read: it
        // became visible after that read, at least this late. (Cancelled
        // rows are forgotten once applied, so a re-read one would look new:
        // they do not count here.)
        const qint64 modified = parts.toEpochMicros(r, PC::ModifiedUs);
        if (modified < m_tickClockUs && parts.toBool(r, PC::Active) && !m_parts.contains(parts.toInt64(r, PC::Id)))
            lateUs = std::max(lateUs, m_tickClockUs - modified);
        applyParticipation(parts, r, c);
    }
    m_lateUs = std::max(m_lateUs * 0.98, double(lateUs));
    // Rows seen more than half the overlap late say the mirror's lag reaches
    // towards the limit past which no tail sees a row: reconcile soon rather
    // than at the next period (at most once a sweep period).
    if (lateUs > m_timing.overlapMs * 500 && !m_tailCounts && m_sinceReconcile.hasExpired(m_timing.sweepEveryMs)) {
        logcat::feed()->warn("mirror rows became visible {} s late (the overlap is {} s): reconciling now",
                             lateUs / 1'000'000, m_timing.overlapMs / 1000);
        m_reconcileRequested = true;
    }
    recompute(c);
    // The next reads start from this read's clock: now() is the batch's
    // transaction start, earlier than any of its statements' snapshots.
    m_tickClockUs = now;
    if (m_tailSweeps) {
        m_sweepClockUs = now;
        m_sinceSweep.start();
        ++m_sweeps;
    }
    publish(c, before);
    if (m_tailCounts) {
        m_sinceReconcile.start();
        if (reconcile(counts))
            return; // the re-read schedules
    }
    schedule();
}

bool MobilizeSource::reconcile(const QHash<qint64, qint64> &counts)
{
    QSet<qint64> drifted;
    QHash<qint64, qint64> perEvent; // the RSVPs each event is off by
    auto compare = [&](qint64 slotId, qint64 theirs) {
        const qint64 ours = m_activeOnSlot.value(slotId);
        if (ours == theirs)
            return;
        drifted.insert(slotId);
        if (const auto s = m_slots.constFind(slotId); s != m_slots.cend() && !s->deleted)
            perEvent[s->eventId] += theirs - ours;
    };
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        compare(it.key(), it.value());
    for (auto it = m_activeOnSlot.cbegin(); it != m_activeOnSlot.cend(); ++it)
        if (it.value() != 0 && !counts.contains(it.key()))
            compare(it.key(), 0);
    if (drifted.isEmpty()) {
        ++m_reconciliations;
        logcat::feed()->debug("mirror reconciliation: no drift over {} timeslots", counts.size());
        Q_EMIT reconciled(0);
        return false;
    }
    m_pendingCorrected = 0;
    m_pendingEventsCorrected = 0;
    for (auto it = perEvent.cbegin(); it != perEvent.cend(); ++it) {
        const EventRecord *e = event(it.key());
        if (it.value() != 0 && e && !e->deleted) {
            m_pendingCorrected += std::abs(it.value());
            ++m_pendingEventsCorrected;
        }
    }
    // Re-reading those timeslots' participations rebuilds their state, so the
    // correction is row-exact, not a patched number.
    m_reloading = drifted;
    QByteArray ids = "{";
    for (qint64 id : std::as_const(drifted))
        ids += QByteArray::number(id) + ',';
    ids.back() = '}';
    Batch batch;
    batch.add(Stmt::ParticipationsOfTimeslots, MobilizeRows::query(Stmt::ParticipationsOfTimeslots).bind(ids));
    exec(std::move(batch), &MobilizeSource::onReload);
    return true;
}

void MobilizeSource::onReload(const Batch &, const Results &t)
{
    const RowReader &rows = t.at(Stmt::ParticipationsOfTimeslots);
    const QSet<qint64> reread = std::exchange(m_reloading, {});
    QSet<qint64> seen;
    for (int r = 0; r < rows.rowCount(); ++r)
        seen.insert(rows.toInt64(r, PC::Id));
    Changes c;
    // Counted rows on these timeslots that the mirror no longer shows there.
    QList<qint64> gone;
    for (auto it = m_parts.cbegin(); it != m_parts.cend(); ++it)
        if (reread.contains(it->slotId) && !seen.contains(it.key()))
            gone << it.key();
    for (qint64 id : gone)
        dropParticipation(id, c);
    for (int r = 0; r < rows.rowCount(); ++r)
        applyParticipation(rows, r, c);
    recompute(c);
    ++m_reconciliations;
    m_driftCorrected += m_pendingCorrected;
    logcat::feed()->warn("mirror reconciliation corrected {} RSVP(s) on {} event(s) ({} timeslot(s) re-read): rows "
                         "that became visible later than the {} s overlap window, or changed without a newer "
                         "modified_date",
                         m_pendingCorrected, m_pendingEventsCorrected, reread.size(), m_timing.overlapMs / 1000);
    publish(c, int(m_events.size()));
    Q_EMIT reconciled(m_pendingCorrected);
    schedule();
}

void MobilizeSource::applyEvents(const RowReader &rows, Changes &c)
{
    for (int r = 0; r < rows.rowCount(); ++r) {
        const qint64 modified = rows.toInt64(r, EC::ModifiedUs);
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
    const qint64 modified = rows.toEpochMicros(r, PC::ModifiedUs);
    const bool active = rows.toBool(r, PC::Active);
    const qint64 minute = rows.toEpochMicros(r, PC::CreatedUs) / kMinuteUs * 60'000;
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
    // Its event is new: read events and timeslots on the next tick rather
    // than at their cadence, so its sign-ups join the totals at once.
    if (m_stateLoaded && (!m_slots.contains(p.slotId) || rowOf(p.eventId) < 0))
        m_needMetadata = true;
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
            n += activeOn(slotId);
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
    // What the reads cost the server, measured by its own clock when the
    // batch carried one (tails), else from the client (an upper bound: the
    // round trip included).
    const double lastMs = m_lastServerMs >= 0 ? m_lastServerMs : m_lastBatchMs;
    if (!m_costWarning.isEmpty()) {
        // A tail scans a whole relation (no index on modified_date): the
        // console's statements stay under 2 % of one database core, waiting
        // scanPaceFactor times as long as the last batch took, sweeps included.
        m_interval = std::max(m_timing.baseIntervalMs, int(std::min(m_timing.scanPaceFactor * lastMs, 600'000.0)));
    } else {
        // With the index a tick reads only what changed; its cost is mostly
        // fixed (the views' joins), so a busy server stretches it and the
        // same rows come in fewer, larger reads.
        const double tickMs = m_tickServerMs >= 0 ? m_tickServerMs : 0.0;
        m_interval = int(std::clamp(m_timing.paceFactor * tickMs, double(m_timing.baseIntervalMs),
                                    double(std::max(m_timing.baseIntervalMs, m_timing.maxIntervalMs))));
    }
    m_timer.start(m_interval);
}

qint64 MobilizeSource::tickOverlapMs() const
{
    // Twice what was seen, so a row a little later than the latest still
    // lands on the next tick; later ones land on the next sweep, which
    // raises the figure. At 500 sign-ups a second every re-read second is
    // 500 rows per tick: a fixed 1 s overlap doubled the tick's cost on a
    // mirror whose rows are never late.
    const qint64 ms = qint64(2 * m_lateUs / 1000);
    return std::clamp(m_timing.minOverlapMs + ms, m_timing.minOverlapMs,
                      std::max(m_timing.minOverlapMs, m_timing.fastOverlapMs));
}

qint64 MobilizeSource::activeOn(qint64 slotId) const
{
    return m_stateLoaded ? m_activeOnSlot.value(slotId) : m_slotBaseline.value(slotId);
}

} // namespace oc

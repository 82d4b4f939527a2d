#pragma once

#include "DbBatch.h"
#include "DbConnection.h"
#include "EventRecord.h"
#include "LiveSource.h"
#include "MobilizeRows.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QTimer>

#include <map>
#include <vector>

namespace oc {

// The live source over a Mobilize SQL mirror: the dictionary's views over a
// replica we do not own. No xid8, no columns or triggers of ours, rows may
// become visible late and participations change status after creation, so
// the tail reads by modified_date since the mirror's clock at the previous
// read, minus an overlap window, and keeps a compact state per counted
// participation; a periodic GROUP BY reconciliation corrects what arrived
// later than the overlap and logs it. First totals come from that GROUP BY;
// the per-participation state is loaded behind them, in chunks.
// Totals equal count(*) over the views (MobilizeRows::exactCountsSql) at
// every quiescent moment. See docs/mobilize-mirror.md.
//
// Read-only: parameterized SELECTs (and EXPLAIN) only; nothing is created.
class MobilizeSource : public LiveSource
{
    Q_OBJECT
    Q_PROPERTY(QString costWarning READ costWarning NOTIFY costWarningChanged)
public:
    explicit MobilizeSource(DbConnection *db, QObject *parent = nullptr);

    // A mirror has events and RSVPs only: no traffic, site mode or audit
    // log, and the console may not write to it.
    Capabilities capabilities() const override { return Capability::None; }

    void start() override;
    void stop() override;
    void pollNow() override;

    // What each read re-reads is measured from the mirror's clock at the
    // previous read of its kind (docs/mobilize-mirror.md).
    struct Timing
    {
        // Tail cadence: every baseIntervalMs while the mirror answers fast,
        // stretched by what the ticks cost its server (paceFactor), never
        // past maxIntervalMs; when a tail scans a whole relation,
        // scanPaceFactor instead and no ceiling.
        // 2 s: most of a tick's cost is fixed (the views' joins hash every
        // event, ~1–2 ms whatever the tick reads), and a mirror is a replica
        // that lags its primary anyway; bench/mirror measured 1 s ticks at
        // 50–61x less than a naive dashboard, 2 s at 72x.
        int baseIntervalMs = 2000;
        int maxIntervalMs = 5000; // the naive dashboard's refresh: never staler than that with the index
        // With the index the next tick waits this many times the server time
        // the recent ticks took (an average): at 200, 0.5 % of one database
        // core. A mirror that answers slowly is busy, and the console backs
        // off rather than add to it on the day the database is the bottleneck.
        // (Not lower: a tick's rows grow with its interval, so a factor near
        // 1 / the per-row cost of a second of sign-ups would pin the ceiling.)
        double paceFactor = 200.0;
        // Every tick re-reads twice the lateness it has seen lately (rows
        // dated before the previous read that became visible after it),
        // within these bounds.
        qint64 minOverlapMs = 200;
        qint64 fastOverlapMs = 10'000;
        qint64 overlapMs = 5 * 60'000; // every sweep: rows up to this late, the lateness limit
        int sweepEveryMs = 5 * 60'000;
        // The events and timeslots tails: this often, on every sweep, and on
        // the next tick after a sign-up names a timeslot or event not read
        // yet (a new event shows up with its first sign-ups). They rarely
        // change, yet planning their views cost as much as a tick's
        // participations read (bench/mirror).
        int metadataEveryMs = 10'000;
        // The safety net for rows later than overlapMs (and changes that do
        // not bump modified_date): one GROUP BY over the whole view, as
        // costly as a few hundred ticks. Sooner when a tail sees rows more
        // than half the overlap late.
        int reconcileEveryMs = 30 * 60'000;
        qint64 stateChunkIds = 250'000; // participation ids per statement of the state load
        // When a tail scans a whole relation, the next tick waits this many
        // times as long as the last batch took: at 60, 1.6 % of a core for
        // the ticks, under 2 % with the sweeps and reconciliations on top.
        double scanPaceFactor = 60.0;
    };
    void setTiming(const Timing &t);
    const Timing &timing() const { return m_timing; }
    // The viewing organization; events of any other are promoted ones. 0
    // (the default) = the organization that owns most events.
    void setOrganizationId(qint64 id) { m_orgId = id; }
    qint64 organizationId() const { return m_orgId; }
    // Runs the GROUP BY reconciliation (with a sweep) on the next tick.
    void reconcileNow();
    // Re-reads the whole overlap window on the next tick.
    void sweepNow();

    // Empty, or why the console polls slowly (a tail statement scans a whole
    // relation: the mirror has no index on modified_date). For the status bar.
    QString costWarning() const { return m_costWarning; }
    QString notice() const override { return m_costWarning; }
    int intervalMs() const { return m_interval; }
    // What the next tick re-reads behind the previous one's clock.
    qint64 tickOverlapMs() const;
    double lastBatchMs() const { return m_lastBatchMs; }
    // Server time (ms) of the last tail batch, from the mirror's own clock:
    // clock_timestamp() at its end minus now() at its start, so parse, plan,
    // execution and output, without the network. Negative when the last
    // batch carried no clock (not a tail).
    double lastServerMs() const { return m_lastServerMs; }
    // Server time of every tail batch so far (ms): the console's cost on the
    // mirror as it measures it (bench/mirror compares it with
    // pg_stat_statements).
    double serverMsTotal() const { return m_serverMsTotal; }
    qint64 ticks() const { return m_ticks; }
    qint64 reconciliations() const { return m_reconciliations; }
    qint64 sweeps() const { return m_sweeps; }
    // RSVPs the reconciliation had to correct (sum of |difference|) so far.
    qint64 driftCorrected() const { return m_driftCorrected; }
    // Counted participations held in memory.
    int trackedParticipations() const { return int(m_parts.size()); }
    // The per-participation state is complete; until then the totals are
    // the first GROUP BY's and do not move.
    bool stateLoaded() const { return m_stateLoaded; }

    bool hasSnapshot() const override { return m_haveSnapshot; }
    bool isStale() const override { return m_stale; }
    QDateTime staleSince() const override { return m_staleSince; }
    QDateTime lastUpdate() const override { return m_lastUpdate; }
    const std::vector<EventRecord> &events() const override { return m_events; }
    int rowOf(qint64 eventId) const override { return m_rowById.value(eventId, -1); }
    qint64 totalRsvps() const override { return m_totalRsvps; }
    const QList<Campaign> &campaigns() const override { return m_campaigns; }
    const std::map<qint64, qint64> &rsvpsPerMinute() const override { return m_rsvpMinutes; }
    const std::map<qint64, TrafficSample> &traffic() const override { return m_noTraffic; }
    const QList<Annotation> &annotations() const override { return m_noAnnotations; }

Q_SIGNALS:
    void costWarningChanged(const QString &warning);
    void reconciled(qint64 corrected);

private:
    using Stmt = MobilizeRows::Statement;
    using Batch = DbBatch<Stmt>;
    using Results = std::map<Stmt, RowReader>;

    // A counted participation: only these are kept (a cancelled or
    // cross-firewall row counts for nothing, like one never seen).
    struct Part
    {
        qint64 slotId = 0;
        qint64 eventId = 0;
        qint64 modifiedUs = 0;
    };
    struct Slot
    {
        qint64 eventId = 0;
        qint64 startUs = 0;
        int maxAttendees = -1; // -1: no limit
        bool deleted = false;
        qint64 modifiedUs = 0;
    };
    // What one read changed, for the batch signals.
    struct Changes
    {
        QSet<qint64> dirtyEvents;
        QSet<int> changedRows;
        QSet<int> rsvpRows;
        bool campaigns = false;
        bool any = false;
    };

    void tick();
    void explainTails();
    void loadSnapshot();
    void loadChunk();
    void tail();
    void exec(Batch batch, void (MobilizeSource::*done)(const Batch &, const Results &));
    void onSnapshot(const Batch &batch, const Results &t);
    void onChunk(const Batch &batch, const Results &t);
    void finishStateLoad();
    void onTail(const Batch &batch, const Results &t);
    // Compares the mirror's counts per timeslot with ours (same snapshot as
    // the rows just applied); re-reads the timeslots that differ. Returns
    // whether a re-read was sent.
    bool reconcile(const QHash<qint64, qint64> &counts);
    void onReload(const Batch &batch, const Results &t);

    void applyEvents(const RowReader &rows, Changes &c);
    void applyTimeslots(const RowReader &rows, Changes &c);
    void applyParticipation(const RowReader &rows, int r, Changes &c);
    void dropParticipation(qint64 id, Changes &c);
    void recompute(Changes &c);
    void publish(const Changes &c, int rowsBefore);
    void rebuildCampaigns(Changes &c);
    void markStale(const QString &why);
    void markFresh();
    void schedule();
    // Counted participations on a timeslot: the first GROUP BY's until the
    // state is loaded, then the state's.
    qint64 activeOn(qint64 slotId) const;

    DbConnection *m_db;
    QTimer m_timer;
    Timing m_timing;
    bool m_running = false;
    bool m_inFlight = false;
    bool m_haveSnapshot = false;
    bool m_explained = false;
    bool m_stateLoaded = false;
    bool m_chunkWhole = false; // the id range is not indexed: load the state in one statement
    bool m_reconcileRequested = false;
    bool m_tailSweeps = false, m_tailCounts = false; // what the tail in flight reads
    int m_interval = Timing {}.baseIntervalMs;
    qint64 m_ticks = 0;
    double m_lastBatchMs = 0;
    double m_lastServerMs = -1;
    double m_tickServerMs = -1; // average over the recent plain ticks (sweeps are paid by their period)
    double m_serverMsTotal = 0;
    QElapsedTimer m_batchClock;
    QElapsedTimer m_sinceSweep;
    QElapsedTimer m_sinceMetadata;
    bool m_needMetadata = false; // a sign-up named a timeslot or event not read yet
    bool m_tailMetadata = false; // the tail in flight reads events and timeslots
    QElapsedTimer m_sinceReconcile;
    qint64 m_reconciliations = 0;
    qint64 m_sweeps = 0;
    qint64 m_driftCorrected = 0;
    QString m_costWarning;
    qint64 m_orgId = 0;

    // The mirror's clock (µs) at the last tick and the last sweep: the next
    // one reads rows modified after it minus its overlap.
    qint64 m_tickClockUs = 0, m_sweepClockUs = 0, m_metadataClockUs = 0;
    // How late rows have become visible lately (µs, decaying): sizes the
    // tick's overlap.
    double m_lateUs = 0;
    // The state load: next id, largest id at the first totals, its clock.
    qint64 m_loadNextId = 0, m_loadChunkEnd = 0, m_loadMaxId = 0;
    QElapsedTimer m_loadClock;
    QHash<qint64, qint64> m_slotBaseline; // the first GROUP BY, until the state is loaded
    qint64 m_pendingCorrected = 0; // RSVPs the reconciliation in flight corrects
    int m_pendingEventsCorrected = 0;

    std::vector<EventRecord> m_events;
    QHash<qint64, int> m_rowById;
    QHash<qint64, qint64> m_eventModifiedUs;
    QHash<qint64, Slot> m_slots;
    QHash<qint64, QList<qint64>> m_slotsOfEvent;
    QHash<qint64, qint64> m_activeOnSlot; // counted participations per timeslot, deleted or not
    QHash<qint64, Part> m_parts;
    QSet<qint64> m_reloading; // timeslots whose participations the reconciliation re-reads
    qint64 m_totalRsvps = 0;
    std::map<qint64, qint64> m_rsvpMinutes;
    QHash<QString, qint64> m_campaignIds;
    QList<Campaign> m_campaigns;
    const std::map<qint64, TrafficSample> m_noTraffic;
    const QList<Annotation> m_noAnnotations;

    bool m_stale = false;
    QDateTime m_staleSince;
    QDateTime m_lastUpdate;
};

} // namespace oc

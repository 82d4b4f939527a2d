#pragma once

#include "DbBatch.h"
#include "DbConnection.h"
#include "EventRecord.h"
#include "HubRows.h"
#include "LiveSource.h"
#include "RowReader.h"

#include <QDateTime>
#include <QHash>
#include <QElapsedTimer>
#include <QTimer>

#include <map>
#include <optional>
#include <vector>

namespace oc {

// The console's one view of the hub, kept current at almost no cost to the
// database: one snapshot, then per tick one pipelined round trip that reads
// only what committed since the last tick (RSVPs as a tail that is added,
// never recounted; changed events; new traffic samples and audit entries).
//
// Exactness under concurrency: every tailed row carries its writer's xid8 and
// we read only rows below pg_snapshot_xmin(pg_current_snapshot()) -- all
// transactions below it have finished -- starting from the previous tick's
// bound. A row whose id was taken early but committed late is read when its
// transaction finishes, never skipped, never read twice.
//
// Models (the map, tables, totals) mirror it through LiveSource's batch
// signals. The statements and how their rows decode are in HubRows.
class HubFeed : public LiveSource
{
    Q_OBJECT
public:
    explicit HubFeed(DbConnection *db, QObject *parent = nullptr);

    // The hub has everything the console reads and accepts its writes.
    Capabilities capabilities() const override
    {
        return Capability::Traffic | Capability::SiteMode | Capability::Audit | Capability::Writable |
            Capability::ReplicationLag;
    }

    void start() override;
    void stop() override;
    // Polls now (if nothing is in flight) instead of at the next tick.
    void pollNow() override;

    void setIntervals(int fastMs, int slowMs);
    int intervalMs() const { return m_interval; }
    qint64 ticks() const { return m_ticks; }
    bool hasSnapshot() const override { return m_haveSnapshot; }
    bool isStale() const override { return m_stale; }
    QDateTime staleSince() const override { return m_staleSince; }
    QDateTime lastUpdate() const override { return m_lastUpdate; }
    double replicationLagSeconds() const override { return m_lagSeconds; }
    bool readingFromStandby() const override { return m_db->isStandby(); }
    QString siteMode() const override { return m_siteMode; }

    const std::vector<EventRecord> &events() const override { return m_events; }
    int rowOf(qint64 eventId) const override { return m_rowById.value(eventId, -1); }
    qint64 totalRsvps() const override { return m_totalRsvps; }
    const QList<Campaign> &campaigns() const override { return m_campaigns; }
    const std::map<qint64, qint64> &rsvpsPerMinute() const override { return m_rsvpMinutes; }
    const std::map<qint64, TrafficSample> &traffic() const override { return m_traffic; }
    const QList<Annotation> &annotations() const override { return m_annotations; }

private:
    void tick();
    void loadSnapshot();
    using Batch = DbBatch<HubRows::Statement>;
    using Results = std::map<HubRows::Statement, RowReader>;
    // The batch's results by statement, each checked against its decoder's
    // columns; on any error (the server's or a mismatch) the data goes stale
    // and nothing is applied.
    std::optional<Results> read(const Batch &batch, const DbConnection::Outcome &o);
    void onSnapshot(const Batch &batch, const DbConnection::Outcome &o);
    void onTail(const Batch &batch, const DbConnection::Outcome &o);
    void markStale(const QString &why);
    void markFresh();
    void applyCampaigns(const RowReader &rows);
    bool applyEvents(const RowReader &rows, bool snapshot, QList<int> &changed);
    bool applyRsvps(const RowReader &rows, QList<int> &changedRows);
    bool applyTraffic(const RowReader &rows);
    bool applyAudit(const RowReader &rows);
    void prune();
    void schedule(bool hadChanges);

    DbConnection *m_db;
    QTimer m_timer;
    bool m_running = false;
    bool m_inFlight = false;
    bool m_haveSnapshot = false;
    int m_fastMs = 1000;
    int m_slowMs = 5000;
    int m_interval = 1000;
    qint64 m_ticks = 0;

    // Watermarks: the exclusive upper bound (xid8, as text) of what we have read.
    QByteArray m_rsvpHi, m_eventHi, m_trafficHi, m_auditHi;

    std::vector<EventRecord> m_events;
    QHash<qint64, int> m_rowById;
    QHash<qint64, qint64> m_pendingRsvps; // counts for events we have not seen yet
    qint64 m_totalRsvps = 0;
    std::map<qint64, qint64> m_rsvpMinutes;
    QElapsedTimer m_lastTail; // since the last successful tail: decides light or exact

    std::map<qint64, TrafficSample> m_traffic;
    QList<Annotation> m_annotations;
    QList<Campaign> m_campaigns;
    QString m_siteMode;

    bool m_stale = false;
    QDateTime m_staleSince;
    QDateTime m_lastUpdate;
    double m_lagSeconds = 0;
};

} // namespace oc

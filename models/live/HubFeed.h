#pragma once

#include "DbConnection.h"
#include "EventRecord.h"

#include <QDateTime>
#include <QHash>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <map>
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
// Models (the map, tables, totals) mirror it through its batch signals.
class HubFeed : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool stale READ isStale NOTIFY staleChanged)
    Q_PROPERTY(qint64 totalRsvps READ totalRsvps NOTIFY totalsChanged)
public:
    struct TrafficSample
    {
        qint64 bucketMs = 0;
        qint64 requests = 0;
        qint64 errors = 0;
        double p95ms = 0;
    };
    struct Annotation
    {
        qint64 id = 0;
        QDateTime at;
        QString action;
        QString phase;
        QString actor;
        QString result;
    };
    struct Campaign
    {
        qint64 id = 0;
        QString slug;
        QString title;
        QString status;
        qint64 eventGoal = 0;
        qint64 rsvpGoal = 0;
        QDateTime launchAt;
    };
    struct Totals
    {
        qint64 rsvps = 0;
        qint64 rsvpsLast5Min = 0;
        qint64 rsvpsLastMinute = 0;
        int eventsLive = 0;
        int eventsNeedingReview = 0;
        int eventsFull = 0;
        int eventsWithoutLocation = 0;
        int statesCovered = 0;
        double eventGoalProgress = 0; // 0..1+
        double rsvpGoalProgress = 0;
        qint64 viewsLastMinute = 0;
        double errorRate = 0; // 5xx / requests over the last minute
        double conversionPer1000 = 0; // RSVPs per 1,000 views over the last 5 minutes
    };

    explicit HubFeed(DbConnection *db, QObject *parent = nullptr);

    void start();
    void stop();
    // Polls now (if nothing is in flight) instead of at the next tick.
    void pollNow();

    void setIntervals(int fastMs, int slowMs);
    int intervalMs() const { return m_interval; }
    qint64 ticks() const { return m_ticks; }
    bool hasSnapshot() const { return m_haveSnapshot; }
    bool isStale() const { return m_stale; }
    QDateTime staleSince() const { return m_staleSince; }
    QDateTime lastUpdate() const { return m_lastUpdate; }
    double replicationLagSeconds() const { return m_lagSeconds; }
    bool readingFromStandby() const { return m_db->isStandby(); }
    QString siteMode() const { return m_siteMode; }

    const std::vector<EventRecord> &events() const { return m_events; }
    int rowOf(qint64 eventId) const { return m_rowById.value(eventId, -1); }
    const EventRecord *event(qint64 id) const;
    qint64 totalRsvps() const { return m_totalRsvps; }
    Totals totals() const;
    const QList<Campaign> &campaigns() const { return m_campaigns; }
    const Campaign *currentCampaign() const;
    // Minute (epoch ms) -> RSVPs created in that minute.
    const std::map<qint64, qint64> &rsvpsPerMinute() const { return m_rsvpMinutes; }
    const std::map<qint64, TrafficSample> &traffic() const { return m_traffic; }
    const QList<Annotation> &annotations() const { return m_annotations; }

Q_SIGNALS:
    void snapshotLoaded();
    void eventsAppended(int firstRow, int lastRow);
    void eventsChanged(const QList<int> &rows);
    void rsvpCountsChanged(const QList<int> &rows);
    void totalsChanged();
    void trafficChanged();
    void annotationsChanged();
    void campaignsChanged();
    void staleChanged(bool stale);
    void updated();

private:
    void tick();
    void loadSnapshot();
    void onSnapshot(const DbConnection::Outcome &o);
    void onTail(const DbConnection::Outcome &o);
    void markStale(const QString &why);
    void markFresh();
    void applyCampaigns(const DbTable &t);
    bool applyEvents(const DbTable &t, bool snapshot, QList<int> &changed, int &firstNew);
    bool applyRsvps(const DbTable &t, QList<int> &changedRows);
    bool applyTraffic(const DbTable &t);
    bool applyAudit(const DbTable &t);
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

#pragma once

#include "EventRecord.h"

#include <QDateTime>
#include <QFlags>
#include <QList>
#include <QObject>
#include <QString>

#include <map>
#include <vector>

namespace oc {

// What the widgets and controllers read of the live campaign: campaigns,
// events with their RSVP counts, RSVPs per minute, traffic, site mode, the
// audit log and how fresh all of it is. HubFeed (the hub's schema, tailed by
// xid8) is the first implementation; a source over another schema (a
// read-only mirror without xid8 or traffic) implements the same accessors and
// says through capabilities() what it lacks, so the widgets hide it instead
// of showing zeros that look like real figures.
//
// Implementations mirror their data in memory and announce changes in
// batches through the signals below; readers never query the database.
class LiveSource : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool stale READ isStale NOTIFY staleChanged)
    Q_PROPERTY(qint64 totalRsvps READ totalRsvps NOTIFY totalsChanged)
    Q_PROPERTY(Capabilities capabilities READ capabilities CONSTANT)
public:
    enum class Capability {
        None = 0,
        Traffic = 0x01, // website traffic samples: views, errors, latency
        SiteMode = 0x02, // the public site's mode (live / static fallback)
        Audit = 0x04, // the console's audit log (activity, chart annotations)
        Writable = 0x08, // the console's actions and review decisions may write to it
        ReplicationLag = 0x10, // may read from a standby and knows its lag
    };
    Q_DECLARE_FLAGS(Capabilities, Capability)
    Q_FLAG(Capabilities)

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

    using QObject::QObject;
    ~LiveSource() override = default;

    virtual Capabilities capabilities() const = 0;
    bool has(Capability c) const { return capabilities().testFlag(c); }

    virtual void start() = 0;
    virtual void stop() = 0;
    // Reads now instead of at the next tick.
    virtual void pollNow() = 0;

    virtual bool hasSnapshot() const = 0;
    virtual bool isStale() const = 0;
    virtual QDateTime staleSince() const = 0;
    virtual QDateTime lastUpdate() const = 0;
    // Zero unless has(ReplicationLag) and reading from a standby.
    virtual double replicationLagSeconds() const { return 0; }
    virtual bool readingFromStandby() const { return false; }
    // Empty unless has(SiteMode).
    virtual QString siteMode() const { return {}; }
    // Something the user should know about how the source is read (e.g. a
    // mirror without an index on modified_date, read less often to spare
    // it); empty when all is well. Shown in the status bar.
    virtual QString notice() const { return {}; }

    // Events in arrival order; a row number never changes once appended.
    virtual const std::vector<EventRecord> &events() const = 0;
    virtual int rowOf(qint64 eventId) const = 0;
    const EventRecord *event(qint64 id) const;
    virtual qint64 totalRsvps() const = 0;
    virtual const QList<Campaign> &campaigns() const = 0;
    // The live campaign, else the first one.
    const Campaign *currentCampaign() const;
    // Minute (epoch ms) -> RSVPs created in that minute.
    virtual const std::map<qint64, qint64> &rsvpsPerMinute() const = 0;
    // Bucket (epoch ms) -> sample; empty unless has(Traffic).
    virtual const std::map<qint64, TrafficSample> &traffic() const = 0;
    // Empty unless has(Audit).
    virtual const QList<Annotation> &annotations() const = 0;

    // Derived from the accessors above, so every source computes them alike.
    Totals totals() const;

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
    void noticeChanged(const QString &notice);
    // After every successful read, whether or not anything changed: the data age moved.
    void updated();
};

Q_DECLARE_OPERATORS_FOR_FLAGS(LiveSource::Capabilities)

} // namespace oc

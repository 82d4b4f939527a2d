#pragma once

#include "ReviewEvent.h"
#include "ReviewOutcome.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include <optional>

class QTimer;

namespace oc {

class DbConnection;
struct EventRecord;
class LiveSource;
class ReviewQueueFilter;
class ReviewQueueModel;
class ReviewService;

// The review desk below the widgets: the queue (model and filter), the
// service that writes, the event the reviewer has open, whether they are
// editing it, which writes are in flight, and the rules of the desk — when
// a decision may be made, which version a claim lets us keep, what an edit
// must satisfy, what a refusal means, when a claim is about to run out.
// ReviewPanel presents this and forwards the reviewer's keys.
class ReviewDeskController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(qint64 currentEventId READ currentEventId NOTIFY currentChanged)
    Q_PROPERTY(bool editing READ isEditing WRITE setEditing NOTIFY editingChanged)
    Q_PROPERTY(QString claimWarning READ claimWarning NOTIFY claimWarningChanged)
public:
    // `reviewerName` is the console's one operator name; empty = the
    // database's session_user.
    ReviewDeskController(DbConnection *db, LiveSource *feed, const QString &reviewerName = {},
                         QObject *parent = nullptr);
    ~ReviewDeskController() override;

    DbConnection *db() const;
    LiveSource *feed() const;
    ReviewService *service() const { return m_service; }
    ReviewQueueModel *model() const { return m_model; }
    ReviewQueueFilter *filter() const { return m_filter; }
    QString reviewerName() const;

    // The event on screen.
    const std::optional<ReviewEvent> &current() const { return m_current; }
    qint64 currentEventId() const { return m_current ? m_current->id : 0; }
    bool isCurrent(qint64 id) const { return m_current && m_current->id == id; }
    void setCurrent(std::optional<ReviewEvent> e);
    // A claim we won: record it on the open event. True when the claim was
    // the only change since the reviewer saw it, so its version is adopted;
    // false when something else changed too and the event must be reloaded.
    bool recordClaim(const ReviewEvent &seen, const QString &holder, const QDateTime &until, int version);
    // The queue shows a newer version of the open event than we hold.
    bool isOutdatedBy(const EventRecord &queued) const;

    bool isEditing() const { return m_editing; }
    void setEditing(bool on);

    bool isBusy(qint64 eventId) const { return m_busy.contains(eventId); }
    bool hasWritesInFlight() const { return !m_busy.isEmpty(); }
    void markBusy(qint64 eventId);
    void markDone(qint64 eventId);
    // A decision (claim, approve, reject, flag, edit) on the open event may
    // start: the source takes writes, there is one and no write of ours on
    // it is in flight.
    bool canDecide() const;
    // A source the console may not write to (a Mobilize SQL mirror): the
    // queue is for reading; decisions are made where the events live.
    bool isReadOnly() const { return !m_readOnlyReason.isEmpty(); }
    QString readOnlyReason() const { return m_readOnlyReason; }

    // Detail loads answer out of order; only the latest one counts.
    int beginLoad() { return ++m_loadGeneration; }
    bool isLatestLoad(int generation, qint64 eventId) const
    {
        return generation == m_loadGeneration && isCurrent(eventId);
    }

    QString claimWarning() const { return m_claimWarning; }
    void checkClaimExpiry(const QDateTime &now = QDateTime::currentDateTimeUtc());

    // The rules, pure.
    static bool claimIsTheOnlyChange(const ReviewEvent &seen, const ReviewEvent &now, int claimVersion);
    // Empty when the edited event may be saved, else why not.
    static QString checkEdits(const ReviewEvent &edited);
    // A failed write in words for the reviewer.
    static QString refusalText(const ReviewOutcome &o);
    // Warn this long before the reviewer's own claim runs out.
    static constexpr int kClaimWarningSeconds = 120;
    static QString claimWarningFor(const std::optional<ReviewEvent> &e, const QString &reviewer, const QDateTime &now);

Q_SIGNALS:
    void currentChanged();
    void editingChanged(bool editing);
    void busyChanged();
    void claimWarningChanged(const QString &warning);

private:
    QPointer<DbConnection> m_db;
    QPointer<LiveSource> m_feed;
    ReviewService *m_service;
    ReviewQueueModel *m_model;
    ReviewQueueFilter *m_filter;
    QTimer *m_claimClock;

    std::optional<ReviewEvent> m_current;
    QSet<qint64> m_busy;
    bool m_editing = false;
    int m_loadGeneration = 0;
    QString m_claimWarning;
    QString m_readOnlyReason;
};

} // namespace oc

#pragma once

#include "BlastRecord.h"
#include "BlastRequest.h"
#include "DbConnection.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>
#include <optional>

namespace oc {

class OpsApiClient;
struct ApiResult;

// Email/SMS blasts, exactly once.
//
//  * The intent is a `blasts` row under a fresh idempotency key, written (with
//    its audit row, in one transaction) BEFORE the backend is called; the
//    call carries the key and every later attempt for that row reuses it,
//    with a body built from the stored row so it is byte-for-byte the same
//    request. The backend sends once per key, so a retry after a timeout or
//    a 500, a double-click, a crash between call and answer and a restart
//    that resumes the row can never send twice.
//  * Double-clicks: one key per dialog, an in-flight guard per key, and the
//    key's UNIQUE constraint (a second insert does nothing).
//  * Two-person rule: above blast_policy.approval_threshold the row is born
//    'pending_approval' (the database decides, and its trigger refuses any
//    way around it); another operator approves (approved_by = them) or
//    declines; the approving console then sends it.
//  * Status is followed (backend for rows it has, database for rows waiting
//    on someone else) until it is final; a queued blast can be cancelled.
//
// (The simulator has a class of the same name for the provider side; the two
// live in different programs.)
class BlastService : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int approvalThreshold READ approvalThreshold NOTIFY approvalThresholdChanged)
public:
    using CountDone = std::function<void(qint64 count, const QString &error)>;

    BlastService(DbConnection *db, OpsApiClient *api, QString operatorName, QObject *parent = nullptr);

    QString operatorName() const { return m_operator; }
    static QUuid newKey();

    // Opted-in supporters (for the channel) within `radiusMiles` of an
    // approved upcoming event of the campaign who have not RSVPed to any of
    // its events.
    static DbQuery audienceCountQuery(const QString &channel, qint64 campaignId, double radiusMiles);
    void countAudience(const QString &channel, qint64 campaignId, double radiusMiles, QObject *context, CountDone done);

    // -1 until loaded.
    int approvalThreshold() const { return m_threshold; }
    bool needsApproval(qint64 audienceSize) const { return m_threshold >= 0 && audienceSize > m_threshold; }
    void loadPolicy();

    // Automatic retries (same key) after an outcome-unknown failure.
    void setAutoRetry(int attempts, int delayMs);
    void setFollowIntervalMs(int ms);

    void send(const BlastRequest &request);
    // Another attempt for a recorded blast, with its key; ignored while one is in flight.
    void retry(const QUuid &key);
    // Picks up this operator's unfinished blasts (requested or approved by
    // them): sends the unconfirmed ones again under their own keys and
    // follows the rest. Call once at start.
    void resumeUnfinished();
    void approve(qint64 blastId);
    void decline(qint64 blastId, const QString &reason);
    void cancel(const QUuid &key);

    bool isBusy(const QUuid &key) const { return m_busy.contains(key) || m_recording.contains(key); }
    std::optional<BlastRecord> record(const QUuid &key) const;
    QList<BlastRecord> records() const { return m_records.values(); }

Q_SIGNALS:
    void approvalThresholdChanged(int threshold);
    // Refused before anything was recorded (role, validation, two-person rule).
    void rejected(const QString &message);
    void intentRecorded(const oc::BlastRecord &blast);
    void blastUpdated(const oc::BlastRecord &blast);
    // An attempt failed; the intent stays recorded and a retry is safe.
    void attemptFailed(const QUuid &key, const QString &message);
    void busyChanged(const QUuid &key, bool busy);
    void decisionFinished(qint64 blastId, bool ok, const QString &message);
    void cancelFinished(const QUuid &key, bool ok, const QString &message);
    void resumed(int count);

private:
    void track(const BlastRecord &b);
    void dispatch(const QUuid &key);
    void onDispatched(const QUuid &key, const ApiResult &r);
    void applyRemote(const QUuid &key, const QJsonObject &remote, bool auditAccepted);
    void dispatchFailed(const QUuid &key, const ApiResult &r);
    void reload(const QUuid &key);
    void follow();
    void updateFollowTimer();
    void setBusy(const QUuid &key, bool busy);
    void noteSent(const BlastRecord &b);
    void cancelRemote(const BlastRecord &b, qint64 intentId, bool alreadyCancelledHere);
    QString dbMessage(const DbError &e) const;

    QPointer<DbConnection> m_db;
    QPointer<OpsApiClient> m_api;
    QString m_operator;
    int m_threshold = -1;
    int m_autoRetries = 2;
    int m_retryDelayMs = 2000;
    QHash<QUuid, BlastRecord> m_records;
    QHash<QUuid, int> m_retriesLeft;
    QSet<QUuid> m_recording; // intent write in flight
    QSet<QUuid> m_busy; // create-blast call in flight
    QSet<QUuid> m_polling; // status call in flight
    QSet<QUuid> m_notedSent;
    bool m_dbPollInFlight = false;
    QTimer m_follow;
};

} // namespace oc

#pragma once

#include "DbConnection.h"
#include "ReviewEvent.h"
#include "ReviewLogEntry.h"
#include "ReviewOutcome.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace oc {

// Every write a reviewer makes to an event. Each write is one statement that
// updates the row only if it is still at the version the reviewer saw (and
// nobody else holds a live claim) and audits the attempt in the same
// statement (data-modifying CTEs), so the change and its audit row commit or
// fail together; the same pipelined round trip then reads back the row and
// the audited changes since that version. The whole batch runs as the
// pipeline's one implicit transaction (everything up to its Sync). We
// deliberately send no explicit BEGIN/COMMIT: after an error, a pipeline
// leaves an explicit transaction open in the aborted state, and the
// connection is shared with the live feed, whose next read would fail.
//
// A refused write is reported as a ReviewConflict (who changed what, when);
// nothing is overwritten silently.
class ReviewService : public QObject
{
    Q_OBJECT
public:
    struct Claim
    {
        qint64 eventId = 0;
        bool won = false; // claim: we hold it now; release: we let it go
        QString holder; // who holds it after the call (empty = nobody)
        QDateTime until;
        int version = 0; // the event's version after the call
        QString error;
    };
    using Done = std::function<void(const ReviewOutcome &)>;
    using ClaimDone = std::function<void(const Claim &)>;
    using Loaded =
        std::function<void(const std::optional<ReviewEvent> &, const QList<ReviewLogEntry> &, const QString &error)>;

    explicit ReviewService(DbConnection *db, QObject *parent = nullptr);

    // The name recorded as reviewer; empty = the database session user.
    void setOperatorName(const QString &name);
    QString operatorName() const { return m_operator; }
    // The operator name, or the session user once resolveReviewer() answered.
    QString reviewerName() const { return m_operator.isEmpty() ? m_sessionUser : m_operator; }
    void resolveReviewer();

    void setClaimTtlSeconds(int seconds) { m_claimTtl = seconds; }
    int claimTtlSeconds() const { return m_claimTtl; }

    void claim(qint64 eventId, ClaimDone done = {});
    void release(qint64 eventId, ClaimDone done = {});
    void approve(const ReviewEvent &seen, const QString &note = {}, Done done = {});
    void reject(const ReviewEvent &seen, const QString &messageForHost, Done done = {});
    void setFlagged(const ReviewEvent &seen, bool flagged, const QString &note = {}, Done done = {});
    // Writes the fields that differ between `seen` and `edited`; approves in
    // the same statement when `approveAfter`.
    void saveEdits(const ReviewEvent &seen, const ReviewEvent &edited, bool approveAfter, Done done = {});
    // Approves every event still at the version it was seen at; the others
    // come back as conflicts in the outcome (partial success, all audited).
    void bulkApprove(const QList<ReviewEvent> &seen, Done done = {});
    void addNote(qint64 eventId, const QString &note, Done done = {});
    void loadEvent(qint64 eventId, Loaded done);

    static ReviewConflict makeConflict(const QString &action, const ReviewEvent &seen,
                                       const std::optional<ReviewEvent> &current, const QList<ReviewLogEntry> &history);

Q_SIGNALS:
    void reviewerResolved(const QString &name);
    void claimFinished(const oc::ReviewService::Claim &claim);
    void writeFinished(const oc::ReviewOutcome &outcome);
    void conflictDetected(const oc::ReviewConflict &conflict);

private:
    void writeEvent(const QString &action, const ReviewEvent &seen, const QByteArray &setClause,
                    const QList<std::optional<QByteArray>> &extra, const QJsonObject &auditParams, Done done);
    void finish(const ReviewOutcome &o, const Done &done);
    void claimCall(bool take, qint64 eventId, ClaimDone done);

    QPointer<DbConnection> m_db;
    QString m_operator;
    QString m_sessionUser;
    int m_claimTtl = 15 * 60;
};

} // namespace oc

Q_DECLARE_METATYPE(oc::ReviewService::Claim)

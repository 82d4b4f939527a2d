#pragma once

#include "DbConnection.h"
#include "HostInfo.h"
#include "ReviewLogEntry.h"
#include "ReviewOutcome.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace oc {

// Host-training writes (prep state, contact log) with the same contract as
// ReviewService: one statement guarded by the version the staffer saw and
// audited in the same statement, read back in the same round trip, and a
// ReviewConflict instead of a silent overwrite.
class HostTrainingService : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const ReviewOutcome &)>;
    using Loaded =
        std::function<void(const std::optional<HostInfo> &, const QList<ReviewLogEntry> &, const QString &error)>;

    explicit HostTrainingService(DbConnection *db, QObject *parent = nullptr);

    void setOperatorName(const QString &name) { m_operator = name.trimmed(); }
    QString operatorName() const { return m_operator; }

    void setPrepStatus(const HostInfo &seen, const QString &status, const QString &note = {}, Done done = {});
    // Records a contact now: last_contact_at = now() and a dated line
    // appended to the host's notes; optionally moves the prep state too.
    void logContact(const HostInfo &seen, const QString &note, const QString &newStatus = {}, Done done = {});
    void loadHost(qint64 hostId, Loaded done);

Q_SIGNALS:
    void writeFinished(const oc::ReviewOutcome &outcome);
    // The host as read back after a write (or a conflict), for views that
    // should not wait for the next poll.
    void hostRead(const oc::HostInfo &host);
    void conflictDetected(const oc::ReviewConflict &conflict);

private:
    void write(const QString &action, const HostInfo &seen, const QByteArray &setClause,
               const QList<std::optional<QByteArray>> &extra, const QByteArray &auditParams, Done done);

    QPointer<DbConnection> m_db;
    QString m_operator;
};

} // namespace oc

Q_DECLARE_METATYPE(oc::HostInfo)

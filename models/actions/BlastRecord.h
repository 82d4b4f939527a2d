#pragma once

#include "DbTable.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QUuid>

namespace oc {

// One row of `blasts` as the console knows it.
struct BlastRecord
{
    // The hub's `blast_status` enum.
    enum class State { Unknown, PendingApproval, Approved, Declined, Queued, Sending, Sent, Cancelled, Failed };

    qint64 id = 0;
    QUuid key;
    qint64 campaignId = 0;
    QString campaignSlug;
    QString channel;
    QJsonObject audience;
    qint64 audienceSize = 0;
    QString message;
    QString status;
    QString requestedBy;
    QString approvedBy;
    QString remoteId;
    qint64 sentCount = 0;
    QString lastError;
    QDateTime createdAt;
    QDateTime updatedAt;

    bool isValid() const { return id > 0; }
    State state() const;
    // Nothing more will happen to it.
    bool isFinal() const;
    // Written as intent, not yet confirmed by the backend: what a restart resumes.
    bool awaitsDispatch() const;
    // The backend has it and is still working on it.
    bool isRemoteActive() const;
    // The create-blast body, built from the stored row so every attempt sends
    // exactly the same request under its key.
    QJsonObject apiBody() const;

    // SELECT list over `blasts b JOIN campaigns c`; fromRow() reads it.
    static const char *selectSql();
    static BlastRecord fromRow(const DbTable &t, int row);
    bool operator==(const BlastRecord &o) const = default;
};

} // namespace oc

Q_DECLARE_METATYPE(oc::BlastRecord)

#pragma once

#include "FieldChange.h"
#include "ReviewLogEntry.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace oc {

// A write that was refused because the row is no longer what the reviewer
// saw. Carries what we could read back in the same round trip: who changed
// it, when, and which fields, so the reviewer decides with facts and nothing
// is overwritten silently.
struct ReviewConflict
{
    enum class Reason {
        Changed, // the version moved on since the reviewer looked
        ClaimedByOther, // someone else holds an unexpired claim
        Missing, // the row is gone
    };

    QString targetType; // "event" or "host"
    qint64 targetId = 0;
    QString targetTitle;
    QString action; // what we tried, e.g. "review.approve"
    Reason reason = Reason::Changed;
    int expectedVersion = 0;
    int currentVersion = 0;
    QDateTime changedAt;
    // Best knowledge of who: the latest audited writer since our version,
    // else the reviewer/claimer recorded on the row; empty when the change
    // came from outside the console (the host or the backend).
    QString changedBy;
    QString claimedBy;
    QDateTime claimedUntil;
    QList<FieldChange> changes; // before = what we saw, after = now
    QList<ReviewLogEntry> history; // audited writes since our version, newest first
};

} // namespace oc

Q_DECLARE_METATYPE(oc::ReviewConflict)

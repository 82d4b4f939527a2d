#pragma once

#include "ReviewConflict.h"
#include "ReviewEvent.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace oc {

// The result of one review write (or of a bulk approve).
struct ReviewOutcome
{
    enum class Status { Ok, Conflict, Error };

    Status status = Status::Error;
    QString action;
    QString targetType;
    qint64 targetId = 0;
    int newVersion = 0;
    QString error;
    QString sqlState; // e.g. "42501" when the database role may not do this
    std::optional<ReviewConflict> conflict;
    // The event as it is after the write (or as it is now, on a conflict),
    // read in the same round trip; unset for hosts and bulk writes.
    std::optional<ReviewEvent> current;
    // Bulk approve: what went through and what did not.
    QList<qint64> succeeded;
    QList<ReviewConflict> conflicts;

    bool ok() const { return status == Status::Ok; }
    // SQLSTATE 42501 (insufficient_privilege): the database role, not the
    // data, refused the write.
    bool refusedByRole() const { return sqlState == QLatin1String("42501"); }
};

} // namespace oc

Q_DECLARE_METATYPE(oc::ReviewOutcome)

#pragma once

#include "DbQuery.h"
#include "ReviewLogEntry.h"

#include <QList>
#include <QString>

namespace oc {

class DbTable;

// The review log lives in audit_log; these build the statements that read
// and write it so both review services speak the same dialect.
class AuditTrail
{
public:
    // SQL for "the reviewer": the configured operator name bound as $n, or
    // the database session user when that is empty.
    static QByteArray actorExpr(int param);
    // Newest first, at most `limit` entries for one target.
    static DbQuery historyQuery(const QString &targetType, qint64 targetId, int limit = 200);
    // Successful writes that produced a version newer than `sinceVersion`.
    static DbQuery changesSinceQuery(const QString &targetType, qint64 targetId, int sinceVersion);
    // A free-text note on the log.
    static DbQuery noteInsert(const QString &actor, const QString &targetType, qint64 targetId, const QString &note);
    static QList<ReviewLogEntry> parse(const DbTable &t);
    // Column list parse() expects, from audit_log aliased as l.
    static const char *selectColumns();
};

} // namespace oc

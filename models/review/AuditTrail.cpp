#include "AuditTrail.h"

#include "DbTable.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace oc {

QByteArray AuditTrail::actorExpr(int param)
{
    return "coalesce(nullif($" + QByteArray::number(param) + "::text, ''), session_user::text)";
}

const char *AuditTrail::selectColumns()
{
    return "l.id, (extract(epoch FROM l.at) * 1000)::bigint, l.actor, l.action, l.phase, l.result, l.params::text";
}

DbQuery AuditTrail::historyQuery(const QString &targetType, qint64 targetId, int limit)
{
    return DbQuery(QByteArray("SELECT ") + selectColumns() +
                   " FROM audit_log l WHERE l.target_type = $1 AND l.target_id = $2 ORDER BY l.id DESC LIMIT $3")
        .bind(targetType)
        .bind(QString::number(targetId))
        .bind(limit);
}

DbQuery AuditTrail::changesSinceQuery(const QString &targetType, qint64 targetId, int sinceVersion)
{
    // The regex guard keeps a hand-written audit row with a non-numeric
    // version from failing the whole read-back.
    return DbQuery(QByteArray("SELECT ") + selectColumns() +
                   " FROM audit_log l WHERE l.target_type = $1 AND l.target_id = $2 AND l.result = 'ok'"
                   " AND CASE WHEN l.params->>'to_version' ~ '^[0-9]{1,9}$'"
                   " THEN (l.params->>'to_version')::int > $3 ELSE false END"
                   " ORDER BY l.id DESC LIMIT 50")
        .bind(targetType)
        .bind(QString::number(targetId))
        .bind(sinceVersion);
}

DbQuery AuditTrail::noteInsert(const QString &actor, const QString &targetType, qint64 targetId, const QString &note)
{
    return DbQuery("INSERT INTO audit_log (actor, action, phase, target_type, target_id, params, result) "
                   "VALUES (" +
                   actorExpr(1) +
                   ", 'review.note', 'note', $2, $3, jsonb_build_object('note', $4::text), 'ok') "
                   "RETURNING id")
        .bind(actor)
        .bind(targetType)
        .bind(QString::number(targetId))
        .bind(note);
}

QList<ReviewLogEntry> AuditTrail::parse(const DbTable &t)
{
    QList<ReviewLogEntry> out;
    out.reserve(t.rowCount());
    for (int r = 0; r < t.rowCount(); ++r) {
        ReviewLogEntry e;
        e.id = t.toInt64(r, 0);
        e.at = QDateTime::fromMSecsSinceEpoch(t.toInt64(r, 1), QTimeZone::UTC);
        e.actor = t.text(r, 2);
        e.action = t.text(r, 3);
        e.phase = t.text(r, 4);
        e.result = t.text(r, 5);
        e.paramsJson = t.text(r, 6);
        const QJsonObject o = QJsonDocument::fromJson(t.raw(r, 6)).object();
        e.note = o.value(QStringLiteral("note")).toString();
        if (e.note.isEmpty())
            e.note = o.value(QStringLiteral("message")).toString();
        e.toVersion = o.value(QStringLiteral("to_version")).toInt();
        out << e;
    }
    return out;
}

} // namespace oc

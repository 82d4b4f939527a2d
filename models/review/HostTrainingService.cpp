#include "HostTrainingService.h"

#include "AuditTrail.h"
#include "DbTable.h"
#include "LogCategories.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace oc {
namespace {

const QByteArray kActor = AuditTrail::actorExpr(3);

QByteArray readBackSql()
{
    return QByteArray("SELECT ") + HostInfo::selectColumns() + " FROM hosts h WHERE h.id = $1::bigint";
}

} // namespace

HostTrainingService::HostTrainingService(DbConnection *db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    qRegisterMetaType<oc::ReviewOutcome>();
    qRegisterMetaType<oc::ReviewConflict>();
    qRegisterMetaType<oc::HostInfo>();
}

void HostTrainingService::write(const QString &action, const HostInfo &seen, const QByteArray &setClause,
                                const QList<std::optional<QByteArray>> &extra, const QByteArray &auditParams, Done done)
{
    auto finish = [this, done](const ReviewOutcome &o) {
        auto log = logcat::review();
        if (o.ok())
            log->info("{} host {} -> v{}", o.action.toStdString(), o.targetId, o.newVersion);
        else
            log->warn("{} host {} refused: {}", o.action.toStdString(), o.targetId,
                      o.conflict ? "changed meanwhile" : o.error.toStdString());
        if (done)
            done(o);
        Q_EMIT writeFinished(o);
        if (o.conflict)
            Q_EMIT conflictDetected(*o.conflict);
    };
    if (!m_db) {
        ReviewOutcome o;
        o.action = action;
        o.targetType = QStringLiteral("host");
        o.targetId = seen.id;
        o.error = tr("No database connection.");
        finish(o);
        return;
    }
    // $1 id, $2 expected version, $3 staffer, $4 action, $5 audit params, $6.. values.
    DbQuery q("WITH u AS (UPDATE hosts SET " + setClause +
              " WHERE id = $1::bigint AND version = $2::int RETURNING version), "
              "a AS (INSERT INTO audit_log (actor, action, phase, target_type, target_id, params, result) "
              "SELECT " +
              kActor +
              ", $4::text, 'outcome', 'host', $1::bigint::text, "
              "$5::jsonb || jsonb_build_object('from_version', $2::int, 'to_version', (SELECT version FROM u)), "
              "CASE WHEN EXISTS (SELECT 1 FROM u) THEN 'ok' ELSE 'conflict' END RETURNING id) "
              "SELECT (SELECT version FROM u) AS new_version, (SELECT id FROM a) AS audit_id");
    q.bind(seen.id).bind(seen.version).bind(m_operator).bind(action).bind(auditParams);
    q.params += extra;
    std::vector<DbQuery> batch {q, DbQuery(readBackSql()).bind(seen.id),
                                AuditTrail::changesSinceQuery(QStringLiteral("host"), seen.id, seen.version)};
    m_db->exec(std::move(batch), this, [this, seen, action, finish](const DbConnection::Outcome &o) {
        ReviewOutcome out;
        out.action = action;
        out.targetType = QStringLiteral("host");
        out.targetId = seen.id;
        if (const DbError *e = DbConnection::error(o)) {
            out.status = ReviewOutcome::Status::Error;
            out.error = e->message;
            out.sqlState = e->sqlState;
            finish(out);
            return;
        }
        const auto &t = *DbConnection::tables(o);
        std::optional<HostInfo> current;
        if (t[1].rowCount() > 0) {
            current = HostInfo::fromTable(t[1], 0);
            Q_EMIT hostRead(*current);
        }
        if (!t[0].isNull(0, 0)) {
            out.status = ReviewOutcome::Status::Ok;
            out.newVersion = int(t[0].toInt64(0, 0));
        } else {
            out.status = ReviewOutcome::Status::Conflict;
            ReviewConflict c;
            c.targetType = QStringLiteral("host");
            c.targetId = seen.id;
            c.targetTitle = current ? current->name : seen.name;
            c.action = action;
            c.expectedVersion = seen.version;
            c.history = AuditTrail::parse(t[2]);
            if (!current) {
                c.reason = ReviewConflict::Reason::Missing;
            } else {
                c.currentVersion = current->version;
                c.changedAt = current->updatedAt;
                c.changes = HostInfo::diff(seen, *current);
                if (!c.history.isEmpty())
                    c.changedBy = c.history.front().actor;
            }
            out.newVersion = c.currentVersion;
            out.conflict = c;
        }
        finish(out);
    });
}

void HostTrainingService::setPrepStatus(const HostInfo &seen, const QString &status, const QString &note, Done done)
{
    QJsonObject p {{QStringLiteral("from"), seen.prepStatus}, {QStringLiteral("to"), status}};
    if (!note.isEmpty())
        p.insert(QStringLiteral("note"), note);
    write(QStringLiteral("host.prep_status"), seen, "prep_status = $6::prep_status", {status.toUtf8()},
          QJsonDocument(p).toJson(QJsonDocument::Compact), std::move(done));
}

void HostTrainingService::logContact(const HostInfo &seen, const QString &note, const QString &newStatus, Done done)
{
    QJsonObject p {{QStringLiteral("note"), note}};
    // The dated line keeps the notes column readable on its own, for staff
    // who look at the host in the backend rather than in the console.
    QByteArray set = "last_contact_at = now(), notes = CASE WHEN $6::text = '' THEN notes "
                     "WHEN notes = '' THEN to_char(now(), 'YYYY-MM-DD HH24:MI') || ' ' || " +
        kActor +
        " || ': ' || $6::text "
        "ELSE notes || E'\\n' || to_char(now(), 'YYYY-MM-DD HH24:MI') || ' ' || " +
        kActor + " || ': ' || $6::text END";
    QList<std::optional<QByteArray>> extra {note.toUtf8()};
    if (!newStatus.isEmpty() && newStatus != seen.prepStatus) {
        set += ", prep_status = $7::prep_status";
        extra.append(newStatus.toUtf8());
        p.insert(QStringLiteral("from"), seen.prepStatus);
        p.insert(QStringLiteral("to"), newStatus);
    }
    write(QStringLiteral("host.contact"), seen, set, extra, QJsonDocument(p).toJson(QJsonDocument::Compact),
          std::move(done));
}

void HostTrainingService::loadHost(qint64 hostId, Loaded done)
{
    if (!m_db) {
        done(std::nullopt, {}, tr("No database connection."));
        return;
    }
    m_db->exec({DbQuery(readBackSql()).bind(hostId), AuditTrail::historyQuery(QStringLiteral("host"), hostId)}, this,
               [done](const DbConnection::Outcome &o) {
                   if (const DbError *e = DbConnection::error(o)) {
                       done(std::nullopt, {}, e->message);
                       return;
                   }
                   const auto &t = *DbConnection::tables(o);
                   std::optional<HostInfo> h;
                   if (t[0].rowCount() > 0)
                       h = HostInfo::fromTable(t[0], 0);
                   done(h, AuditTrail::parse(t[1]), QString());
               });
}

} // namespace oc

#include "ActionAudit.h"

#include "LogCategories.h"

#include <QJsonDocument>
#include <QTimer>

namespace oc {

namespace {

constexpr int kOutcomeAttempts = 4;
constexpr int kOutcomeRetryMs = 2000;

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

DbQuery auditInsert(const char *phase, const QString &actor, const QString &action, const QString &targetType,
                    const QString &targetId, const QJsonObject &params, const QString &result)
{
    DbQuery q("INSERT INTO audit_log (actor, action, phase, target_type, target_id, params, result) "
              "VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) RETURNING id");
    q.bind(actor).bind(action).bind(phase).bind(targetType).bind(targetId).bind(json(params));
    if (result.isNull())
        q.bindNull();
    else
        q.bind(result);
    return q;
}

} // namespace

ActionAudit::ActionAudit(DbConnection *db, QString actor, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_actor(std::move(actor))
{
}

DbQuery ActionAudit::intentQuery(const QString &actor, const QString &action, const QString &targetType,
                                 const QString &targetId, const QJsonObject &params)
{
    return auditInsert("intent", actor, action, targetType, targetId, params, QString());
}

DbQuery ActionAudit::outcomeQuery(const QString &actor, const QString &action, const QString &targetType,
                                  const QString &targetId, const QJsonObject &params, const QString &result)
{
    return auditInsert("outcome", actor, action, targetType, targetId, params, result);
}

QString ActionAudit::okResult(const QString &detail)
{
    return detail.isEmpty() ? QStringLiteral("ok") : QStringLiteral("ok: ") + detail;
}

QString ActionAudit::errorResult(const QString &message)
{
    return QStringLiteral("error: ") + message.left(2000);
}

void ActionAudit::intent(const QString &action, const QString &targetType, const QString &targetId,
                         const QJsonObject &params, std::vector<DbQuery> guards, QObject *context, IntentDone done)
{
    if (!m_db) {
        const DbError e {tr("no database connection"), {}, true};
        if (done)
            done(0, &e);
        return;
    }
    guards.push_back(intentQuery(m_actor, action, targetType, targetId, params));
    const QString what = action;
    m_db->exec(std::move(guards), context, [done, what](const DbConnection::Outcome &o) {
        if (const DbError *e = DbConnection::error(o)) {
            logcat::actions()->warn("{}: intent not recorded ({}): {}", what.toStdString(), e->sqlState.toStdString(),
                                    e->message.toStdString());
            if (done)
                done(0, e);
            return;
        }
        const auto &tables = *DbConnection::tables(o);
        const qint64 id = tables.back().rowCount() ? tables.back().toInt64(0, 0) : 0;
        logcat::actions()->info("{}: intent recorded (audit {})", what.toStdString(), id);
        if (done)
            done(id, nullptr);
    });
}

void ActionAudit::outcome(const QString &action, const QString &targetType, const QString &targetId, QJsonObject params,
                          const QString &result, qint64 intentId)
{
    if (intentId > 0)
        params.insert(QStringLiteral("intent_id"), intentId);
    writeOutcome(outcomeQuery(m_actor, action, targetType, targetId, params, result), action, result, kOutcomeAttempts);
}

void ActionAudit::writeOutcome(DbQuery q, QString action, QString result, int attemptsLeft)
{
    if (!m_db)
        return;
    m_db->exec({q}, this, [this, q, action, result, attemptsLeft](const DbConnection::Outcome &o) {
        if (const DbError *e = DbConnection::error(o)) {
            auto log = logcat::actions();
            // Permission or constraint errors will not heal by retrying.
            if (attemptsLeft > 1 && e->connectionLost) {
                log->warn("{}: outcome not recorded yet, retrying: {}", action.toStdString(), e->message.toStdString());
                QTimer::singleShot(kOutcomeRetryMs, this, [this, q, action, result, attemptsLeft] {
                    writeOutcome(q, action, result, attemptsLeft - 1);
                });
                return;
            }
            log->error("{}: outcome '{}' could not be recorded: {}", action.toStdString(), result.toStdString(),
                       e->message.toStdString());
            Q_EMIT writeFailed(
                tr("The outcome of \"%1\" could not be written to the audit log: %2").arg(action, e->message));
            return;
        }
        logcat::actions()->info("{}: outcome recorded: {}", action.toStdString(), result.toStdString());
        Q_EMIT outcomeWritten(action, result);
    });
}

} // namespace oc

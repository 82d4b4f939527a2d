#pragma once

#include "DbConnection.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>
#include <vector>

namespace oc {

// Every action writes its intent to audit_log before it acts and its
// outcome after (who, when, what, parameters, result), so an incident review
// can tell "asked for and never answered" from "never asked". The action
// names 'launch', 'flip_static', 'flip_dynamic', 'blast' and
// 'blast_approved' are what HubFeed turns into chart annotations.
class ActionAudit : public QObject
{
    Q_OBJECT
public:
    // id of the audit row on success; error otherwise.
    using IntentDone = std::function<void(qint64 intentId, const DbError *error)>;

    ActionAudit(DbConnection *db, QString actor, QObject *parent = nullptr);

    QString actor() const { return m_actor; }
    DbConnection *db() const { return m_db; }

    // Statements for callers that write the audit row in the same batch (one
    // transaction) as their own change.
    static DbQuery intentQuery(const QString &actor, const QString &action, const QString &targetType,
                               const QString &targetId, const QJsonObject &params);
    static DbQuery outcomeQuery(const QString &actor, const QString &action, const QString &targetType,
                                const QString &targetId, const QJsonObject &params, const QString &result);

    // Writes the intent. `guards` run first in the same transaction: a
    // statement that needs the privileges the action needs (for example
    // SELECT ... FOR UPDATE on the table the backend will change) makes the
    // database refuse the intent, and so the action, for a role that may not
    // act. The intent id is the last statement's result.
    void intent(const QString &action, const QString &targetType, const QString &targetId, const QJsonObject &params,
                std::vector<DbQuery> guards, QObject *context, IntentDone done);
    // Writes the outcome; a failed write is retried a few times because an
    // action whose outcome is missing looks like one still in progress.
    void outcome(const QString &action, const QString &targetType, const QString &targetId, QJsonObject params,
                 const QString &result, qint64 intentId = 0);

    // "ok" / "error: ..." as the result column reads.
    static QString okResult(const QString &detail = {});
    static QString errorResult(const QString &message);

Q_SIGNALS:
    void outcomeWritten(const QString &action, const QString &result);
    void writeFailed(const QString &message);

private:
    void writeOutcome(DbQuery q, QString action, QString result, int attemptsLeft);

    QPointer<DbConnection> m_db;
    QString m_actor;
};

} // namespace oc

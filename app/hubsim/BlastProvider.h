#pragma once

#include "HttpReply.h"

#include <QFuture>
#include <QJsonObject>
#include <QObject>
#include <QUuid>

#include <optional>

namespace oc {
class PgSession;
} // namespace oc

namespace oc::sim {

class PgSessionPool;

// The email/SMS provider behind POST /api/v1/blasts. Its own table,
// hubsim_sent_blasts, is the provider's ledger: one row per idempotency key,
// inserted with ON CONFLICT DO NOTHING so any number of concurrent or
// retried calls with one key send once. A send moves queued -> sending ->
// sent on timers; when the console wrote a `blasts` row with the same key,
// that row follows along (status, remote_id, sent_count).
class BlastProvider : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int queuedMs = 1500; // time a send can still be cancelled
        int sendingMs = 1500;
    };
    struct Request
    {
        QUuid key;
        QByteArray fingerprint; // hash of the canonical body: same key + other body = 422
        QString channel;
        QString campaign;
        QJsonObject audience;
        int audienceSize = 0;
        QString message;
    };

    BlastProvider(Options o, PgSessionPool &pool, QObject *parent = nullptr);

    // Validates a create-blast body; `error` says what is wrong.
    static std::optional<Request> parse(const QUuid &key, const QJsonObject &body, QString *error);

    static void ensureSchema(PgSession &s);
    // Picks up sends an earlier run left queued or sending (blocking).
    void resume(PgSession &s);

    QFuture<HttpReply> create(const Request &r);
    QFuture<HttpReply> get(const QString &idOrKey);
    QFuture<HttpReply> cancel(const QString &idOrKey);

private:
    void schedule(qint64 id, const QString &from, int delayMs);
    void advance(qint64 id, const QString &from);

    Options m_o;
    PgSessionPool &m_pool;
};

} // namespace oc::sim

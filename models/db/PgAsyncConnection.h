#pragma once

#include "DbConnection.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTimer>

#include <deque>
#include <memory>

struct pg_conn;
class QSocketNotifier;

namespace oc {

// Non-blocking libpq on the Qt event loop: PQconnectStart/PQconnectPoll and
// pipeline mode driven by QSocketNotifier, so the thread that owns it never
// waits on the network. One batch in flight at a time; a lost connection
// fails what is pending (writes are never replayed behind the caller's back)
// and reconnects with exponential backoff and jitter.
class PgAsyncConnection : public DbConnection
{
    Q_OBJECT
public:
    explicit PgAsyncConnection(QObject *parent = nullptr);
    ~PgAsyncConnection() override;

    void setAutoReconnect(bool on) { m_autoReconnect = on; }
    void setQueryTimeoutMs(int ms) { m_queryTimeoutMs = ms; }
    void setConnectTimeoutMs(int ms) { m_connectTimeoutMs = ms; }
    void setBackoff(int initialMs, int maxMs)
    {
        m_backoffInitialMs = initialMs;
        m_backoffMaxMs = maxMs;
    }
    int reconnectAttempts() const { return m_attempt; }

    void open(const QString &conninfo) override;
    void close() override;
    State state() const override { return m_state; }
    QString lastError() const override { return m_lastError; }
    bool isStandby() const override { return m_standby; }
    int pending() const override { return int(m_queue.size()); }
    void exec(std::vector<DbQuery> batch, QObject *context, Callback cb) override;

private:
    struct Job
    {
        std::vector<DbQuery> batch;
        QPointer<QObject> context;
        bool hasContext = false;
        Callback cb;
        std::vector<DbTable> results;
        std::optional<DbError> error;
    };

    void startConnect();
    void pollConnect();
    void updateNotifiers(bool wantRead, bool wantWrite);
    void onSocketEvent();
    void sendNext();
    void flush();
    void drainResults();
    void completeFront();
    void lose(const QString &reason);
    void scheduleReconnect();
    void setState(State s);
    void dropSocket();

    pg_conn *m_conn = nullptr;
    QString m_conninfo;
    State m_state = State::Disconnected;
    QString m_lastError;
    bool m_standby = false;
    bool m_connecting = false;
    bool m_closedByUser = false;

    int m_socket = -1;
    std::unique_ptr<QSocketNotifier> m_readNotifier;
    std::unique_ptr<QSocketNotifier> m_writeNotifier;

    std::deque<Job> m_queue;
    bool m_inFlight = false;
    size_t m_queryIndex = 0;
    // Result slots of the batch in flight: a query index, -1 for the
    // result of a PQsendPrepare that precedes its first execution, or -3 for
    // the look-up of text-like types ahead of the first binary statement.
    std::vector<int> m_slots;
    std::vector<QByteArray> m_slotNames;
    QSet<QByteArray> m_prepared;
    std::vector<quint32> m_textLikeTypes; // see PgResult::textLikeTypesSql
    bool m_textLikeTypesKnown = false;
    bool m_gotResult = false;

    QTimer m_timeout;
    QTimer m_reconnectTimer;
    bool m_autoReconnect = true;
    int m_attempt = 0;
    int m_queryTimeoutMs = 120000; // a first snapshot of millions of rows on a busy server
    int m_connectTimeoutMs = 10000;
    int m_backoffInitialMs = 500;
    int m_backoffMaxMs = 30000;
};

} // namespace oc

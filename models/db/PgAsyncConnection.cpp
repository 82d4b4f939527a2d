#include "PgAsyncConnection.h"

#include "ConnInfo.h"
#include "LogCategories.h"
#include "PgResult.h"

#include <libpq-fe.h>

#include <QRandomGenerator>
#include <QSocketNotifier>

#include <algorithm>
#include <cmath>

namespace oc {
PgAsyncConnection::PgAsyncConnection(QObject *parent)
    : DbConnection(parent)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        lose(m_connecting ? QStringLiteral("connection attempt timed out after %1 s").arg(m_connectTimeoutMs / 1000)
                          : QStringLiteral("query timed out after %1 s").arg(m_queryTimeoutMs / 1000));
    });
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &PgAsyncConnection::startConnect);
}

PgAsyncConnection::~PgAsyncConnection()
{
    m_autoReconnect = false;
    dropSocket();
    if (m_conn)
        PQfinish(m_conn);
}

void PgAsyncConnection::open(const QString &conninfo)
{
    close();
    m_conninfo = conninfo;
    m_attempt = 0;
    m_closedByUser = false;
    startConnect();
}

void PgAsyncConnection::close()
{
    m_closedByUser = true;
    m_reconnectTimer.stop();
    m_timeout.stop();
    dropSocket();
    if (m_conn) {
        PQfinish(m_conn);
        m_conn = nullptr;
    }
    m_connecting = false;
    m_inFlight = false;
    std::deque<Job> jobs;
    jobs.swap(m_queue);
    for (Job &j : jobs) {
        if (j.cb && (!j.hasContext || j.context))
            j.cb(Outcome(DbError {QStringLiteral("connection closed"), {}, true}));
    }
    setState(State::Disconnected);
}

void PgAsyncConnection::setState(State s)
{
    if (s == m_state)
        return;
    m_state = s;
    Q_EMIT stateChanged(s);
}

void PgAsyncConnection::dropSocket()
{
    m_readNotifier.reset();
    m_writeNotifier.reset();
    m_socket = -1;
}

void PgAsyncConnection::startConnect()
{
    if (m_closedByUser && m_conninfo.isEmpty())
        return;
    m_closedByUser = false;
    dropSocket();
    if (m_conn) {
        PQfinish(m_conn);
        m_conn = nullptr;
    }
    setState(State::Connecting);
    m_connecting = true;
    m_prepared.clear();
    m_textLikeTypesKnown = false;
    logcat::db()->info("connecting to {}", ConnInfo::redacted(m_conninfo).toStdString());
    m_conn = PQconnectStart(m_conninfo.toUtf8().constData());
    if (!m_conn || PQstatus(m_conn) == CONNECTION_BAD) {
        lose(m_conn ? QString::fromUtf8(PQerrorMessage(m_conn)).trimmed() : QStringLiteral("out of memory"));
        return;
    }
    PQsetnonblocking(m_conn, 1);
    m_timeout.start(m_connectTimeoutMs);
    // libpq's contract: behave as if the last poll said "writing".
    updateNotifiers(false, true);
}

void PgAsyncConnection::updateNotifiers(bool wantRead, bool wantWrite)
{
    const int sock = m_conn ? PQsocket(m_conn) : -1;
    if (sock != m_socket) {
        // The socket changes when libpq tries the next host or address.
        dropSocket();
        m_socket = sock;
        if (sock >= 0) {
            m_readNotifier = std::make_unique<QSocketNotifier>(sock, QSocketNotifier::Read);
            m_writeNotifier = std::make_unique<QSocketNotifier>(sock, QSocketNotifier::Write);
            connect(m_readNotifier.get(), &QSocketNotifier::activated, this, &PgAsyncConnection::onSocketEvent);
            connect(m_writeNotifier.get(), &QSocketNotifier::activated, this, &PgAsyncConnection::onSocketEvent);
        }
    }
    if (m_readNotifier)
        m_readNotifier->setEnabled(wantRead);
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(wantWrite);
}

void PgAsyncConnection::onSocketEvent()
{
    if (!m_conn)
        return;
    if (m_connecting) {
        pollConnect();
        return;
    }
    if (m_writeNotifier && m_writeNotifier->isEnabled())
        flush();
    if (!m_conn)
        return;
    if (PQconsumeInput(m_conn) == 0) {
        lose(QString::fromUtf8(PQerrorMessage(m_conn)).trimmed());
        return;
    }
    drainResults();
}

void PgAsyncConnection::pollConnect()
{
    switch (PQconnectPoll(m_conn)) {
    case PGRES_POLLING_READING: updateNotifiers(true, false); break;
    case PGRES_POLLING_WRITING: updateNotifiers(false, true); break;
    case PGRES_POLLING_FAILED: lose(QString::fromUtf8(PQerrorMessage(m_conn)).trimmed()); break;
    case PGRES_POLLING_OK: {
        m_timeout.stop();
        m_connecting = false;
        m_attempt = 0;
        m_lastError.clear();
        const char *hs = PQparameterStatus(m_conn, "in_hot_standby");
        m_standby = hs && qstrcmp(hs, "on") == 0;
        if (PQenterPipelineMode(m_conn) != 1) {
            lose(QStringLiteral("server does not support pipeline mode"));
            return;
        }
        updateNotifiers(true, false);
        logcat::db()->info("connected (server {}, {})", PQserverVersion(m_conn), m_standby ? "standby" : "primary");
        setState(State::Connected);
        Q_EMIT connected();
        sendNext();
        break;
    }
    default: break;
    }
}

void PgAsyncConnection::exec(std::vector<DbQuery> batch, QObject *context, Callback cb)
{
    Job job;
    job.batch = std::move(batch);
    job.context = context;
    job.hasContext = context != nullptr;
    job.cb = std::move(cb);
    if (job.batch.empty()) {
        if (job.cb)
            job.cb(Outcome(std::vector<DbTable> {}));
        return;
    }
    if (m_state != State::Connected && m_state != State::Connecting) {
        // Fail fast while down: the caller shows stale data rather than
        // piling up reads that would all fire at once on reconnect.
        const DbError err {m_lastError.isEmpty() ? QStringLiteral("not connected") : m_lastError, {}, true};
        if (job.cb)
            QTimer::singleShot(0, context ? context : this, [cb = job.cb, err] { cb(Outcome(err)); });
        return;
    }
    m_queue.push_back(std::move(job));
    sendNext();
}

void PgAsyncConnection::sendNext()
{
    if (m_state != State::Connected || m_inFlight || m_queue.empty() || !m_conn)
        return;
    Job &job = m_queue.front();
    m_slots.clear();
    m_slotNames.clear();
    if (!m_textLikeTypesKnown &&
        std::any_of(job.batch.begin(), job.batch.end(), [](const DbQuery &q) { return q.binaryResults; })) {
        // Ahead of the first binary statement on this connection, in the same
        // round trip: which extension types (citext) are text in binary.
        if (!PQsendQueryParams(m_conn, PgResult::textLikeTypesSql(), 0, nullptr, nullptr, nullptr, nullptr, 0)) {
            lose(QString::fromUtf8(PQerrorMessage(m_conn)).trimmed());
            return;
        }
        m_slots.push_back(-3);
        m_slotNames.push_back({});
    }
    for (size_t qi = 0; qi < job.batch.size(); ++qi) {
        const DbQuery &q = job.batch[qi];
        std::vector<const char *> values;
        std::vector<QByteArray> keep; // keeps the bytes alive through the send
        values.reserve(size_t(q.params.size()));
        keep.reserve(size_t(q.params.size()));
        for (const auto &p : q.params) {
            if (p) {
                keep.push_back(*p);
                values.push_back(keep.back().constData());
            } else {
                values.push_back(nullptr);
            }
        }
        int ok = 0;
        const int resultFormat = q.binaryResults ? 1 : 0;
        if (q.preparedName.isEmpty()) {
            ok = PQsendQueryParams(m_conn, q.sql.constData(), int(values.size()), nullptr, values.data(), nullptr,
                                   nullptr, resultFormat);
        } else {
            if (!m_prepared.contains(q.preparedName)) {
                if (!PQsendPrepare(m_conn, q.preparedName.constData(), q.sql.constData(), int(values.size()),
                                   nullptr)) {
                    lose(QString::fromUtf8(PQerrorMessage(m_conn)).trimmed());
                    return;
                }
                m_prepared.insert(q.preparedName);
                m_slots.push_back(-1);
                m_slotNames.push_back(q.preparedName);
            }
            ok = PQsendQueryPrepared(m_conn, q.preparedName.constData(), int(values.size()), values.data(), nullptr,
                                     nullptr, resultFormat);
        }
        if (!ok) {
            lose(QString::fromUtf8(PQerrorMessage(m_conn)).trimmed());
            return;
        }
        m_slots.push_back(int(qi));
        m_slotNames.push_back({});
    }
    if (!PQpipelineSync(m_conn)) {
        lose(QString::fromUtf8(PQerrorMessage(m_conn)).trimmed());
        return;
    }
    job.results.assign(job.batch.size(), DbTable());
    m_inFlight = true;
    m_queryIndex = 0;
    m_gotResult = false;
    m_timeout.start(m_queryTimeoutMs);
    flush();
}

void PgAsyncConnection::flush()
{
    if (!m_conn)
        return;
    const int r = PQflush(m_conn);
    if (r < 0) {
        lose(QString::fromUtf8(PQerrorMessage(m_conn)).trimmed());
        return;
    }
    updateNotifiers(true, r == 1);
}

void PgAsyncConnection::drainResults()
{
    while (m_conn && m_inFlight && !PQisBusy(m_conn)) {
        PGresult *res = PQgetResult(m_conn);
        Job &job = m_queue.front();
        if (!res) {
            if (m_gotResult && m_queryIndex < m_slots.size()) {
                ++m_queryIndex;
                m_gotResult = false;
                continue;
            }
            break;
        }
        const ExecStatusType st = PQresultStatus(res);
        if (st == PGRES_PIPELINE_SYNC) {
            PQclear(res);
            QPointer<PgAsyncConnection> self(this);
            completeFront();
            if (!self)
                return; // a callback deleted the connection
            continue;
        }
        const int slot = m_queryIndex < m_slots.size() ? m_slots[m_queryIndex] : -2;
        if (slot == -1 && (st == PGRES_FATAL_ERROR || st == PGRES_PIPELINE_ABORTED)) {
            // Not prepared after all: prepare again next time.
            m_prepared.remove(m_slotNames[m_queryIndex]);
            if (!job.error)
                job.error = st == PGRES_FATAL_ERROR
                    ? PgResult::toError(res, m_conn)
                    : DbError {QStringLiteral("statement skipped after an earlier error"), {}, false};
        } else if (slot == -3) {
            if (st == PGRES_TUPLES_OK) {
                m_textLikeTypes = PgResult::textLikeTypes(res);
                m_textLikeTypesKnown = true;
            } else if (st == PGRES_FATAL_ERROR && !job.error) {
                job.error = PgResult::toError(res, m_conn);
            }
        } else if (slot >= 0) {
            if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
                job.results[size_t(slot)] = PgResult::toTable(res, m_textLikeTypes);
            } else if (st == PGRES_FATAL_ERROR || st == PGRES_NONFATAL_ERROR) {
                if (!job.error)
                    job.error = PgResult::toError(res, m_conn);
            } else if (st == PGRES_PIPELINE_ABORTED) {
                if (!job.error)
                    job.error = DbError {QStringLiteral("statement skipped after an earlier error"), {}, false};
            }
        }
        m_gotResult = true;
        PQclear(res);
    }
    if (!m_inFlight)
        sendNext();
}

void PgAsyncConnection::completeFront()
{
    m_timeout.stop();
    m_inFlight = false;
    Job job = std::move(m_queue.front());
    m_queue.pop_front();
    if (job.cb && (!job.hasContext || job.context)) {
        if (job.error)
            job.cb(Outcome(*job.error));
        else
            job.cb(Outcome(std::move(job.results)));
    }
}

void PgAsyncConnection::lose(const QString &reason)
{
    m_timeout.stop();
    m_prepared.clear(); // prepared statements die with the session
    m_lastError = reason.isEmpty() ? QStringLiteral("connection lost") : reason;
    logcat::db()->warn("database connection problem: {}", m_lastError.toStdString());
    dropSocket();
    if (m_conn) {
        PQfinish(m_conn);
        m_conn = nullptr;
    }
    const bool wasConnected = m_state == State::Connected;
    m_connecting = false;
    m_inFlight = false;
    std::deque<Job> jobs;
    jobs.swap(m_queue);
    QPointer<PgAsyncConnection> self(this);
    for (Job &j : jobs) {
        if (j.cb && (!j.hasContext || j.context))
            j.cb(Outcome(DbError {m_lastError, {}, true}));
        if (!self)
            return;
    }
    if (m_autoReconnect && !m_closedByUser)
        scheduleReconnect();
    else
        setState(State::Disconnected);
    // Report a loss, or the first failure of a series of attempts, once.
    if (wasConnected || !m_autoReconnect || m_closedByUser || m_attempt == 1)
        Q_EMIT connectionLost(m_lastError);
}

void PgAsyncConnection::scheduleReconnect()
{
    // Exponential backoff with jitter so fifty consoles that lost the same
    // server do not return to it in the same millisecond.
    const double base = std::min<double>(m_backoffMaxMs, m_backoffInitialMs * std::pow(2.0, std::min(m_attempt, 16)));
    const double jitter = 0.5 + QRandomGenerator::global()->generateDouble();
    const int delay = int(std::min<double>(m_backoffMaxMs, base * jitter));
    ++m_attempt;
    setState(State::Backoff);
    logcat::db()->info("reconnecting in {} ms (attempt {})", delay, m_attempt);
    m_reconnectTimer.start(delay);
}

} // namespace oc

#include "PgSessionPool.h"

namespace oc::sim {

PgSessionPool::PgSessionPool(QString conninfo, int size, QString applicationName)
    : m_conninfo(std::move(conninfo))
    , m_applicationName(std::move(applicationName))
{
    m_threads.setMaxThreadCount(std::max(1, size));
    // Threads that expire would strand nothing (sessions live in m_idle), but
    // recreating them under load costs latency for no gain.
    m_threads.setExpiryTimeout(-1);
}

PgSessionPool::~PgSessionPool()
{
    m_threads.waitForDone();
}

std::unique_ptr<PgSession> PgSessionPool::acquire()
{
    {
        QMutexLocker lock(&m_mutex);
        if (!m_idle.empty()) {
            auto s = std::move(m_idle.back());
            m_idle.pop_back();
            return s;
        }
    }
    auto s = std::make_unique<PgSession>(m_conninfo);
    s->exec(DbQuery("SELECT set_config('application_name', $1, false)").bind(m_applicationName));
    // A wedged statement must not pin a pool thread (and the HTTP requests
    // queued behind it) forever.
    s->exec("SET statement_timeout = '15s'");
    return s;
}

void PgSessionPool::release(std::unique_ptr<PgSession> s, const DbError &error)
{
    if (!s || !s->isOpen() || error.connectionLost)
        return;
    QMutexLocker lock(&m_mutex);
    m_idle.push_back(std::move(s));
}

} // namespace oc::sim

#include "PoolRunner.h"

#include <QFuture>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <numeric>
#include <thread>
#include <utility>

namespace oc {

namespace {

// Not Qt's global pool: a caller of ClusterIndex::load may itself run on
// one of its threads (QtConcurrent::run), and the parts should not queue
// behind unrelated work there.
QThreadPool &pool()
{
    static QThreadPool *p = [] {
        auto *tp = new QThreadPool;
        tp->setMaxThreadCount(int(PoolRunner::kMaxThreads) - 1);
        return tp;
    }();
    return *p;
}

} // namespace

struct PoolRunner::Pending
{
    QFuture<void> future;
};

unsigned PoolRunner::defaultThreads()
{
    return std::clamp(std::thread::hardware_concurrency(), 1u, kMaxThreads);
}

PoolRunner::PoolRunner(unsigned threads)
    : m_size(threads == 0 ? defaultThreads() : std::clamp(threads, 1u, kMaxThreads))
    , m_pending(std::make_unique<Pending>())
{
    m_all.resize(m_size);
    std::iota(m_all.begin(), m_all.end(), 0u);
    m_helpers.assign(m_all.begin() + 1, m_all.end());
}

PoolRunner::~PoolRunner()
{
    // A started job must not outlive the runner that points at it.
    m_pending->future.waitForFinished();
}

void PoolRunner::run(const std::function<void(unsigned part)> &job)
{
    // QtConcurrent passes on only QException; anything else is kept here
    // and rethrown as thrown, as the caller of a plain loop would see it.
    auto guarded = [this, &job](unsigned &part) {
        try {
            job(part);
        } catch (...) {
            const std::lock_guard lock(m_errorMutex);
            if (!m_error)
                m_error = std::current_exception();
        }
    };
    if (m_size == 1)
        guarded(m_all[0]);
    else
        QtConcurrent::blockingMap(&pool(), m_all, guarded);
    if (m_error)
        std::rethrow_exception(std::exchange(m_error, nullptr));
}

void PoolRunner::start(const std::function<void(unsigned part)> &job)
{
    if (m_helpers.empty())
        return;
    m_pending->future = QtConcurrent::map(&pool(), m_helpers, [this, &job](unsigned &part) {
        try {
            job(part);
        } catch (...) {
            const std::lock_guard lock(m_errorMutex);
            if (!m_error)
                m_error = std::current_exception();
        }
    });
}

void PoolRunner::wait()
{
    m_pending->future.waitForFinished();
    m_pending->future = {};
    if (m_error)
        std::rethrow_exception(std::exchange(m_error, nullptr));
}

} // namespace oc

#pragma once

#include "PartRunner.h"

#include <exception>
#include <memory>
#include <mutex>
#include <vector>

namespace oc {

// The parallel phases of ClusterIndex::load on Qt Concurrent's thread pool:
// run() is QtConcurrent::blockingMap over the parts (the calling thread takes
// parts too, so a busy pool never stalls it), start()/wait() are
// QtConcurrent::map and waiting on its future (which runs a part the pool
// has not started yet on the waiting thread). It replaced TaskTeam, whose
// helpers spun between phases: bench/cluster's bench_taskteam measured the
// two on the same builds (docs/benchmarks.md), and the spinning bought
// nothing on a build while costing CPU, and much more on a busy machine.
//
// The pool is one for the process, of kMaxThreads - 1 threads, shared by
// every runner; threads idle for 30 s leave (QThreadPool's default).
class PoolRunner : public PartRunner
{
public:
    static constexpr unsigned kMaxThreads = 4;

    // `threads` counts the calling thread; 0 means one per core, at most kMaxThreads.
    explicit PoolRunner(unsigned threads = 0);
    ~PoolRunner() override;
    PoolRunner(const PoolRunner &) = delete;
    PoolRunner &operator=(const PoolRunner &) = delete;

    unsigned size() const override { return m_size; }
    // Every part once; the first exception a part throws is rethrown here,
    // after every part is done.
    void run(const std::function<void(unsigned part)> &job) override;
    // Parts 1 to size() - 1 on the pool; with one thread nothing runs.
    void start(const std::function<void(unsigned part)> &job) override;
    void wait() override;

    // What 0 stands for: the cores of the machine, at most kMaxThreads.
    static unsigned defaultThreads();

private:
    struct Pending;

    unsigned m_size;
    std::vector<unsigned> m_all, m_helpers;
    std::unique_ptr<Pending> m_pending;
    std::mutex m_errorMutex;
    std::exception_ptr m_error;
};

} // namespace oc

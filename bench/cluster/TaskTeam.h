#pragma once

#include "PartRunner.h"

#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace oc {

// A few threads that take part in one job at a time, for the phases of a
// computation that split into independent parts. It ran ClusterIndex::load's
// phases until bench_taskteam compared it with Qt Concurrent's pool
// (oc::PoolRunner, which replaced it; docs/benchmarks.md); it stays here,
// beside that benchmark, so the comparison can be run again.
//
// The helpers live as long as the team and spin briefly between jobs before
// they sleep: an index build runs one short phase after another, a tenth of a
// millisecond apart at 10k points, where starting a thread per phase or a
// sleep/wake round trip would cost more than the parallel part saves.
class TaskTeam : public PartRunner
{
public:
    static constexpr unsigned kMaxThreads = 4;

    // `threads` counts the calling thread; 0 means one per core, at most kMaxThreads.
    explicit TaskTeam(unsigned threads = 0);
    ~TaskTeam() override;
    TaskTeam(const TaskTeam &) = delete;
    TaskTeam &operator=(const TaskTeam &) = delete;

    // Threads that take part in run(), the caller included.
    unsigned size() const override { return unsigned(helpers_.size()) + 1; }

    // Calls job(part) once for every part in [0, size()), part 0 on the
    // calling thread, and returns once all have returned. The first
    // exception a part throws is rethrown here, after every part is done.
    void run(const std::function<void(unsigned part)> &job) override;

    // Starts job(part) for every part in [1, size()) on the helpers and
    // returns at once, so the caller can do other work meanwhile; wait()
    // joins them (and rethrows as run() does). `job` must outlive wait().
    // With no helpers nothing runs.
    void start(const std::function<void(unsigned part)> &job) override;
    void wait() override;

    // What 0 stands for: the cores of the machine, at most kMaxThreads.
    static unsigned defaultThreads();

private:
    void helperLoop(unsigned part);
    void finishPart(std::exception_ptr error);

    std::vector<std::thread> helpers_;
    const std::function<void(unsigned)> *job_ = nullptr;
    std::atomic<std::uint32_t> generation_ {0}; // bumped to start a job
    std::atomic<std::uint32_t> pending_ {0}; // helpers still working on it
    std::atomic<bool> stopping_ {false};
    std::mutex errorMutex_;
    std::exception_ptr error_;
};

} // namespace oc

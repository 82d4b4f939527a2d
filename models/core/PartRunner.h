#pragma once

#include <functional>

namespace oc {

// How the parallel phases of a computation run (ClusterIndex::load): size()
// parts, by the calling thread and others. PoolRunner (Qt Concurrent's
// pool) is the project's; bench/cluster's bench_taskteam measures it
// against the spinning TaskTeam it replaced, behind this same seam.
class PartRunner
{
public:
    virtual ~PartRunner() = default;

    // Threads that take part in run(), the caller included.
    virtual unsigned size() const = 0;
    // Calls job(part) once for every part in [0, size()) and returns once
    // all have returned; rethrows the first exception a part threw.
    virtual void run(const std::function<void(unsigned part)> &job) = 0;
    // Starts job(part) for every part in [1, size()) and returns at once;
    // wait() joins them. `job` must outlive wait().
    virtual void start(const std::function<void(unsigned part)> &job) = 0;
    virtual void wait() = 0;
};

} // namespace oc

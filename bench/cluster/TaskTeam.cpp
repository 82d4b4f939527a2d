#include "TaskTeam.h"

#include <algorithm>

namespace oc {

namespace {

// About 20 µs of polling before a helper sleeps: longer than the gap between
// the phases of a build, far shorter than anything a user would notice as
// a busy core.
constexpr int kSpins = 4000;

inline void cpuRelax()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#else
    std::this_thread::yield();
#endif
}

// Spins, then sleeps, until `value` is no longer `old`; returns the new value.
std::uint32_t awaitChange(const std::atomic<std::uint32_t> &value, std::uint32_t old)
{
    for (int spin = 0; spin < kSpins; ++spin) {
        const std::uint32_t now = value.load(std::memory_order_acquire);
        if (now != old)
            return now;
        cpuRelax();
    }
    for (;;) {
        value.wait(old, std::memory_order_acquire);
        const std::uint32_t now = value.load(std::memory_order_acquire);
        if (now != old)
            return now;
    }
}

} // namespace

unsigned TaskTeam::defaultThreads()
{
    return std::clamp(std::thread::hardware_concurrency(), 1u, kMaxThreads);
}

TaskTeam::TaskTeam(unsigned threads)
{
    const unsigned total = threads == 0 ? defaultThreads() : std::min(threads, kMaxThreads);
    helpers_.reserve(total - 1);
    for (unsigned part = 1; part < total; ++part)
        helpers_.emplace_back([this, part] { helperLoop(part); });
}

TaskTeam::~TaskTeam()
{
    stopping_.store(true, std::memory_order_relaxed);
    generation_.fetch_add(1, std::memory_order_release);
    generation_.notify_all();
    for (std::thread &t : helpers_)
        t.join();
}

void TaskTeam::run(const std::function<void(unsigned part)> &job)
{
    start(job);
    try {
        job(0);
    } catch (...) {
        const std::lock_guard lock(errorMutex_);
        if (!error_)
            error_ = std::current_exception();
    }
    wait();
}

void TaskTeam::start(const std::function<void(unsigned part)> &job)
{
    if (helpers_.empty())
        return;
    job_ = &job;
    error_ = nullptr;
    pending_.store(std::uint32_t(helpers_.size()), std::memory_order_relaxed);
    generation_.fetch_add(1, std::memory_order_release);
    generation_.notify_all();
}

void TaskTeam::wait()
{
    for (std::uint32_t left = pending_.load(std::memory_order_acquire); left != 0;)
        left = awaitChange(pending_, left);
    job_ = nullptr;
    if (error_)
        std::rethrow_exception(std::exchange(error_, nullptr));
}

void TaskTeam::finishPart(std::exception_ptr error)
{
    if (error) {
        const std::lock_guard lock(errorMutex_);
        if (!error_)
            error_ = std::move(error);
    }
    if (pending_.fetch_sub(1, std::memory_order_acq_rel) == 1)
        pending_.notify_one();
}

void TaskTeam::helperLoop(unsigned part)
{
    std::uint32_t seen = 0;
    for (;;) {
        seen = awaitChange(generation_, seen);
        if (stopping_.load(std::memory_order_relaxed))
            return;
        std::exception_ptr error;
        try {
            (*job_)(part);
        } catch (...) {
            error = std::current_exception();
        }
        finishPart(std::move(error));
    }
}

} // namespace oc

// TaskTeam (helpers that spin ~20 µs between jobs, then sleep; it ran
// ClusterIndex's phases until this comparison, and lives on here only for
// it) against Qt Concurrent's thread pool (oc::PoolRunner:
// QtConcurrent::blockingMap for run(), QtConcurrent::map + waitForFinished
// for start()/wait()), both behind PartRunner, running the same
// ClusterIndex::load on the same points in the same process, taking turns.
// A one-thread build is the baseline of both.
// A second table isolates what differs between them, the hand-over: many
// phases of almost no work, as a build's small zooms are.
//
//   installer/env.sh BUILD/bin/bench_taskteam [--sizes 10000,100000,1000000] [--reps 15,7,3]
#include "ClusterIndex.h"
#include "PartRunner.h"
#include "PoolRunner.h"
#include "TaskTeam.h"

#include <QCoreApplication>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include <time.h>

using namespace oc;

namespace {

using Clock = std::chrono::steady_clock;

double cpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? NAN : v[v.size() / 2];
}

// Event-like: 90 % around 60 random "cities" (gaussian, a few km), 10 %
// anywhere in the continental US; fixed seed, the same for every contender.
std::vector<ClusterPoint> points(std::size_t n)
{
    std::mt19937_64 rng(20261206);
    std::uniform_real_distribution<double> lng(-124.8, -66.9), lat(24.5, 49.4), unit(0, 1);
    std::normal_distribution<double> gauss(0, 0.08);
    std::vector<std::pair<double, double>> cities(60);
    for (auto &c : cities)
        c = {lng(rng), lat(rng)};
    std::uniform_int_distribution<std::size_t> city(0, cities.size() - 1);
    std::vector<ClusterPoint> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        ClusterPoint &p = out[i];
        if (unit(rng) < 0.1) {
            p.lng = lng(rng);
            p.lat = lat(rng);
        } else {
            const auto &[cx, cy] = cities[city(rng)];
            p.lng = cx + gauss(rng);
            p.lat = cy + gauss(rng);
        }
        p.id = std::uint32_t(i);
        p.rsvps = std::uint32_t(i % 37);
        p.state = std::uint8_t(i % 4);
    }
    return out;
}

struct Sample
{
    double wallMs = 0, cpuMs = 0;
    std::size_t clusters = 0;
};

Sample build(const std::vector<ClusterPoint> &pts, PartRunner *runner)
{
    ClusterIndex index;
    index.setRunner(runner);
    const double c0 = cpuMs();
    const auto t0 = Clock::now();
    index.load(pts);
    return {std::chrono::duration<double, std::milli>(Clock::now() - t0).count(), cpuMs() - c0, index.clusterCount()};
}

// `phases` jobs whose parts each add one to a counter: the cost of handing
// a phase to the helpers and learning they are done, per phase.
Sample handOver(PartRunner &runner, int phases, bool overlapped)
{
    std::atomic<std::uint64_t> sum {0};
    const std::function<void(unsigned)> job = [&sum](unsigned) { sum.fetch_add(1, std::memory_order_relaxed); };
    const double c0 = cpuMs();
    const auto t0 = Clock::now();
    for (int i = 0; i < phases; ++i) {
        if (overlapped) { // as the build's sums: start, the caller's own work, wait
            runner.start(job);
            job(0);
            runner.wait();
        } else {
            runner.run(job);
        }
    }
    const double wall = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    return {wall * 1000.0 / phases, (cpuMs() - c0) * 1000.0 / phases, std::size_t(sum.load())};
}

std::vector<long> parseList(const char *s)
{
    std::vector<long> out;
    for (const char *p = s; *p;) {
        char *end = nullptr;
        out.push_back(std::strtol(p, &end, 10));
        p = *end == ',' ? end + 1 : end;
        if (end == p && *p)
            break;
    }
    return out;
}

std::string fmt(double v)
{
    char b[32];
    std::snprintf(b, sizeof b, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    return b;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    std::vector<long> sizes {10'000, 100'000, 1'000'000};
    std::vector<long> reps {15, 7, 3};
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--sizes"))
            sizes = parseList(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--reps"))
            reps = parseList(argv[i + 1]);
    }
    const unsigned threads = TaskTeam::defaultThreads();
    TaskTeam team(threads);
    PoolRunner concurrent(threads);
    PoolRunner single(1);

    auto loadAverage = [] {
        char b[64] = {};
        if (std::FILE *f = std::fopen("/proc/loadavg", "r")) {
            if (!std::fgets(b, sizeof b, f))
                b[0] = 0;
            std::fclose(f);
        }
        return std::string(b, std::strcspn(b, " "));
    };
    std::printf("TaskTeam vs QtConcurrent (%u threads, the machine's cores), ClusterIndex::load, same process, "
                "contenders taking turns, median of the repetitions; load average %s at the start\n\n",
                threads, loadAverage().c_str());
    std::printf("| points | TaskTeam | blockingMap | 1 thread | blockingMap / TaskTeam | CPU TaskTeam | CPU "
                "blockingMap | CPU ratio |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (std::size_t s = 0; s < sizes.size(); ++s) {
        const auto pts = points(std::size_t(sizes[s]));
        const long r = reps[std::min(s, reps.size() - 1)];
        std::vector<double> wall[3], cpu[3];
        std::size_t clusters[3] = {};
        PartRunner *runners[3] = {&team, &concurrent, &single};
        build(pts, &team); // warm caches and the allocator once
        for (long rep = 0; rep < r; ++rep) {
            for (int k = 0; k < 3; ++k) {
                const int c = int((rep + k) % 3); // each contender goes first in turn
                const Sample smp = build(pts, runners[c]);
                wall[c].push_back(smp.wallMs);
                cpu[c].push_back(smp.cpuMs);
                clusters[c] = smp.clusters;
            }
        }
        if (clusters[0] != clusters[1] || clusters[0] != clusters[2]) {
            std::fprintf(stderr, "different results: %zu / %zu / %zu clusters\n", clusters[0], clusters[1],
                         clusters[2]);
            return 1;
        }
        const double a = median(wall[0]), b = median(wall[1]), one = median(wall[2]);
        const double ca = median(cpu[0]), cb = median(cpu[1]);
        std::printf("| %ld | %s ms | %s ms | %s ms | %.2fx | %s ms | %s ms | %.2fx |\n", sizes[s], fmt(a).c_str(),
                    fmt(b).c_str(), fmt(one).c_str(), b / a, fmt(ca).c_str(), fmt(cb).c_str(), cb / ca);
        std::fflush(stdout);
    }

    std::printf("\nHand-over alone: phases of almost no work (each part adds 1 to a counter), per phase, "
                "median of 7 runs of 20,000 phases\n\n");
    std::printf("| pattern | TaskTeam | blockingMap / map | ratio | CPU TaskTeam | CPU Qt | CPU ratio |\n"
                "|---|---:|---:|---:|---:|---:|---:|\n");
    // Patterns and contenders interleaved, so a busy spell of the machine
    // lands on all of them alike.
    std::vector<double> wall[2][2], cpu[2][2];
    PartRunner *runners[2] = {&team, &concurrent};
    for (int rep = 0; rep < 7; ++rep) {
        for (const int pattern : {0, 1}) {
            for (int k = 0; k < 2; ++k) {
                const int c = (rep + k) % 2;
                const Sample smp = handOver(*runners[c], 20'000, pattern == 1);
                wall[pattern][c].push_back(smp.wallMs);
                cpu[pattern][c].push_back(smp.cpuMs);
            }
        }
    }
    for (const int pattern : {0, 1}) {
        const double a = median(wall[pattern][0]), b = median(wall[pattern][1]);
        const double ca = median(cpu[pattern][0]), cb = median(cpu[pattern][1]);
        std::printf("| %s | %s µs | %s µs | %.2fx | %s µs | %s µs | %.2fx |\n",
                    pattern == 1 ? "start, own part, wait (the sums)" : "run (the neighbour lists)", fmt(a).c_str(),
                    fmt(b).c_str(), b / a, fmt(ca).c_str(), fmt(cb).c_str(), cb / ca);
    }
    std::printf("\nload average %s at the end\n", loadAverage().c_str());
    return 0;
}

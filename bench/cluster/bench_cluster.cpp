// Marker clustering benchmark: oc::ClusterIndex against supercluster (node)
// and the brute-force NaiveClusterer, on the same points and viewports.
//
// The parent process generates each point set, writes it to disk so node
// reads exactly the same points, then measures every contender in a child
// process of its own, so each peak RSS (VmHWM) belongs to one contender and
// one data set. Run it through bench/cluster/run.sh.

#include "ClusterIndex.h"
#include "MercatorProjection.h"
#include "NaiveClusterer.h"
#include "PoolRunner.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <numbers>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <time.h>
#include <unistd.h>

using namespace oc;

namespace {

constexpr std::array<int, 3> kZooms = {4, 7, 11}; // country, state, city
constexpr int kViewportWidthPx = 1024;
constexpr int kViewportHeightPx = 768;
// Each viewport is queried this many times and its median kept, so a
// percentile describes the viewports rather than the scheduler: the machine
// running this is usually busy with other work. bench.mjs does the same.
constexpr std::size_t kQueryRepeats = 5;

ClusterOptions benchOptions()
{
    ClusterOptions o;
    o.minZoom = 0;
    o.maxZoom = 16;
    o.radius = 40;
    o.extent = 512;
    o.minPoints = 2;
    return o;
}

struct Viewport
{
    double west, south, east, north;
    int zoom;
};

// ---------------------------------------------------------------- data sets

struct Metro
{
    const char *name;
    double lat, lng;
    double millions;
};

// The 50 largest US metro areas, population in millions (approximate).
constexpr Metro kMetros[] = {
    {"New York", 40.71, -74.01, 19.5},       {"Los Angeles", 34.05, -118.24, 12.8},
    {"Chicago", 41.88, -87.63, 9.4},         {"Dallas", 32.78, -96.80, 7.9},
    {"Houston", 29.76, -95.37, 7.3},         {"Washington", 38.91, -77.04, 6.3},
    {"Philadelphia", 39.95, -75.17, 6.2},    {"Miami", 25.76, -80.19, 6.1},
    {"Atlanta", 33.75, -84.39, 6.2},         {"Boston", 42.36, -71.06, 4.9},
    {"Phoenix", 33.45, -112.07, 5.0},        {"San Francisco", 37.77, -122.42, 4.6},
    {"Riverside", 33.95, -117.40, 4.6},      {"Detroit", 42.33, -83.05, 4.3},
    {"Seattle", 47.61, -122.33, 4.0},        {"Minneapolis", 44.98, -93.27, 3.7},
    {"San Diego", 32.72, -117.16, 3.3},      {"Tampa", 27.95, -82.46, 3.3},
    {"Denver", 39.74, -104.99, 3.0},         {"Baltimore", 39.29, -76.61, 2.8},
    {"St. Louis", 38.63, -90.20, 2.8},       {"Orlando", 28.54, -81.38, 2.7},
    {"Charlotte", 35.23, -80.84, 2.7},       {"San Antonio", 29.42, -98.49, 2.6},
    {"Portland", 45.52, -122.68, 2.5},       {"Sacramento", 38.58, -121.49, 2.4},
    {"Pittsburgh", 40.44, -79.99, 2.4},      {"Austin", 30.27, -97.74, 2.4},
    {"Las Vegas", 36.17, -115.14, 2.3},      {"Cincinnati", 39.10, -84.51, 2.3},
    {"Kansas City", 39.10, -94.58, 2.2},     {"Columbus", 39.96, -83.00, 2.1},
    {"Indianapolis", 39.77, -86.16, 2.1},    {"Cleveland", 41.50, -81.69, 2.1},
    {"San Jose", 37.34, -121.89, 2.0},       {"Nashville", 36.16, -86.78, 2.0},
    {"Virginia Beach", 36.85, -75.98, 1.8},  {"Providence", 41.82, -71.41, 1.7},
    {"Jacksonville", 30.33, -81.66, 1.7},    {"Milwaukee", 43.04, -87.91, 1.6},
    {"Raleigh", 35.78, -78.64, 1.5},         {"Oklahoma City", 35.47, -97.52, 1.4},
    {"Memphis", 35.15, -90.05, 1.3},         {"Richmond", 37.54, -77.44, 1.3},
    {"Louisville", 38.25, -85.76, 1.3},      {"New Orleans", 29.95, -90.07, 1.3},
    {"Salt Lake City", 40.76, -111.89, 1.3}, {"Hartford", 41.76, -72.67, 1.2},
    {"Buffalo", 42.89, -78.88, 1.2},         {"Birmingham", 33.52, -86.80, 1.1},
};

// Continental US.
constexpr double kWest = -124.8, kEast = -66.9, kSouth = 24.5, kNorth = 49.4;

std::vector<ClusterPoint> generatePoints(const std::string &kind, std::size_t n, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> uLng(kWest, kEast);
    std::uniform_real_distribution<double> uLat(kSouth, kNorth);
    std::uniform_real_distribution<double> unit(0, 1);
    std::normal_distribution<double> gauss(0, 1);
    std::geometric_distribution<int> rsvps(1.0 / 20);
    std::discrete_distribution<int> state({15, 65, 10, 10});
    std::vector<double> weights;
    for (const Metro &m : kMetros)
        weights.push_back(m.millions);
    std::discrete_distribution<std::size_t> metro(weights.begin(), weights.end());

    std::vector<ClusterPoint> points(n);
    for (std::size_t i = 0; i < n; ++i) {
        ClusterPoint &p = points[i];
        if (kind == "uniform" || unit(rng) < 0.10) {
            p.lng = uLng(rng);
            p.lat = uLat(rng);
        } else {
            // Population-like: a dense core and wider suburbs per metro, the
            // spread growing with the metro's size.
            const Metro &m = kMetros[metro(rng)];
            const double spreadKm = 8.0 * std::sqrt(m.millions) * (unit(rng) < 0.4 ? 0.35 : 1.0);
            const double dLat = gauss(rng) * spreadKm / 111.32;
            const double dLng = gauss(rng) * spreadKm / (111.32 * std::cos(m.lat * std::numbers::pi / 180.0));
            p.lng = m.lng + dLng;
            p.lat = m.lat + dLat;
        }
        p.id = std::uint32_t(i);
        p.rsvps = std::uint32_t(std::min(rsvps(rng), 5000));
        p.state = std::uint8_t(state(rng));
    }
    return points;
}

// Viewports of 1024x768 px centred on random events (people look where
// events are), in a world of extent * 2^zoom pixels.
std::vector<Viewport> generateViewports(const std::vector<ClusterPoint> &points, int perZoom, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::size_t> pick(0, points.size() - 1);
    const ClusterOptions o = benchOptions();
    std::vector<Viewport> out;
    for (const int z : kZooms) {
        const double worldPx = o.extent * std::ldexp(1.0, z);
        const double halfW = kViewportWidthPx / 2.0 / worldPx;
        const double halfH = kViewportHeightPx / 2.0 / worldPx;
        for (int i = 0; i < perZoom; ++i) {
            const ClusterPoint &c = points[pick(rng)];
            const MercatorProjection::Point p = MercatorProjection::project(c.lng, c.lat);
            Viewport v;
            v.west = MercatorProjection::xToLng(p.x - halfW);
            v.east = MercatorProjection::xToLng(p.x + halfW);
            v.north = MercatorProjection::yToLat(std::max(0.0, p.y - halfH));
            v.south = MercatorProjection::yToLat(std::min(1.0, p.y + halfH));
            v.zoom = z;
            out.push_back(v);
        }
    }
    return out;
}

// ---------------------------------------------------------------- files
// Points: "OCPT", u32 version 1, u32 n, u32 0, then f64 lng[n], f64 lat[n],
// u32 id[n], u32 rsvps[n], u8 state[n], little-endian (bench.mjs reads the same).
// Viewports: "OCVP", u32 1, u32 count, u32 0, then count x f64[5]
// (west, south, east, north, zoom).

template<class T> void writeColumn(std::ofstream &f, const std::vector<ClusterPoint> &points, T ClusterPoint::*member)
{
    std::vector<T> col;
    col.reserve(points.size());
    for (const ClusterPoint &p : points)
        col.push_back(p.*member);
    f.write(reinterpret_cast<const char *>(col.data()), std::streamsize(col.size() * sizeof(T)));
}

void writePoints(const std::string &path, const std::vector<ClusterPoint> &points)
{
    std::ofstream f(path, std::ios::binary);
    const std::uint32_t header[4] = {0x5450434f /* "OCPT" */, 1, std::uint32_t(points.size()), 0};
    f.write(reinterpret_cast<const char *>(header), sizeof header);
    writeColumn(f, points, &ClusterPoint::lng);
    writeColumn(f, points, &ClusterPoint::lat);
    writeColumn(f, points, &ClusterPoint::id);
    writeColumn(f, points, &ClusterPoint::rsvps);
    writeColumn(f, points, &ClusterPoint::state);
    if (!f)
        throw std::runtime_error("cannot write " + path);
}

std::vector<ClusterPoint> readPoints(const std::string &path)
{
    std::ifstream f(path, std::ios::binary);
    std::uint32_t header[4] = {};
    f.read(reinterpret_cast<char *>(header), sizeof header);
    if (!f || header[0] != 0x5450434f || header[1] != 1)
        throw std::runtime_error("not a point file: " + path);
    const std::size_t n = header[2];
    std::vector<double> lng(n), lat(n);
    std::vector<std::uint32_t> id(n), rsvps(n);
    std::vector<std::uint8_t> state(n);
    f.read(reinterpret_cast<char *>(lng.data()), std::streamsize(n * 8));
    f.read(reinterpret_cast<char *>(lat.data()), std::streamsize(n * 8));
    f.read(reinterpret_cast<char *>(id.data()), std::streamsize(n * 4));
    f.read(reinterpret_cast<char *>(rsvps.data()), std::streamsize(n * 4));
    f.read(reinterpret_cast<char *>(state.data()), std::streamsize(n));
    if (!f)
        throw std::runtime_error("truncated point file: " + path);
    std::vector<ClusterPoint> points(n);
    for (std::size_t i = 0; i < n; ++i)
        points[i] = {lng[i], lat[i], id[i], rsvps[i], state[i]};
    return points;
}

void writeViewports(const std::string &path, const std::vector<Viewport> &viewports)
{
    std::ofstream f(path, std::ios::binary);
    const std::uint32_t header[4] = {0x5056434f /* "OCVP" */, 1, std::uint32_t(viewports.size()), 0};
    f.write(reinterpret_cast<const char *>(header), sizeof header);
    for (const Viewport &v : viewports) {
        const double row[5] = {v.west, v.south, v.east, v.north, double(v.zoom)};
        f.write(reinterpret_cast<const char *>(row), sizeof row);
    }
    if (!f)
        throw std::runtime_error("cannot write " + path);
}

std::vector<Viewport> readViewports(const std::string &path)
{
    std::ifstream f(path, std::ios::binary);
    std::uint32_t header[4] = {};
    f.read(reinterpret_cast<char *>(header), sizeof header);
    if (!f || header[0] != 0x5056434f || header[1] != 1)
        throw std::runtime_error("not a viewport file: " + path);
    std::vector<Viewport> out(header[2]);
    for (Viewport &v : out) {
        double row[5];
        f.read(reinterpret_cast<char *>(row), sizeof row);
        v = {row[0], row[1], row[2], row[3], int(row[4])};
    }
    if (!f)
        throw std::runtime_error("truncated viewport file: " + path);
    return out;
}

// ---------------------------------------------------------------- measuring

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// CPU time of the whole process: unlike wall time it does not grow while
// other work on the machine has the core, which makes it the steadier figure
// on a shared box. (For node this includes its GC and compiler threads.)
double cpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return NAN;
    std::sort(v.begin(), v.end());
    // Nearest rank: p99 of 100 samples is the 99th smallest.
    const auto rank = std::size_t(std::ceil(p * double(v.size())));
    return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

double peakRssMb()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0)
            return std::strtod(line.c_str() + 6, nullptr) / 1024.0;
    }
    return NAN;
}

// Child: build our index `reps` times, then (if asked) time every viewport query.
int runOurs(const std::string &pointsPath, const std::string &viewportsPath, int reps, bool queries, unsigned threads)
{
    const std::vector<ClusterPoint> points = readPoints(pointsPath);
    const std::vector<Viewport> viewports = readViewports(viewportsPath);
    std::vector<double> builds, cpu;
    std::optional<ClusterIndex> index;
    for (int r = 0; r < reps; ++r) {
        index.reset(); // one index alive at a time, as in node
        const double c0 = cpuMs();
        const auto t0 = Clock::now();
        ClusterOptions options = benchOptions();
        options.threads = threads;
        index.emplace(options);
        index->load(points);
        builds.push_back(msSince(t0));
        cpu.push_back(cpuMs() - c0);
    }
    std::printf("build_ms %.3f\nbuild_cpu_ms %.3f\n", percentile(builds, 0.5), percentile(cpu, 0.5));
    std::printf("index_mb %.1f\n", double(index->memoryBytes()) / (1024.0 * 1024.0));

    std::vector<ClusterItem> out;
    for (const int z : kZooms) {
        if (!queries)
            break;
        std::vector<const Viewport *> mine;
        for (const Viewport &v : viewports) {
            if (v.zoom == z)
                mine.push_back(&v);
        }
        for (const Viewport *v : mine) // warm-up, as node gets one for its JIT
            index->query(v->west, v->south, v->east, v->north, v->zoom, out);
        std::vector<double> us;
        double items = 0;
        for (const Viewport *v : mine) {
            std::array<double, kQueryRepeats> runs;
            for (double &run : runs) {
                const auto t0 = Clock::now();
                index->query(v->west, v->south, v->east, v->north, v->zoom, out);
                run = msSince(t0) * 1000.0;
            }
            us.push_back(percentile(std::vector<double>(runs.begin(), runs.end()), 0.5));
            items += double(out.size());
        }
        std::printf("z%d_p50_us %.3f\nz%d_p99_us %.3f\nz%d_items %.2f\nz%d_n %zu\n", z, percentile(us, 0.5), z,
                    percentile(us, 0.99), z, items / double(mine.size()), z, mine.size());
    }
    std::printf("rss_mb %.1f\n", peakRssMb());
    return 0;
}

// Child: the brute-force reference, as many viewports per zoom as fit in the
// budget. Also checks each of its answers against our index, untimed.
int runNaive(const std::string &pointsPath, const std::string &viewportsPath, double budgetS)
{
    const std::vector<ClusterPoint> points = readPoints(pointsPath);
    const std::vector<Viewport> viewports = readViewports(viewportsPath);
    ClusterIndex index(benchOptions());
    index.load(points);
    auto sorted = [](std::vector<ClusterItem> v) {
        std::sort(v.begin(), v.end(), [](const ClusterItem &a, const ClusterItem &b) {
            return a.isCluster != b.isCluster ? a.isCluster < b.isCluster : a.id < b.id;
        });
        return v;
    };
    for (const int z : kZooms) {
        std::vector<double> us;
        double items = 0;
        int mismatches = 0;
        const auto start = Clock::now();
        for (const Viewport &v : viewports) {
            if (v.zoom != z)
                continue;
            const auto t0 = Clock::now();
            const std::vector<ClusterItem> r =
                NaiveClusterer::query(points, benchOptions(), v.west, v.south, v.east, v.north, v.zoom);
            us.push_back(msSince(t0) * 1000.0);
            items += double(r.size());
            mismatches += sorted(r) != sorted(index.query(v.west, v.south, v.east, v.north, v.zoom));
            if (msSince(start) > budgetS * 1000.0)
                break;
        }
        std::printf("z%d_p50_us %.3f\nz%d_p99_us %.3f\nz%d_items %.2f\nz%d_n %zu\nz%d_mismatch %d\n", z,
                    percentile(us, 0.5), z, percentile(us, 0.99), z, items / double(us.size()), z, us.size(), z,
                    mismatches);
    }
    std::fflush(stdout);
    return 0;
}

// ---------------------------------------------------------------- parent

using Results = std::map<std::string, double>;

std::string shellQuote(const std::string &s)
{
    std::string q = "'";
    for (const char c : s)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// Runs a child and reads its "key value" lines; empty on failure.
std::optional<Results> runChild(const std::string &command)
{
    FILE *pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe)
        return std::nullopt;
    Results results;
    std::string output;
    char line[512];
    while (std::fgets(line, sizeof line, pipe)) {
        output += line;
        char key[128];
        double value = 0;
        if (std::sscanf(line, "%127s %lf", key, &value) == 2)
            results[key] = value;
    }
    const int status = pclose(pipe);
    if (status != 0) {
        std::fprintf(stderr, "bench_cluster: '%s' failed:\n%s\n", command.c_str(), output.c_str());
        return std::nullopt;
    }
    return results;
}

std::string fmt(double v, int decimals = 1)
{
    if (std::isnan(v))
        return "-";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

// Microseconds shown with sensible precision, large values in ms or s.
std::string fmtUs(double us)
{
    if (std::isnan(us))
        return "-";
    if (us >= 1e6)
        return fmt(us / 1e6, 1) + " s";
    if (us >= 1e4)
        return fmt(us / 1e3, 0) + " ms";
    return fmt(us, us < 100 ? 1 : 0);
}

std::string ratio(double baseline, double ours)
{
    if (std::isnan(baseline) || std::isnan(ours) || ours <= 0)
        return "-";
    return fmt(baseline / ours, baseline / ours < 10 ? 1 : 0) + "x";
}

std::string sizeLabel(std::size_t n)
{
    return n >= 1000000 ? std::to_string(n / 1000000) + "M" : std::to_string(n / 1000) + "k";
}

struct Row
{
    std::string data, n, metric, ours, sc, naive, ratio, markers;
};

int runParent(int argc, char **argv)
{
    std::vector<std::size_t> sizes = {10000, 100000, 1000000};
    int perZoom = 100;
    double naiveBudgetS = 6;
    double naiveMaxQueryS = 20;
    std::string work = std::filesystem::temp_directory_path() / "oc-bench-cluster";
    std::string scDir = OC_SUPERCLUSTER_DIR;
    std::string node = "node";
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc)
                throw std::runtime_error("missing value after " + a);
            return argv[++i];
        };
        if (a == "--sizes") {
            sizes.clear();
            std::stringstream ss(next());
            std::string item;
            while (std::getline(ss, item, ','))
                sizes.push_back(std::stoul(item));
        } else if (a == "--viewports") {
            perZoom = std::stoi(next());
        } else if (a == "--work") {
            work = next();
        } else if (a == "--sc-dir") {
            scDir = next();
        } else if (a == "--node") {
            node = next();
        } else if (a == "--naive-budget") {
            naiveBudgetS = std::stod(next());
        } else {
            std::fprintf(stderr,
                         "usage: bench_cluster [--sizes 10000,100000,1000000] [--viewports 100] [--work DIR]\n"
                         "                     [--sc-dir DIR] [--node PATH] [--naive-budget SECONDS]\n");
            return 2;
        }
    }
    std::filesystem::create_directories(work);
    const std::string self = std::filesystem::read_symlink("/proc/self/exe");
    const std::string scScript = scDir + "/bench.mjs";
    const bool haveSc = std::filesystem::exists(scDir + "/node_modules/supercluster/package.json");
    if (!haveSc)
        std::fprintf(stderr, "bench_cluster: supercluster not installed in %s (run.sh does that); skipping it\n",
                     scDir.c_str());

    std::string scVersion = "?";
    if (haveSc) {
        std::ifstream pkg(scDir + "/node_modules/supercluster/package.json");
        std::string text((std::istreambuf_iterator<char>(pkg)), std::istreambuf_iterator<char>());
        const auto at = text.find("\"version\"");
        if (at != std::string::npos) {
            const auto q1 = text.find('"', text.find(':', at));
            scVersion = text.substr(q1 + 1, text.find('"', q1 + 1) - q1 - 1);
        }
    }

    std::vector<Row> rows;
    // Per data set and zoom: the last naive time per query and its N, to
    // predict (quadratic) whether the next size is worth running.
    std::map<std::string, std::pair<double, std::size_t>> naiveSeen;

    for (const std::string kind : {"uniform", "skewed"}) {
        for (const std::size_t n : sizes) {
            const std::string tag = kind + "-" + std::to_string(n);
            std::fprintf(stderr, "[bench] %s: generating\n", tag.c_str());
            const std::vector<ClusterPoint> points = generatePoints(kind, n, 20240601 + n);
            const std::string pointsPath = work + "/points-" + tag + ".bin";
            const std::string viewportsPath = work + "/viewports-" + tag + ".bin";
            writePoints(pointsPath, points);
            writeViewports(viewportsPath, generateViewports(points, perZoom, 777 + n));
            // Rounds of one build each, the contenders taking turns, so that
            // load from other work on the machine falls on all of them alike;
            // the build figure is the median over rounds. Queries and peak
            // RSS come from the first round.
            const int rounds = n <= 10000 ? 7 : n <= 100000 ? 5 : 3;
            Results ours, sc, scAgg;
            std::vector<double> oursBuilds, oursOneThreadBuilds, scBuilds, scAggBuilds, oursCpu, scCpu;
            for (int round = 0; round < rounds; ++round) {
                const char *what = round == 0 ? "queries" : "build-only";
                std::fprintf(stderr,
                             "[bench] %s: round %d/%d: ours, supercluster, supercluster with rsvp/state reduce\n",
                             tag.c_str(), round + 1, rounds);
                const Results o = runChild(shellQuote(self) + " --child ours " + shellQuote(pointsPath) + " " +
                                           shellQuote(viewportsPath) + " 1 " + what)
                                      .value_or(Results {});
                if (round == 0)
                    ours = o;
                if (o.count("build_ms")) {
                    oursBuilds.push_back(o.at("build_ms"));
                    oursCpu.push_back(o.at("build_cpu_ms"));
                }
                const Results single = runChild(shellQuote(self) + " --child ours " + shellQuote(pointsPath) + " " +
                                                shellQuote(viewportsPath) + " 1 build-only 1")
                                           .value_or(Results {});
                if (single.count("build_ms"))
                    oursOneThreadBuilds.push_back(single.at("build_ms"));
                if (!haveSc)
                    continue;
                const std::string base = shellQuote(node) + " --max-old-space-size=16000 " + shellQuote(scScript) +
                    " " + shellQuote(pointsPath) + " " + shellQuote(viewportsPath) + " 1 ";
                const Results p = runChild(base + (round == 0 ? "plain" : "plain-build-only")).value_or(Results {});
                const Results a = runChild(base + "agg").value_or(Results {});
                if (round == 0) {
                    sc = p;
                    scAgg = a;
                }
                if (p.count("build_ms")) {
                    scBuilds.push_back(p.at("build_ms"));
                    scCpu.push_back(p.at("build_cpu_ms"));
                }
                if (a.count("build_ms"))
                    scAggBuilds.push_back(a.at("build_ms"));
            }
            ours["build_ms"] = percentile(oursBuilds, 0.5);
            ours["build_1t_ms"] = percentile(oursOneThreadBuilds, 0.5);
            ours["build_cpu_ms"] = percentile(oursCpu, 0.5);
            sc["build_cpu_ms"] = percentile(scCpu, 0.5);
            sc["build_ms"] = percentile(scBuilds, 0.5);
            scAgg["build_ms"] = percentile(scAggBuilds, 0.5);

            // Naive: skip a zoom when the quadratic extrapolation from the
            // previous size says one query alone would take too long.
            Results naive;
            std::map<int, std::string> naiveSkipped;
            bool anyNaive = false;
            for (const int z : kZooms) {
                const auto seen = naiveSeen.find(kind + std::to_string(z));
                if (seen == naiveSeen.end() && n > 20000) {
                    naiveSkipped[z] = "skipped (O(n^2) per query)";
                    continue;
                }
                if (seen != naiveSeen.end()) {
                    const double scale = double(n) / double(seen->second.second);
                    const double estimateS = seen->second.first * scale * scale;
                    if (estimateS > naiveMaxQueryS) {
                        naiveSkipped[z] = "skipped (~" + fmt(estimateS, 0) + " s/query)";
                        continue;
                    }
                }
                anyNaive = true;
            }
            if (anyNaive) {
                std::fprintf(stderr, "[bench] %s: naive linear scan\n", tag.c_str());
                naive = runChild(shellQuote(self) + " --child naive " + shellQuote(pointsPath) + " " +
                                 shellQuote(viewportsPath) + " " + fmt(naiveBudgetS, 1))
                            .value_or(Results {});
            }

            auto get = [](const Results &r, const std::string &key) {
                const auto it = r.find(key);
                return it == r.end() ? NAN : it->second;
            };
            const std::string label = sizeLabel(n);
            rows.push_back({kind, label, "build ms", fmt(get(ours, "build_ms"), 1), fmt(get(sc, "build_ms"), 1), "-",
                            ratio(get(sc, "build_ms"), get(ours, "build_ms")), ""});
            rows.push_back({kind, label, "build ms, ours on 1 thread", fmt(get(ours, "build_1t_ms"), 1),
                            fmt(get(sc, "build_ms"), 1), "-", ratio(get(sc, "build_ms"), get(ours, "build_1t_ms")),
                            ""});
            rows.push_back({kind, label, "build CPU ms", fmt(get(ours, "build_cpu_ms"), 1),
                            fmt(get(sc, "build_cpu_ms"), 1), "-",
                            ratio(get(sc, "build_cpu_ms"), get(ours, "build_cpu_ms")), ""});
            rows.push_back({kind, label, "build ms, rsvp+state sums", fmt(get(ours, "build_ms"), 1),
                            fmt(get(scAgg, "build_ms"), 1), "-", ratio(get(scAgg, "build_ms"), get(ours, "build_ms")),
                            ""});
            for (const int z : kZooms) {
                const std::string k = "z" + std::to_string(z);
                const double o50 = get(ours, k + "_p50_us"), o99 = get(ours, k + "_p99_us");
                const double s50 = get(sc, k + "_p50_us"), s99 = get(sc, k + "_p99_us");
                const double n50 = get(naive, k + "_p50_us"), n99 = get(naive, k + "_p99_us");
                std::string naiveCell;
                if (naiveSkipped.count(z)) {
                    naiveCell = naiveSkipped[z];
                } else if (!std::isnan(n50)) {
                    const double samples = get(naive, k + "_n");
                    naiveCell = fmtUs(n50) + " / " + fmtUs(n99) + " (" + fmt(samples, 0) + " vp)";
                    naiveSeen[kind + std::to_string(z)] = {n50 / 1e6, n};
                    if (get(naive, k + "_mismatch") != 0)
                        naiveCell += " MISMATCH vs ours";
                } else {
                    naiveCell = "-";
                }
                rows.push_back({kind, label, k + " query p50 / p99 us", fmtUs(o50) + " / " + fmtUs(o99),
                                fmtUs(s50) + " / " + fmtUs(s99), naiveCell, ratio(s50, o50) + " / " + ratio(s99, o99),
                                fmt(get(ours, k + "_items"), 0) + " / " + fmt(get(sc, k + "_items"), 0)});
            }
            rows.push_back({kind, label, "peak RSS MB (process)",
                            fmt(get(ours, "rss_mb"), 0) + " (index " + fmt(get(ours, "index_mb"), 0) + ")",
                            fmt(get(sc, "rss_mb"), 0), "-", ratio(get(sc, "rss_mb"), get(ours, "rss_mb")), ""});
        }
    }

    std::printf("\nMarker clustering: oc::ClusterIndex vs supercluster %s (node) vs naive linear scan\n",
                scVersion.c_str());
    std::printf(
        "maxZoom 16, radius 40, extent 512; %d viewports of %dx%d px per zoom, each timed as the median of %zu\n"
        "runs (naive: one run, as many viewports as fit in %.0f s); build = median of 7/5/3 rounds at 10k/100k/1M,\n"
        "contenders taking turns, one fresh process each (node JIT-warmed on a 20k subset first);\n"
        "ours builds on %u threads (ClusterOptions::threads 0: the cores, at most 4) unless the row says 1;\n"
        "build CPU = CPU time of the building process (load-independent; node's includes its GC threads);\n"
        "ratio = supercluster / ours; markers = avg markers per viewport (ours / supercluster)\n\n",
        perZoom, kViewportWidthPx, kViewportHeightPx, kQueryRepeats, naiveBudgetS, PoolRunner::defaultThreads());
    const Row header {"data", "N", "metric", "ours", "supercluster", "naive", "ratio", "markers"};
    std::vector<std::size_t> width;
    for (const std::string *c : {&header.data, &header.n, &header.metric, &header.ours, &header.sc, &header.naive,
                                 &header.ratio, &header.markers})
        width.push_back(c->size());
    auto cells = [](const Row &r) {
        return std::array<const std::string *, 8> {&r.data, &r.n,     &r.metric, &r.ours,
                                                   &r.sc,   &r.naive, &r.ratio,  &r.markers};
    };
    for (const Row &r : rows) {
        const auto c = cells(r);
        for (std::size_t i = 0; i < 8; ++i)
            width[i] = std::max(width[i], c[i]->size());
    }
    auto print = [&](const Row &r) {
        const auto c = cells(r);
        std::string line;
        for (std::size_t i = 0; i < 8; ++i) {
            line += *c[i];
            if (i + 1 < 8)
                line += std::string(width[i] - c[i]->size() + 2, ' ');
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        std::printf("%s\n", line.c_str());
    };
    print(header);
    for (const Row &r : rows)
        print(r);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    try {
        if (argc >= 3 && std::strcmp(argv[1], "--child") == 0) {
            const std::string which = argv[2];
            if (which == "ours" && (argc == 7 || argc == 8))
                return runOurs(argv[3], argv[4], std::atoi(argv[5]), std::strcmp(argv[6], "queries") == 0,
                               argc == 8 ? unsigned(std::atoi(argv[7])) : 0u);
            if (which == "naive" && argc == 6)
                return runNaive(argv[3], argv[4], std::atof(argv[5]));
            std::fprintf(stderr, "bad child arguments\n");
            return 2;
        }
        return runParent(argc, argv);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bench_cluster: %s\n", e.what());
        return 1;
    }
}

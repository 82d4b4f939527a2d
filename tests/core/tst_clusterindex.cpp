#include "ClusterIndex.h"
#include "MercatorProjection.h"
#include "NaiveClusterer.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace oc;

namespace {

std::string describe(const ClusterItem &item)
{
    return std::string(item.isCluster ? "cluster " : "point ") + std::to_string(item.id) +
        " n=" + std::to_string(item.count) + " at " + std::to_string(item.lng) + "," + std::to_string(item.lat);
}

void sortItems(std::vector<ClusterItem> &items)
{
    std::sort(items.begin(), items.end(), [](const ClusterItem &a, const ClusterItem &b) {
        if (a.isCluster != b.isCluster)
            return a.isCluster < b.isCluster;
        return a.id < b.id;
    });
}

std::vector<ClusterItem> worldAt(const ClusterIndex &index, int zoom)
{
    return index.query(-180, -90, 180, 90, zoom);
}

// Random events over the continental US with a few dense clumps, so every
// zoom has both lone points and clusters of clusters.
std::vector<ClusterPoint> randomPoints(std::uint64_t seed, int n)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> lng(-125, -67);
    std::uniform_real_distribution<double> lat(24.5, 49.5);
    std::normal_distribution<double> jitter(0, 0.05);
    std::uniform_int_distribution<int> rsvps(0, 300);
    std::uniform_int_distribution<int> state(0, 3);
    std::vector<ClusterPoint> centres;
    for (int i = 0; i < 8; ++i)
        centres.push_back({lng(rng), lat(rng)});
    std::vector<ClusterPoint> points;
    for (int i = 0; i < n; ++i) {
        ClusterPoint p;
        if (i % 2 == 0) {
            const ClusterPoint &c = centres[std::size_t(i / 2) % centres.size()];
            p.lng = c.lng + jitter(rng);
            p.lat = c.lat + jitter(rng);
        } else {
            p.lng = lng(rng);
            p.lat = lat(rng);
        }
        p.id = std::uint32_t(1000 + i * 7); // ids unrelated to input positions
        p.rsvps = std::uint32_t(rsvps(rng));
        p.state = std::uint8_t(state(rng));
        points.push_back(p);
    }
    return points;
}

struct Totals
{
    std::uint64_t count = 0;
    std::uint64_t rsvps = 0;
    std::array<std::uint64_t, ClusterPoint::kStateCount> states {};
};

Totals totalsOf(const std::vector<ClusterPoint> &points)
{
    Totals t;
    for (const ClusterPoint &p : points) {
        ++t.count;
        t.rsvps += p.rsvps;
        ++t.states[std::min<std::size_t>(p.state, 3)];
    }
    return t;
}

Totals totalsOf(const std::vector<ClusterItem> &items)
{
    Totals t;
    for (const ClusterItem &item : items) {
        t.count += item.count;
        t.rsvps += item.rsvpSum;
        for (std::size_t s = 0; s < t.states.size(); ++s)
            t.states[s] += item.stateCounts[s];
    }
    return t;
}

bool operator==(const Totals &a, const Totals &b)
{
    return a.count == b.count && a.rsvps == b.rsvps && a.states == b.states;
}

// The ids of the events an item stands for.
std::vector<std::uint32_t> leafIds(const ClusterIndex &index, const ClusterItem &item)
{
    if (!item.isCluster)
        return {item.id};
    std::vector<std::uint32_t> ids;
    for (const ClusterItem &leaf : index.leaves(item.id))
        ids.push_back(leaf.id);
    return ids;
}

} // namespace

class TestClusterIndex : public QObject
{
    Q_OBJECT

private slots:
    void projectionRoundTrip();
    void projectionEdges();
    void projectBoxSplitsAtAntimeridian();
    void emptyInput();
    void singlePoint();
    void duplicateCoordinates();
    void everyPointInExactlyOneMarker_data();
    void everyPointInExactlyOneMarker();
    void childrenAddUpToCluster();
    void leavesPaging();
    void matchesBruteForce_data();
    void matchesBruteForce();
    void threadsDoNotChangeTheResult();
    void boxQueriesMatchBruteForce();
    void antimeridianBox();
    void wholeWorldSpellings();
    void polesAndDateLine();
    void expansionZoomSplitsCluster();
    void zoomIsFlooredAndClamped();
    void nonFinitePointsAreSkipped();
    void unknownClusterIds();
};

void TestClusterIndex::projectionRoundTrip()
{
    for (double lng = -180; lng <= 180; lng += 7.5) {
        for (double lat = -85; lat <= 85; lat += 2.5) {
            const MercatorProjection::Point p = MercatorProjection::project(lng, lat);
            QVERIFY(p.x >= 0 && p.x <= 1);
            QVERIFY(p.y >= 0 && p.y <= 1);
            QVERIFY2(std::abs(MercatorProjection::xToLng(p.x) - lng) < 1e-9, qPrintable(QString::number(lng)));
            QVERIFY2(std::abs(MercatorProjection::yToLat(p.y) - lat) < 1e-9, qPrintable(QString::number(lat)));
        }
    }
    // y grows southward, as tiles do.
    QVERIFY(MercatorProjection::latToY(40) < MercatorProjection::latToY(30));
    QCOMPARE(MercatorProjection::latToY(0), 0.5);
    QCOMPARE(MercatorProjection::lngToX(0), 0.5);
}

void TestClusterIndex::projectionEdges()
{
    QCOMPARE(MercatorProjection::lngToX(-180), 0.0);
    QCOMPARE(MercatorProjection::lngToX(180), 1.0);
    QCOMPARE(MercatorProjection::latToY(90), 0.0);
    QCOMPARE(MercatorProjection::latToY(-90), 1.0);
    QCOMPARE(MercatorProjection::latToY(89), MercatorProjection::latToY(MercatorProjection::kMaxLatitude));
    QVERIFY(std::abs(MercatorProjection::yToLat(0) - MercatorProjection::kMaxLatitude) < 1e-6);
    QCOMPARE(MercatorProjection::wrapLongitude(180), 180.0);
    QCOMPARE(MercatorProjection::wrapLongitude(-180), -180.0);
    QCOMPARE(MercatorProjection::wrapLongitude(190), -170.0);
    QCOMPARE(MercatorProjection::wrapLongitude(-190), 170.0);
    QCOMPARE(MercatorProjection::wrapLongitude(725), 5.0);
    QCOMPARE(MercatorProjection::lngToX(190), MercatorProjection::lngToX(-170));
}

void TestClusterIndex::projectBoxSplitsAtAntimeridian()
{
    MercatorProjection::Range r[2];
    QCOMPARE(MercatorProjection::projectBox(-100, 30, -90, 40, r), 1);
    QCOMPARE(r[0].minX, MercatorProjection::lngToX(-100));
    QCOMPARE(r[0].maxX, MercatorProjection::lngToX(-90));
    QCOMPARE(r[0].minY, MercatorProjection::latToY(40));
    QCOMPARE(r[0].maxY, MercatorProjection::latToY(30));

    QCOMPARE(MercatorProjection::projectBox(170, 50, -160, 60, r), 2);
    QCOMPARE(r[0].minX, MercatorProjection::lngToX(170));
    QCOMPARE(r[0].maxX, 1.0);
    QCOMPARE(r[1].minX, 0.0);
    QCOMPARE(r[1].maxX, MercatorProjection::lngToX(-160));

    QCOMPARE(MercatorProjection::projectBox(-200, -90, 170, 90, r), 1); // 370 degrees wide
    QCOMPARE(r[0].minX, 0.0);
    QCOMPARE(r[0].maxX, 1.0);
    QCOMPARE(MercatorProjection::projectBox(std::nan(""), 0, 10, 10, r), 0);
}

void TestClusterIndex::emptyInput()
{
    ClusterIndex index;
    index.load({});
    QCOMPARE(index.pointCount(), std::size_t(0));
    for (int z = 0; z <= 17; ++z)
        QVERIFY(worldAt(index, z).empty());
    QVERIFY(index.children(0).empty());
    QVERIFY(index.leaves(0).empty());
    QCOMPARE(index.expansionZoom(0), -1);
    QVERIFY(NaiveClusterer::cluster({}, ClusterOptions {}, 3).empty());
}

void TestClusterIndex::singlePoint()
{
    const ClusterPoint p {-73.98, 40.75, 42, 17, ClusterPoint::Full};
    ClusterIndex index;
    index.load(std::vector<ClusterPoint> {p});
    for (int z = 0; z <= 17; ++z) {
        const std::vector<ClusterItem> items = worldAt(index, z);
        QCOMPARE(items.size(), std::size_t(1));
        const ClusterItem &item = items.front();
        QVERIFY(!item.isCluster);
        QCOMPARE(item.id, 42u);
        QCOMPARE(item.count, 1u);
        QCOMPARE(item.rsvpSum, std::uint64_t(17));
        QVERIFY((item.stateCounts == std::array<std::uint32_t, 4> {0, 0, 1, 0}));
        QCOMPARE(item.lng, p.lng);
        QCOMPARE(item.lat, p.lat);
    }
    QCOMPARE(index.clusterCount(), std::size_t(0));
    QCOMPARE(index.query(-74.5, 40.5, -73.5, 41, 10).size(), std::size_t(1));
    QVERIFY(index.query(-72, 40.5, -71, 41, 10).empty());
}

void TestClusterIndex::duplicateCoordinates()
{
    std::vector<ClusterPoint> points;
    for (std::uint32_t i = 0; i < 1000; ++i)
        points.push_back({-87.6298, 41.8781, i, i % 5, std::uint8_t(i % 4)});
    const Totals expected = totalsOf(points);
    ClusterIndex index;
    index.load(points);
    for (int z = 0; z <= 16; ++z) {
        const std::vector<ClusterItem> items = worldAt(index, z);
        QCOMPARE(items.size(), std::size_t(1));
        QVERIFY(items.front().isCluster);
        QVERIFY(totalsOf(items) == expected);
        QVERIFY(std::abs(items.front().lng - -87.6298) < 1e-4);
        QVERIFY(std::abs(items.front().lat - 41.8781) < 1e-4);
    }
    const ClusterItem top = worldAt(index, 0).front();
    // Identical points only come apart above maxZoom.
    QCOMPARE(index.expansionZoom(top.id), 17);
    QCOMPARE(worldAt(index, 17).size(), std::size_t(1000));
    const std::vector<std::uint32_t> ids = leafIds(index, top);
    QCOMPARE(std::set<std::uint32_t>(ids.begin(), ids.end()).size(), std::size_t(1000));
}

void TestClusterIndex::everyPointInExactlyOneMarker_data()
{
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<int>("n");
    QTest::newRow("seed 1, 3000") << quint64(1) << 3000;
    QTest::newRow("seed 2, 5000") << quint64(2) << 5000;
    QTest::newRow("seed 3, 200") << quint64(3) << 200;
}

void TestClusterIndex::everyPointInExactlyOneMarker()
{
    QFETCH(quint64, seed);
    QFETCH(int, n);
    const std::vector<ClusterPoint> points = randomPoints(seed, n);
    const Totals expected = totalsOf(points);
    std::vector<std::uint32_t> allIds;
    for (const ClusterPoint &p : points)
        allIds.push_back(p.id);
    std::sort(allIds.begin(), allIds.end());

    ClusterIndex index;
    index.load(points);
    QCOMPARE(index.pointCount(), std::size_t(n));
    bool sawClusterOfClusters = false;
    for (int z = 0; z <= 17; ++z) {
        const std::vector<ClusterItem> items = worldAt(index, z);
        QVERIFY2(totalsOf(items) == expected, qPrintable(QStringLiteral("zoom %1").arg(z)));
        std::vector<std::uint32_t> covered;
        for (const ClusterItem &item : items) {
            const std::uint32_t stateSum =
                item.stateCounts[0] + item.stateCounts[1] + item.stateCounts[2] + item.stateCounts[3];
            QCOMPARE(stateSum, item.count);
            QCOMPARE(item.isCluster, item.count > 1);
            const std::vector<ClusterItem> leaves = index.leaves(item.id);
            if (item.isCluster) {
                QCOMPARE(leaves.size(), std::size_t(item.count));
                std::vector<ClusterPoint> asPoints;
                for (const ClusterItem &leaf : leaves)
                    asPoints.push_back(
                        {leaf.lng, leaf.lat, leaf.id, std::uint32_t(leaf.rsvpSum),
                         std::uint8_t(std::max_element(leaf.stateCounts.begin(), leaf.stateCounts.end()) -
                                      leaf.stateCounts.begin())});
                QVERIFY(totalsOf(asPoints) == totalsOf(std::vector<ClusterItem> {item}));
                const std::vector<ClusterItem> children = index.children(item.id);
                sawClusterOfClusters |=
                    std::any_of(children.begin(), children.end(), [](const ClusterItem &c) { return c.isCluster; });
            }
            const std::vector<std::uint32_t> ids = leafIds(index, item);
            covered.insert(covered.end(), ids.begin(), ids.end());
        }
        std::sort(covered.begin(), covered.end());
        QVERIFY2(covered == allIds, qPrintable(QStringLiteral("zoom %1 does not partition the ids").arg(z)));
    }
    QCOMPARE(worldAt(index, 17).size(), std::size_t(n));
    QVERIFY(worldAt(index, 0).size() < std::size_t(n) / 10);
    if (n >= 1000)
        QVERIFY(sawClusterOfClusters);
}

void TestClusterIndex::childrenAddUpToCluster()
{
    const std::vector<ClusterPoint> points = randomPoints(11, 4000);
    ClusterIndex index;
    index.load(points);
    int checked = 0;
    for (int z = 0; z <= 16; ++z) {
        for (const ClusterItem &item : worldAt(index, z)) {
            if (!item.isCluster)
                continue;
            const std::vector<ClusterItem> children = index.children(item.id);
            QVERIFY2(children.size() >= 2, describe(item).c_str());
            QVERIFY(totalsOf(children) == totalsOf(std::vector<ClusterItem> {item}));
            // Children are the markers one zoom in.
            std::vector<ClusterItem> next = worldAt(index, index.expansionZoom(item.id));
            sortItems(next);
            for (const ClusterItem &child : children) {
                const auto it = std::lower_bound(next.begin(), next.end(), child, [](const auto &a, const auto &b) {
                    return a.isCluster != b.isCluster ? a.isCluster < b.isCluster : a.id < b.id;
                });
                QVERIFY2(it != next.end() && *it == child, describe(child).c_str());
            }
            if (++checked > 300)
                return;
        }
    }
    QVERIFY(checked > 50);
}

void TestClusterIndex::leavesPaging()
{
    const std::vector<ClusterPoint> points = randomPoints(5, 3000);
    ClusterIndex index;
    index.load(points);
    const std::vector<ClusterItem> top = worldAt(index, 2);
    const auto biggest = std::max_element(top.begin(), top.end(),
                                          [](const ClusterItem &a, const ClusterItem &b) { return a.count < b.count; });
    QVERIFY(biggest->count > 100);
    const std::vector<ClusterItem> all = index.leaves(biggest->id);
    QCOMPARE(all.size(), std::size_t(biggest->count));
    for (const std::size_t offset : {std::size_t(0), std::size_t(3), std::size_t(57), all.size() - 2}) {
        const std::vector<ClusterItem> page = index.leaves(biggest->id, 10, offset);
        const std::size_t expected = std::min<std::size_t>(10, all.size() - offset);
        QCOMPARE(page.size(), expected);
        for (std::size_t i = 0; i < page.size(); ++i)
            QVERIFY(page[i] == all[offset + i]);
    }
    QVERIFY(index.leaves(biggest->id, 10, all.size()).empty());
    QVERIFY(index.leaves(biggest->id, 0, 0).empty());
}

void TestClusterIndex::matchesBruteForce_data()
{
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<int>("minPoints");
    QTest::addColumn<double>("radius");
    QTest::addColumn<int>("n");
    QTest::addColumn<unsigned>("threads");
    QTest::newRow("seed 1") << quint64(1) << 2 << 40.0 << 1500 << 1u;
    QTest::newRow("seed 2") << quint64(2) << 2 << 40.0 << 1500 << 1u;
    QTest::newRow("seed 3") << quint64(3) << 2 << 40.0 << 1500 << 1u;
    QTest::newRow("seed 4, radius 80") << quint64(4) << 2 << 80.0 << 1500 << 1u;
    QTest::newRow("seed 5, minPoints 3") << quint64(5) << 3 << 40.0 << 1500 << 1u;
    QTest::newRow("seed 6, minPoints 5") << quint64(6) << 5 << 60.0 << 1500 << 1u;
    // Big enough that load() splits the deep zooms between threads.
    QTest::newRow("seed 7, 4500 points, 3 threads") << quint64(7) << 2 << 40.0 << 4500 << 3u;
}

void TestClusterIndex::matchesBruteForce()
{
    QFETCH(quint64, seed);
    QFETCH(int, minPoints);
    QFETCH(double, radius);
    QFETCH(int, n);
    QFETCH(unsigned, threads);
    std::vector<ClusterPoint> points = randomPoints(seed, n);
    // Exact duplicates and near-duplicates stress tie handling.
    for (int i = 0; i < 60; ++i) {
        ClusterPoint p = points[std::size_t(i * 13)];
        p.id = 900000 + std::uint32_t(i);
        if (i % 2)
            p.lng += 1e-7;
        points.push_back(p);
    }
    ClusterOptions options;
    options.minPoints = std::uint32_t(minPoints);
    options.radius = radius;
    options.threads = threads;
    ClusterIndex index(options);
    index.load(points);
    int clustersSeen = 0;
    for (int z = 0; z <= 17; ++z) {
        std::vector<ClusterItem> ours = worldAt(index, z);
        std::vector<ClusterItem> reference = NaiveClusterer::cluster(points, options, z);
        QCOMPARE(ours.size(), reference.size());
        sortItems(ours);
        sortItems(reference);
        for (std::size_t i = 0; i < ours.size(); ++i) {
            QVERIFY2(ours[i] == reference[i],
                     qPrintable(QStringLiteral("zoom %1: %2 vs %3")
                                    .arg(z)
                                    .arg(QString::fromStdString(describe(ours[i])),
                                         QString::fromStdString(describe(reference[i])))));
            clustersSeen += ours[i].isCluster;
        }
    }
    QVERIFY(clustersSeen > 100);
}

// Threads split each zoom's neighbour search by runs of the tree's leaves or
// of the grid; whatever the split, the clusters must be the same, id for id.
void TestClusterIndex::threadsDoNotChangeTheResult()
{
    std::vector<ClusterPoint> points = randomPoints(21, 20000);
    // Piles of identical points make leaves bigger than usual, and points
    // either side of the antimeridian and near a pole make the tree uneven.
    for (int i = 0; i < 3000; ++i) {
        ClusterPoint p = points[std::size_t(i % 40)];
        p.id = 2000000 + std::uint32_t(i);
        points.push_back(p);
    }
    for (int i = 0; i < 2000; ++i) {
        const double lng = i % 2 ? 179.99 - i * 1e-4 : -179.99 + i * 1e-4;
        points.push_back({lng, 52.0 + (i % 50) * 0.01, 3000000 + std::uint32_t(i), std::uint32_t(i % 9), 1});
        points.push_back({double(i % 360) - 180.0, 84.9 - (i % 7) * 1e-3, 4000000 + std::uint32_t(i), 2, 2});
    }
    ClusterOptions one;
    one.threads = 1;
    ClusterIndex reference(one);
    reference.load(points);
    for (const unsigned threads : {2u, 3u, 4u}) {
        ClusterOptions options;
        options.threads = threads;
        ClusterIndex index(options);
        index.load(points);
        QCOMPARE(index.clusterCount(), reference.clusterCount());
        for (int z = 0; z <= 17; ++z) {
            std::vector<ClusterItem> ours = worldAt(index, z);
            std::vector<ClusterItem> expected = worldAt(reference, z);
            QCOMPARE(ours.size(), expected.size());
            sortItems(ours);
            sortItems(expected);
            QVERIFY2(ours == expected, qPrintable(QStringLiteral("%1 threads, zoom %2").arg(threads).arg(z)));
        }
        for (std::uint32_t id = 0; id < index.clusterCount(); id += 97)
            QVERIFY(index.children(id) == reference.children(id));
    }
    QVERIFY(reference.clusterCount() > 5000);
}

void TestClusterIndex::boxQueriesMatchBruteForce()
{
    std::vector<ClusterPoint> points = randomPoints(21, 1200);
    // Some events around the antimeridian so crossing boxes catch something.
    std::mt19937_64 rng(21);
    std::uniform_real_distribution<double> lng(160, 200);
    std::uniform_real_distribution<double> lat(45, 60);
    for (std::uint32_t i = 0; i < 300; ++i)
        points.push_back({MercatorProjection::wrapLongitude(lng(rng)), lat(rng), 500000 + i, i, std::uint8_t(i % 4)});
    const ClusterOptions options;
    ClusterIndex index(options);
    index.load(points);
    std::uniform_real_distribution<double> west(-180, 180);
    std::uniform_real_distribution<double> width(0.5, 120);
    std::uniform_real_distribution<double> south(-60, 70);
    std::uniform_real_distribution<double> height(0.5, 40);
    for (int z : {3, 6, 9, 17}) {
        const std::vector<ClusterItem> everything = NaiveClusterer::cluster(points, options, z);
        for (int q = 0; q < 40; ++q) {
            const double w = west(rng);
            const double e = MercatorProjection::wrapLongitude(w + width(rng));
            const double s = south(rng);
            const double n = std::min(90.0, s + height(rng));
            std::vector<ClusterItem> ours = index.query(w, s, e, n, z);
            std::vector<ClusterItem> reference = NaiveClusterer::query(points, options, w, s, e, n, z);
            sortItems(ours);
            sortItems(reference);
            QVERIFY2(ours == reference,
                     qPrintable(QStringLiteral("zoom %1 box %2,%3,%4,%5: %6 vs %7")
                                    .arg(z)
                                    .arg(w)
                                    .arg(s)
                                    .arg(e)
                                    .arg(n)
                                    .arg(ours.size())
                                    .arg(reference.size())));
            // The box keeps exactly the markers whose position is inside it.
            std::size_t inside = 0;
            for (const ClusterItem &item : everything) {
                const bool inLng = w <= e ? item.lng >= w && item.lng <= e : item.lng >= w || item.lng <= e;
                inside += inLng && item.lat >= s && item.lat <= n;
            }
            QVERIFY(std::max(inside, ours.size()) - std::min(inside, ours.size()) <= 2); // float edge only
        }
    }
}

void TestClusterIndex::antimeridianBox()
{
    // Aleutians and Kamchatka: both sides of the date line.
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> lng(165, 200);
    std::uniform_real_distribution<double> lat(50, 56);
    std::vector<ClusterPoint> points;
    for (std::uint32_t i = 0; i < 400; ++i)
        points.push_back({MercatorProjection::wrapLongitude(lng(rng)), lat(rng), i, 1, 0});
    points.push_back({180.0, 52.0, 9000, 1, 0});
    points.push_back({-180.0, 52.5, 9001, 1, 0});
    points.push_back({-100.0, 52.5, 9002, 1, 0}); // far away, never inside
    ClusterIndex index;
    index.load(points);

    std::set<std::uint32_t> expected;
    for (const ClusterPoint &p : points) {
        if ((p.lng >= 172 || p.lng <= -170) && p.lat >= 51 && p.lat <= 55)
            expected.insert(p.id);
    }
    QVERIFY(expected.count(9000) && expected.count(9001));
    for (const auto &box :
         {std::array<double, 2> {172, -170}, std::array<double, 2> {172, 190}, std::array<double, 2> {-188, -170}}) {
        std::set<std::uint32_t> got;
        for (const ClusterItem &item : index.query(box[0], 51, box[1], 55, 17)) {
            QVERIFY(!item.isCluster);
            QVERIFY2(got.insert(item.id).second, "reported twice");
        }
        QVERIFY2(got == expected, qPrintable(QStringLiteral("box %1..%2").arg(box[0]).arg(box[1])));
    }
    // At clustered zooms the crossing box sees the whole population once.
    std::uint64_t total = 0;
    for (const ClusterItem &item : index.query(160, 40, -150, 70, 5))
        total += item.count;
    QCOMPARE(total, std::uint64_t(points.size() - 1));
}

void TestClusterIndex::wholeWorldSpellings()
{
    const std::vector<ClusterPoint> points = randomPoints(9, 2000);
    ClusterIndex index;
    index.load(points);
    for (int z : {0, 5, 10, 17}) {
        std::vector<ClusterItem> a = index.query(-180, -90, 180, 90, z);
        std::vector<ClusterItem> b = index.query(-1000, -90, 1000, 90, z);
        std::vector<ClusterItem> c = index.query(0, -90, 360, 90, z);
        std::vector<ClusterItem> d = index.query(-180, 90, 180, -90, z); // south/north swapped
        sortItems(a);
        sortItems(b);
        sortItems(c);
        sortItems(d);
        QVERIFY(a == b);
        QVERIFY(a == c);
        QVERIFY(a == d);
        QCOMPARE(totalsOf(a).count, std::uint64_t(points.size()));
    }
}

void TestClusterIndex::polesAndDateLine()
{
    std::vector<ClusterPoint> points;
    std::uint32_t id = 0;
    for (const double lat : {90.0, 89.0, 89.99, -89.0, -90.0, 0.0, 85.0511, -85.0511}) {
        for (const double lng : {-180.0, 180.0, 0.0, 179.9999, -179.9999})
            points.push_back({lng, lat, id++, 2, 1});
    }
    points.push_back({540.0, 10.0, id++, 2, 1}); // on the date line once wrapped
    points.push_back({-900.0, 10.0, id++, 2, 1}); // likewise
    const std::size_t n = points.size();
    ClusterIndex index;
    index.load(points);
    QCOMPARE(index.pointCount(), n);
    for (int z = 0; z <= 17; ++z) {
        const std::vector<ClusterItem> items = worldAt(index, z);
        QCOMPARE(totalsOf(items).count, std::uint64_t(n));
        for (const ClusterItem &item : items) {
            QVERIFY(std::isfinite(item.lng) && std::isfinite(item.lat));
            QVERIFY(item.lng >= -180 && item.lng <= 180);
            QVERIFY(item.lat >= -90 && item.lat <= 90);
        }
        std::vector<ClusterItem> ours = items;
        std::vector<ClusterItem> reference = NaiveClusterer::cluster(points, ClusterOptions {}, z);
        sortItems(ours);
        sortItems(reference);
        QVERIFY(ours == reference);
    }
    // The polar rows are findable with a box that reaches the pole.
    std::set<std::uint32_t> north;
    for (const ClusterItem &item : index.query(-180, 80, 180, 90, 17))
        north.insert(item.id);
    std::set<std::uint32_t> expected;
    for (const ClusterPoint &p : points) {
        if (p.lat >= 80)
            expected.insert(p.id);
    }
    QVERIFY(north == expected);
}

void TestClusterIndex::expansionZoomSplitsCluster()
{
    const std::vector<ClusterPoint> points = randomPoints(13, 3000);
    ClusterIndex index;
    index.load(points);
    int checked = 0;
    for (int z = 0; z <= 15; z += 3) {
        std::vector<ClusterItem> items = worldAt(index, z);
        for (const ClusterItem &cluster : items) {
            if (!cluster.isCluster)
                continue;
            const int ez = index.expansionZoom(cluster.id);
            QVERIFY(ez > z && ez <= 17);
            // Find which marker at the expansion zoom holds each of the leaves.
            std::map<std::uint32_t, int> markerOfLeaf;
            const std::vector<ClusterItem> atExpansion = worldAt(index, ez);
            for (int m = 0; m < int(atExpansion.size()); ++m) {
                for (const std::uint32_t leaf : leafIds(index, atExpansion[std::size_t(m)]))
                    markerOfLeaf[leaf] = m;
            }
            std::set<int> markers;
            for (const std::uint32_t leaf : leafIds(index, cluster))
                markers.insert(markerOfLeaf.at(leaf));
            QVERIFY2(markers.size() >= 2, describe(cluster).c_str());
            // One zoom out from there it is still whole.
            bool whole = false;
            for (const ClusterItem &item : worldAt(index, ez - 1))
                whole |= item.isCluster && item.id == cluster.id;
            QVERIFY(whole);
            if (++checked % 10 == 0)
                break;
        }
    }
    QVERIFY(checked >= 20);
}

void TestClusterIndex::zoomIsFlooredAndClamped()
{
    const std::vector<ClusterPoint> points = randomPoints(17, 1000);
    ClusterOptions options;
    options.minZoom = 2;
    options.maxZoom = 12;
    ClusterIndex index(options);
    index.load(points);
    auto sorted = [&](double z) {
        std::vector<ClusterItem> v = index.query(-180, -90, 180, 90, z);
        sortItems(v);
        return v;
    };
    QVERIFY(sorted(4.7) == sorted(4));
    QVERIFY(sorted(4.7) != sorted(5));
    QVERIFY(sorted(-3) == sorted(2));
    QVERIFY(sorted(0) == sorted(2));
    QCOMPARE(sorted(13).size(), points.size());
    QCOMPARE(sorted(99).size(), points.size());
    QVERIFY(sorted(12).size() < points.size());
    QCOMPARE(index.limitZoom(std::nan("")), 2);
}

void TestClusterIndex::nonFinitePointsAreSkipped()
{
    std::vector<ClusterPoint> points = randomPoints(19, 100);
    points.push_back({std::nan(""), 10, 77777, 1, 0});
    points.push_back({10, INFINITY, 77778, 1, 0});
    ClusterIndex index;
    index.load(points);
    QCOMPARE(index.pointCount(), std::size_t(100));
    for (const ClusterItem &item : worldAt(index, 17))
        QVERIFY(item.id < 77777);
}

void TestClusterIndex::unknownClusterIds()
{
    ClusterIndex index;
    index.load(randomPoints(23, 500));
    const auto bogus = std::uint32_t(index.clusterCount());
    QVERIFY(bogus > 0);
    QCOMPARE(index.expansionZoom(bogus), -1);
    QVERIFY(index.children(bogus).empty());
    QVERIFY(index.leaves(bogus).empty());
    QVERIFY(index.expansionZoom(bogus - 1) > 0);
}

QTEST_APPLESS_MAIN(TestClusterIndex)
#include "tst_clusterindex.moc"

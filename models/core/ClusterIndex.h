#pragma once

#include "ClusterItem.h"
#include "ClusterOptions.h"
#include "ClusterPoint.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace oc {

class PartRunner;

// Hierarchical greedy marker clustering, the algorithm of mapbox's
// supercluster: points are projected to Web Mercator, then for each zoom from
// maxZoom down to minZoom the items of the zoom above are visited in order and
// each unvisited one absorbs every unvisited neighbour within
// radius / (extent * 2^zoom), giving a cluster at their weighted centroid.
// Each zoom keeps a static k-d tree over its markers (see Level), so a
// viewport query is a range search in one level.
//
// Deliberately std-only: it sits under the map of up to a million events and
// is rebuilt whenever they change, so it is written for speed with flat
// arrays, and keeping Qt out keeps it cheap to compile and to benchmark
// against the JavaScript original (bench/cluster).
//
// Neighbours are merged in visiting order (not KD order), which makes the
// result a pure function of the input order; NaiveClusterer relies on that to
// reproduce it by brute force.
//
// The greedy visit of a zoom is inherently one thread's work; what load()
// spreads over ClusterOptions::threads is everything around it: each big
// zoom's neighbour lists (by runs of tree leaves or grid rows), and the RSVP
// and state sums of earlier zooms, done by a helper during the visit. None
// of that changes the result (tst_clusterindex compares thread counts).
class ClusterIndex
{
public:
    explicit ClusterIndex(ClusterOptions options = {});

    // Replaces the index. Points with a non-finite coordinate are skipped;
    // longitudes outside [-180, 180] are wrapped.
    void load(std::span<const ClusterPoint> points);

    // Markers in the box at floor(zoom), clamped to [minZoom, maxZoom + 1].
    // West > east means the box crosses the antimeridian; a span of 360
    // degrees or more means the whole world. Order is unspecified.
    std::vector<ClusterItem> query(double west, double south, double east, double north, double zoom) const;
    // Same, reusing the caller's vector so panning does not allocate.
    void query(double west, double south, double east, double north, double zoom, std::vector<ClusterItem> &out) const;

    // The zoom at which the cluster falls apart into several markers (for
    // click-to-zoom), or -1 for an unknown id.
    int expansionZoom(std::uint32_t clusterId) const;
    // The markers the cluster was made of, one zoom further in; empty for an unknown id.
    std::vector<ClusterItem> children(std::uint32_t clusterId) const;
    // The events inside the cluster, skipping `offset` of them.
    std::vector<ClusterItem> leaves(std::uint32_t clusterId,
                                    std::size_t limit = std::numeric_limits<std::size_t>::max(),
                                    std::size_t offset = 0) const;

    const ClusterOptions &options() const { return options_; }
    // For benchmarks: load() runs its parallel phases on `runner` (not
    // owned; its size() threads) instead of a PoolRunner of its own of
    // ClusterOptions::threads. nullptr: its own. The result is the same.
    void setRunner(PartRunner *runner) { runner_ = runner; }
    std::size_t pointCount() const { return points_.size(); }
    std::size_t clusterCount() const { return clusters_.size(); }
    // Bytes held by the index (capacity of its arrays), for budgeting and the benchmark.
    std::size_t memoryBytes() const;
    int limitZoom(double zoom) const { return limitZoom(options_, zoom); }

    // The options as the index applies them (zoom range clamped to 0..30).
    static ClusterOptions normalized(ClusterOptions options);
    // floor(zoom) clamped to [minZoom, maxZoom + 1] of normalized options.
    static int limitZoom(const ClusterOptions &options, double zoom);

    // The arithmetic both this class and NaiveClusterer must share bit for
    // bit; a different rounding would let the two disagree on a borderline
    // neighbour and diverge from there.
    static double zoomRadius(const ClusterOptions &options, int zoom);
    static bool withinRadius(float ax, float ay, float bx, float by, double r2)
    {
        const double dx = double(ax) - double(bx);
        const double dy = double(ay) - double(by);
        return dx * dx + dy * dy <= r2;
    }

private:
    // Float keeps a level at 16 bytes a marker: the 2^-24 step is ~2 m at the
    // equator, 20x finer than the cluster radius at zoom 16. Single points
    // still report their original double coordinates.
    struct Node
    {
        float x;
        float y;
        std::uint32_t count; // 1 for a single point
        std::uint32_t ref; // index into the points for count == 1, else into the clusters
    };

    // A k-d tree node in preorder; `skip` is the index just past its subtree,
    // so searches walk the array without a stack. A node is a leaf when
    // skip == its own index + 1.
    struct TreeNode
    {
        float minX, minY, maxX, maxY; // tight bounds of its markers
        std::uint32_t begin, end; // its markers, a range of Level::nodes
        std::uint32_t skip;
    };

    // The markers of one zoom in Morton order, which is the leaf order of a
    // k-d tree split at spatial midpoints (x and y taking turns): the tree is
    // built from a radix sort, and markers that survive to the next zoom keep
    // their keys, so the next level is a merge rather than a new sort.
    struct Level
    {
        std::vector<Node> nodes;
        std::vector<TreeNode> tree;
    };

    struct Cluster
    {
        std::uint64_t rsvpSum = 0;
        std::array<std::uint32_t, ClusterPoint::kStateCount> stateCounts {};
        std::uint32_t childBegin = 0; // into children_
        std::uint32_t childEnd = 0;
        std::int32_t zoom = 0; // the zoom it was formed at
    };

    struct Scratch;

    bool clusterZoom(const Level &src, int zoom, Scratch &s);
    void mergeNextLevel(const Level &src, Scratch &s);
    void absorb(Cluster &c, const Node &member) const;
    void sumClusters(std::uint32_t begin, std::uint32_t end);
    ClusterItem makeItem(const Node &node) const;
    const Level &levelAt(int zoom) const { return levels_[levelOfZoom_[std::size_t(zoom)]]; }
    const Cluster *findCluster(std::uint32_t clusterId) const;
    std::size_t appendLeaves(std::uint32_t clusterId, std::size_t limit, std::size_t offset, std::size_t skipped,
                             std::vector<ClusterItem> &out) const;

    ClusterOptions options_;
    PartRunner *runner_ = nullptr;
    std::vector<ClusterPoint> points_; // as loaded, lng wrapped
    std::vector<Level> levels_; // one per distinct zoom, maxZoom + 1 first
    std::vector<std::uint32_t> levelOfZoom_; // zoom -> levels_ index; zooms where nothing merged share
    std::vector<Cluster> clusters_; // cluster id == index
    std::vector<std::uint32_t> children_; // node indices in the level one zoom in
};

} // namespace oc

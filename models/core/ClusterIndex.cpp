#include "ClusterIndex.h"

#include "MercatorProjection.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <utility>

namespace oc {

namespace {

// Leaf size of the KD-trees. Smaller than supercluster's 64: our leaves are
// scanned by compiled code, where a deeper tree costs little and a short leaf
// scan saves most of a within() call at the zooms where nearly nothing merges.
constexpr std::size_t kNodeSize = 16;

// Head room on the pruning radius so that rounding in `q - r` can never cut
// off a node that withinRadius() would accept; the exact test decides.
constexpr double kPruneSlack = 1.0 + 1e-6;

std::uint8_t stateIndex(std::uint8_t state)
{
    return std::min<std::uint8_t>(state, ClusterPoint::kStateCount - 1);
}

template <class Entry>
void kdSort(Entry *items, std::size_t left, std::size_t right, int axis)
{
    // Iterate on the right half instead of recursing: depth stays log2(n).
    while (right - left > kNodeSize) {
        const std::size_t m = (left + right) / 2;
        if (axis == 0)
            std::nth_element(items + left, items + m, items + right + 1,
                             [](const Entry &a, const Entry &b) { return a.node.x < b.node.x; });
        else
            std::nth_element(items + left, items + m, items + right + 1,
                             [](const Entry &a, const Entry &b) { return a.node.y < b.node.y; });
        kdSort(items, left, m - 1, 1 - axis);
        left = m + 1;
        axis = 1 - axis;
    }
}

struct StackFrame
{
    std::uint32_t left;
    std::uint32_t right;
    std::uint32_t axis;
};

// Indices of the nodes within sqrt(r2) of (qx, qy), in tree order.
template <class Node>
void kdWithin(const std::vector<Node> &nodes, float qx, float qy, double r2, double pruneR,
              std::vector<std::uint32_t> &out)
{
    if (nodes.empty())
        return;
    StackFrame stack[96];
    int sp = 0;
    stack[sp++] = {0, std::uint32_t(nodes.size() - 1), 0};
    const double lowX = double(qx) - pruneR;
    const double highX = double(qx) + pruneR;
    const double lowY = double(qy) - pruneR;
    const double highY = double(qy) + pruneR;
    while (sp > 0) {
        const StackFrame f = stack[--sp];
        if (f.right - f.left <= kNodeSize) {
            for (std::uint32_t i = f.left; i <= f.right; ++i) {
                if (ClusterIndex::withinRadius(nodes[i].x, nodes[i].y, qx, qy, r2))
                    out.push_back(i);
            }
            continue;
        }
        const std::uint32_t m = (f.left + f.right) / 2;
        const Node &mid = nodes[m];
        if (ClusterIndex::withinRadius(mid.x, mid.y, qx, qy, r2))
            out.push_back(m);
        const double c = f.axis == 0 ? double(mid.x) : double(mid.y);
        const double low = f.axis == 0 ? lowX : lowY;
        const double high = f.axis == 0 ? highX : highY;
        if (low <= c)
            stack[sp++] = {f.left, m - 1, 1 - f.axis};
        if (high >= c)
            stack[sp++] = {m + 1, f.right, 1 - f.axis};
    }
}

template <class Node, class Fn>
void kdRange(const std::vector<Node> &nodes, float minX, float minY, float maxX, float maxY, Fn &&fn)
{
    if (nodes.empty())
        return;
    StackFrame stack[96];
    int sp = 0;
    stack[sp++] = {0, std::uint32_t(nodes.size() - 1), 0};
    while (sp > 0) {
        const StackFrame f = stack[--sp];
        if (f.right - f.left <= kNodeSize) {
            for (std::uint32_t i = f.left; i <= f.right; ++i) {
                const Node &n = nodes[i];
                if (n.x >= minX && n.x <= maxX && n.y >= minY && n.y <= maxY)
                    fn(n);
            }
            continue;
        }
        const std::uint32_t m = (f.left + f.right) / 2;
        const Node &mid = nodes[m];
        if (mid.x >= minX && mid.x <= maxX && mid.y >= minY && mid.y <= maxY)
            fn(mid);
        if (f.axis == 0 ? minX <= mid.x : minY <= mid.y)
            stack[sp++] = {f.left, m - 1, 1 - f.axis};
        if (f.axis == 0 ? maxX >= mid.x : maxY >= mid.y)
            stack[sp++] = {m + 1, f.right, 1 - f.axis};
    }
}

} // namespace

// Buffers sized once per load() and reused by every zoom.
struct ClusterIndex::Scratch
{
    struct Entry
    {
        Node node;
        std::uint32_t rank;
    };
    std::vector<Entry> entries;
    std::vector<std::uint32_t> order;  // visiting rank -> index in the current level
    std::vector<std::uint32_t> rankOf; // index in the current level -> visiting rank
    std::vector<std::uint8_t> visited;
    std::vector<Node> byRank;          // the next level, in visiting order
    std::vector<std::uint32_t> neighbours;
    std::vector<std::uint32_t> fresh;  // unvisited neighbours
};

ClusterIndex::ClusterIndex(ClusterOptions options)
    : options_(normalized(options))
{
}

ClusterOptions ClusterIndex::normalized(ClusterOptions options)
{
    // 2^30 * extent pixels is already finer than a float coordinate can tell apart.
    options.maxZoom = std::clamp(options.maxZoom, 0, 30);
    options.minZoom = std::clamp(options.minZoom, 0, options.maxZoom);
    return options;
}

int ClusterIndex::limitZoom(const ClusterOptions &options, double zoom)
{
    const ClusterOptions o = normalized(options);
    if (std::isnan(zoom))
        return o.minZoom;
    const double z = std::clamp(std::floor(zoom), double(o.minZoom), double(o.maxZoom + 1));
    return int(z);
}

double ClusterIndex::zoomRadius(const ClusterOptions &options, int zoom)
{
    return options.radius / (options.extent * std::ldexp(1.0, zoom));
}

void ClusterIndex::load(std::span<const ClusterPoint> points)
{
    points_.clear();
    levels_.clear();
    clusters_.clear();
    children_.clear();
    levelOfZoom_.assign(std::size_t(options_.maxZoom) + 2, 0);

    points_.reserve(points.size());
    for (const ClusterPoint &p : points) {
        if (!std::isfinite(p.lng) || !std::isfinite(p.lat))
            continue;
        ClusterPoint q = p;
        q.lng = MercatorProjection::wrapLongitude(p.lng);
        points_.push_back(q);
    }
    points_.shrink_to_fit();
    const std::size_t n = points_.size();

    Scratch s;
    s.entries.reserve(n);
    s.order.reserve(n);
    s.rankOf.reserve(n);
    s.visited.reserve(n);
    s.byRank.reserve(n);
    // A cluster has at least two members and each merge removes one marker,
    // so across all zooms there are fewer than n clusters.
    clusters_.reserve(n / 2);
    children_.reserve(n);

    s.byRank.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const MercatorProjection::Point p = MercatorProjection::project(points_[i].lng, points_[i].lat);
        s.byRank[i] = Node{float(p.x), float(p.y), 1, std::uint32_t(i)};
    }
    buildTree(s);
    levelOfZoom_[std::size_t(options_.maxZoom) + 1] = 0;

    for (int z = options_.maxZoom; z >= options_.minZoom; --z) {
        bool changed = false;
        clusterZoom(levels_.back(), z, s, changed);
        // Unchanged means the same markers in the same order: share the tree of the zoom above.
        if (changed)
            buildTree(s);
        levelOfZoom_[std::size_t(z)] = std::uint32_t(levels_.size() - 1);
    }
    clusters_.shrink_to_fit();
    children_.shrink_to_fit();
}

void ClusterIndex::buildTree(Scratch &s)
{
    const std::vector<Node> &byRank = s.byRank;
    const std::size_t n = byRank.size();
    s.entries.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        s.entries[i] = {byRank[i], std::uint32_t(i)};
    if (n > 0)
        kdSort(s.entries.data(), 0, n - 1, 0);

    std::vector<Node> nodes(n);
    s.order.resize(n);
    s.rankOf.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        nodes[i] = s.entries[i].node;
        s.rankOf[i] = s.entries[i].rank;
        s.order[s.entries[i].rank] = std::uint32_t(i);
    }
    levels_.push_back(std::move(nodes));
}

void ClusterIndex::clusterZoom(const std::vector<Node> &src, int zoom, Scratch &s, bool &changed)
{
    const std::size_t n = src.size();
    const double r = zoomRadius(options_, zoom);
    const double r2 = r * r;
    const double pruneR = r * kPruneSlack;

    s.visited.assign(n, 0);
    s.byRank.clear();
    for (std::size_t rank = 0; rank < n; ++rank) {
        const std::uint32_t slot = s.order[rank];
        if (s.visited[slot])
            continue;
        s.visited[slot] = 1;
        const Node origin = src[slot];

        s.neighbours.clear();
        kdWithin(src, origin.x, origin.y, r2, pruneR, s.neighbours);
        s.fresh.clear();
        std::uint64_t total = origin.count;
        for (const std::uint32_t k : s.neighbours) {
            if (!s.visited[k]) {
                s.fresh.push_back(k);
                total += src[k].count;
            }
        }
        if (s.fresh.empty()) {
            s.byRank.push_back(origin);
            continue;
        }
        changed = true;
        // Visiting order, not tree order: keeps the centroid's rounding and the
        // next zoom's visiting order independent of how the tree was cut.
        std::sort(s.fresh.begin(), s.fresh.end(),
                  [&s](std::uint32_t a, std::uint32_t b) { return s.rankOf[a] < s.rankOf[b]; });
        for (const std::uint32_t k : s.fresh)
            s.visited[k] = 1;

        if (total < options_.minPoints) {
            s.byRank.push_back(origin);
            for (const std::uint32_t k : s.fresh)
                s.byRank.push_back(src[k]);
            continue;
        }

        Cluster c;
        c.zoom = zoom;
        c.childBegin = std::uint32_t(children_.size());
        double wx = double(origin.x) * origin.count;
        double wy = double(origin.y) * origin.count;
        auto absorb = [&](const Node &m, std::uint32_t index) {
            if (m.count == 1) {
                const ClusterPoint &p = points_[m.ref];
                c.rsvpSum += p.rsvps;
                ++c.stateCounts[stateIndex(p.state)];
            } else {
                const Cluster &sub = clusters_[m.ref];
                c.rsvpSum += sub.rsvpSum;
                for (std::size_t i = 0; i < c.stateCounts.size(); ++i)
                    c.stateCounts[i] += sub.stateCounts[i];
            }
            children_.push_back(index);
        };
        absorb(origin, slot);
        for (const std::uint32_t k : s.fresh) {
            const Node &m = src[k];
            wx += double(m.x) * m.count;
            wy += double(m.y) * m.count;
            absorb(m, k);
        }
        c.childEnd = std::uint32_t(children_.size());
        const auto id = std::uint32_t(clusters_.size());
        clusters_.push_back(c);
        s.byRank.push_back(Node{float(wx / double(total)), float(wy / double(total)), std::uint32_t(total), id});
    }
}

ClusterItem ClusterIndex::makeItem(const Node &node) const
{
    ClusterItem item;
    if (node.count == 1) {
        const ClusterPoint &p = points_[node.ref];
        item.lng = p.lng;
        item.lat = p.lat;
        item.id = p.id;
        item.count = 1;
        item.rsvpSum = p.rsvps;
        item.stateCounts[stateIndex(p.state)] = 1;
        return item;
    }
    const Cluster &c = clusters_[node.ref];
    item.lng = MercatorProjection::xToLng(node.x);
    item.lat = MercatorProjection::yToLat(node.y);
    item.isCluster = true;
    item.id = node.ref;
    item.count = node.count;
    item.rsvpSum = c.rsvpSum;
    item.stateCounts = c.stateCounts;
    return item;
}

std::vector<ClusterItem> ClusterIndex::query(double west, double south, double east, double north,
                                             double zoom) const
{
    std::vector<ClusterItem> out;
    query(west, south, east, north, zoom, out);
    return out;
}

void ClusterIndex::query(double west, double south, double east, double north, double zoom,
                         std::vector<ClusterItem> &out) const
{
    out.clear();
    if (points_.empty())
        return;
    MercatorProjection::Range ranges[2];
    const int count = MercatorProjection::projectBox(west, south, east, north, ranges);
    const std::vector<Node> &nodes = nodesAt(limitZoom(zoom));
    auto add = [&](const Node &node) { out.push_back(makeItem(node)); };
    // Comparing in float with rounded bounds is safe: rounding to nearest is
    // monotonic, so every node whose exact coordinate is inside stays inside.
    if (count == 2 && float(ranges[1].maxX) >= float(ranges[0].minX)) {
        // The two halves touch after rounding; one full-width search avoids
        // reporting a marker on the seam twice.
        kdRange(nodes, 0.0f, float(ranges[0].minY), 1.0f, float(ranges[0].maxY), add);
        return;
    }
    for (int i = 0; i < count; ++i) {
        const MercatorProjection::Range &r = ranges[i];
        kdRange(nodes, float(r.minX), float(r.minY), float(r.maxX), float(r.maxY), add);
    }
}

const ClusterIndex::Cluster *ClusterIndex::findCluster(std::uint32_t clusterId) const
{
    return clusterId < clusters_.size() ? &clusters_[clusterId] : nullptr;
}

int ClusterIndex::expansionZoom(std::uint32_t clusterId) const
{
    const Cluster *c = findCluster(clusterId);
    // Every cluster is made of at least two markers of the zoom above, so it
    // is already apart one zoom in.
    return c ? c->zoom + 1 : -1;
}

std::vector<ClusterItem> ClusterIndex::children(std::uint32_t clusterId) const
{
    std::vector<ClusterItem> out;
    const Cluster *c = findCluster(clusterId);
    if (!c)
        return out;
    const std::vector<Node> &nodes = nodesAt(c->zoom + 1);
    out.reserve(c->childEnd - c->childBegin);
    for (std::uint32_t i = c->childBegin; i < c->childEnd; ++i)
        out.push_back(makeItem(nodes[children_[i]]));
    return out;
}

std::vector<ClusterItem> ClusterIndex::leaves(std::uint32_t clusterId, std::size_t limit, std::size_t offset) const
{
    std::vector<ClusterItem> out;
    if (limit > 0 && findCluster(clusterId))
        appendLeaves(clusterId, limit, offset, 0, out);
    return out;
}

std::size_t ClusterIndex::appendLeaves(std::uint32_t clusterId, std::size_t limit, std::size_t offset,
                                       std::size_t skipped, std::vector<ClusterItem> &out) const
{
    const Cluster &c = clusters_[clusterId];
    const std::vector<Node> &nodes = nodesAt(c.zoom + 1);
    for (std::uint32_t i = c.childBegin; i < c.childEnd && out.size() < limit; ++i) {
        const Node &child = nodes[children_[i]];
        if (skipped + child.count <= offset) {
            skipped += child.count; // the whole subtree lies before the window
        } else if (child.count > 1) {
            skipped = appendLeaves(child.ref, limit, offset, skipped, out);
        } else {
            out.push_back(makeItem(child));
        }
    }
    return skipped;
}

std::size_t ClusterIndex::memoryBytes() const
{
    std::size_t bytes = points_.capacity() * sizeof(ClusterPoint) + clusters_.capacity() * sizeof(Cluster) +
                        children_.capacity() * sizeof(std::uint32_t) +
                        levelOfZoom_.capacity() * sizeof(std::uint32_t);
    for (const std::vector<Node> &level : levels_)
        bytes += level.capacity() * sizeof(Node);
    return bytes;
}

} // namespace oc

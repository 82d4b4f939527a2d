#include "ClusterIndex.h"

#include "MercatorProjection.h"
#include "PoolRunner.h"

#include <optional>
#include <algorithm>
#include <bit>
#include <cmath>
#include <functional>
#include <limits>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace oc {

namespace {

// Markers per k-d tree leaf: small enough that a leaf's bounds hug its
// markers at the zooms where almost nothing merges, big enough that the tree
// stays a few percent of the level.
constexpr std::uint32_t kLeafSize = 16; // at most 16: leaves are scanned with 16-bit masks

// Head room on pruning bounds so rounding in `q - r` never cuts off a marker
// that withinRadius() would accept; withinRadius() alone decides.
constexpr double kPruneSlack = 1.0 + 1e-6;

// How far ahead the visiting loop prefetches. Visiting order is input order,
// which has nothing to do with where markers sit in memory, so every visit is
// a cache miss unless it was asked for early.
constexpr std::size_t kPrefetchDistance = 16;

// Neighbour lists are precomputed only while they stay this many entries per
// marker; piles of identical points would make them quadratic, and there the
// per-marker search is cheap anyway because the first visit absorbs the pile.
constexpr std::size_t kAdjacencyBudgetPerMarker = 16;

constexpr std::uint32_t kUnvisited = 0xffffffffu;
constexpr std::uint32_t kAbsorbed = 0xfffffffeu;

constexpr int kAxisBits = 24; // per axis, so a Morton key has 48 bits

struct KeyIndex
{
    std::uint64_t key;
    std::uint32_t index;
};

std::uint64_t spreadBits(std::uint32_t v)
{
    std::uint64_t x = v;
    x = (x | (x << 16)) & 0x0000ffff0000ffffull;
    x = (x | (x << 8)) & 0x00ff00ff00ff00ffull;
    x = (x | (x << 4)) & 0x0f0f0f0f0f0f0f0full;
    x = (x | (x << 2)) & 0x3333333333333333ull;
    x = (x | (x << 1)) & 0x5555555555555555ull;
    return x;
}

std::uint32_t quantize(float c)
{
    constexpr double kScale = double(1u << kAxisBits);
    const double q = double(c) * kScale;
    if (!(q > 0))
        return 0;
    return q >= kScale - 1 ? (1u << kAxisBits) - 1 : std::uint32_t(q);
}

// x takes the higher bit of each pair, so the tree splits on x first.
std::uint64_t mortonKey(float x, float y)
{
    return (spreadBits(quantize(x)) << 1) | spreadBits(quantize(y));
}

// Stable LSD radix sort by key: ties keep their order, which is visiting
// order wherever it matters. Only as many 12-bit digits as the keys use.
void radixSort(std::vector<KeyIndex> &v, std::vector<KeyIndex> &tmp)
{
    const std::size_t n = v.size();
    if (n < 256) {
        std::stable_sort(v.begin(), v.end(), [](const KeyIndex &a, const KeyIndex &b) { return a.key < b.key; });
        return;
    }
    std::uint64_t used = 0;
    for (const KeyIndex &e : v)
        used |= e.key;
    constexpr int kDigitBits = 12;
    constexpr std::size_t kBuckets = std::size_t(1) << kDigitBits;
    const int passes = (int(std::bit_width(used)) + kDigitBits - 1) / kDigitBits;
    std::vector<std::uint32_t> hist(std::size_t(passes) * kBuckets, 0);
    for (const KeyIndex &e : v) {
        for (int p = 0; p < passes; ++p)
            ++hist[std::size_t(p) * kBuckets + ((e.key >> (p * kDigitBits)) & (kBuckets - 1))];
    }
    tmp.resize(n);
    for (int p = 0; p < passes; ++p) {
        std::uint32_t *h = hist.data() + std::size_t(p) * kBuckets;
        const int shift = p * kDigitBits;
        if (h[(v[0].key >> shift) & (kBuckets - 1)] == n)
            continue; // every key has the same digit here
        std::uint32_t sum = 0;
        for (std::size_t b = 0; b < kBuckets; ++b)
            sum += std::exchange(h[b], sum);
        for (const KeyIndex &e : v)
            tmp[h[(e.key >> shift) & (kBuckets - 1)]++] = e;
        v.swap(tmp);
    }
}

std::uint32_t compactBits(std::uint64_t x)
{
    x &= 0x5555555555555555ull;
    x = (x | (x >> 1)) & 0x3333333333333333ull;
    x = (x | (x >> 2)) & 0x0f0f0f0f0f0f0f0full;
    x = (x | (x >> 4)) & 0x00ff00ff00ff00ffull;
    x = (x | (x >> 8)) & 0x0000ffff0000ffffull;
    x = (x | (x >> 16)) & 0x00000000ffffffffull;
    return std::uint32_t(x);
}

// The square region ("cell") of a tree node: every marker of the level that
// lies in it belongs to the node. `cellBits` leading key bits are fixed in it.
struct Cell
{
    double minX, minY, maxX, maxY; // half-open: [min, max)
};

Cell cellOf(std::uint64_t key, int cellBits)
{
    constexpr double kScale = 1.0 / double(1u << kAxisBits);
    const int freeX = kAxisBits - (cellBits + 1) / 2;
    const int freeY = kAxisBits - cellBits / 2;
    const std::uint32_t qx = compactBits(key >> 1) >> freeX << freeX;
    const std::uint32_t qy = compactBits(key) >> freeY << freeY;
    return {qx * kScale, qy * kScale, (qx + (std::uint64_t(1) << freeX)) * kScale,
            (qy + (std::uint64_t(1) << freeY)) * kScale};
}

template<class TreeNode, class Node>
void buildTreeRange(const std::uint64_t *keys, const Node *nodes, std::uint32_t begin, std::uint32_t end, int cellBits,
                    std::vector<TreeNode> &tree, std::vector<std::uint8_t> &cellBitsOut)
{
    const auto self = std::uint32_t(tree.size());
    tree.emplace_back();
    cellBitsOut.push_back(std::uint8_t(cellBits));
    TreeNode t {};
    t.begin = begin;
    t.end = end;
    const std::uint64_t differing = keys[begin] ^ keys[end - 1];
    if (end - begin > kLeafSize && differing != 0) {
        // The keys share every bit above the highest differing one, so that
        // bit splits the cell in two at its midpoint: a k-d split on x or y.
        const int splitBit = 63 - std::countl_zero(differing);
        const std::uint64_t bit = std::uint64_t(1) << splitBit;
        const std::uint64_t *split =
            std::partition_point(keys + begin, keys + end, [bit](std::uint64_t k) { return !(k & bit); });
        const auto mid = std::uint32_t(split - keys);
        const int childBits = 2 * kAxisBits - splitBit;
        buildTreeRange(keys, nodes, begin, mid, childBits, tree, cellBitsOut);
        const auto right = std::uint32_t(tree.size());
        buildTreeRange(keys, nodes, mid, end, childBits, tree, cellBitsOut);
        const TreeNode &a = tree[self + 1];
        const TreeNode &b = tree[right];
        t.minX = std::min(a.minX, b.minX);
        t.minY = std::min(a.minY, b.minY);
        t.maxX = std::max(a.maxX, b.maxX);
        t.maxY = std::max(a.maxY, b.maxY);
    } else {
        t.minX = t.maxX = nodes[begin].x;
        t.minY = t.maxY = nodes[begin].y;
        for (std::uint32_t i = begin + 1; i < end; ++i) {
            t.minX = std::min(t.minX, nodes[i].x);
            t.minY = std::min(t.minY, nodes[i].y);
            t.maxX = std::max(t.maxX, nodes[i].x);
            t.maxY = std::max(t.maxY, nodes[i].y);
        }
    }
    t.skip = std::uint32_t(tree.size());
    tree[self] = t;
}

// `cellBits` receives each tree node's cell size, which only the next
// clustering pass needs, so it is kept out of the level.
template<class Level>
void buildTree(Level &level, const std::vector<std::uint64_t> &keys, std::vector<std::uint8_t> &cellBits)
{
    level.tree.clear();
    cellBits.clear();
    if (level.nodes.empty())
        return;
    level.tree.reserve(4 * level.nodes.size() / kLeafSize + 8);
    buildTreeRange(keys.data(), level.nodes.data(), 0, std::uint32_t(level.nodes.size()), 0, level.tree, cellBits);
    level.tree.shrink_to_fit();
}

template<class TreeNode> bool outside(const TreeNode &t, double minX, double minY, double maxX, double maxY)
{
    return t.maxX < minX || t.minX > maxX || t.maxY < minY || t.minY > maxY;
}

// Markers within sqrt(r2) of (qx, qy), by index in the level.
template<class Level>
void levelWithin(const Level &level, float qx, float qy, double r2, double pruneR, std::vector<std::uint32_t> &out)
{
    const double minX = double(qx) - pruneR, maxX = double(qx) + pruneR;
    const double minY = double(qy) - pruneR, maxY = double(qy) + pruneR;
    const auto &tree = level.tree;
    std::uint32_t i = 0;
    while (i < tree.size()) {
        const auto &t = tree[i];
        if (outside(t, minX, minY, maxX, maxY)) {
            i = t.skip;
            continue;
        }
        if (t.skip == i + 1) {
            for (std::uint32_t k = t.begin; k < t.end; ++k) {
                if (ClusterIndex::withinRadius(level.nodes[k].x, level.nodes[k].y, qx, qy, r2))
                    out.push_back(k);
            }
        }
        ++i;
    }
}

// A range of neighbour indices: adjacency[begin, end).
struct NeighbourRange
{
    std::uint32_t begin, end;
};

// Per marker of the level being clustered: its neighbours and, once visited,
// what became of it. One struct so a visit costs one cache miss, not two.
struct SlotState
{
    NeighbourRange neighbours;
    std::uint32_t fate; // rank at the next zoom, kAbsorbed or kUnvisited
};

struct Ancestor
{
    std::uint32_t node;
    Cell cell;
};

// What one thread's share of the neighbour lists is built in. Each part
// covers a run of markers; their ranges index the part's own `adjacency`
// until spliceParts() joins the parts into the first one's.
struct AdjacencyPart
{
    std::vector<std::uint32_t> adjacency;
    std::vector<Ancestor> ancestors;
    std::vector<std::uint32_t> candidates;
    std::uint32_t firstMarker = 0;
    std::uint32_t endMarker = 0;
    bool overBudget = false;
};

enum class Adjacency { Built, TooSparse, OverBudget };

// Ends marker a's list, begun at listBegin in the part's adjacency; false
// (and the part marked) once the part alone has outgrown the budget.
bool closeList(AdjacencyPart &part, std::uint32_t a, std::uint32_t listBegin, std::size_t budget,
               std::vector<SlotState> &lists)
{
    lists[a] = {{listBegin, std::uint32_t(part.adjacency.size())}, kUnvisited};
    part.overBudget = part.adjacency.size() > budget;
    return !part.overBudget;
}

// Below this many markers a level is handled by one thread: waking the
// others would cost about what the work does.
constexpr std::size_t kParallelMinimum = 4096;

unsigned partsFor(const PartRunner &team, std::size_t markers)
{
    return markers >= kParallelMinimum ? team.size() : 1;
}

// Calls job(part) for each of `parts` parts (1 or the whole team).
template<class Job> void runParts(PartRunner &team, unsigned parts, const Job &job)
{
    if (parts == 1)
        job(0u);
    else
        team.run(job);
}

// Joins the parts' lists into the first part's adjacency, shifting the
// ranges of the markers each later part covers.
Adjacency spliceParts(std::vector<AdjacencyPart> &parts, unsigned count, std::vector<SlotState> &lists,
                      std::size_t budget)
{
    std::size_t total = 0;
    for (unsigned p = 0; p < count; ++p) {
        if (parts[p].overBudget)
            return Adjacency::OverBudget;
        total += parts[p].adjacency.size();
    }
    if (total > budget)
        return Adjacency::OverBudget;
    std::vector<std::uint32_t> &all = parts[0].adjacency;
    all.reserve(total);
    for (unsigned p = 1; p < count; ++p) {
        const auto offset = std::uint32_t(all.size());
        all.insert(all.end(), parts[p].adjacency.begin(), parts[p].adjacency.end());
        if (offset == 0)
            continue;
        for (std::uint32_t a = parts[p].firstMarker; a < parts[p].endMarker; ++a) {
            lists[a].neighbours.begin += offset;
            lists[a].neighbours.end += offset;
        }
    }
    return Adjacency::Built;
}

// Every marker's neighbours within sqrt(r2) (itself excluded), from a
// uniform grid of radius-sized cells: a neighbour is in the marker's
// cell or one of the eight around it. Fits the zooms where the radius is
// near the spacing of the markers; TooSparse when the grid would need more
// than a few cells per marker.
template<class Level>
Adjacency buildAdjacencyGrid(const Level &level, double r2, double pruneR, std::size_t budget, PartRunner &team,
                             std::vector<SlotState> &lists, std::vector<AdjacencyPart> &parts,
                             std::vector<std::uint32_t> &cellStart, std::vector<std::uint32_t> &cellItems)
{
    const auto &nodes = level.nodes;
    const std::size_t n = nodes.size();
    const auto &root = level.tree[0];
    // Cells a little wider than the radius, so markers within it are never
    // two cells apart however the division rounds.
    const double cellSize = pruneR * kPruneSlack;
    const double widthCells = std::floor((double(root.maxX) - root.minX) / cellSize) + 1;
    const double heightCells = std::floor((double(root.maxY) - root.minY) / cellSize) + 1;
    if (widthCells * heightCells > 4.0 * double(n) + 1024.0)
        return Adjacency::TooSparse;
    const auto w = std::uint32_t(widthCells);
    const auto h = std::uint32_t(heightCells);
    const double inv = 1.0 / cellSize;
    auto cellX = [&](float x) { return std::min(std::uint32_t((double(x) - root.minX) * inv), w - 1); };
    auto cellY = [&](float y) { return std::min(std::uint32_t((double(y) - root.minY) * inv), h - 1); };

    cellStart.assign(std::size_t(w) * h + 1, 0);
    for (const auto &node : nodes)
        ++cellStart[std::size_t(cellY(node.y)) * w + cellX(node.x) + 1];
    for (std::size_t c = 1; c < cellStart.size(); ++c)
        cellStart[c] += cellStart[c - 1];
    cellItems.resize(n);
    // Scattering through cellStart[c] as a cursor leaves it at the cell's
    // end, so afterwards cell c is [cellStart[c - 1], cellStart[c]).
    for (std::uint32_t i = 0; i < n; ++i) {
        const std::size_t c = std::size_t(cellY(nodes[i].y)) * w + cellX(nodes[i].x);
        cellItems[cellStart[c]++] = i;
    }

    lists.resize(n);
    const unsigned count = partsFor(team, n);
    runParts(team, count, [&](unsigned p) {
        AdjacencyPart &part = parts[p];
        part.adjacency.clear();
        part.overBudget = false;
        part.firstMarker = std::uint32_t(n * p / count);
        part.endMarker = std::uint32_t(n * (p + 1) / count);
        std::vector<std::uint32_t> &adjacency = part.adjacency;
        for (std::uint32_t a = part.firstMarker; a < part.endMarker; ++a) {
            const auto listBegin = std::uint32_t(adjacency.size());
            const float ax = nodes[a].x, ay = nodes[a].y;
            const std::uint32_t cx = cellX(ax), cy = cellY(ay);
            const std::uint32_t x0 = cx > 0 ? cx - 1 : 0, x1 = std::min(cx + 1, w - 1);
            const std::uint32_t y0 = cy > 0 ? cy - 1 : 0, y1 = std::min(cy + 1, h - 1);
            for (std::uint32_t y = y0; y <= y1; ++y) {
                const std::size_t row = std::size_t(y) * w;
                const std::uint32_t first = row + x0 == 0 ? 0 : cellStart[row + x0 - 1];
                for (std::uint32_t k = first; k < cellStart[row + x1]; ++k) {
                    const std::uint32_t b = cellItems[k];
                    if (b != a && ClusterIndex::withinRadius(nodes[b].x, nodes[b].y, ax, ay, r2))
                        adjacency.push_back(b);
                }
            }
            if (!closeList(part, a, listBegin, budget, lists))
                return;
        }
    });
    return spliceParts(parts, count, lists, budget);
}

// Which markers of a leaf (at most 16) lie within sqrt(r2) of each other:
// bit j of near[i]. A float box test of each marker against all sixteen at
// once (SSE2: four compares of four) leaves the rare candidates for the exact
// test, which alone decides; at the deep zooms almost no pair gets that far.
template<class Node>
void leafPairs(const Node *leafNodes, std::uint32_t m, double r2, double pruneR, std::uint16_t near[16])
{
    // Rounding pruneR to float loses less than kPruneSlack adds, so the box
    // still holds every pair withinRadius() accepts; empty lanes are infinitely far.
    alignas(16) float xs[16], ys[16];
    for (std::uint32_t i = 0; i < 16; ++i) {
        xs[i] = i < m ? leafNodes[i].x : std::numeric_limits<float>::infinity();
        ys[i] = i < m ? leafNodes[i].y : std::numeric_limits<float>::infinity();
    }
    const auto reach = float(pruneR);
    for (std::uint32_t i = 0; i < m; ++i) {
        unsigned box = 0;
#if defined(__SSE2__)
        const __m128 xi = _mm_set1_ps(xs[i]), yi = _mm_set1_ps(ys[i]), r = _mm_set1_ps(reach);
        const __m128 signMask = _mm_set1_ps(-0.0f);
        for (int g = 0; g < 4; ++g) {
            const __m128 dx = _mm_andnot_ps(signMask, _mm_sub_ps(_mm_load_ps(xs + 4 * g), xi));
            const __m128 dy = _mm_andnot_ps(signMask, _mm_sub_ps(_mm_load_ps(ys + 4 * g), yi));
            const __m128 inBox = _mm_and_ps(_mm_cmple_ps(dx, r), _mm_cmple_ps(dy, r));
            box |= unsigned(_mm_movemask_ps(inBox)) << (4 * g);
        }
#else
        for (std::uint32_t j = 0; j < 16; ++j)
            box |= unsigned(std::fabs(xs[j] - xs[i]) <= reach && std::fabs(ys[j] - ys[i]) <= reach) << j;
#endif
        box &= ~(1u << i);
        unsigned exact = 0;
        for (; box != 0; box &= box - 1) {
            const auto j = std::uint32_t(std::countr_zero(box));
            if (ClusterIndex::withinRadius(xs[j], ys[j], xs[i], ys[i], r2))
                exact |= 1u << j;
        }
        near[i] = std::uint16_t(exact);
    }
}

// The tree leaf that holds marker `m`; `path` (if given) receives its
// ancestors, root first, as buildAdjacency() keeps them.
template<class Level>
std::uint32_t leafOf(const Level &level, const std::vector<std::uint64_t> &keys,
                     const std::vector<std::uint8_t> &cellBits, std::uint32_t m, std::vector<Ancestor> *path)
{
    const auto &tree = level.tree;
    std::uint32_t i = 0;
    while (tree[i].skip != i + 1) {
        if (path)
            path->push_back({i, cellOf(keys[tree[i].begin], cellBits[i])});
        const std::uint32_t left = i + 1;
        i = m < tree[left].end ? left : tree[left].skip;
    }
    return i;
}

// Every marker's neighbours within sqrt(r2) (itself excluded).
//
// Every marker of a level lies in exactly one tree leaf, and a marker farther
// than the radius from the edges of its leaf's cell can only have neighbours
// in that leaf; at the deep zooms that is nearly every marker. So each leaf's
// markers are compared pairwise; for the markers near the edge, the leaves
// near theirs are searched too, from the lowest ancestor whose cell holds the
// leaf's bounds plus the radius (any neighbour lies in that cell).
//
// The threads take runs of leaves: a leaf's lists depend on nothing but the
// (read-only) level, so a run can start anywhere once it knows its ancestors.
template<class Level>
Adjacency buildAdjacency(const Level &level, const std::vector<std::uint64_t> &keys,
                         const std::vector<std::uint8_t> &cellBits, double r2, double pruneR, std::size_t budget,
                         PartRunner &team, std::vector<SlotState> &lists, std::vector<AdjacencyPart> &parts)
{
    const auto &tree = level.tree;
    const auto &nodes = level.nodes;
    const std::size_t n = nodes.size();
    lists.resize(n);
    const unsigned count = partsFor(team, n);
    runParts(team, count, [&](unsigned p) {
        AdjacencyPart &part = parts[p];
        std::vector<std::uint32_t> &adjacency = part.adjacency;
        std::vector<Ancestor> &ancestors = part.ancestors;
        std::vector<std::uint32_t> &candidates = part.candidates;
        adjacency.clear();
        ancestors.clear();
        part.overBudget = false;
        const std::uint32_t firstNode =
            p == 0 ? 0 : leafOf(level, keys, cellBits, std::uint32_t(n * p / count), &ancestors);
        const auto endNode = p + 1 == count
            ? std::uint32_t(tree.size())
            : leafOf(level, keys, cellBits, std::uint32_t(n * (p + 1) / count), nullptr);
        part.firstMarker = p == 0 ? 0 : tree[firstNode].begin;
        part.endMarker = p + 1 == count ? std::uint32_t(n) : tree[endNode].begin;

        for (std::uint32_t li = firstNode; li < endNode; ++li) {
            const auto &leaf = tree[li];
            while (!ancestors.empty() && tree[ancestors.back().node].skip <= li)
                ancestors.pop_back();
            const Cell cell = cellOf(keys[leaf.begin], cellBits[li]);
            if (leaf.skip != li + 1) {
                ancestors.push_back({li, cell});
                continue;
            }
            const std::uint32_t m = leaf.end - leaf.begin;
            const bool nearEdge = !(leaf.minX - pruneR >= cell.minX && leaf.maxX + pruneR < cell.maxX &&
                                    leaf.minY - pruneR >= cell.minY && leaf.maxY + pruneR < cell.maxY);
            // Each pair inside the leaf tested once, through a bit matrix; piles
            // of identical keys, the only leaves that can be larger, one by one.
            std::uint16_t near[16] = {};
            if (m <= 16)
                leafPairs(nodes.data() + leaf.begin, m, r2, pruneR, near);
            // A leaf near its cell's edge collects, once, the other leaves near
            // it from the lowest ancestor whose cell holds its bounds plus the
            // radius; each marker near the edge then checks just those.
            candidates.clear();
            if (nearEdge) {
                const double minX = leaf.minX - pruneR, maxX = leaf.maxX + pruneR;
                const double minY = leaf.minY - pruneR, maxY = leaf.maxY + pruneR;
                std::uint32_t from = 0; // the root's cell is the whole world
                for (auto it = ancestors.rbegin(); it != ancestors.rend(); ++it) {
                    const Cell &c = it->cell;
                    if (minX >= c.minX && maxX < c.maxX && minY >= c.minY && maxY < c.maxY) {
                        from = it->node;
                        break;
                    }
                }
                for (std::uint32_t i = from; i < tree[from].skip;) {
                    const auto &t = tree[i];
                    if (i == li || outside(t, minX, minY, maxX, maxY)) {
                        i = t.skip;
                        continue;
                    }
                    if (t.skip == i + 1)
                        candidates.push_back(i);
                    ++i;
                }
            }
            for (std::uint32_t a = leaf.begin; a < leaf.end; ++a) {
                const auto listBegin = std::uint32_t(adjacency.size());
                if (m <= 16) {
                    for (unsigned bits = near[a - leaf.begin]; bits != 0; bits &= bits - 1)
                        adjacency.push_back(leaf.begin + std::uint32_t(std::countr_zero(bits)));
                } else {
                    for (std::uint32_t b = leaf.begin; b < leaf.end; ++b) {
                        if (b != a && ClusterIndex::withinRadius(nodes[b].x, nodes[b].y, nodes[a].x, nodes[a].y, r2))
                            adjacency.push_back(b);
                    }
                }
                const double minX = nodes[a].x - pruneR, maxX = nodes[a].x + pruneR;
                const double minY = nodes[a].y - pruneR, maxY = nodes[a].y + pruneR;
                if (!candidates.empty() &&
                    !(minX >= cell.minX && maxX < cell.maxX && minY >= cell.minY && maxY < cell.maxY)) {
                    for (const std::uint32_t ci : candidates) {
                        const auto &t = tree[ci];
                        if (outside(t, minX, minY, maxX, maxY))
                            continue;
                        for (std::uint32_t b = t.begin; b < t.end; ++b) {
                            if (ClusterIndex::withinRadius(nodes[b].x, nodes[b].y, nodes[a].x, nodes[a].y, r2))
                                adjacency.push_back(b);
                        }
                    }
                }
                if (!closeList(part, a, listBegin, budget, lists))
                    return;
            }
        }
    });
    return spliceParts(parts, count, lists, budget);
}

std::uint8_t stateIndex(std::uint8_t state)
{
    return std::min<std::uint8_t>(state, ClusterPoint::kStateCount - 1);
}

} // namespace

// Buffers sized once per load() and reused by every zoom.
struct ClusterIndex::Scratch
{
    std::vector<std::uint64_t> keys; // Morton key of each marker of the current level
    std::vector<std::uint64_t> nextKeys;
    std::vector<std::uint8_t> cellBits; // per tree node of the current level
    std::vector<std::uint32_t> order; // visiting rank -> index in the current level
    std::vector<std::uint32_t> rankOf; // index in the current level -> visiting rank
    std::vector<SlotState> slots; // per marker of the current level
    std::vector<AdjacencyPart> parts; // one per thread; parts[0].adjacency holds the joined lists
    std::vector<std::uint32_t> cellStart;
    std::vector<std::uint32_t> cellItems;
    std::vector<std::uint32_t> neighbours;
    std::vector<std::uint32_t> fresh; // unvisited neighbours of the marker being visited
    std::vector<Node> newNodes; // clusters formed at this zoom
    std::vector<KeyIndex> newKeys; // their keys, index into newNodes
    std::vector<std::uint32_t> newRanks; // their ranks at the next zoom
    std::vector<KeyIndex> sortTmp;
    std::uint32_t nextCount = 0; // markers at the next zoom
    std::uint32_t summed = 0; // clusters below this id have their sums
    PartRunner *team = nullptr;
};

ClusterIndex::ClusterIndex(ClusterOptions options)
    : options_(normalized(options))
{
}

ClusterOptions ClusterIndex::normalized(ClusterOptions options)
{
    // Past 2^30 tiles a float coordinate can no longer tell markers apart.
    options.maxZoom = std::clamp(options.maxZoom, 0, 30);
    options.minZoom = std::clamp(options.minZoom, 0, options.maxZoom);
    return options;
}

int ClusterIndex::limitZoom(const ClusterOptions &options, double zoom)
{
    const ClusterOptions o = normalized(options);
    if (std::isnan(zoom))
        return o.minZoom;
    return int(std::clamp(std::floor(zoom), double(o.minZoom), double(o.maxZoom + 1)));
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

    // Helpers only when some level is big enough to be split (see partsFor).
    std::optional<PoolRunner> own;
    if (!runner_ || n < kParallelMinimum)
        own.emplace(n >= kParallelMinimum ? options_.threads : 1);
    PartRunner &team = own ? static_cast<PartRunner &>(*own) : *runner_;
    Scratch s;
    s.team = &team;
    s.parts.resize(team.size());
    s.keys.reserve(n);
    s.nextKeys.reserve(n);
    s.order.resize(n);
    s.rankOf.resize(n);
    s.slots.reserve(n);
    // A cluster has at least two members and each merge removes a marker, so
    // all zooms together form fewer than n clusters with fewer than 2n
    // children. Reserving that much is not only for speed: a helper sums
    // earlier clusters while more are appended (see clusterZoom), so the
    // arrays must never move.
    clusters_.reserve(n);
    children_.reserve(2 * n);

    // The top level: every point on its own, visited in input order.
    Level top;
    top.nodes.resize(n);
    s.newKeys.resize(n);
    const unsigned count = partsFor(team, n);
    runParts(team, count, [&](unsigned part) {
        for (std::size_t i = n * part / count; i < n * (part + 1) / count; ++i) {
            const MercatorProjection::Point p = MercatorProjection::project(points_[i].lng, points_[i].lat);
            top.nodes[i] = Node {float(p.x), float(p.y), 1, std::uint32_t(i)};
            s.newKeys[i] = {mortonKey(top.nodes[i].x, top.nodes[i].y), std::uint32_t(i)};
        }
    });
    radixSort(s.newKeys, s.sortTmp);
    std::vector<Node> sorted(n);
    s.keys.resize(n);
    for (std::size_t slot = 0; slot < n; ++slot) {
        const KeyIndex &e = s.newKeys[slot];
        sorted[slot] = top.nodes[e.index];
        s.keys[slot] = e.key;
        s.rankOf[slot] = e.index;
        s.order[e.index] = std::uint32_t(slot);
    }
    top.nodes = std::move(sorted);
    buildTree(top, s.keys, s.cellBits);
    levels_.push_back(std::move(top));
    levelOfZoom_[std::size_t(options_.maxZoom) + 1] = 0;

    for (int z = options_.maxZoom; z >= options_.minZoom; --z) {
        // Unchanged means the same markers in the same order: share the level above.
        if (clusterZoom(levels_.back(), z, s))
            mergeNextLevel(levels_.back(), s);
        levelOfZoom_[std::size_t(z)] = std::uint32_t(levels_.size() - 1);
    }
    sumClusters(s.summed, std::uint32_t(clusters_.size()));
    clusters_.shrink_to_fit();
    children_.shrink_to_fit();
}

void ClusterIndex::sumClusters(std::uint32_t begin, std::uint32_t end)
{
    // In id order: a cluster's sub-clusters were formed a zoom further in,
    // earlier, so their sums are complete when it needs them.
    for (std::uint32_t id = begin; id < end; ++id) {
        Cluster &c = clusters_[id];
        const Level &members = levelAt(c.zoom + 1);
        for (std::uint32_t i = c.childBegin; i < c.childEnd; ++i)
            absorb(c, members.nodes[children_[i]]);
    }
}

void ClusterIndex::absorb(Cluster &c, const Node &member) const
{
    if (member.count == 1) {
        const ClusterPoint &p = points_[member.ref];
        c.rsvpSum += p.rsvps;
        ++c.stateCounts[stateIndex(p.state)];
        return;
    }
    const Cluster &sub = clusters_[member.ref];
    c.rsvpSum += sub.rsvpSum;
    for (std::size_t i = 0; i < c.stateCounts.size(); ++i)
        c.stateCounts[i] += sub.stateCounts[i];
}

bool ClusterIndex::clusterZoom(const Level &src, int zoom, Scratch &s)
{
    const std::size_t n = src.nodes.size();
    const double r = zoomRadius(options_, zoom);
    const double r2 = r * r;
    const double pruneR = r * kPruneSlack + 1e-15; // absolute part for the deepest zooms
    const std::vector<Node> &nodes = src.nodes;

    bool haveLists = false;
    if (n > 0) {
        const std::size_t budget = kAdjacencyBudgetPerMarker * n + 4096;
        // The grid needs a few cells per marker at most, which holds from the
        // middle zooms down; deeper in, the tree's leaves do the job.
        Adjacency built =
            buildAdjacencyGrid(src, r2, pruneR, budget, *s.team, s.slots, s.parts, s.cellStart, s.cellItems);
        if (built == Adjacency::TooSparse)
            built = buildAdjacency(src, s.keys, s.cellBits, r2, pruneR, budget, *s.team, s.slots, s.parts);
        haveLists = built == Adjacency::Built;
    }
    const std::vector<std::uint32_t> &adjacency = s.parts[0].adjacency;
    if (haveLists && adjacency.empty())
        return false; // nobody has a neighbour: every marker stays as it is

    if (!haveLists)
        s.slots.assign(n, SlotState {{0, 0}, kUnvisited});
    s.newNodes.clear();
    s.newKeys.clear();
    s.newRanks.clear();
    std::uint32_t nextRank = 0;
    bool changed = false;

    // The visiting below is one thread's work, but the sums of the clusters
    // formed at the zooms before need only those zooms: a helper does them
    // meanwhile. They stay out of the visit, which spares it a cache miss
    // per member (its point or sub-cluster) and the next zoom does not
    // need them.
    const std::uint32_t sumsEnd = std::uint32_t(clusters_.size());
    const std::function<void(unsigned)> sumJob = [this, &s, sumsEnd](unsigned part) {
        if (part == 1)
            sumClusters(s.summed, sumsEnd);
    };
    const bool summing = s.team->size() > 1 && s.summed < sumsEnd;
    if (summing)
        s.team->start(sumJob);
    // The helper must be done before sumJob goes, even if the visit throws.
    struct Join
    {
        PartRunner *team;
        ~Join()
        {
            if (team) {
                try {
                    team->wait();
                } catch (...) {
                }
            }
        }
    } join {summing ? s.team : nullptr};

    for (std::size_t rank = 0; rank < n; ++rank) {
        if (rank + kPrefetchDistance < n) {
            const std::uint32_t ahead = s.order[rank + kPrefetchDistance];
            __builtin_prefetch(&s.slots[ahead]);
        }
        const std::uint32_t slot = s.order[rank];
        if (s.slots[slot].fate != kUnvisited)
            continue;

        s.fresh.clear();
        // The origin's own count is added only once it has company: most
        // markers at the deep zooms have none, and reading their node would
        // be one more cache miss for nothing.
        std::uint64_t total = 0;
        auto consider = [&](std::uint32_t k) {
            if (s.slots[k].fate == kUnvisited && k != slot) {
                s.fresh.push_back(k);
                total += nodes[k].count;
            }
        };
        if (haveLists) {
            for (std::uint32_t i = s.slots[slot].neighbours.begin; i < s.slots[slot].neighbours.end; ++i)
                consider(adjacency[i]);
        } else {
            s.neighbours.clear();
            levelWithin(src, nodes[slot].x, nodes[slot].y, r2, pruneR, s.neighbours);
            for (const std::uint32_t k : s.neighbours)
                consider(k);
        }
        if (s.fresh.empty()) {
            s.slots[slot].fate = nextRank++;
            continue;
        }
        changed = true;
        total += nodes[slot].count;
        // Visiting order, not tree order: keeps the centroid's rounding and the
        // next zoom's visiting order independent of how the tree was cut.
        std::sort(s.fresh.begin(), s.fresh.end(),
                  [&s](std::uint32_t a, std::uint32_t b) { return s.rankOf[a] < s.rankOf[b]; });

        if (total < options_.minPoints) {
            s.slots[slot].fate = nextRank++;
            for (const std::uint32_t k : s.fresh)
                s.slots[k].fate = nextRank++;
            continue;
        }

        const Node &origin = nodes[slot];
        Cluster c;
        c.zoom = zoom;
        c.childBegin = std::uint32_t(children_.size());
        double wx = double(origin.x) * origin.count;
        double wy = double(origin.y) * origin.count;
        children_.push_back(slot);
        s.slots[slot].fate = kAbsorbed;
        for (const std::uint32_t k : s.fresh) {
            const Node &m = nodes[k];
            wx += double(m.x) * m.count;
            wy += double(m.y) * m.count;
            children_.push_back(k);
            s.slots[k].fate = kAbsorbed;
        }
        c.childEnd = std::uint32_t(children_.size());
        const auto id = std::uint32_t(clusters_.size());
        clusters_.push_back(c);
        const Node cluster {float(wx / double(total)), float(wy / double(total)), std::uint32_t(total), id};
        s.newKeys.push_back({mortonKey(cluster.x, cluster.y), std::uint32_t(s.newNodes.size())});
        s.newNodes.push_back(cluster);
        s.newRanks.push_back(nextRank++);
    }
    s.nextCount = nextRank;
    if (summing) {
        join.team = nullptr;
        s.team->wait();
        s.summed = sumsEnd;
    }
    return changed;
}

void ClusterIndex::mergeNextLevel(const Level &src, Scratch &s)
{
    // Survivors are already in key order; only the new clusters need sorting.
    radixSort(s.newKeys, s.sortTmp);
    const std::size_t n = src.nodes.size();
    const std::size_t m = s.nextCount;
    Level next;
    next.nodes.reserve(m);
    s.nextKeys.resize(m);
    s.order.resize(m);
    s.rankOf.resize(m);
    std::size_t i = 0;
    std::size_t j = 0;
    for (std::size_t out = 0; out < m; ++out) {
        while (i < n && s.slots[i].fate >= kAbsorbed)
            ++i;
        const bool takeSurvivor = i < n && (j == s.newKeys.size() || s.keys[i] <= s.newKeys[j].key);
        std::uint32_t rank;
        if (takeSurvivor) {
            rank = s.slots[i].fate;
            next.nodes.push_back(src.nodes[i]);
            s.nextKeys[out] = s.keys[i];
            ++i;
        } else {
            const KeyIndex &e = s.newKeys[j++];
            rank = s.newRanks[e.index];
            next.nodes.push_back(s.newNodes[e.index]);
            s.nextKeys[out] = e.key;
        }
        s.rankOf[out] = rank;
        s.order[rank] = std::uint32_t(out);
    }
    s.keys.swap(s.nextKeys);
    buildTree(next, s.keys, s.cellBits);
    levels_.push_back(std::move(next));
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

std::vector<ClusterItem> ClusterIndex::query(double west, double south, double east, double north, double zoom) const
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
    int count = MercatorProjection::projectBox(west, south, east, north, ranges);
    // Comparing in float with rounded bounds is safe: rounding to nearest is
    // monotonic, so every marker whose exact coordinate is inside stays inside.
    if (count == 2 && float(ranges[1].maxX) >= float(ranges[0].minX)) {
        // The halves touch after rounding; one full-width search keeps a
        // marker on the seam from being reported twice.
        ranges[0].minX = 0;
        ranges[0].maxX = 1;
        count = 1;
    }
    const Level &level = levelAt(limitZoom(zoom));
    for (int r = 0; r < count; ++r) {
        const float minX = float(ranges[r].minX), maxX = float(ranges[r].maxX);
        const float minY = float(ranges[r].minY), maxY = float(ranges[r].maxY);
        std::uint32_t i = 0;
        while (i < level.tree.size()) {
            const TreeNode &t = level.tree[i];
            if (t.maxX < minX || t.minX > maxX || t.maxY < minY || t.minY > maxY) {
                i = t.skip;
                continue;
            }
            const bool inside = t.minX >= minX && t.maxX <= maxX && t.minY >= minY && t.maxY <= maxY;
            if (inside || t.skip == i + 1) {
                for (std::uint32_t k = t.begin; k < t.end; ++k) {
                    const Node &node = level.nodes[k];
                    if (inside || (node.x >= minX && node.x <= maxX && node.y >= minY && node.y <= maxY))
                        out.push_back(makeItem(node));
                }
                i = t.skip;
                continue;
            }
            ++i;
        }
    }
}

const ClusterIndex::Cluster *ClusterIndex::findCluster(std::uint32_t clusterId) const
{
    return clusterId < clusters_.size() ? &clusters_[clusterId] : nullptr;
}

int ClusterIndex::expansionZoom(std::uint32_t clusterId) const
{
    const Cluster *c = findCluster(clusterId);
    // A cluster is made of at least two markers of the zoom above, so it is
    // already apart one zoom in.
    return c ? c->zoom + 1 : -1;
}

std::vector<ClusterItem> ClusterIndex::children(std::uint32_t clusterId) const
{
    std::vector<ClusterItem> out;
    const Cluster *c = findCluster(clusterId);
    if (!c)
        return out;
    const Level &level = levelAt(c->zoom + 1);
    out.reserve(c->childEnd - c->childBegin);
    for (std::uint32_t i = c->childBegin; i < c->childEnd; ++i)
        out.push_back(makeItem(level.nodes[children_[i]]));
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
    const Level &level = levelAt(c.zoom + 1);
    for (std::uint32_t i = c.childBegin; i < c.childEnd && out.size() < limit; ++i) {
        const Node &child = level.nodes[children_[i]];
        if (skipped + child.count <= offset)
            skipped += child.count; // the whole subtree lies before the window
        else if (child.count > 1)
            skipped = appendLeaves(child.ref, limit, offset, skipped, out);
        else
            out.push_back(makeItem(child));
    }
    return skipped;
}

std::size_t ClusterIndex::memoryBytes() const
{
    std::size_t bytes = points_.capacity() * sizeof(ClusterPoint) + clusters_.capacity() * sizeof(Cluster) +
        children_.capacity() * sizeof(std::uint32_t) + levelOfZoom_.capacity() * sizeof(std::uint32_t);
    for (const Level &level : levels_)
        bytes += level.nodes.capacity() * sizeof(Node) + level.tree.capacity() * sizeof(TreeNode);
    return bytes;
}

} // namespace oc

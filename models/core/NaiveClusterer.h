#pragma once

#include "ClusterItem.h"
#include "ClusterOptions.h"
#include "ClusterPoint.h"

#include <span>
#include <vector>

namespace oc {

// The same hierarchical greedy clustering as ClusterIndex, by brute force: no
// tree, every neighbour search is a linear scan of the zoom's markers, so a
// zoom costs O(n^2). It exists as the reference the tests compare the index
// against (same markers, same ids, same centroids) and as the benchmark's
// "no index" baseline; keep it obviously correct rather than fast.
class NaiveClusterer
{
public:
    // Every marker at floor(zoom) (clamped like ClusterIndex), in visiting order.
    static std::vector<ClusterItem> cluster(std::span<const ClusterPoint> points, const ClusterOptions &options,
                                            double zoom);

    // The markers of cluster() inside the box, with ClusterIndex::query's box rules.
    static std::vector<ClusterItem> query(std::span<const ClusterPoint> points, const ClusterOptions &options,
                                          double west, double south, double east, double north, double zoom);
};

} // namespace oc

#pragma once

#include "ClusterIndex.h"
#include "ClusterOptions.h"
#include "MapFilter.h"
#include "MapPoint.h"
#include "MapSearch.h"

#include <memory>
#include <vector>

namespace oc {

// One consistent state of everything the map shows, made off the UI thread
// and swapped in whole: the cluster index over the filtered events with a
// location, the search results and the counts. Immutable once built, so the
// UI thread can keep reading the old one while the next is being built.
struct MapSnapshot
{
    struct Nearby
    {
        int row = 0; // LiveSource row
        double miles = 0;
        bool operator==(const Nearby &) const = default;
    };

    std::shared_ptr<const ClusterIndex> index; // ClusterPoint::id is the LiveSource row
    std::vector<Nearby> nearest; // by distance, within the search radius
    std::vector<int> unlocatedRows; // filtered events without coordinates, by row
    int totalEvents = 0;
    int matchingEvents = 0; // pass the filter
    int mappedEvents = 0; // pass the filter and have coordinates
    int withinRadius = 0; // may exceed nearest.size() (MapSearch::limit)
    quint64 generation = 0;

    // `reuse` is the previous index when only the search moved, so a new ZIP
    // does not re-cluster a million points.
    static MapSnapshot build(const std::vector<MapPoint> &points, const MapFilter &filter, const MapSearch &search,
                             const ClusterOptions &options, std::shared_ptr<const ClusterIndex> reuse);
};

} // namespace oc

#pragma once

#include "ClusterPoint.h"

#include <array>
#include <cstdint>

namespace oc {

// One marker on the map: a single event or a cluster of them.
struct ClusterItem
{
    double lng = 0;
    double lat = 0;
    bool isCluster = false;
    std::uint32_t id = 0; // the event's id, or a cluster id for expansionZoom/children/leaves
    std::uint32_t count = 0;
    std::uint64_t rsvpSum = 0;
    std::array<std::uint32_t, ClusterPoint::kStateCount> stateCounts {};

    bool operator==(const ClusterItem &) const = default;
};

} // namespace oc

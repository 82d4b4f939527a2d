#pragma once

#include <cstddef>
#include <cstdint>

namespace oc {

// One event as the marker clusterer sees it: kept to plain numbers so a
// million of them index without touching Qt or the heap per point.
struct ClusterPoint
{
    // Event states in the order the per-state counters use.
    enum State : std::uint8_t { NeedsReview = 0, Approved = 1, Full = 2, Cancelled = 3 };
    static constexpr std::size_t kStateCount = 4;

    double lng = 0;
    double lat = 0;
    std::uint32_t id = 0;
    std::uint32_t rsvps = 0;
    std::uint8_t state = NeedsReview; // values above Cancelled are counted as Cancelled
};

} // namespace oc

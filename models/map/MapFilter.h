#pragma once

#include "MapPoint.h"

#include <limits>

namespace oc {

// Which events the map, the counts and the results list show.
struct MapFilter
{
    static constexpr int kAllStates = 0xF;

    int states = kAllStates; // bit (1 << MarkerState) per state shown
    qint64 fromMs = std::numeric_limits<qint64>::min(); // starts at or after
    qint64 toMs = std::numeric_limits<qint64>::max(); // starts before
    qint64 campaignId = 0; // 0: every campaign

    bool accepts(const MapPoint &p) const
    {
        return (states & (1 << p.state)) && p.startsMs >= fromMs && p.startsMs < toMs &&
            (campaignId == 0 || p.campaignId == campaignId);
    }
    bool isDefault() const { return *this == MapFilter {}; }
    bool operator==(const MapFilter &) const = default;
};

} // namespace oc

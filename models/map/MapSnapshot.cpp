#include "MapSnapshot.h"

#include "GeoDistance.h"

#include <algorithm>

namespace oc {

MapSnapshot MapSnapshot::build(const std::vector<MapPoint> &points, const MapFilter &filter, const MapSearch &search,
                               const ClusterOptions &options, std::shared_ptr<const ClusterIndex> reuse)
{
    MapSnapshot s;
    s.totalEvents = int(points.size());
    std::vector<ClusterPoint> cluster;
    if (!reuse)
        cluster.reserve(points.size());
    for (std::size_t row = 0; row < points.size(); ++row) {
        const MapPoint &p = points[row];
        if (p.deleted || !filter.accepts(p))
            continue;
        ++s.matchingEvents;
        if (!p.hasLocation) {
            s.unlocatedRows.push_back(int(row));
            continue;
        }
        ++s.mappedEvents;
        if (!reuse)
            cluster.push_back({p.lng, p.lat, std::uint32_t(row), p.rsvps, p.state});
        if (search.active) {
            const double miles = GeoDistance::miles(search.lat, search.lng, p.lat, p.lng);
            if (miles <= search.radiusMiles)
                s.nearest.push_back({int(row), miles});
        }
    }
    s.withinRadius = int(s.nearest.size());
    const auto byDistance = [](const Nearby &a, const Nearby &b) {
        return a.miles < b.miles || (a.miles == b.miles && a.row < b.row);
    };
    if (s.nearest.size() > std::size_t(std::max(0, search.limit))) {
        std::partial_sort(s.nearest.begin(), s.nearest.begin() + search.limit, s.nearest.end(), byDistance);
        s.nearest.resize(std::size_t(search.limit));
    } else {
        std::sort(s.nearest.begin(), s.nearest.end(), byDistance);
    }
    if (reuse) {
        s.index = std::move(reuse);
    } else {
        auto index = std::make_shared<ClusterIndex>(options);
        index->load(cluster);
        s.index = std::move(index);
    }
    return s;
}

} // namespace oc

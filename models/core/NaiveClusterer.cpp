#include "NaiveClusterer.h"

#include "ClusterIndex.h"
#include "MercatorProjection.h"

#include <algorithm>
#include <cmath>

namespace oc {

namespace {

struct Marker
{
    float x = 0;
    float y = 0;
    ClusterItem item;
};

std::vector<Marker> clusterMarkers(std::span<const ClusterPoint> points, const ClusterOptions &rawOptions,
                                   double zoom)
{
    const ClusterOptions options = ClusterIndex::normalized(rawOptions);
    const int target = ClusterIndex::limitZoom(options, zoom);

    std::vector<Marker> markers;
    markers.reserve(points.size());
    for (const ClusterPoint &p : points) {
        if (!std::isfinite(p.lng) || !std::isfinite(p.lat))
            continue;
        Marker m;
        m.item.lng = MercatorProjection::wrapLongitude(p.lng);
        m.item.lat = p.lat;
        m.item.id = p.id;
        m.item.count = 1;
        m.item.rsvpSum = p.rsvps;
        m.item.stateCounts[std::min<std::size_t>(p.state, ClusterPoint::kStateCount - 1)] = 1;
        m.x = float(MercatorProjection::lngToX(m.item.lng));
        m.y = float(MercatorProjection::latToY(p.lat));
        markers.push_back(m);
    }

    std::uint32_t nextClusterId = 0;
    std::vector<Marker> next;
    std::vector<char> visited;
    std::vector<std::size_t> fresh;
    for (int z = options.maxZoom; z >= target; --z) {
        const double r = ClusterIndex::zoomRadius(options, z);
        const double r2 = r * r;
        const std::size_t n = markers.size();
        visited.assign(n, 0);
        next.clear();
        for (std::size_t i = 0; i < n; ++i) {
            if (visited[i])
                continue;
            visited[i] = 1;
            const Marker &origin = markers[i];
            // Everything before i has been visited already, so only later
            // markers can still be absorbed; scanning them in order is the
            // visiting order the index sorts its neighbours into.
            fresh.clear();
            std::uint64_t total = origin.item.count;
            for (std::size_t j = i + 1; j < n; ++j) {
                if (!visited[j] && ClusterIndex::withinRadius(markers[j].x, markers[j].y, origin.x, origin.y, r2)) {
                    fresh.push_back(j);
                    total += markers[j].item.count;
                }
            }
            for (const std::size_t j : fresh)
                visited[j] = 1;
            if (fresh.empty() || total < options.minPoints) {
                next.push_back(origin);
                for (const std::size_t j : fresh)
                    next.push_back(markers[j]);
                continue;
            }
            Marker c;
            c.item.isCluster = true;
            c.item.id = nextClusterId++;
            c.item.count = std::uint32_t(total);
            double wx = double(origin.x) * origin.item.count;
            double wy = double(origin.y) * origin.item.count;
            auto absorb = [&c](const Marker &m) {
                c.item.rsvpSum += m.item.rsvpSum;
                for (std::size_t s = 0; s < c.item.stateCounts.size(); ++s)
                    c.item.stateCounts[s] += m.item.stateCounts[s];
            };
            absorb(origin);
            for (const std::size_t j : fresh) {
                wx += double(markers[j].x) * markers[j].item.count;
                wy += double(markers[j].y) * markers[j].item.count;
                absorb(markers[j]);
            }
            c.x = float(wx / double(total));
            c.y = float(wy / double(total));
            c.item.lng = MercatorProjection::xToLng(c.x);
            c.item.lat = MercatorProjection::yToLat(c.y);
            next.push_back(c);
        }
        markers.swap(next);
    }
    return markers;
}

} // namespace

std::vector<ClusterItem> NaiveClusterer::cluster(std::span<const ClusterPoint> points, const ClusterOptions &options,
                                                 double zoom)
{
    std::vector<ClusterItem> out;
    for (const Marker &m : clusterMarkers(points, options, zoom))
        out.push_back(m.item);
    return out;
}

std::vector<ClusterItem> NaiveClusterer::query(std::span<const ClusterPoint> points, const ClusterOptions &options,
                                               double west, double south, double east, double north, double zoom)
{
    std::vector<ClusterItem> out;
    MercatorProjection::Range ranges[2];
    int count = MercatorProjection::projectBox(west, south, east, north, ranges);
    if (count == 2 && float(ranges[1].maxX) >= float(ranges[0].minX)) {
        ranges[0].minX = 0;
        ranges[0].maxX = 1;
        count = 1;
    }
    for (const Marker &m : clusterMarkers(points, options, zoom)) {
        for (int i = 0; i < count; ++i) {
            const MercatorProjection::Range &r = ranges[i];
            if (m.x >= float(r.minX) && m.x <= float(r.maxX) && m.y >= float(r.minY) && m.y <= float(r.maxY)) {
                out.push_back(m.item);
                break;
            }
        }
    }
    return out;
}

} // namespace oc

#include "NaiveClusterer.h"

#include "ClusterIndex.h"
#include "MercatorProjection.h"

#include <algorithm>
#include <cmath>

namespace oc {

namespace {

// The markers of one zoom, columns apart so the linear scans read only the
// coordinates (a fair baseline, not a strawman).
struct Markers
{
    std::vector<float> x;
    std::vector<float> y;
    std::vector<ClusterItem> items;

    std::size_t size() const { return items.size(); }
    void clear()
    {
        x.clear();
        y.clear();
        items.clear();
    }
    void push(float px, float py, const ClusterItem &item)
    {
        x.push_back(px);
        y.push_back(py);
        items.push_back(item);
    }
    void pushFrom(const Markers &other, std::size_t i) { push(other.x[i], other.y[i], other.items[i]); }
};

Markers clusterMarkers(std::span<const ClusterPoint> points, const ClusterOptions &rawOptions, double zoom)
{
    const ClusterOptions options = ClusterIndex::normalized(rawOptions);
    const int target = ClusterIndex::limitZoom(options, zoom);

    Markers markers;
    for (const ClusterPoint &p : points) {
        if (!std::isfinite(p.lng) || !std::isfinite(p.lat))
            continue;
        ClusterItem item;
        item.lng = MercatorProjection::wrapLongitude(p.lng);
        item.lat = p.lat;
        item.id = p.id;
        item.count = 1;
        item.rsvpSum = p.rsvps;
        item.stateCounts[std::min<std::size_t>(p.state, ClusterPoint::kStateCount - 1)] = 1;
        markers.push(float(MercatorProjection::lngToX(item.lng)), float(MercatorProjection::latToY(p.lat)), item);
    }

    std::uint32_t nextClusterId = 0;
    Markers next;
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
            const float ox = markers.x[i], oy = markers.y[i];
            // Everything before i has been visited already, so only later
            // markers can still be absorbed; scanning them in order is the
            // visiting order the index sorts its neighbours into.
            fresh.clear();
            std::uint64_t total = markers.items[i].count;
            for (std::size_t j = i + 1; j < n; ++j) {
                if (ClusterIndex::withinRadius(markers.x[j], markers.y[j], ox, oy, r2) && !visited[j]) {
                    fresh.push_back(j);
                    total += markers.items[j].count;
                }
            }
            for (const std::size_t j : fresh)
                visited[j] = 1;
            if (fresh.empty() || total < options.minPoints) {
                next.pushFrom(markers, i);
                for (const std::size_t j : fresh)
                    next.pushFrom(markers, j);
                continue;
            }
            ClusterItem c;
            c.isCluster = true;
            c.id = nextClusterId++;
            c.count = std::uint32_t(total);
            double wx = double(ox) * markers.items[i].count;
            double wy = double(oy) * markers.items[i].count;
            auto absorb = [&c](const ClusterItem &m) {
                c.rsvpSum += m.rsvpSum;
                for (std::size_t s = 0; s < c.stateCounts.size(); ++s)
                    c.stateCounts[s] += m.stateCounts[s];
            };
            absorb(markers.items[i]);
            for (const std::size_t j : fresh) {
                wx += double(markers.x[j]) * markers.items[j].count;
                wy += double(markers.y[j]) * markers.items[j].count;
                absorb(markers.items[j]);
            }
            const auto cx = float(wx / double(total));
            const auto cy = float(wy / double(total));
            c.lng = MercatorProjection::xToLng(cx);
            c.lat = MercatorProjection::yToLat(cy);
            next.push(cx, cy, c);
        }
        std::swap(markers, next);
    }
    return markers;
}

} // namespace

std::vector<ClusterItem> NaiveClusterer::cluster(std::span<const ClusterPoint> points, const ClusterOptions &options,
                                                 double zoom)
{
    return clusterMarkers(points, options, zoom).items;
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
    const Markers markers = clusterMarkers(points, options, zoom);
    for (std::size_t m = 0; m < markers.size(); ++m) {
        for (int i = 0; i < count; ++i) {
            const MercatorProjection::Range &r = ranges[i];
            if (markers.x[m] >= float(r.minX) && markers.x[m] <= float(r.maxX) && markers.y[m] >= float(r.minY) &&
                markers.y[m] <= float(r.maxY)) {
                out.push_back(markers.items[m]);
                break;
            }
        }
    }
    return out;
}

} // namespace oc

#include "ZipLookupTable.h"

#include "GeoDistance.h"
#include "ZipDirectory.h"

#include <QHash>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace oc {

namespace {

// Grid cells for "is any event within R miles of this ZIP": half a degree of
// latitude and a degree of longitude, so the 3x3 neighbourhood covers more
// than 30 miles everywhere south of Alaska's Arctic coast.
constexpr double kCellLat = 0.5;
constexpr double kCellLng = 1.0;

qint64 cellKey(double lat, double lng)
{
    const qint64 y = qint64(std::floor(lat / kCellLat));
    const qint64 x = qint64(std::floor(lng / kCellLng));
    return (y << 32) ^ (x & 0xffffffff);
}

// Fixed-width base-36 so the browser can binary-search the table as one
// string: 0.01 degree steps (about 0.7 miles) are plenty for a search radius.
QString base36(int v, int width)
{
    QString s = QString::number(std::max(0, v), 36);
    while (s.size() < width)
        s.prepend(QLatin1Char('0'));
    return s;
}

} // namespace

QString ZipLookupTable::encodeLatLng(double lat, double lng)
{
    return base36(int(std::lround((lat + 90) * 100)), 3) + base36(int(std::lround((lng + 180) * 100)), 3);
}

ZipLookupTable ZipLookupTable::build(const std::vector<Point> &events, const ZipDirectory &zips, double radiusMiles,
                                     int maxExact)
{
    std::unordered_map<qint64, std::vector<size_t>> grid;
    for (size_t i = 0; i < events.size(); ++i)
        grid[cellKey(events[i].lat, events[i].lng)].push_back(i);

    // ZIPs within the radius of some event, nearest first when over budget.
    std::vector<std::pair<double, const ZipDirectory::Place *>> near;
    QHash<QString, std::pair<double, double>> areaSum;
    QHash<QString, int> areaCount;
    for (const ZipDirectory::Place &p : zips.places()) {
        const QString area = p.zip.left(3);
        auto &sum = areaSum[area];
        sum.first += p.lat;
        sum.second += p.lng;
        ++areaCount[area];
        double best = radiusMiles + 1;
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx) {
                const auto it = grid.find(cellKey(p.lat + dy * kCellLat, p.lng + dx * kCellLng));
                if (it == grid.end())
                    continue;
                for (size_t i : it->second)
                    best = std::min(best, GeoDistance::miles(p.lat, p.lng, events[i].lat, events[i].lng));
            }
        if (best <= radiusMiles)
            near.emplace_back(best, &p);
    }
    if (int(near.size()) > maxExact) {
        std::nth_element(near.begin(), near.begin() + std::max(0, maxExact), near.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        near.resize(size_t(std::max(0, maxExact)));
    }
    std::sort(near.begin(), near.end(), [](const auto &a, const auto &b) { return a.second->zip < b.second->zip; });
    ZipLookupTable t;
    t.exact.reserve(qsizetype(near.size()) * 11);
    for (const auto &[dist, p] : near)
        t.exact += p->zip + encodeLatLng(p->lat, p->lng);
    t.exactCount = int(near.size());

    QStringList areas = areaSum.keys();
    std::sort(areas.begin(), areas.end());
    t.areas.reserve(areas.size() * 9);
    for (const QString &a : areas) {
        const int n = areaCount.value(a);
        const auto s = areaSum.value(a);
        t.areas += a + encodeLatLng(s.first / n, s.second / n);
    }
    t.areaCount = int(areas.size());
    return t;
}

} // namespace oc

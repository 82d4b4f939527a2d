#pragma once

#include <QString>

#include <vector>

namespace oc {

class ZipDirectory;

// The static fallback's ZIP search data, as two strings a browser can
// binary-search: every 5-digit ZIP within `radiusMiles` of some event
// (nearest first when over `maxExact`), then every 3-digit ZIP area's
// centroid as a coarse fallback. Each entry is the ZIP (5 or 3 digits)
// followed by latitude and longitude in 0.01 degree steps as 3 base-36
// digits each ((lat + 90) * 100, (lng + 180) * 100), sorted by ZIP.
//
// Built by the backend from a snapshot's events and served with them in
// /events.json, so the page itself carries neither (it fetches both only
// when a visitor searches).
struct ZipLookupTable
{
    struct Point
    {
        double lat = 0;
        double lng = 0;
    };

    QString exact; // 11 characters per ZIP
    QString areas; // 9 characters per ZIP area
    int exactCount = 0;
    int areaCount = 0;

    static ZipLookupTable build(const std::vector<Point> &events, const ZipDirectory &zips, double radiusMiles = 30,
                                int maxExact = 6000);
    static QString encodeLatLng(double lat, double lng);
};

} // namespace oc

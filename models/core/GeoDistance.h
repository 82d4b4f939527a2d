#pragma once

#include <cmath>

namespace oc {

// Great-circle distances on a spherical Earth. The sphere is off by up to
// 0.5% against the ellipsoid, which is far below what "events within N miles"
// needs, and haversine stays accurate for the short distances that matter most.
struct GeoDistance
{
    // Mean Earth radius (IUGG), in statute miles.
    static constexpr double kEarthRadiusMiles = 3958.7613;

    static double miles(double lat1, double lng1, double lat2, double lng2)
    {
        constexpr double rad = 3.14159265358979323846 / 180.0;
        const double dLat = (lat2 - lat1) * rad;
        const double dLng = (lng2 - lng1) * rad;
        const double s = std::sin(dLat / 2);
        const double t = std::sin(dLng / 2);
        const double a = s * s + std::cos(lat1 * rad) * std::cos(lat2 * rad) * t * t;
        // min() guards asin against rounding just above 1 for antipodal points.
        return 2 * kEarthRadiusMiles * std::asin(std::sqrt(std::fmin(1.0, a)));
    }
};

} // namespace oc

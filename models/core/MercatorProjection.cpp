#include "MercatorProjection.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace oc {

namespace {

// Wraps into [-180, 180): the form used for box edges, where -180 and 180
// must compare as the same meridian.
double wrapHalfOpen(double lng)
{
    double w = std::fmod(lng + 180.0, 360.0);
    if (w < 0)
        w += 360.0;
    return w - 180.0;
}

} // namespace

double MercatorProjection::wrapLongitude(double lng)
{
    if (lng >= -180.0 && lng <= 180.0)
        return lng;
    return wrapHalfOpen(lng);
}

double MercatorProjection::clampLatitude(double lat)
{
    return std::clamp(lat, -kMaxLatitude, kMaxLatitude);
}

double MercatorProjection::lngToX(double lng)
{
    return wrapLongitude(lng) / 360.0 + 0.5;
}

double MercatorProjection::latToY(double lat)
{
    const double s = std::sin(clampLatitude(lat) * std::numbers::pi / 180.0);
    const double y = 0.5 - 0.25 * std::log((1.0 + s) / (1.0 - s)) / std::numbers::pi;
    // kMaxLatitude is rounded, so the clamped edge lands a hair outside [0, 1].
    return std::clamp(y, 0.0, 1.0);
}

double MercatorProjection::xToLng(double x)
{
    return (x - 0.5) * 360.0;
}

double MercatorProjection::yToLat(double y)
{
    const double y2 = (180.0 - y * 360.0) * std::numbers::pi / 180.0;
    return 360.0 * std::atan(std::exp(y2)) / std::numbers::pi - 90.0;
}

int MercatorProjection::projectBox(double west, double south, double east, double north, Range out[2])
{
    if (std::isnan(west) || std::isnan(south) || std::isnan(east) || std::isnan(north))
        return 0;
    if (south > north)
        std::swap(south, north);
    const double minY = latToY(north);
    const double maxY = latToY(south);

    if (!(east - west < 360.0)) { // also catches infinite edges
        out[0] = {0.0, minY, 1.0, maxY};
        return 1;
    }
    const double w = wrapHalfOpen(west);
    // 180 stays 180 so [x, 180] means "up to the antimeridian", not an empty range.
    const double e = east == 180.0 ? 180.0 : wrapHalfOpen(east);
    if (w <= e) {
        out[0] = {w / 360.0 + 0.5, minY, e / 360.0 + 0.5, maxY};
        return 1;
    }
    out[0] = {w / 360.0 + 0.5, minY, 1.0, maxY};
    out[1] = {0.0, minY, e / 360.0 + 0.5, maxY};
    return 2;
}

} // namespace oc

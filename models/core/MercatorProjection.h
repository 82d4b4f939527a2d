#pragma once

namespace oc {

// Web Mercator with the world mapped onto the unit square: x grows east from
// the antimeridian, y grows south from the top edge (the tile convention, so
// pixel maths at zoom z is just a scale by extent * 2^z).
struct MercatorProjection
{
    // Beyond this the projection runs to infinity; tiles stop here too.
    static constexpr double kMaxLatitude = 85.051129;

    struct Point
    {
        double x = 0;
        double y = 0;
    };

    // A projected x/y range, min <= max on both axes.
    struct Range
    {
        double minX = 0;
        double minY = 0;
        double maxX = 0;
        double maxY = 0;
    };

    // Maps any longitude into [-180, 180]; values already in range, 180
    // included, come back unchanged so a point on the antimeridian stays put.
    static double wrapLongitude(double lng);
    static double clampLatitude(double lat);

    static double lngToX(double lng); // wraps first, result in [0, 1]
    static double latToY(double lat); // clamps first, result in [0, 1]
    static double xToLng(double x);
    static double yToLat(double y);

    static Point project(double lng, double lat) { return {lngToX(lng), latToY(lat)}; }

    // Splits a lng/lat box into at most two projected ranges: two when it
    // crosses the antimeridian (west > east after wrapping), the whole world
    // when it spans 360 degrees or more. Returns how many ranges it wrote; 0
    // for a box with NaN edges.
    static int projectBox(double west, double south, double east, double north, Range out[2]);
};

} // namespace oc

#pragma once

#include <QString>

namespace oc {

// The place the user searched for: the results list is sorted by distance
// from it and the map draws `radiusMiles` around it.
struct MapSearch
{
    bool active = false;
    double lat = 0;
    double lng = 0;
    double radiusMiles = 0;
    QString label;
    // Upper bound on listed results: a list of thousands helps nobody find
    // their nearest event, and it is rebuilt on every live update.
    int limit = 250;

    bool operator==(const MapSearch &) const = default;
};

} // namespace oc

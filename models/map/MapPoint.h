#pragma once

#include "EventRecord.h"

#include <QtGlobal>

#include <algorithm>
#include <cstdint>

namespace oc {

// What the map needs of one LiveSource row, kept compact and Qt-free in its
// fields so the worker thread can filter and cluster a copy of a million of
// them without touching the feed's EventRecords.
struct MapPoint
{
    double lng = 0;
    double lat = 0;
    qint64 campaignId = 0;
    qint64 startsMs = 0;
    std::uint32_t rsvps = 0;
    std::uint8_t state = 0; // MarkerState
    bool hasLocation = false;
    // Deleted at the source (a Mobilize mirror's deleted_date): off the map.
    bool deleted = false;

    static MapPoint from(const EventRecord &e)
    {
        MapPoint p;
        p.hasLocation = e.hasLocation();
        p.deleted = e.deleted;
        if (p.hasLocation) {
            p.lng = *e.longitude;
            p.lat = *e.latitude;
        }
        p.campaignId = e.campaignId;
        p.startsMs = e.startsAt.isValid() ? e.startsAt.toMSecsSinceEpoch() : 0;
        p.rsvps = std::uint32_t(std::clamp<qint64>(e.rsvps, 0, UINT32_MAX));
        p.state = std::uint8_t(e.markerState());
        return p;
    }
};

} // namespace oc

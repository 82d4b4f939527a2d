#pragma once

#include "SiteEvent.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace oc::sim {

// The public event finder's HTML: a ZIP search form and a list of events,
// each with an RSVP form posting to /rsvp. The dynamic site renders it per
// request; a static snapshot is rendered once, with a client-side ZIP filter
// because nothing runs on the server in static mode.
class SitePage
{
public:
    struct Options
    {
        QString zip; // dynamic: sort by distance from this ZIP
        bool isStatic = false;
        int limit = 100;
    };

    static QByteArray render(const std::vector<SiteEvent> &events, const Options &o);
};

} // namespace oc::sim

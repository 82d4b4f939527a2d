#pragma once

#include "HubHttpServices.h"
#include "HubStreamer.h"
#include "MirrorStreamer.h"
#include "Scenario.h"
#include "Seeder.h"

#include <QString>

#include <cstdio>
#include <optional>

namespace oc::sim {

// `organizer-hubsim simulate`: the demo backend. Migrates, seeds a campaign
// (once), prints READY, then streams RSVPs, events and traffic and serves the
// ops API and the public site until interrupted or --duration has passed.
// With --schema mobilize it writes a Mobilize-mirror-shaped database instead
// (MirrorSeeder, MirrorStreamer) and serves no HTTP: a mirror is read-only,
// there is no ops API or site behind it.
class SimulateCommand
{
public:
    enum class Schema { Hub, Mobilize };

    struct Options
    {
        QString conninfo;
        Schema schema = Schema::Hub;
        MirrorStreamer::Options mirror; // conninfo, events rate and seed sizes are filled in here
        Seeder::Options seed;
        Scenario::Options scenario;
        double eventsPerSimDay = 1000;
        bool seedOnly = false; // seed, print READY, exit
        bool http = true;
        HubHttpServices::Options httpOptions; // conninfo and campaign are filled in here
        // The vendors' status pages and quotas plus the control routes
        // (VendorSimServer); unset: off, 0: any free port. Hub schema only.
        std::optional<quint16> vendorPort;
        std::optional<double> durationSeconds;
    };

    // Runs the event loop of the QCoreApplication that must exist; returns
    // the exit code (1: database or port trouble).
    static int run(Options o, std::FILE *out, std::FILE *err);

private:
    static int runMirror(const Options &o, std::FILE *out, std::FILE *err);
};

} // namespace oc::sim

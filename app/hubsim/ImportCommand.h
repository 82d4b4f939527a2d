#pragma once

#include "FieldMapping.h"

#include <QString>

#include <cstdio>

namespace oc::sim {

// `organizer-hubsim import FILE`: reads an event list, prints the report
// (mapping first, then each rejected, duplicate or repaired row) and, unless
// it is a dry run, writes the good rows in ONE transaction: all of them or,
// on any database error, none. Writes nothing else: no seeding, no RSVPs, no
// simulation. Events belong to a campaign (events.campaign_id is NOT NULL):
// they go to --campaign SLUG, whose row alone is created when missing.
class ImportCommand
{
public:
    struct Options
    {
        QString file;
        QString conninfo;
        QString campaignSlug = QStringLiteral("day-of-action"); // the simulator's campaign (Seeder)
        FieldMapping mapping;
        bool dryRun = false; // read and report; never connects
        bool migrateFirst = false; // the deprecated `--import` always migrated
    };

    // Exit codes: 0 imported (even with rejected rows), 1 database error
    // (nothing written), 2 unreadable file or bad options (nothing written).
    static int run(const Options &o, std::FILE *out, std::FILE *err);
};

} // namespace oc::sim

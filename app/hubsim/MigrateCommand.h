#pragma once

#include <QString>

#include <cstdio>

namespace oc::sim {

// `organizer-hubsim migrate`: applies the hub schema and nothing else.
// Idempotent; exit 0 on an empty database and on an up-to-date one.
class MigrateCommand
{
public:
    // Returns the exit code: 0, or 1 when the database cannot be reached or
    // migrated (its schema is then unchanged: Migrator runs in one transaction).
    static int run(const QString &conninfo, std::FILE *out, std::FILE *err);
};

} // namespace oc::sim

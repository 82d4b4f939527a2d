#include "MigrateCommand.h"

#include "Migrator.h"
#include "PgSession.h"

namespace oc::sim {

int MigrateCommand::run(const QString &conninfo, std::FILE *out, std::FILE *err)
{
    try {
        PgSession s(conninfo);
        const auto r = Migrator(s).migrate();
        if (r.applied.isEmpty())
            std::fprintf(out, "SCHEMA version %d, up to date\n", r.to);
        else
            std::fprintf(out, "SCHEMA version %d, migrated from %d (applied %s)\n", r.to, r.from,
                         qPrintable(r.applied.join(QStringLiteral(", "))));
        std::fflush(out);
        return 0;
    } catch (const DbException &e) {
        std::fprintf(err, "organizer-hubsim migrate: %s\n", qPrintable(e.error.message));
        return 1;
    }
}

} // namespace oc::sim

#include "ImportCommand.h"

#include "EventImporter.h"
#include "LogCategories.h"
#include "Migrator.h"
#include "PgSession.h"
#include "Seeder.h"

#include <QRegularExpression>

namespace oc::sim {

int ImportCommand::run(const Options &o, std::FILE *out, std::FILE *err)
{
    static const QRegularExpression slugRe(QStringLiteral("^[a-z0-9][a-z0-9-]{0,62}$")); // campaigns.slug CHECK
    if (!slugRe.match(o.campaignSlug).hasMatch()) {
        std::fprintf(err, "organizer-hubsim import: --campaign '%s' is not a slug (a-z, 0-9, '-', at most 63)\n",
                     qPrintable(EventImporter::sanitizedExcerpt(o.campaignSlug)));
        return 2;
    }
    const EventImporter::Report report = EventImporter::importFile(o.file, o.mapping);
    for (const QString &line : report.lines())
        std::fprintf(out, "%s\n", qPrintable(line));
    std::fflush(out);
    if (!report.fatal.isEmpty()) {
        std::fprintf(err, "organizer-hubsim import: %s; nothing written\n", qPrintable(report.fatal));
        return 2;
    }
    const QString tail = QStringLiteral("%1 rows rejected, %2 duplicates, %3 rows with warnings, of %4 rows")
                             .arg(report.rejected.size())
                             .arg(report.duplicates.size())
                             .arg(report.warnings.size())
                             .arg(report.rows);
    const QString kinds = QStringLiteral("%1 all-day, %2 placed by ZIP, %3 without a size")
                              .arg(report.allDayCount())
                              .arg(report.placedByZipCount())
                              .arg(report.withoutSizeCount());
    if (o.dryRun) {
        std::fprintf(out, "DRY RUN would import %lld events (%s) into campaign %s; %s; nothing written\n",
                     qint64(report.events.size()), qPrintable(kinds), qPrintable(o.campaignSlug), qPrintable(tail));
        return 0;
    }
    try {
        PgSession s(o.conninfo);
        Migrator migrator(s);
        if (o.migrateFirst) {
            migrator.migrate();
        } else if (const int v = migrator.currentVersion(); v < migrator.latestKnown()) {
            // Importing is not migrating: a schema change is its own step.
            std::fprintf(err,
                         "organizer-hubsim import: the database schema is %s, this importer needs version %d; "
                         "run `organizer-hubsim migrate --db ...` first; nothing written\n",
                         v < 0 ? "missing" : qPrintable(QStringLiteral("version %1").arg(v)), migrator.latestKnown());
            return 1;
        }
        struct Outcome
        {
            qint64 campaignId = 0;
            bool created = false;
            int inserted = 0;
        };
        const Outcome done = s.transaction([&] {
            Outcome oc;
            const DbTable c = s.exec(DbQuery("SELECT id FROM campaigns WHERE slug = $1").bind(o.campaignSlug));
            if (c.rowCount() > 0) {
                oc.campaignId = c.toInt64(0, 0);
            } else {
                oc.campaignId = s.exec(DbQuery("INSERT INTO campaigns (slug, title) VALUES ($1, $1) RETURNING id")
                                           .bind(o.campaignSlug))
                                    .toInt64(0, 0);
                oc.created = true;
            }
            oc.inserted = Seeder(s).insertImported(oc.campaignId, report.events);
            if (oc.inserted != report.events.size())
                throw DbException(DbError {QStringLiteral("inserted %1 events where %2 were read; rolled back")
                                               .arg(oc.inserted)
                                               .arg(report.events.size()),
                                           {},
                                           false});
            return oc;
        });
        std::fprintf(out, "IMPORTED %d events (%s) into campaign %s (id %lld%s); %s\n", done.inserted,
                     qPrintable(kinds), qPrintable(o.campaignSlug), done.campaignId, done.created ? ", created" : "",
                     qPrintable(tail));
        std::fflush(out);
        logcat::sim()->info("imported {} events from {} into campaign {}", done.inserted, o.file.toStdString(),
                            o.campaignSlug.toStdString());
        return 0;
    } catch (const DbException &e) {
        std::fprintf(err, "organizer-hubsim import: %s; nothing written\n", qPrintable(e.error.message));
        return 1;
    }
}

} // namespace oc::sim

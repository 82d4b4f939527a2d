// organizer-hubsim: stands in for the campaign backend in the demo, the tests
// and the benchmarks. Three commands that each do one thing: `migrate`
// (schema only), `import FILE` (an event list, nothing else) and `simulate`
// (seed a campaign and stream a realistic surge). Without a command it runs
// the deprecated all-in-one mode of earlier versions. The logic lives in the
// oc_hubsim library (MigrateCommand, ImportCommand, SimulateCommand).
#include "ImportCommand.h"
#include "Log.h"
#include "MigrateCommand.h"
#include "NumberOption.h"
#include "SimulateCommand.h"
#include "TokenFile.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <algorithm>
#include <cstdio>
#include <optional>

using namespace oc;
using namespace oc::sim;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("organizer-hubsim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OC_VERSION));
    const QStringList args = QCoreApplication::arguments();
    const QStringList commands {QStringLiteral("migrate"), QStringLiteral("import"), QStringLiteral("simulate")};
    QString command;
    if (args.size() > 1 && !args.at(1).startsWith(QLatin1Char('-'))) {
        command = args.at(1);
        if (!commands.contains(command)) {
            std::fprintf(stderr, "organizer-hubsim: unknown command '%s' (commands: %s; see --help)\n",
                         qPrintable(command), qPrintable(commands.join(QStringLiteral(", "))));
            return 2;
        }
    }

    QCommandLineParser p;
    p.setApplicationDescription(
        command == QLatin1String("migrate")
            ? QStringLiteral("Apply the hub schema to the database (idempotent) and exit.")
            : command == QLatin1String("import")
            ? QStringLiteral("Import an event list (GeoJSON or CSV) into the database in one transaction, print the "
                             "report (the column mapping first, then every rejected, duplicate or repaired row) and "
                             "exit. Never seeds or simulates; the schema must be current (run `migrate`).")
            : command == QLatin1String("simulate")
            ? QStringLiteral("Campaign backend simulator: seed a campaign, stream RSVPs, events and traffic, serve "
                             "the ops API and the public site. With --schema mobilize: create and seed a Mobilize "
                             "SQL mirror and stream sign-ups, cancellations, late-visible rows and deletions into "
                             "it (no HTTP).")
            : QStringLiteral("Campaign backend simulator for Organizer Console.\n\nCommands:\n"
                             "  migrate          apply the schema, nothing else\n"
                             "  import FILE      import an event list, nothing else\n"
                             "  simulate         the demo backend (seed, stream, serve)\n"
                             "Run `organizer-hubsim COMMAND --help` for a command's options. Without a command the "
                             "deprecated all-in-one mode below runs (simulate, or import with --import)."));
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption dbOpt({QStringLiteral("d"), QStringLiteral("db")},
                                   QStringLiteral("libpq connection string or service (default: $PGSERVICE/$PG* env)"),
                                   QStringLiteral("conninfo"), QString());
    // import
    const QCommandLineOption mapOpt(QStringLiteral("map"),
                                    QStringLiteral("use COLUMN for FIELD, e.g. --map size=\"Crowd estimate\" "
                                                   "(repeatable; fields: title, description, start, time, timezone, "
                                                   "venue, address, city, state, zip, latitude, longitude, size, "
                                                   "host_name, host_email)"),
                                    QStringLiteral("field=column"));
    const QCommandLineOption campaignOpt(QStringLiteral("campaign"),
                                         QStringLiteral("campaign the events join; created (that row only) when "
                                                        "missing (default day-of-action)"),
                                         QStringLiteral("slug"), QStringLiteral("day-of-action"));
    const QCommandLineOption dryRunOpt(QStringLiteral("dry-run"),
                                       QStringLiteral("print the full report, write nothing (no database needed)"));
    // simulate
    const QCommandLineOption eventsOpt(QStringLiteral("events"), QStringLiteral("events to seed (default 2000)"),
                                       QStringLiteral("n"), QStringLiteral("2000"));
    const QCommandLineOption supportersOpt(QStringLiteral("supporters"), QStringLiteral("supporters to seed"),
                                           QStringLiteral("n"), QStringLiteral("20000"));
    const QCommandLineOption rsvpsOpt(QStringLiteral("seed-rsvps"), QStringLiteral("RSVP history to seed"),
                                      QStringLiteral("n"), QStringLiteral("20000"));
    const QCommandLineOption compressionOpt(QStringLiteral("compression"),
                                            QStringLiteral("simulated seconds per real second (144 = a day in 10 min)"),
                                            QStringLiteral("x"), QStringLiteral("144"));
    const QCommandLineOption rateOpt(QStringLiteral("rsvp-rate"),
                                     QStringLiteral("fixed RSVPs per second instead of the scenario curve"),
                                     QStringLiteral("per-second"));
    const QCommandLineOption baseViewsOpt(QStringLiteral("base-views"), QStringLiteral("quiet-hour views per minute"),
                                          QStringLiteral("n"), QStringLiteral("3000"));
    const QCommandLineOption noLaunchOpt(
        QStringLiteral("wait-for-launch"),
        QStringLiteral("stay quiet until the campaign is launched through the ops API"));
    const QCommandLineOption eventRateOpt(QStringLiteral("events-per-day"),
                                          QStringLiteral("new crowd-sourced events per simulated day"),
                                          QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption seedOnlyOpt(QStringLiteral("seed-only"),
                                         QStringLiteral("seed, print READY, exit (schema only: use `migrate`)"));
    const QCommandLineOption durationOpt(QStringLiteral("duration"), QStringLiteral("stop streaming after s seconds"),
                                         QStringLiteral("s"));
    const QCommandLineOption apiPortOpt(QStringLiteral("api-port"),
                                        QStringLiteral("ops API port on 127.0.0.1 (0 = any free)"),
                                        QStringLiteral("port"), QStringLiteral("0"));
    // The *-file options first: a token in argv is in /proc/*/cmdline for
    // every local user to read.
    const QCommandLineOption apiTokenFileOpt(QStringLiteral("api-token-file"),
                                             QStringLiteral("read the ops API operator bearer token from the first "
                                                            "line of file (mode 600; preferred over --api-token)"),
                                             QStringLiteral("file"));
    const QCommandLineOption apiViewerTokenFileOpt(QStringLiteral("api-token-viewer-file"),
                                                   QStringLiteral("read the viewer token (reads only) from file "
                                                                  "(mode 600)"),
                                                   QStringLiteral("file"));
    const QCommandLineOption apiTrainerTokenFileOpt(QStringLiteral("api-token-trainer-file"),
                                                    QStringLiteral("read the trainer token (reads only) from file "
                                                                   "(mode 600)"),
                                                    QStringLiteral("file"));
    const QCommandLineOption apiTokenOpt(QStringLiteral("api-token"),
                                         QStringLiteral("ops API operator bearer token, visible to other local users "
                                                        "(default $ORGANIZER_HUB_TOKEN; without any token the API is "
                                                        "off)"),
                                         QStringLiteral("token"));
    const QCommandLineOption apiViewerTokenOpt(QStringLiteral("api-token-viewer"),
                                               QStringLiteral("ops API viewer bearer token: reads only (default "
                                                              "$ORGANIZER_HUB_TOKEN_VIEWER)"),
                                               QStringLiteral("token"));
    const QCommandLineOption apiTrainerTokenOpt(QStringLiteral("api-token-trainer"),
                                                QStringLiteral("ops API trainer bearer token: reads only (default "
                                                               "$ORGANIZER_HUB_TOKEN_TRAINER)"),
                                                QStringLiteral("token"));
    const QCommandLineOption apiFaultOpt(
        QStringLiteral("api-fault"),
        QStringLiteral("inject API faults, KIND[=SECONDS][:ENDPOINT[:COUNT]], e.g. 500, "
                       "timeout=5, 500-after-record:create-blast:1 (default "
                       "$ORGANIZER_HUB_API_FAULT)"),
        QStringLiteral("spec"));
    const QCommandLineOption testEndpointsOpt(QStringLiteral("test-endpoints"),
                                              QStringLiteral("enable POST /api/v1/_test/faults"));
    const QCommandLineOption sitePortOpt(QStringLiteral("site-port"),
                                         QStringLiteral("public site port on 127.0.0.1 (0 = any free)"),
                                         QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption siteCapacityOpt(QStringLiteral("site-capacity"),
                                             QStringLiteral("requests/s the dynamic site handles before failing"),
                                             QStringLiteral("per-second"), QStringLiteral("400"));
    const QCommandLineOption vendorPortOpt(QStringLiteral("vendor-port"),
                                           QStringLiteral("serve the demo vendors' status pages and quotas and the "
                                                          "control routes (surge, calm, degrade) on this port on "
                                                          "127.0.0.1 (0 = any free; default off)"),
                                           QStringLiteral("port"));
    const QCommandLineOption journalOpt(
        QStringLiteral("rsvp-journal"),
        QStringLiteral("file for RSVPs taken in static mode (default: rsvp-HASH.jsonl in $STATE_DIRECTORY, else in "
                       "$XDG_STATE_HOME/organizer-hubsim, else in ~/.local/state/organizer-hubsim)"),
        QStringLiteral("file"));
    const QCommandLineOption noHttpOpt(QStringLiteral("no-http"),
                                       QStringLiteral("run neither the ops API nor the site"));
    const QCommandLineOption schemaOpt(QStringLiteral("schema"),
                                       QStringLiteral("hub (default) or mobilize: a Mobilize SQL mirror's views over "
                                                      "private tables (created when missing), written along the same "
                                                      "scenario; no ops API or site (a mirror is read-only)"),
                                       QStringLiteral("hub|mobilize"), QStringLiteral("hub"));
    const QCommandLineOption lateShareOpt(QStringLiteral("late-share"),
                                          QStringLiteral("mobilize: share of writes committed with a modified_date "
                                                         "30 s to 4 min in the past (default 0.1)"),
                                          QStringLiteral("fraction"), QStringLiteral("0.1"));
    const QCommandLineOption veryLateOpt(QStringLiteral("very-late-every"),
                                         QStringLiteral("mobilize: one participation older than 10 min every s "
                                                        "seconds (default 120, 0 = never)"),
                                         QStringLiteral("s"), QStringLiteral("120"));
    const QCommandLineOption deleteEveryOpt(QStringLiteral("delete-every"),
                                            QStringLiteral("mobilize: delete a timeslot (every third time an event) "
                                                           "every s seconds (default 30, 0 = never)"),
                                            QStringLiteral("s"), QStringLiteral("30"));
    // deprecated all-in-one mode
    const QCommandLineOption importOpt(QStringLiteral("import"),
                                       QStringLiteral("deprecated: same as `organizer-hubsim import FILE` after "
                                                      "`migrate` (no seeding, no simulation)"),
                                       QStringLiteral("file"));

    p.addOption(dbOpt);
    if (!command.isEmpty()) // shows in the usage line; parsed as the first positional argument
        p.addPositionalArgument(QStringLiteral("command"), QStringLiteral("migrate, import or simulate"), command);
    if (command == QLatin1String("import")) {
        p.addOptions({mapOpt, campaignOpt, dryRunOpt});
        p.addPositionalArgument(QStringLiteral("file"), QStringLiteral("GeoJSON FeatureCollection or CSV file"));
    } else if (command != QLatin1String("migrate")) {
        p.addOptions({eventsOpt,
                      supportersOpt,
                      rsvpsOpt,
                      compressionOpt,
                      rateOpt,
                      baseViewsOpt,
                      noLaunchOpt,
                      eventRateOpt,
                      seedOnlyOpt,
                      durationOpt,
                      apiPortOpt,
                      apiTokenFileOpt,
                      apiViewerTokenFileOpt,
                      apiTrainerTokenFileOpt,
                      apiTokenOpt,
                      apiViewerTokenOpt,
                      apiTrainerTokenOpt,
                      apiFaultOpt,
                      testEndpointsOpt,
                      sitePortOpt,
                      siteCapacityOpt,
                      vendorPortOpt,
                      journalOpt,
                      noHttpOpt,
                      schemaOpt,
                      lateShareOpt,
                      veryLateOpt,
                      deleteEveryOpt});
        if (command.isEmpty())
            p.addOptions({importOpt, mapOpt, campaignOpt});
    }
    p.process(args);
    QStringList positional = p.positionalArguments();
    if (!command.isEmpty())
        positional.removeFirst();
    if (command != QLatin1String("import") && !positional.isEmpty()) {
        std::fprintf(stderr, "organizer-hubsim %s: unexpected argument '%s'\n", qPrintable(command),
                     qPrintable(positional.first()));
        return 2;
    }

    Log::init("organizer-hubsim");
    const QString conninfo = p.value(dbOpt);
    if (command == QLatin1String("migrate"))
        return MigrateCommand::run(conninfo, stdout, stderr);

    auto importOptions = [&](const QString &file) -> std::optional<ImportCommand::Options> {
        ImportCommand::Options io;
        io.file = file;
        io.conninfo = conninfo;
        io.campaignSlug = p.value(campaignOpt);
        for (const QString &spec : p.values(mapOpt)) {
            QString error;
            if (!io.mapping.addOverride(spec, &error)) {
                std::fprintf(stderr, "organizer-hubsim import: %s\n", qPrintable(error));
                return std::nullopt;
            }
        }
        return io;
    };
    if (command == QLatin1String("import")) {
        if (positional.size() != 1) {
            std::fprintf(stderr, "organizer-hubsim import: give exactly one FILE (see --help)\n");
            return 2;
        }
        auto io = importOptions(positional.first());
        if (!io)
            return 2;
        io->dryRun = p.isSet(dryRunOpt);
        return ImportCommand::run(*io, stdout, stderr);
    }

    if (command.isEmpty()) {
        if (p.isSet(importOpt)) {
            // Earlier versions seeded a demo campaign and simulated beside the
            // import; the import alone is what anyone passing a file wants.
            std::fprintf(stderr,
                         "organizer-hubsim: --import is deprecated; use `organizer-hubsim import FILE`. "
                         "It migrates and imports only: no seeding, no simulation.\n");
            auto io = importOptions(p.value(importOpt));
            if (!io)
                return 2;
            io->migrateFirst = true;
            return ImportCommand::run(*io, stdout, stderr);
        }
        if (p.isSet(seedOnlyOpt) && p.value(eventsOpt).toInt() == 0)
            std::fprintf(stderr,
                         "organizer-hubsim: to apply the schema use `organizer-hubsim migrate`; running "
                         "without a command is deprecated\n");
        else
            std::fprintf(stderr,
                         "organizer-hubsim: running without a command is deprecated; use "
                         "`organizer-hubsim simulate` (same options)\n");
    }

    SimulateCommand::Options so;
    so.conninfo = conninfo;
    const QString schema = p.value(schemaOpt);
    if (schema == QLatin1String("mobilize")) {
        so.schema = SimulateCommand::Schema::Mobilize;
    } else if (schema != QLatin1String("hub")) {
        std::fprintf(stderr, "organizer-hubsim: --schema is hub or mobilize, not '%s'\n", qPrintable(schema));
        return 2;
    }
    // Every number checked: a typo is a usage error (2), never a silent 0.
    bool badNumber = false;
    const auto integer = [&](const QCommandLineOption &o, qint64 min, qint64 max) -> qint64 {
        QString error;
        const auto v = NumberOption::integer(o.names().constLast(), p.value(o), min, max, &error);
        if (!v && !badNumber) {
            std::fprintf(stderr, "organizer-hubsim: %s\n", qPrintable(error));
            badNumber = true;
        }
        return v.value_or(min);
    };
    const auto real = [&](const QCommandLineOption &o, double min, double max) -> double {
        QString error;
        const auto v = NumberOption::real(o.names().constLast(), p.value(o), min, max, &error);
        if (!v && !badNumber) {
            std::fprintf(stderr, "organizer-hubsim: %s\n", qPrintable(error));
            badNumber = true;
        }
        return v.value_or(min);
    };
    so.mirror.lateShare = real(lateShareOpt, 0.0, 1.0);
    so.mirror.veryLateEverySeconds = real(veryLateOpt, 0.0, 1e6);
    so.mirror.deleteEverySeconds = real(deleteEveryOpt, 0.0, 1e6);
    so.seed.events = int(integer(eventsOpt, 0, 10'000'000));
    so.seed.supporters = int(integer(supportersOpt, 0, 100'000'000));
    so.seed.rsvps = integer(rsvpsOpt, 0, 10'000'000'000);
    so.seedOnly = p.isSet(seedOnlyOpt);
    so.scenario.compression = real(compressionOpt, 0.001, 1e6);
    so.scenario.baseViewsPerMin = real(baseViewsOpt, 0.0, 1e9);
    so.scenario.autoLaunch = !p.isSet(noLaunchOpt);
    if (p.isSet(rateOpt))
        so.scenario.rsvpRateOverride = real(rateOpt, 0.0, 1e6);
    so.eventsPerSimDay = real(eventRateOpt, 0.0, 1e7);
    if (p.isSet(durationOpt))
        so.durationSeconds = real(durationOpt, 0.0, 31'536'000.0); // up to a year
    so.http = !p.isSet(noHttpOpt);
    HubHttpServices::Options &ho = so.httpOptions;
    bool badToken = false;
    const auto token = [&](const QCommandLineOption &file, const QCommandLineOption &opt, const char *env) {
        if (!p.isSet(file))
            return (p.isSet(opt) ? p.value(opt) : qEnvironmentVariable(env)).toUtf8();
        if (p.isSet(opt)) {
            std::fprintf(stderr, "organizer-hubsim: give --%s or --%s, not both\n",
                         qPrintable(file.names().constFirst()), qPrintable(opt.names().constFirst()));
            badToken = true;
            return QByteArray();
        }
        QString error;
        const auto t = TokenFile::read(p.value(file), &error);
        if (!t) {
            std::fprintf(stderr, "organizer-hubsim: --%s: %s\n", qPrintable(file.names().constFirst()),
                         qPrintable(error));
            badToken = true;
        }
        return t.value_or(QByteArray());
    };
    ho.apiToken = token(apiTokenFileOpt, apiTokenOpt, "ORGANIZER_HUB_TOKEN");
    ho.apiViewerToken = token(apiViewerTokenFileOpt, apiViewerTokenOpt, "ORGANIZER_HUB_TOKEN_VIEWER");
    ho.apiTrainerToken = token(apiTrainerTokenFileOpt, apiTrainerTokenOpt, "ORGANIZER_HUB_TOKEN_TRAINER");
    if (badToken)
        return 2; // a usage error, as a bad number
    ho.apiEnabled = !ho.apiToken.isEmpty() || !ho.apiViewerToken.isEmpty() || !ho.apiTrainerToken.isEmpty();
    ho.apiPort = quint16(integer(apiPortOpt, 0, 65535));
    ho.apiFaults = p.isSet(apiFaultOpt) ? p.value(apiFaultOpt) : qEnvironmentVariable("ORGANIZER_HUB_API_FAULT");
    ho.testEndpoints = p.isSet(testEndpointsOpt);
    ho.sitePort = quint16(integer(sitePortOpt, 0, 65535));
    ho.siteCapacity = real(siteCapacityOpt, 0.0, 1e9);
    ho.rsvpJournal = p.value(journalOpt);
    if (p.isSet(vendorPortOpt))
        so.vendorPort = quint16(integer(vendorPortOpt, 0, 65535));
    if (badNumber)
        return NumberOption::UsageError;
    return SimulateCommand::run(so, stdout, stderr);
}

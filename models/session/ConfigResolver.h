#pragma once

#include "ConsoleSession.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

class QSettings;

namespace oc {

// Where the console's configuration comes from, decided in one place and in
// one order: the command line, then the environment, then the settings file,
// then (when still nothing says where the database is) the first-run dialog.
// The operator's name resolved here is the one every audit records: actions,
// review decisions and host-training notes alike.
class ConfigResolver
{
public:
    struct CommandLine
    {
        bool demo = false;
        std::optional<QString> db;
        std::optional<QString> service;
        std::optional<QString> writeDb;
        std::optional<QString> operatorName;
        std::optional<QString> apiUrl;
        std::optional<QString> source; // "hub", "mobilize" or "auto"
    };
    // Reads one environment variable; empty when unset.
    using Environment = std::function<QString(const char *name)>;

    enum class DatabaseSource {
        CommandLine,
        Service,
        Environment,
        Demo,
        SavedDemo,
        SavedProfile,
        // libpq's own PG* variables: an empty conninfo, as psql does.
        LibpqEnvironment,
        Dialog,
        None
    };

    struct Resolved
    {
        ConsoleSession::Config session;
        bool useDemo = false;
        DatabaseSource databaseSource = DatabaseSource::None;
        // The saved profile or the dialog: its password may be in the keychain.
        bool passwordMayBeInKeychain = false;
        // Nothing says where the database is: ask (a window) or refuse (headless).
        bool needsDialog() const { return databaseSource == DatabaseSource::None; }
    };

    static Resolved resolve(const CommandLine &cli, const Environment &env, const QSettings &settings);
    // "hub", "mobilize", "auto" (any case); nothing for anything else.
    static std::optional<ConsoleSession::Source> parseSource(const QString &text);
    // The first-run dialog answered.
    static void applyDialog(Resolved &r, bool demoChosen, const QString &conninfo, const QSettings &settings);
    static Environment processEnvironment();
    // libpq's variables that choose a database (not PGPASSWORD and the like,
    // which alone say nothing about where to connect).
    static const QList<const char *> &libpqDatabaseVariables();
    // Whether any of them is set (non-empty).
    static bool libpqEnvironmentSet(const Environment &env);
};

} // namespace oc

#pragma once

#include "ConsoleSession.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

class QObject;
class QSettings;

namespace oc {

class SecretStore;

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
    // Where the ops-API token came from: the environment wins, then the
    // desktop keychain (stored there by the connection dialog), then a token
    // typed in the dialog for this session only. The demo brings its own.
    enum class ApiTokenSource { Environment, Keychain, Dialog, Demo, None };

    struct Resolved
    {
        ConsoleSession::Config session;
        bool useDemo = false;
        DatabaseSource databaseSource = DatabaseSource::None;
        // The saved profile or the dialog: its password may be in the keychain.
        bool passwordMayBeInKeychain = false;
        ApiTokenSource apiTokenSource = ApiTokenSource::None;
        // The connection dialog kept a token in the keychain (settings key
        // kApiTokenInKeychain); without it the keychain is never asked, so a
        // console with no token starts without touching D-Bus.
        bool apiTokenKept = false;
        // No token from the environment, one kept in the keychain, an ops
        // API to talk to and not the demo (readApiTokenFromKeychain).
        bool apiTokenMayBeInKeychain() const
        {
            return apiTokenSource == ApiTokenSource::None && apiTokenKept && !useDemo && session.apiUrl.isValid() &&
                !session.apiUrl.isEmpty();
        }
        // Nothing says where the database is: ask (a window) or refuse (headless).
        bool needsDialog() const { return databaseSource == DatabaseSource::None; }
    };

    // Settings keys the connection dialog writes for the ops API.
    static constexpr const char *kApiUrlKey = "api/url";
    static constexpr const char *kApiTokenInKeychain = "api/tokenInKeychain";

    static Resolved resolve(const CommandLine &cli, const Environment &env, const QSettings &settings);
    // "hub", "mobilize", "auto" (any case); nothing for anything else.
    static std::optional<ConsoleSession::Source> parseSource(const QString &text);
    // The first-run dialog answered.
    static void applyDialog(Resolved &r, bool demoChosen, const QString &conninfo, const QSettings &settings);
    // The dialog's ops-API fields: its URL when one was given; a token typed
    // there stands in for the keychain's, never for the environment's.
    static void applyDialogApi(Resolved &r, const QUrl &apiUrl, const QString &typedToken);
    static Environment processEnvironment();

    // The ops-API token's entry in the desktop keychain: one per API origin
    // (scheme, host, port), so a token kept for one backend is never sent
    // to another.
    static QString apiTokenKey(const QUrl &apiUrl);
    // The keychain step of the token's precedence: when r.apiTokenMayBeInKeychain(),
    // reads the token kept for r's API and fills it in (ApiTokenSource::Keychain);
    // otherwise, or when the keychain has none or cannot be reached, r comes
    // back as it was. `done` is called later, from the event loop (the
    // keychain may ask the user to unlock it), if `context` still lives. The
    // token is never logged.
    static void readApiTokenFromKeychain(Resolved r, SecretStore &store, QObject *context,
                                         std::function<void(const Resolved &)> done);
    // libpq's variables that choose a database (not PGPASSWORD and the like,
    // which alone say nothing about where to connect).
    static const QList<const char *> &libpqDatabaseVariables();
    // Whether any of them is set (non-empty).
    static bool libpqEnvironmentSet(const Environment &env);
};

} // namespace oc

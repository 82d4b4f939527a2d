#include "ConfigResolver.h"

#include "ConnectionProfile.h"
#include "LogCategories.h"
#include "SecretStore.h"

#include <QPointer>
#include <QSettings>
#include <QTimer>
#include <QStringList>

#include <algorithm>
#include <utility>

namespace oc {

namespace {

QString first(std::initializer_list<QString> candidates)
{
    for (const QString &c : candidates)
        if (!c.trimmed().isEmpty())
            return c.trimmed();
    return {};
}

} // namespace

ConfigResolver::Resolved ConfigResolver::resolve(const CommandLine &cli, const Environment &env,
                                                 const QSettings &settings)
{
    Resolved r;
    ConsoleSession::Config &c = r.session;
    // review/operatorName is what the review desk used before there was one
    // name for every audit; still honoured so an upgrade changes no one's name.
    c.operatorName = first({cli.operatorName.value_or(QString()), env("ORGANIZER_OPERATOR"),
                            settings.value(QStringLiteral("operator/name")).toString(),
                            settings.value(QStringLiteral("review/operatorName")).toString(), env("USER"),
                            QStringLiteral("operator")});
    c.apiUrl = QUrl(first({cli.apiUrl.value_or(QString()), env("ORGANIZER_HUB_URL"),
                           settings.value(QLatin1String(kApiUrlKey)).toString()}));
    // The token from the environment, then the keychain (asynchronous:
    // readApiTokenFromKeychain), never argv or the settings file.
    c.apiToken = env("ORGANIZER_HUB_TOKEN").trimmed();
    if (!c.apiToken.isEmpty())
        r.apiTokenSource = ApiTokenSource::Environment;
    r.apiTokenKept = settings.value(QLatin1String(kApiTokenInKeychain)).toBool();
    c.writeConninfo = cli.writeDb.value_or(QString());
    // Without --source, a database we are pointed at is looked at first
    // (the hub schema, or a Mobilize mirror's views); the demo is the hub's
    // unless asked for the mirror.
    c.source = parseSource(first({cli.source.value_or(QString()), env("ORGANIZER_SOURCE")}))
                   .value_or(ConsoleSession::Source::Auto);

    if (cli.demo) {
        r.useDemo = true;
        r.databaseSource = DatabaseSource::Demo;
    } else if (cli.db) {
        c.conninfo = *cli.db;
        r.databaseSource = DatabaseSource::CommandLine;
    } else if (cli.service) {
        c.conninfo = QStringLiteral("service=") + *cli.service;
        r.databaseSource = DatabaseSource::Service;
    } else if (const QString e = env("ORGANIZER_DB"); !e.isEmpty()) {
        c.conninfo = e;
        r.databaseSource = DatabaseSource::Environment;
    } else if (const ConnectionProfile saved = ConnectionProfile::load(settings); saved.demo) {
        r.useDemo = true;
        r.databaseSource = DatabaseSource::SavedDemo;
    } else if (!saved.conninfo.isEmpty()) {
        c.conninfo = saved.conninfo;
        r.databaseSource = DatabaseSource::SavedProfile;
        r.passwordMayBeInKeychain = saved.passwordInKeychain;
    } else if (libpqEnvironmentSet(env)) {
        // psql's behaviour: nothing given means libpq's defaults, which read
        // the PG* environment (and PGSERVICE's service file) themselves.
        c.conninfo.clear();
        r.databaseSource = DatabaseSource::LibpqEnvironment;
        QStringList shown;
        for (const auto &[var, key] :
             {std::pair {"PGSERVICE", "service"}, std::pair {"PGHOST", "host"}, std::pair {"PGHOSTADDR", "hostaddr"},
              std::pair {"PGPORT", "port"}, std::pair {"PGDATABASE", "dbname"}, std::pair {"PGUSER", "user"}})
            if (const QString v = env(var).trimmed(); !v.isEmpty())
                shown << QString::fromLatin1(key) + QLatin1Char('=') + v;
        c.displayTarget = shown.join(QLatin1Char(' '));
    }
    return r;
}

void ConfigResolver::applyDialog(Resolved &r, bool demoChosen, const QString &conninfo, const QSettings &settings)
{
    r.useDemo = demoChosen;
    r.session.conninfo = demoChosen ? QString() : conninfo;
    r.databaseSource = DatabaseSource::Dialog;
    // The dialog saved the profile, and with it whether the keychain has the password.
    r.passwordMayBeInKeychain = !demoChosen && ConnectionProfile::load(settings).passwordInKeychain;
}

void ConfigResolver::applyDialogApi(Resolved &r, const QUrl &apiUrl, const QString &typedToken)
{
    if (apiUrl.isValid() && !apiUrl.isEmpty())
        r.session.apiUrl = apiUrl;
    if (r.apiTokenSource != ApiTokenSource::Environment && !r.useDemo && !typedToken.trimmed().isEmpty()) {
        r.session.apiToken = typedToken.trimmed();
        r.apiTokenSource = ApiTokenSource::Dialog;
    }
}

std::optional<ConsoleSession::Source> ConfigResolver::parseSource(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t.isEmpty() || t == QLatin1String("auto"))
        return ConsoleSession::Source::Auto;
    if (t == QLatin1String("hub"))
        return ConsoleSession::Source::Hub;
    if (t == QLatin1String("mobilize"))
        return ConsoleSession::Source::Mobilize;
    return std::nullopt;
}

QString ConfigResolver::apiTokenKey(const QUrl &apiUrl)
{
    const QUrl origin = apiUrl.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery |
                                        QUrl::RemoveFragment | QUrl::StripTrailingSlash);
    return QStringLiteral("ops-api-token:") + origin.toString();
}

void ConfigResolver::readApiTokenFromKeychain(Resolved r, SecretStore &store, QObject *context,
                                              std::function<void(const Resolved &)> done)
{
    if (!r.apiTokenMayBeInKeychain()) {
        // Later all the same, as the keychain would answer.
        QTimer::singleShot(0, context, [r, done] { done(r); });
        return;
    }
    const QString key = apiTokenKey(r.session.apiUrl);
    store.read(key, context, [r, key, done](const SecretStore::Result &answer) mutable {
        if (answer.ok() && !answer.secret.trimmed().isEmpty()) {
            r.session.apiToken = answer.secret.trimmed();
            r.apiTokenSource = ApiTokenSource::Keychain;
            logcat::secrets()->info("the ops-API token for {} comes from the desktop keychain",
                                    r.session.apiUrl.toDisplayString().toStdString());
        } else if (answer.status != SecretStore::Status::NotFound && answer.status != SecretStore::Status::Ok) {
            logcat::secrets()->warn("could not read the ops-API token from the desktop keychain ({}): {}",
                                    key.toStdString(), answer.message.toStdString());
        }
        done(r);
    });
}

ConfigResolver::Environment ConfigResolver::processEnvironment()
{
    return [](const char *name) { return qEnvironmentVariable(name); };
}

const QList<const char *> &ConfigResolver::libpqDatabaseVariables()
{
    // From the PostgreSQL manual, libpq "Environment Variables"
    // (https://www.postgresql.org/docs/current/libpq-envars.html): the ones
    // that say which server, database or role to use. PGPASSWORD, PGSSLMODE,
    // PGCONNECT_TIMEOUT... only refine a connection that something else names.
    static const QList<const char *> vars {"PGSERVICE", "PGSERVICEFILE", "PGHOST", "PGHOSTADDR",
                                           "PGPORT",    "PGDATABASE",    "PGUSER"};
    return vars;
}

bool ConfigResolver::libpqEnvironmentSet(const Environment &env)
{
    const auto &vars = libpqDatabaseVariables();
    return std::any_of(vars.begin(), vars.end(), [&env](const char *v) { return !env(v).trimmed().isEmpty(); });
}

} // namespace oc

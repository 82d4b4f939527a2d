// The configuration precedence (issue 13): command line, environment,
// settings, dialog, decided in ConfigResolver and nowhere else.
#include "ConfigResolver.h"
#include "ConnInfo.h"
#include "MemorySecretStore.h"

#include <QHash>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace oc;
using Source = ConfigResolver::DatabaseSource;

namespace {

ConfigResolver::Environment envOf(QHash<QByteArray, QString> vars)
{
    return [vars](const char *name) { return vars.value(QByteArray(name)); };
}

} // namespace

class TestConfigResolver : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("OrganizerConsoleTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_configresolver"));
    }
    void init() { QSettings().clear(); }

    void databasePrecedence()
    {
        QSettings s;
        s.setValue(QStringLiteral("connection/conninfo"), QStringLiteral("host=saved"));
        const auto env = envOf({{"ORGANIZER_DB", QStringLiteral("host=env")}});
        ConfigResolver::CommandLine cli;
        cli.db = QStringLiteral("host=cli");
        cli.service = QStringLiteral("hub");
        auto r = ConfigResolver::resolve(cli, env, s);
        QCOMPARE(r.session.conninfo, QStringLiteral("host=cli"));
        QCOMPARE(r.databaseSource, Source::CommandLine);
        cli.db.reset();
        r = ConfigResolver::resolve(cli, env, s);
        QCOMPARE(r.session.conninfo, QStringLiteral("service=hub"));
        cli.service.reset();
        r = ConfigResolver::resolve(cli, env, s);
        QCOMPARE(r.session.conninfo, QStringLiteral("host=env"));
        QCOMPARE(r.databaseSource, Source::Environment);
        QVERIFY(!r.passwordMayBeInKeychain);
        r = ConfigResolver::resolve(cli, envOf({}), s);
        QCOMPARE(r.session.conninfo, QStringLiteral("host=saved"));
        QCOMPARE(r.databaseSource, Source::SavedProfile);
        QVERIFY(!r.needsDialog());
        // --demo wins over everything.
        cli.demo = true;
        cli.db = QStringLiteral("host=cli");
        r = ConfigResolver::resolve(cli, env, s);
        QVERIFY(r.useDemo);
        QCOMPARE(r.databaseSource, Source::Demo);
    }

    // Issue 16: psql's behaviour. Nothing of ours says where the database
    // is, but libpq's own variables do: an empty conninfo, libpq's defaults.
    void libpqEnvironmentAfterTheSavedProfile()
    {
        QSettings s;
        const auto pg = envOf({{"PGHOST", QStringLiteral("/run/pg")}, {"PGDATABASE", QStringLiteral("hub")}});
        auto r = ConfigResolver::resolve({}, pg, s);
        QCOMPARE(r.databaseSource, Source::LibpqEnvironment);
        QVERIFY(r.session.conninfo.isEmpty());
        QVERIFY(!r.needsDialog());
        QVERIFY(!r.useDemo);
        QVERIFY(!r.passwordMayBeInKeychain);
        QVERIFY(r.session.displayTarget.contains(QStringLiteral("host=/run/pg")));
        QVERIFY(r.session.displayTarget.contains(QStringLiteral("dbname=hub")));
        for (const char *var : {"PGSERVICE", "PGSERVICEFILE", "PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER"})
            QCOMPARE(ConfigResolver::resolve({}, envOf({{var, QStringLiteral("x")}}), s).databaseSource,
                     Source::LibpqEnvironment);
        // Variables that only refine a connection, or are blank, choose none.
        for (const char *var : {"PGPASSWORD", "PGSSLMODE", "PGCONNECT_TIMEOUT", "PGAPPNAME"})
            QVERIFY(ConfigResolver::resolve({}, envOf({{var, QStringLiteral("x")}}), s).needsDialog());
        QVERIFY(ConfigResolver::resolve({}, envOf({{"PGHOST", QStringLiteral("  ")}}), s).needsDialog());
        // Everything of ours comes first.
        ConfigResolver::CommandLine cli;
        cli.service = QStringLiteral("hub");
        QCOMPARE(ConfigResolver::resolve(cli, pg, s).databaseSource, Source::Service);
        auto both = envOf({{"PGHOST", QStringLiteral("h")}, {"ORGANIZER_DB", QStringLiteral("host=env")}});
        QCOMPARE(ConfigResolver::resolve({}, both, s).databaseSource, Source::Environment);
        s.setValue(QStringLiteral("connection/conninfo"), QStringLiteral("host=saved"));
        QCOMPARE(ConfigResolver::resolve({}, pg, s).databaseSource, Source::SavedProfile);
        s.clear();
        s.setValue(QStringLiteral("connection/demo"), true);
        QCOMPARE(ConfigResolver::resolve({}, pg, s).databaseSource, Source::SavedDemo);
    }

    // The rest of the console takes an empty conninfo as libpq does.
    void emptyConninfoIsValid()
    {
        QString err;
        QVERIFY2(ConnInfo::validate(QString(), &err), qPrintable(err));
        const QString withApp =
            ConnInfo::withParam(QString(), QStringLiteral("application_name"), QStringLiteral("organizer-console"));
        QVERIFY2(ConnInfo::validate(withApp, &err), qPrintable(err));
        QCOMPARE(ConnInfo::redacted(withApp), QStringLiteral("application_name=organizer-console"));
        QVERIFY(ConnInfo::redacted(QString()).isEmpty());
        QVERIFY(!ConnInfo::hasPassword(QString()));
    }

    void environmentDefaultsAreLibpqs()
    {
        const QByteArray host = qgetenv("PGHOST"), password = qgetenv("PGPASSWORD");
        qputenv("PGHOST", "/tmp/oc-test-socket");
        qputenv("PGPASSWORD", "not-shown");
        const auto d = ConnInfo::environmentDefaults();
        QCOMPARE(d.value(QStringLiteral("host")), QStringLiteral("/tmp/oc-test-socket"));
        QVERIFY(!d.contains(QStringLiteral("password")));
        host.isNull() ? qunsetenv("PGHOST") : qputenv("PGHOST", host);
        password.isNull() ? qunsetenv("PGPASSWORD") : qputenv("PGPASSWORD", password);
    }

    void keychainOnlyForTheSavedProfile()
    {
        QSettings s;
        s.setValue(QStringLiteral("connection/conninfo"), QStringLiteral("host=saved user=me"));
        s.setValue(QStringLiteral("connection/passwordInKeychain"), true);
        auto r = ConfigResolver::resolve({}, envOf({}), s);
        QVERIFY(r.passwordMayBeInKeychain);
        ConfigResolver::CommandLine cli;
        cli.db = QStringLiteral("host=other");
        r = ConfigResolver::resolve(cli, envOf({}), s);
        QVERIFY(!r.passwordMayBeInKeychain);
    }

    void nothingConfiguredAsksTheDialog()
    {
        QSettings s;
        auto r = ConfigResolver::resolve({}, envOf({}), s);
        QVERIFY(r.needsDialog());
        ConfigResolver::applyDialog(r, false, QStringLiteral("host=typed"), s);
        QVERIFY(!r.needsDialog());
        QCOMPARE(r.session.conninfo, QStringLiteral("host=typed"));
        QCOMPARE(r.databaseSource, Source::Dialog);
        s.setValue(QStringLiteral("connection/demo"), true);
        r = ConfigResolver::resolve({}, envOf({}), s);
        QVERIFY(r.useDemo);
        QCOMPARE(r.databaseSource, Source::SavedDemo);
    }

    // One operator name for every audit; --operator reaches the review log
    // because the review desk takes this very name (tst_screenfit and
    // tst_review_service check the review side against a database).
    void operatorPrecedence()
    {
        QSettings s;
        s.setValue(QStringLiteral("review/operatorName"), QStringLiteral("legacy-reviewer"));
        auto env = envOf({{"USER", QStringLiteral("login")}});
        QCOMPARE(ConfigResolver::resolve({}, env, s).session.operatorName, QStringLiteral("legacy-reviewer"));
        s.setValue(QStringLiteral("operator/name"), QStringLiteral("saved"));
        QCOMPARE(ConfigResolver::resolve({}, env, s).session.operatorName, QStringLiteral("saved"));
        env = envOf({{"USER", QStringLiteral("login")}, {"ORGANIZER_OPERATOR", QStringLiteral("from-env")}});
        QCOMPARE(ConfigResolver::resolve({}, env, s).session.operatorName, QStringLiteral("from-env"));
        ConfigResolver::CommandLine cli;
        cli.operatorName = QStringLiteral("alice");
        QCOMPARE(ConfigResolver::resolve(cli, env, s).session.operatorName, QStringLiteral("alice"));
        // Blank values do not count.
        cli.operatorName = QStringLiteral("   ");
        QCOMPARE(ConfigResolver::resolve(cli, env, s).session.operatorName, QStringLiteral("from-env"));
        s.clear();
        QCOMPARE(ConfigResolver::resolve({}, envOf({{"USER", QStringLiteral("login")}}), s).session.operatorName,
                 QStringLiteral("login"));
        QCOMPARE(ConfigResolver::resolve({}, envOf({}), s).session.operatorName, QStringLiteral("operator"));
    }

    void sourceFromCommandLineOrEnvironment()
    {
        QSettings s;
        using S = ConsoleSession::Source;
        QCOMPARE(ConfigResolver::resolve({}, envOf({}), s).session.source, S::Auto);
        QCOMPARE(
            ConfigResolver::resolve({}, envOf({{"ORGANIZER_SOURCE", QStringLiteral("mobilize")}}), s).session.source,
            S::Mobilize);
        ConfigResolver::CommandLine cli;
        cli.source = QStringLiteral("Hub");
        QCOMPARE(
            ConfigResolver::resolve(cli, envOf({{"ORGANIZER_SOURCE", QStringLiteral("mobilize")}}), s).session.source,
            S::Hub);
        QCOMPARE(ConfigResolver::parseSource(QStringLiteral(" auto ")), S::Auto);
        QVERIFY(!ConfigResolver::parseSource(QStringLiteral("mobilise")));
        QVERIFY(!ConfigResolver::parseSource(QStringLiteral("hub; DROP TABLE events")));
    }

    void apiFromCommandLineEnvironmentSettings()
    {
        QSettings s;
        s.setValue(QStringLiteral("api/url"), QStringLiteral("http://saved"));
        const auto env = envOf(
            {{"ORGANIZER_HUB_URL", QStringLiteral("http://env")}, {"ORGANIZER_HUB_TOKEN", QStringLiteral("secret")}});
        ConfigResolver::CommandLine cli;
        cli.apiUrl = QStringLiteral("http://cli");
        auto r = ConfigResolver::resolve(cli, env, s);
        QCOMPARE(r.session.apiUrl, QUrl(QStringLiteral("http://cli")));
        QCOMPARE(r.session.apiToken, QStringLiteral("secret"));
        cli.apiUrl.reset();
        QCOMPARE(ConfigResolver::resolve(cli, env, s).session.apiUrl, QUrl(QStringLiteral("http://env")));
        QCOMPARE(ConfigResolver::resolve(cli, envOf({}), s).session.apiUrl, QUrl(QStringLiteral("http://saved")));
        QVERIFY(ConfigResolver::resolve(cli, envOf({}), s).session.apiToken.isEmpty());
    }

    // Issue 16: the ops-API token from the desktop keychain too. The
    // environment wins, then the keychain (per API origin), never settings.
    void apiTokenFromEnvironmentThenKeychain()
    {
        QSettings s;
        s.setValue(QStringLiteral("api/url"), QStringLiteral("http://127.0.0.1:8081/"));
        test::MemorySecretStore keychain;
        // Nothing kept: the keychain is not asked (no D-Bus at start-up).
        QVERIFY(!ConfigResolver::resolve({}, envOf({}), s).apiTokenMayBeInKeychain());
        s.setValue(QLatin1String(ConfigResolver::kApiTokenInKeychain), true);
        const QUrl api(QStringLiteral("http://127.0.0.1:8081"));
        keychain.secrets.insert(ConfigResolver::apiTokenKey(api), QStringLiteral("from-keychain"));
        keychain.secrets.insert(ConfigResolver::apiTokenKey(QUrl(QStringLiteral("http://127.0.0.1:9999"))),
                                QStringLiteral("another-backend's"));
        QCOMPARE(ConfigResolver::apiTokenKey(QUrl(QStringLiteral("http://u:p@127.0.0.1:8081/api/v1?x#y"))),
                 ConfigResolver::apiTokenKey(api));

        auto complete = [&](const ConfigResolver::Resolved &r) {
            std::optional<ConfigResolver::Resolved> out;
            QObject context;
            ConfigResolver::readApiTokenFromKeychain(r, keychain, &context,
                                                     [&out](const ConfigResolver::Resolved &d) { out = d; });
            // Never from inside the call: the keychain may have to ask first.
            [&] { QVERIFY(!out); }();
            [&] { QTRY_VERIFY(out.has_value()); }();
            return out.value_or(ConfigResolver::Resolved {});
        };

        // The environment wins; the keychain is not even asked.
        auto r = ConfigResolver::resolve({}, envOf({{"ORGANIZER_HUB_TOKEN", QStringLiteral(" from-env ")}}), s);
        QCOMPARE(r.apiTokenSource, ConfigResolver::ApiTokenSource::Environment);
        QVERIFY(!r.apiTokenMayBeInKeychain());
        r = complete(r);
        QCOMPARE(r.session.apiToken, QStringLiteral("from-env"));
        QCOMPARE(keychain.reads, 0);

        // Then the keychain, the entry for this API's origin.
        r = complete(ConfigResolver::resolve({}, envOf({}), s));
        QCOMPARE(r.apiTokenSource, ConfigResolver::ApiTokenSource::Keychain);
        QCOMPARE(r.session.apiToken, QStringLiteral("from-keychain"));
        QCOMPARE(keychain.reads, 1);

        // Another API: not the first one's token.
        ConfigResolver::CommandLine cli;
        cli.apiUrl = QStringLiteral("http://127.0.0.1:7777");
        r = complete(ConfigResolver::resolve(cli, envOf({}), s));
        QCOMPARE(r.apiTokenSource, ConfigResolver::ApiTokenSource::None);
        QVERIFY(r.session.apiToken.isEmpty());

        // No keychain in this session: no token, and no harm.
        keychain.available = false;
        r = complete(ConfigResolver::resolve({}, envOf({}), s));
        QCOMPARE(r.apiTokenSource, ConfigResolver::ApiTokenSource::None);
        QVERIFY(r.session.apiToken.isEmpty());
        keychain.available = true;

        // The demo brings its own tokens; no API URL, nothing to look up.
        const int before = keychain.reads;
        cli = {};
        cli.demo = true;
        QVERIFY(!complete(ConfigResolver::resolve(cli, envOf({}), s)).apiTokenMayBeInKeychain());
        s.remove(QStringLiteral("api/url"));
        QVERIFY(complete(ConfigResolver::resolve({}, envOf({}), s)).session.apiToken.isEmpty());
        QCOMPARE(keychain.reads, before);
        // A token typed in the dialog: for this session, unless the
        // environment has one.
        s.setValue(QStringLiteral("api/url"), QStringLiteral("http://127.0.0.1:8081/"));
        r = ConfigResolver::resolve({}, envOf({}), s);
        ConfigResolver::applyDialogApi(r, QUrl(QStringLiteral("http://127.0.0.1:8082")), QStringLiteral(" typed "));
        QCOMPARE(r.session.apiUrl, QUrl(QStringLiteral("http://127.0.0.1:8082")));
        QCOMPARE(r.session.apiToken, QStringLiteral("typed"));
        QCOMPARE(r.apiTokenSource, ConfigResolver::ApiTokenSource::Dialog);
        r = ConfigResolver::resolve({}, envOf({{"ORGANIZER_HUB_TOKEN", QStringLiteral("from-env")}}), s);
        ConfigResolver::applyDialogApi(r, QUrl(), QStringLiteral("typed"));
        QCOMPARE(r.session.apiToken, QStringLiteral("from-env"));
        QCOMPARE(r.session.apiUrl, QUrl(QStringLiteral("http://127.0.0.1:8081/")));
        // The token is never written to the settings file.
        for (const QString &k : s.allKeys())
            QVERIFY2(!s.value(k).toString().contains(QLatin1String("from-")), qPrintable(k));
    }
};

QTEST_GUILESS_MAIN(TestConfigResolver)
#include "tst_configresolver.moc"

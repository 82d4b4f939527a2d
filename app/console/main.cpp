// organizer-console: the entry point. Parses the command line, has
// ConfigResolver (models/session) decide the configuration, reads a
// remembered password, starts the demo if asked, then the session and the
// main window or the wallboard.
#include "ConfigResolver.h"
#include "SourceProbe.h"
#include "ConnInfo.h"
#include "ConnectionDialog.h"
#include "ConsoleSession.h"
#include "DemoEnvironment.h"
#include "DemoLauncher.h"
#include "IncidentController.h"
#include "LiveSource.h"
#include "KeychainSecretStore.h"
#include "Log.h"
#include "LogCategories.h"
#include "MainWindow.h"
#include "NumberOption.h"
#include "SignalQuit.h"
#include "StartupWindow.h"
#include "ThemeSetup.h"
#include "TranslationLoader.h"
#include "WallboardWindow.h"
#include "WindowCapture.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QMessageBox>
#include <QFileInfo>
#include <QSettings>
#include <QTimer>

#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>

using namespace oc;

namespace {

// No one to show a dialog to (ssh, CI, --screenshot in a container).
bool headless()
{
    return QGuiApplication::platformName() == QLatin1String("offscreen") ||
        QGuiApplication::platformName() == QLatin1String("minimal");
}

// Renders the window once the data has loaded, saves a PNG and quits.
void scheduleScreenshot(QWidget *w, LiveSource *feed, const QString &path)
{
    auto shoot = [w, path](int rc) {
        WindowCapture::capture(w).save(path, "PNG")
            ? std::fprintf(stdout, "screenshot saved to %s\n", qPrintable(path))
            : std::fprintf(stderr, "cannot write screenshot %s\n", qPrintable(path));
        QCoreApplication::exit(rc);
    };
    // A few ticks after the snapshot so totals, charts and map have settled.
    auto ticks = std::make_shared<int>(0);
    QObject::connect(feed, &LiveSource::updated, w, [=] {
        if (++*ticks == 4)
            QTimer::singleShot(500, w, [=] { shoot(0); });
    });
    QTimer::singleShot(90000, w, [=] {
        std::fprintf(stderr, "no data within 90 s; saving what is on screen\n");
        shoot(3);
    });
}

// The remembered password could not be read from the keychain (locked and
// the unlock cancelled, keychain gone, entry deleted): say so and let the
// user type it for this session. False when the user cancels.
bool askForPassword(ConsoleSession::Config &cfg, bool &useDemo, const SecretStore::Result &r)
{
    const QString why = r.status == SecretStore::Status::NotFound
        ? QApplication::translate("main", "the keychain has no password for %1").arg(ConnInfo::profileKey(cfg.conninfo))
        : r.message;
    if (headless()) {
        std::fprintf(stderr,
                     "organizer-console: the password could not be read from the desktop keychain (%s); "
                     "connecting without it\n",
                     qPrintable(why));
        return true;
    }
    ConnectionDialog dialog;
    dialog.setNotice(QApplication::translate("main",
                                             "The remembered password could not be read from the desktop "
                                             "keychain (%1). Type it for this session, or choose another way.")
                         .arg(why));
    if (dialog.exec() != QDialog::Accepted)
        return false;
    useDemo = dialog.demoChosen();
    cfg.conninfo = dialog.conninfo();
    return true;
}

// --source auto: one look at the database decides between the hub schema
// and a Mobilize mirror; a database that is neither is refused with what is
// missing. Unreachable is no verdict: the hub, and the usual reconnecting.
int detectSource(ConsoleSession::Config &cfg)
{
    SourceProbe probe;
    QEventLoop wait;
    int rc = 0;
    QObject::connect(&probe, &SourceProbe::finished, &wait,
                     [&](bool reached, const SourceDetector::Result &r, const QString &error) {
                         if (!reached) {
                             logcat::app()->warn("could not look at the database yet ({}); reading it as the hub",
                                                 error.toStdString());
                             cfg.source = ConsoleSession::Source::Hub;
                         } else if (r.kind == SourceDetector::Kind::Hub) {
                             cfg.source = ConsoleSession::Source::Hub;
                         } else if (r.kind == SourceDetector::Kind::Mobilize) {
                             logcat::app()->info("{}", r.message.toStdString());
                             std::fprintf(stderr, "organizer-console: %s\n", qPrintable(r.message));
                             cfg.source = ConsoleSession::Source::Mobilize;
                         } else {
                             std::fprintf(stderr, "organizer-console: %s\n", qPrintable(r.message));
                             if (!headless())
                                 QMessageBox::critical(nullptr, QApplication::translate("main", "Organizer Console"),
                                                       r.message);
                             rc = 2;
                         }
                         wait.quit();
                     });
    probe.start(cfg.conninfo);
    wait.exec();
    return rc;
}

} // namespace

int main(int argc, char **argv)
{
    // --version and --help must work without a display (ssh, package checks).
    bool noGui = false;
    for (int i = 1; i < argc; ++i)
        for (const char *flag : {"--version", "-v", "--help", "-h", "--help-all"})
            noGui = noGui || std::strcmp(argv[i], flag) == 0;
    if (noGui && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("organizer-console"));
    QApplication::setOrganizationName(QStringLiteral("OrganizerConsole"));
    QApplication::setApplicationDisplayName(QStringLiteral("Organizer Console"));
    QApplication::setApplicationVersion(QStringLiteral(OC_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.organizerconsole.OrganizerConsole"));
    // Before the first word is shown (--help included): the user's language
    // from LANGUAGE / LC_ALL / LC_MESSAGES / LANG, Qt's catalogs and ours.
    TranslationLoader translations;
    const QStringList catalogs = translations.install(QLocale());

    QCommandLineParser p;
    p.setApplicationDescription(QApplication::translate("main", "Control console for campaign organizers"));
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption demoOpt(
        QStringLiteral("demo"),
        QApplication::translate("main", "start a private PostgreSQL and the backend simulator"));
    const QCommandLineOption dbOpt(
        {QStringLiteral("d"), QStringLiteral("db")},
        QApplication::translate("main", "libpq connection string or URI (reads; may target a standby)"),
        QStringLiteral("conninfo"));
    const QCommandLineOption serviceOpt(QStringLiteral("service"),
                                        QApplication::translate("main", "pg_service.conf service name"),
                                        QStringLiteral("name"));
    const QCommandLineOption writeDbOpt(
        QStringLiteral("write-db"),
        QApplication::translate("main", "connection for writes (primary), if reads go to a standby"),
        QStringLiteral("conninfo"));
    const QCommandLineOption wallOpt(QStringLiteral("wallboard"),
                                     QApplication::translate("main", "full-screen read-only leadership view"));
    const QCommandLineOption shotOpt(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "render the window after the data has loaded, save a PNG and exit"),
        QStringLiteral("file"));
    const QCommandLineOption operatorOpt(QStringLiteral("operator"),
                                         QApplication::translate("main", "operator name for the audit log"),
                                         QStringLiteral("name"));
    const QCommandLineOption apiOpt(
        QStringLiteral("api-url"), QApplication::translate("main", "ops API base URL (token from ORGANIZER_HUB_TOKEN)"),
        QStringLiteral("url"));
    const QCommandLineOption demoEventsOpt(QStringLiteral("demo-events"),
                                           QApplication::translate("main", "events the demo seeds"),
                                           QStringLiteral("n"), QStringLiteral("2000"));
    const QCommandLineOption schemeOpt(
        QStringLiteral("color-scheme"),
        QApplication::translate("main", "dark, light or system (the desktop's); remembered for the next start"),
        QStringLiteral("scheme"));
    const QCommandLineOption sourceOpt(
        QStringLiteral("source"),
        QApplication::translate("main",
                                "where the live data comes from: hub (the campaign hub's schema), mobilize (a Mobilize "
                                "SQL mirror, read-only) or auto (look at the database; the default)"),
        QStringLiteral("source"));
    const QCommandLineOption drillOpt(
        QStringLiteral("drill"),
        QApplication::translate(
            "main",
            "rehearse a surge at start: with --demo the simulator's site falls over and remedies act "
            "on it; on a real database a synthetic surge is replayed and remedies are dry runs"));
    p.addOptions({demoOpt, dbOpt, serviceOpt, writeDbOpt, wallOpt, shotOpt, operatorOpt, apiOpt, demoEventsOpt,
                  schemeOpt, sourceOpt, drillOpt});
    p.process(app);

    Log::init("organizer-console");
    auto log = logcat::app();
    log->debug("translations for {}: {}", QLocale().uiLanguages().join(QLatin1Char(' ')).toStdString(),
               catalogs.isEmpty() ? std::string("none") : catalogs.join(QStringLiteral(", ")).toStdString());
    SignalQuit::install();
    QSettings settings;

    const QString schemeKey = QStringLiteral("appearance/colorScheme");
    if (p.isSet(schemeOpt)) {
        const auto scheme = ThemeSetup::parse(p.value(schemeOpt));
        if (!scheme) {
            std::fprintf(stderr, "organizer-console: --color-scheme must be dark, light or system\n");
            return 2;
        }
        settings.setValue(schemeKey, ThemeSetup::name(*scheme));
    }
    if (const auto scheme = ThemeSetup::parse(settings.value(schemeKey).toString());
        scheme && *scheme != Qt::ColorScheme::Unknown)
        ThemeSetup::apply(*scheme);

    // Command line, environment, settings, dialog: resolved once, in models/.
    ConfigResolver::CommandLine cli;
    cli.demo = p.isSet(demoOpt);
    const auto given = [&p](const QCommandLineOption &o) {
        return p.isSet(o) ? std::optional<QString>(p.value(o)) : std::nullopt;
    };
    cli.db = given(dbOpt);
    cli.service = given(serviceOpt);
    cli.writeDb = given(writeDbOpt);
    cli.operatorName = given(operatorOpt);
    cli.apiUrl = given(apiOpt);
    cli.source = given(sourceOpt);
    if (cli.source && !ConfigResolver::parseSource(*cli.source)) {
        std::fprintf(stderr, "organizer-console: --source must be hub, mobilize or auto, not \"%s\"\n",
                     qPrintable(*cli.source));
        return 2;
    }
    // Checked even without --demo, so a typo never waits for the day it matters.
    QString numberError;
    const auto demoEvents =
        NumberOption::integer(demoEventsOpt.names().constLast(), p.value(demoEventsOpt), 1, 10'000'000, &numberError);
    if (!demoEvents) {
        std::fprintf(stderr, "organizer-console: %s\n", qPrintable(numberError));
        return NumberOption::UsageError;
    }
    ConfigResolver::Resolved resolved = ConfigResolver::resolve(cli, ConfigResolver::processEnvironment(), settings);
    if (resolved.needsDialog()) {
        if (headless()) {
            std::fprintf(stderr,
                         "organizer-console: no database configured. Use --demo, --db \"host=... dbname=...\", "
                         "--service NAME, or set ORGANIZER_DB (or libpq's PGHOST, PGDATABASE, PGSERVICE...).\n");
            return 2;
        }
        ConnectionDialog dialog;
        if (dialog.exec() != QDialog::Accepted)
            return 0;
        ConfigResolver::applyDialog(resolved, dialog.demoChosen(), dialog.conninfo(), settings);
        ConfigResolver::applyDialogApi(resolved, dialog.apiUrl(), dialog.apiToken());
    }
    // The ops-API token: the environment's, else the one the connection
    // dialog kept in the desktop keychain (which may ask to be unlocked).
    if (resolved.apiTokenMayBeInKeychain()) {
        KeychainSecretStore keychain;
        QEventLoop wait;
        ConfigResolver::readApiTokenFromKeychain(resolved, keychain, &wait, [&](const ConfigResolver::Resolved &r) {
            resolved = r;
            wait.quit();
        });
        wait.exec();
    }
    ConsoleSession::Config &cfg = resolved.session;
    bool useDemo = resolved.useDemo;

    std::unique_ptr<DemoLauncher> demoLauncher;
    std::unique_ptr<StartupWindow> startup;
    DemoEnvironment *demo = nullptr; // the running demo, once ready
    std::unique_ptr<ConsoleSession> session;
    std::unique_ptr<QWidget> window;
    // Everything from here needs the password; it runs directly, or once the
    // keychain has answered. With --demo the console opens once the demo is
    // ready; until then a window shows its steps.
    std::function<int()> openConsole;
    auto startConsole = [&]() -> int {
        if (!useDemo)
            return openConsole();
        // The demo takes seconds (initdb, the schema, seeding): it starts off
        // the UI thread while the StartupWindow shows each step at once; a
        // failure stays on screen with its message and a Quit button.
        demoLauncher = std::make_unique<DemoLauncher>();
        DemoEnvironment::Options o;
        o.events = int(*demoEvents);
        if (cfg.source == ConsoleSession::Source::Mobilize)
            o.source = DemoEnvironment::Source::Mobilize;
        std::fprintf(stderr, "starting the demo: private PostgreSQL + backend simulator…\n");
        startup = std::make_unique<StartupWindow>(demoLauncher->progress());
        QObject::connect(startup.get(), &StartupWindow::quitRequested, &app, [] { QCoreApplication::exit(1); });
        QObject::connect(demoLauncher.get(), &DemoLauncher::failed, &app, [](const QString &error) {
            std::fprintf(stderr, "organizer-console: the demo could not start: %s\n", qPrintable(error));
            if (headless()) // nobody to read the window
                QCoreApplication::exit(1);
        });
        QObject::connect(demoLauncher.get(), &DemoLauncher::ready, &app, [&] {
            demo = demoLauncher->environment();
            if (const int e = openConsole(); e != 0) {
                QCoreApplication::exit(e);
                return;
            }
            startup->hide(); // after the console's window is up, or the app would quit
        });
        startup->show();
        demoLauncher->start(o);
        return 0;
    };
    openConsole = [&]() -> int {
        if (useDemo) {
            cfg.conninfo = demo->conninfo();
            cfg.displayTarget = QApplication::translate("main", "demo database");
            if (demo->apiUrl().isValid()) {
                cfg.apiUrl = demo->apiUrl();
                cfg.apiToken = demo->apiToken();
            }
            cfg.demo = true;
            if (demo->vendorControlUrl().isValid())
                cfg.simulatorControlUrl = demo->vendorControlUrl().resolved(QUrl(QStringLiteral("_control")));
            for (const auto &v : demo->vendors())
                cfg.vendors << VendorEndpoint {v.name, v.statusUrl, v.quotaUrl, 60000};
        }
        QString parseError;
        if (!ConnInfo::validate(cfg.conninfo, &parseError)) {
            std::fprintf(stderr, "organizer-console: the connection string is not valid: %s\n", qPrintable(parseError));
            return 2;
        }
        if (useDemo && cfg.source == ConsoleSession::Source::Auto)
            cfg.source = ConsoleSession::Source::Hub; // the demo is the hub's unless asked for the mirror
        if (cfg.source == ConsoleSession::Source::Auto) {
            if (const int e = detectSource(cfg); e != 0)
                return e;
        }
        log->info("console starting as '{}' against {} ({} source)", cfg.operatorName.toStdString(),
                  ConnInfo::redacted(cfg.conninfo).toStdString(),
                  cfg.source == ConsoleSession::Source::Mobilize ? "Mobilize mirror" : "hub");

        session = std::make_unique<ConsoleSession>(cfg);
        if (p.isSet(wallOpt)) {
            auto *w = new WallboardWindow(session.get());
            window.reset(w);
        } else {
            auto *w = new MainWindow(session.get());
            window.reset(w);
        }
        session->start();
        if (p.isSet(drillOpt))
            session->incidents()->startDrill();
        if (p.isSet(shotOpt)) {
            window->resize(p.isSet(wallOpt) ? QSize(1920, 1080) : QSize(1600, 1000));
            window->show();
            scheduleScreenshot(window.get(), session->feed(), QFileInfo(p.value(shotOpt)).absoluteFilePath());
        } else if (p.isSet(wallOpt)) {
            window->showFullScreen();
        } else {
            window->show();
        }
        return 0;
    };

    // A password remembered in the desktop keychain is read before connecting.
    // The read is asynchronous (the keychain may ask the user to unlock it),
    // so the start continues in its callback, inside the event loop.
    std::unique_ptr<SecretStore> secrets;
    int rc = 0;
    if (!useDemo && resolved.passwordMayBeInKeychain && !ConnInfo::hasPassword(cfg.conninfo)) {
        secrets = std::make_unique<KeychainSecretStore>();
        log->info("reading the password for {} from the desktop keychain",
                  ConnInfo::profileKey(cfg.conninfo).toStdString());
        secrets->read(ConnInfo::profileKey(cfg.conninfo), &app, [&](const SecretStore::Result &r) {
            if (r.ok())
                cfg.conninfo = ConnInfo::withParam(cfg.conninfo, QStringLiteral("password"), r.secret);
            else if (!askForPassword(cfg, useDemo, r)) {
                QCoreApplication::exit(0);
                return;
            }
            if (const int e = startConsole(); e != 0)
                QCoreApplication::exit(e);
        });
        rc = app.exec();
    } else {
        if (const int e = startConsole(); e != 0)
            return e;
        rc = app.exec();
    }
    window.reset();
    startup.reset();
    if (demoLauncher)
        demoLauncher->stop();
    return rc;
}

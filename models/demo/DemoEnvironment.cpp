#include "DemoEnvironment.h"

#include "DemoProgress.h"
#include "LogCategories.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QUuid>

#include <signal.h>
#include <sys/prctl.h>

namespace oc {

DemoEnvironment::DemoEnvironment(QObject *parent)
    : QObject(parent)
{
}

DemoEnvironment::~DemoEnvironment()
{
    stop();
}

QString DemoEnvironment::findHubsim()
{
    if (const QString env = qEnvironmentVariable("OC_HUBSIM"); !env.isEmpty())
        return env;
    const QString exe = QStringLiteral("organizer-hubsim");
    const QString local = QDir(QCoreApplication::applicationDirPath()).filePath(exe);
    if (QFileInfo(local).isExecutable())
        return local;
    return QStandardPaths::findExecutable(exe);
}

bool DemoEnvironment::start(const Options &o, QString *error)
{
    using Step = DemoProgress::Step;
    using State = DemoProgress::State;
    const auto step = [this](Step s, State state, const QString &detail = {}) {
        Q_EMIT stepChanged(int(s), int(state), detail);
    };
    const auto fail = [&](Step s, const QString &message) {
        if (error)
            *error = message;
        step(s, State::Failed, message);
        return false;
    };
    auto log = logcat::demo();
    const QString hubsim = o.hubsim.isEmpty() ? findHubsim() : o.hubsim;
    if (hubsim.isEmpty())
        return fail(Step::Simulator, tr("organizer-hubsim was not found next to the console or on PATH"));
    m_source = o.source;
    const bool mirror = o.source == Source::Mobilize;
    PgServer::Options po;
    if (mirror)
        po.database = QStringLiteral("mobilize");
    m_server = std::make_unique<PgServer>(po);
    log->info("starting a private PostgreSQL for the {} demo", mirror ? "Mobilize mirror" : "hub");
    step(Step::Database, State::Running);
    if (QString e; !m_server->start(&e))
        return fail(Step::Database, e);
    step(Step::Database, State::Done);

    // The hub's schema by the simulator's `migrate` (the same migrations it
    // would apply at start, which then finds nothing to do), so the schema is
    // a step of its own; the mirror's views are created by the simulator
    // with its data.
    step(Step::Schema, State::Running, mirror ? tr("the simulator creates the mirror's views") : QString());
    if (!mirror) {
        QProcess migrate;
        migrate.setProcessChannelMode(QProcess::MergedChannels);
        migrate.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        migrate.start(hubsim, {QStringLiteral("migrate"), QStringLiteral("--db"), m_server->conninfo()});
        if (!migrate.waitForStarted(10000))
            return fail(Step::Schema, tr("cannot start %1: %2").arg(hubsim, migrate.errorString()));
        const bool finished = migrate.waitForFinished(120000);
        const QString out = QString::fromUtf8(migrate.readAll()).trimmed();
        if (!finished || migrate.exitStatus() != QProcess::NormalExit || migrate.exitCode() != 0)
            return fail(Step::Schema,
                        tr("applying the schema failed: %1")
                            .arg(out.isEmpty() ? tr("exit code %1").arg(migrate.exitCode()) : out));
        step(Step::Schema, State::Done, out.section(QLatin1Char('\n'), -1));
    }

    m_sim = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!mirror) {
        m_token = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_viewerToken = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_trainerToken = QUuid::createUuid().toString(QUuid::WithoutBraces);
    } else {
        m_token.clear();
        m_viewerToken.clear();
        m_trainerToken.clear();
    }
    m_sim->setProcessEnvironment(env);
    m_sim->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_sim->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    QStringList args {QStringLiteral("simulate"),    QStringLiteral("--db"),         m_server->conninfo(),
                      QStringLiteral("--events"),    QString::number(o.events),      QStringLiteral("--supporters"),
                      QString::number(o.supporters), QStringLiteral("--seed-rsvps"), QString::number(o.seedRsvps)};
    if (mirror)
        args << QStringLiteral("--schema") << QStringLiteral("mobilize");
    else {
        args << QStringLiteral("--api-port") << QStringLiteral("0") << QStringLiteral("--site-port")
             << QStringLiteral("0") << QStringLiteral("--vendor-port") << QStringLiteral("0");
        // By files only we can read, not argv (any local user reads
        // /proc/*/cmdline) and not the environment (inherited by whatever
        // the simulator might start).
        const std::pair<const char *, QString> tokens[] {
            {"api-token", m_token}, {"api-token-viewer", m_viewerToken}, {"api-token-trainer", m_trainerToken}};
        for (const auto &[option, token] : tokens) {
            const QString path =
                QDir(m_server->socketDir()).filePath(QLatin1String(option) + QStringLiteral(".secret"));
            QFile f(path);
            if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate, QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
                f.write(token.toUtf8() + '\n') < 0)
                return fail(Step::Simulator,
                            tr("cannot write the demo's token file %1: %2").arg(path, f.errorString()));
            args << QStringLiteral("--%1-file").arg(QLatin1String(option)) << path;
        }
        // The default journal lives in the user's state folder; a demo (and
        // every test built on it) keeps its RSVPs with its throwaway database.
        if (!o.extraArgs.contains(QStringLiteral("--rsvp-journal")))
            args << QStringLiteral("--rsvp-journal")
                 << QDir(m_server->socketDir()).filePath(QStringLiteral("rsvp.jsonl"));
    }
    args << o.extraArgs;
    log->info("starting {}", hubsim.toStdString());
    step(Step::Simulator, State::Running);
    m_sim->start(hubsim, args);
    if (!m_sim->waitForStarted(10000))
        return fail(Step::Simulator, tr("cannot start the simulator: %1").arg(m_sim->errorString()));
    step(Step::Simulator, State::Done);
    step(Step::FirstData, State::Running,
         tr("%1 events, %2 supporters, %3 RSVPs").arg(o.events).arg(o.supporters).arg(o.seedRsvps));
    // Seeding takes a few seconds; READY comes first, the API lines right after.
    QDeadlineTimer deadline(180000);
    QDeadlineTimer apiDeadline(QDeadlineTimer::Forever);
    bool ready = false;
    while (!deadline.hasExpired() && !apiDeadline.hasExpired() && m_sim->state() == QProcess::Running) {
        m_sim->waitForReadyRead(200);
        m_buffer += m_sim->readAllStandardOutput();
        if (!ready && m_buffer.contains("READY")) {
            ready = true;
            apiDeadline.setRemainingTime(5000); // the HTTP lines follow READY at once
        }
        // The mirror simulator serves no HTTP: READY is all it prints.
        if (ready && (mirror || m_buffer.contains("SITE ")))
            break;
    }
    readSimulatorOutput();
    if (!ready)
        return fail(mirror ? Step::Schema : Step::FirstData,
                    tr("the simulator did not become ready (exit code %1)").arg(m_sim->exitCode()));
    if (mirror)
        step(Step::Schema, State::Done);
    step(Step::FirstData, State::Done);
    connect(m_sim.get(), &QProcess::readyReadStandardOutput, this, [this] {
        m_buffer += m_sim->readAllStandardOutput();
        readSimulatorOutput();
    });
    log->info("demo ready");
    return true;
}

void DemoEnvironment::readSimulatorOutput()
{
    for (const QByteArray &line : m_buffer.split('\n')) {
        if (line.startsWith("API "))
            m_apiUrl = QUrl(QString::fromUtf8(line.mid(4).trimmed()));
        else if (line.startsWith("SITE "))
            m_siteUrl = QUrl(QString::fromUtf8(line.mid(5).trimmed()));
        else if (line.startsWith("VENDORS "))
            m_vendorUrl = QUrl(QString::fromUtf8(line.mid(8).trimmed()));
        else if (const QList<QByteArray> f = line.trimmed().split(' '); f.size() == 4 && f[0] == "VENDOR") {
            // A line still being written is read again when complete: the later reading wins.
            const QString name = QString::fromUtf8(f[1]);
            m_vendors.removeIf([&](const Vendor &v) { return v.name == name; });
            m_vendors << Vendor {name, QUrl(QString::fromUtf8(f[2])), QUrl(QString::fromUtf8(f[3]))};
        }
    }
    const int nl = m_buffer.lastIndexOf('\n');
    if (nl >= 0)
        m_buffer = m_buffer.mid(nl + 1);
}

void DemoEnvironment::stop()
{
    if (m_sim && m_sim->state() != QProcess::NotRunning) {
        m_sim->terminate();
        if (!m_sim->waitForFinished(10000))
            m_sim->kill();
        m_sim->waitForFinished(2000);
    }
    m_sim.reset();
    m_apiUrl.clear();
    m_siteUrl.clear();
    m_vendorUrl.clear();
    m_vendors.clear();
    if (m_server) {
        m_server->stop();
        m_server.reset();
    }
}

} // namespace oc

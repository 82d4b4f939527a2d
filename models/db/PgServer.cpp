#include "PgServer.h"

#include "LogCategories.h"
#include "PgSession.h"

#include <libpq-fe.h>

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QThread>
#include <QVersionNumber>

#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace oc {

PgServer::PgServer()
    : PgServer(Options {})
{
}

PgServer::PgServer(Options options)
    : m_options(std::move(options))
{
}

PgServer::~PgServer()
{
    stop();
}

QString PgServer::findBinDir()
{
    if (const QByteArray env = qgetenv("OC_PG_BINDIR"); !env.isEmpty())
        return QString::fromLocal8Bit(env);
    QDir root(QStringLiteral("/usr/lib/postgresql"));
    QVersionNumber best;
    QString bestDir;
    for (const QString &v : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QVersionNumber n = QVersionNumber::fromString(v);
        if (QFile::exists(root.filePath(v + QStringLiteral("/bin/postgres"))) && n > best) {
            best = n;
            bestDir = root.filePath(v + QStringLiteral("/bin"));
        }
    }
    return bestDir;
}

QString PgServer::dataDir() const
{
    return m_base ? m_base->filePath(QStringLiteral("data")) : QString();
}
QString PgServer::logFile() const
{
    return m_base ? m_base->filePath(QStringLiteral("postgres.log")) : QString();
}

QString PgServer::conninfo(const QString &database) const
{
    return QStringLiteral("host=%1 port=%2 dbname=%3 user=%4")
        .arg(socketDir())
        .arg(m_port)
        .arg(database.isEmpty() ? m_options.database : database, m_options.superuser);
}

void PgServer::configureChild(QProcess &p) const
{
    const int uid = m_runUid, gid = m_runGid;
    p.setChildProcessModifier([uid, gid] {
        // Only async-signal-safe calls here: we are between fork and exec.
        ::prctl(PR_SET_PDEATHSIG, SIGINT);
        if (gid >= 0) {
            ::setgroups(0, nullptr);
            if (::setgid(gid_t(gid)) != 0)
                ::_exit(126);
        }
        if (uid >= 0 && ::setuid(uid_t(uid)) != 0)
            ::_exit(126);
    });
    p.setProcessChannelMode(QProcess::MergedChannels);
}

bool PgServer::runTool(const QString &tool, const QStringList &args, QString *error)
{
    QProcess p;
    configureChild(p);
    p.start(QDir(m_bin).filePath(tool), args);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        if (error)
            *error = QStringLiteral("%1 failed: %2").arg(tool, QString::fromLocal8Bit(p.readAll()).trimmed());
        return false;
    }
    return true;
}

bool PgServer::start(QString *error)
{
    auto log = logcat::db();
    if (m_postgres && m_postgres->state() != QProcess::NotRunning)
        return true;
    if (m_bin.isEmpty())
        m_bin = findBinDir();
    if (m_bin.isEmpty()) {
        if (error)
            *error = QStringLiteral("PostgreSQL server binaries not found under /usr/lib/postgresql "
                                    "(install the 'postgresql' package or set OC_PG_BINDIR)");
        return false;
    }
    if (!m_base) {
        m_base = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/oc-pg-XXXXXX"));
        if (!m_base->isValid()) {
            if (error)
                *error = QStringLiteral("cannot create a temporary directory: ") + m_base->errorString();
            return false;
        }
        if (::geteuid() == 0) {
            // PostgreSQL refuses to run as root.
            const passwd *pw = ::getpwnam("postgres");
            if (!pw)
                pw = ::getpwnam("nobody");
            if (!pw) {
                if (error)
                    *error = QStringLiteral("running as root and no 'postgres' user exists to run the server");
                return false;
            }
            m_runUid = int(pw->pw_uid);
            m_runGid = int(pw->pw_gid);
            if (::chown(QFile::encodeName(m_base->path()).constData(), pw->pw_uid, pw->pw_gid) != 0) {
                if (error)
                    *error = QStringLiteral("cannot hand the temporary directory to the postgres user");
                return false;
            }
        }
        ::chmod(QFile::encodeName(m_base->path()).constData(), 0700);
    }
    if (!m_initialized && !m_options.standbyOf.isEmpty()) {
        if (!runTool(QStringLiteral("pg_basebackup"),
                     {QStringLiteral("-d"), m_options.standbyOf, QStringLiteral("-D"), dataDir(), QStringLiteral("-R"),
                      QStringLiteral("-X"), QStringLiteral("stream"), QStringLiteral("-c"), QStringLiteral("fast"),
                      QStringLiteral("--no-sync")},
                     error))
            return false;
        m_initialized = true;
    }
    if (!m_initialized) {
        if (!runTool(QStringLiteral("initdb"),
                     {QStringLiteral("-D"), dataDir(), QStringLiteral("-U"), m_options.superuser,
                      QStringLiteral("--auth=trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                      QStringLiteral("--locale=C.UTF-8"), QStringLiteral("--no-sync")},
                     error))
            return false;
        m_initialized = true;
    }
    QStringList args {QStringLiteral("-D"), dataDir(), QStringLiteral("-k"), socketDir(), QStringLiteral("-p"),
                      QString::number(m_port), QStringLiteral("-c"), QStringLiteral("listen_addresses="),
                      // A throwaway cluster: durability would only cost time.
                      QStringLiteral("-c"), QStringLiteral("fsync=off"), QStringLiteral("-c"),
                      QStringLiteral("full_page_writes=off"), QStringLiteral("-c"),
                      QStringLiteral("max_connections=200"), QStringLiteral("-c"),
                      QStringLiteral("shared_buffers=256MB")};
    if (m_options.statStatements)
        args << QStringLiteral("-c") << QStringLiteral("shared_preload_libraries=pg_stat_statements")
             << QStringLiteral("-c") << QStringLiteral("pg_stat_statements.track=all") << QStringLiteral("-c")
             << QStringLiteral("pg_stat_statements.track_planning=on");
    for (const QString &s : m_options.settings)
        args << QStringLiteral("-c") << s;
    m_postgres = std::make_unique<QProcess>();
    configureChild(*m_postgres);
    m_postgres->setStandardOutputFile(logFile(), QIODevice::Append);
    m_postgres->start(QDir(m_bin).filePath(QStringLiteral("postgres")), args);
    if (!m_postgres->waitForStarted(10000)) {
        if (error)
            *error = QStringLiteral("cannot start postgres: ") + m_postgres->errorString();
        return false;
    }
    if (!waitReady(60000, error))
        return false;
    if (!m_options.standbyOf.isEmpty()) {
        log->info("private PostgreSQL standby running in {}", socketDir().toStdString());
        return true;
    }
    try {
        PgSession s(conninfo(QStringLiteral("postgres")));
        const DbTable t = s.exec(DbQuery("SELECT 1 FROM pg_database WHERE datname = $1").bind(m_options.database));
        if (t.rowCount() == 0) {
            // CREATE DATABASE takes an identifier, not a parameter; quote it.
            QString ident = m_options.database;
            ident.replace(QLatin1Char('"'), QStringLiteral("\"\""));
            s.execScript(QStringLiteral("CREATE DATABASE \"%1\"").arg(ident).toUtf8());
        }
    } catch (const DbException &e) {
        if (error)
            *error = QStringLiteral("cannot create the database: ") + e.error.message;
        return false;
    }
    log->info("private PostgreSQL running in {}", socketDir().toStdString());
    return true;
}

bool PgServer::waitReady(int timeoutMs, QString *error)
{
    const QByteArray ci = conninfo(QStringLiteral("postgres")).toUtf8();
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (PQping(ci.constData()) == PQPING_OK)
            return true;
        if (m_postgres->state() == QProcess::NotRunning)
            break;
        m_postgres->waitForFinished(50); // doubles as a short wait
    }
    if (error) {
        QFile f(logFile());
        f.open(QIODevice::ReadOnly);
        *error = QStringLiteral("PostgreSQL did not start: ") + QString::fromLocal8Bit(f.readAll().right(2000));
    }
    return false;
}

bool PgServer::isRunning() const
{
    return m_postgres && m_postgres->state() != QProcess::NotRunning;
}

void PgServer::stop()
{
    if (!isRunning())
        return;
    ::kill(pid_t(m_postgres->processId()), SIGINT); // fast shutdown
    if (!m_postgres->waitForFinished(30000)) {
        ::kill(pid_t(m_postgres->processId()), SIGQUIT);
        m_postgres->waitForFinished(5000);
    }
    m_postgres.reset();
}

bool PgServer::stopImmediate()
{
    if (!isRunning())
        return false;
    ::kill(pid_t(m_postgres->processId()), SIGQUIT); // what pg_ctl stop -m immediate sends
    const bool ok = m_postgres->waitForFinished(30000);
    m_postgres.reset();
    return ok;
}

} // namespace oc

#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace oc {

// A private PostgreSQL cluster in a temporary directory, reachable only over
// a Unix socket inside it: for --demo, the tests and the benchmarks. When we
// run as root (CI, the build root) the server runs as the unprivileged
// "postgres" user, because PostgreSQL refuses root. The server dies with us
// (PR_SET_PDEATHSIG), so a crash leaves nothing running.
class PgServer
{
public:
    struct Options
    {
        QString database = QStringLiteral("hub");
        QString superuser = QStringLiteral("oc_admin");
        bool statStatements = true;
        QStringList settings; // extra "-c name=value" settings
        // A primary's conninfo: start as its streaming standby (a base backup
        // with -R instead of initdb); the database comes with the backup.
        QString standbyOf;
    };

    PgServer();
    explicit PgServer(Options options);
    ~PgServer();
    PgServer(const PgServer &) = delete;
    PgServer &operator=(const PgServer &) = delete;

    // Blocking: initdb (first time), start, wait until it accepts
    // connections, create the database.
    bool start(QString *error);
    void stop(); // fast shutdown
    bool stopImmediate(); // crash-like: pg_ctl stop -m immediate
    bool isRunning() const;

    QString conninfo(const QString &database = {}) const;
    QString socketDir() const { return m_base ? m_base->path() : QString(); }
    QString dataDir() const;
    QString logFile() const;
    int port() const { return m_port; }

    // Highest installed PostgreSQL's bin directory, or empty.
    static QString findBinDir();

private:
    bool runTool(const QString &tool, const QStringList &args, QString *error);
    void configureChild(QProcess &p) const;
    bool waitReady(int timeoutMs, QString *error);

    Options m_options;
    std::unique_ptr<QTemporaryDir> m_base;
    std::unique_ptr<QProcess> m_postgres;
    QString m_bin;
    int m_port = 5432;
    bool m_initialized = false;
    int m_runUid = -1;
    int m_runGid = -1;
};

} // namespace oc

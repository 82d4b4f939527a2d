#include "ConnectionProbe.h"
#include "Migrator.h"
#include "PgSession.h"
#include "TestDatabase.h"

#include <QCryptographicHash>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace oc;

namespace {

bool writeFile(const QTemporaryDir &dir, const char *name, const char *content)
{
    QFile f(dir.filePath(QString::fromLatin1(name)));
    return f.open(QIODevice::WriteOnly) && f.write(content) == qint64(qstrlen(content));
}

} // namespace

class TestMigrator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString err;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&err), qPrintable(err));
    }

    void appliesAllThenNothing()
    {
        PgSession s(test::TestDatabase::instance().emptyDatabase(QStringLiteral("mig_twice")));
        Migrator m(s);
        QCOMPARE(m.currentVersion(), -1);
        const auto first = m.migrate();
        QCOMPARE(first.from, 0);
        QVERIFY(first.to >= 1);
        QCOMPARE(first.applied.size(), Migrator::builtin().size());
        const auto second = m.migrate();
        QVERIFY(second.applied.isEmpty());
        QCOMPARE(second.from, first.to);
        QCOMPARE(m.currentVersion(), first.to);
        // The schema really is there: the tables the console reads exist.
        for (const char *table : {"campaigns", "hosts", "events", "rsvps", "supporters", "traffic_samples",
                                  "site_state", "blasts", "audit_log"}) {
            const DbTable t = s.exec(DbQuery("SELECT to_regclass($1) IS NOT NULL").bind(table));
            QVERIFY2(t.toBool(0, 0), table);
        }
    }

    void refusesNewerSchema()
    {
        PgSession s(test::TestDatabase::instance().emptyDatabase(QStringLiteral("mig_newer")));
        Migrator m(s);
        m.migrate();
        s.exec(DbQuery("INSERT INTO schema_migrations (version, name) VALUES ($1, 'from_the_future')")
                   .bind(m.latestKnown() + 1));
        try {
            m.migrate();
            QFAIL("a newer schema must be refused");
        } catch (const DbException &e) {
            QCOMPARE(e.error.sqlState, QStringLiteral("OC001"));
            QVERIFY(e.error.message.contains(QStringLiteral("newer")) ||
                    e.error.message.contains(QStringLiteral("only knows")));
        }
        QCOMPARE(m.currentVersion(), m.latestKnown() + 1);
    }

    void appliesInVersionOrderAndRollsBackAFailure()
    {
        QTemporaryDir dir;
        auto write = [&](const char *name, const char *sql) { QVERIFY(writeFile(dir, name, sql)); };
        write("0002_second.sql", "ALTER TABLE t ADD COLUMN b int;");
        write("0001_first.sql", "CREATE TABLE t (a int);");
        write("0003_broken.sql", "ALTER TABLE nope ADD COLUMN c int;");
        write("notes.sql", "this is not a migration and must be ignored");
        PgSession s(test::TestDatabase::instance().emptyDatabase(QStringLiteral("mig_order")));
        Migrator m(s, Migrator::fromDirectory(dir.path()));
        QCOMPARE(m.latestKnown(), 3);
        QVERIFY_THROWS_EXCEPTION(DbException, m.migrate());
        // All or nothing: the failed run left no partial schema behind.
        QCOMPARE(s.exec("SELECT to_regclass('public.t') IS NULL").toBool(0, 0), true);
        QFile::remove(dir.filePath(QStringLiteral("0003_broken.sql")));
        Migrator ok(s, Migrator::fromDirectory(dir.path()));
        const auto r = ok.migrate();
        QCOMPARE(r.applied, (QStringList {QStringLiteral("0001_first"), QStringLiteral("0002_second")}));
        QCOMPARE(s.exec("SELECT count(*) FROM information_schema.columns WHERE table_name = 't'").toInt64(0, 0), 2);
    }

    void fillsAGapLeftByALateMigration()
    {
        // A database migrated to 1 and 3 before 0002 existed (merged from a
        // branch later) gets 0002 on the next run, and only 0002.
        QTemporaryDir dir;
        auto write = [&](const char *name, const char *sql) { QVERIFY(writeFile(dir, name, sql)); };
        write("0001_first.sql", "CREATE TABLE g (a int);");
        write("0003_third.sql", "ALTER TABLE g ADD COLUMN c int;");
        PgSession s(test::TestDatabase::instance().emptyDatabase(QStringLiteral("mig_gap")));
        QCOMPARE(Migrator(s, Migrator::fromDirectory(dir.path())).migrate().applied.size(), 2);
        write("0002_second.sql", "ALTER TABLE g ADD COLUMN b int;");
        Migrator later(s, Migrator::fromDirectory(dir.path()));
        const auto r = later.migrate();
        QCOMPARE(r.applied, QStringList {QStringLiteral("0002_second")});
        QCOMPARE(r.to, 3);
        QCOMPARE(s.exec("SELECT count(*) FROM information_schema.columns WHERE table_name = 'g'").toInt64(0, 0), 3);
        QCOMPARE(s.exec("SELECT count(*) FROM schema_migrations").toInt64(0, 0), 3);
        QVERIFY(later.migrate().applied.isEmpty());
    }

    void recordsChecksumsAndRefusesAChangedMigration()
    {
        QTemporaryDir dir;
        auto write = [&](const char *name, const char *sql) { QVERIFY(writeFile(dir, name, sql)); };
        write("0001_first.sql", "CREATE TABLE c (a int);");
        write("0002_second.sql", "ALTER TABLE c ADD COLUMN b int;");
        PgSession s(test::TestDatabase::instance().emptyDatabase(QStringLiteral("mig_checksum")));
        QCOMPARE(Migrator(s, Migrator::fromDirectory(dir.path())).migrate().applied.size(), 2);
        const QByteArray second =
            QCryptographicHash::hash("ALTER TABLE c ADD COLUMN b int;", QCryptographicHash::Sha256).toHex();
        QCOMPARE(s.exec("SELECT checksum FROM schema_migrations WHERE version = 2").text(0, 0).toLatin1(), second);

        // Unchanged: nothing to do, no complaint.
        QVERIFY(Migrator(s, Migrator::fromDirectory(dir.path())).migrate().applied.isEmpty());

        // 0002 edited after it ran, and a new 0003 beside it: refused before
        // 0003 is applied, naming the file and the way out.
        write("0002_second.sql", "ALTER TABLE c ADD COLUMN b bigint;");
        write("0003_third.sql", "ALTER TABLE c ADD COLUMN d int;");
        try {
            Migrator(s, Migrator::fromDirectory(dir.path())).migrate();
            QFAIL("an applied migration whose text changed must be refused");
        } catch (const DbException &e) {
            QCOMPARE(e.error.sqlState, QStringLiteral("OC002"));
            QVERIFY2(e.error.message.contains(QStringLiteral("0002_second.sql")), qPrintable(e.error.message));
            QVERIFY2(e.error.message.contains(QStringLiteral("new migration")), qPrintable(e.error.message));
            QVERIFY2(e.error.message.contains(QStringLiteral("SET checksum = NULL WHERE version IN (2)")),
                     qPrintable(e.error.message));
        }
        QCOMPARE(s.exec("SELECT count(*) FROM schema_migrations").toInt64(0, 0), 2);
        QCOMPARE(s.exec("SELECT count(*) FROM information_schema.columns WHERE table_name = 'c'").toInt64(0, 0), 2);

        // The way out the message names: the edit is accepted, its checksum
        // recorded anew, and 0003 applied.
        s.exec("UPDATE schema_migrations SET checksum = NULL WHERE version IN (2)");
        const auto r = Migrator(s, Migrator::fromDirectory(dir.path())).migrate();
        QCOMPARE(r.checksumsRecorded, QStringList {QStringLiteral("0002_second")});
        QCOMPARE(r.applied, QStringList {QStringLiteral("0003_third")});
        QCOMPARE(s.exec("SELECT checksum FROM schema_migrations WHERE version = 2").text(0, 0).toLatin1(),
                 Migrator::checksum("ALTER TABLE c ADD COLUMN b bigint;"));
    }

    void backfillsChecksumsOfALegacyDatabase()
    {
        // A database migrated before checksums were kept: the bookkeeping
        // table as it was then, without the column.
        QTemporaryDir dir;
        auto write = [&](const char *name, const char *sql) { QVERIFY(writeFile(dir, name, sql)); };
        write("0001_first.sql", "CREATE TABLE l (a int);");
        write("0002_second.sql", "ALTER TABLE l ADD COLUMN b int;");
        PgSession s(test::TestDatabase::instance().emptyDatabase(QStringLiteral("mig_legacy")));
        s.execScript("CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL,"
                     " applied_at timestamptz NOT NULL DEFAULT now());"
                     "CREATE TABLE l (a int); INSERT INTO schema_migrations (version, name) VALUES (1, 'first');");
        const auto r = Migrator(s, Migrator::fromDirectory(dir.path())).migrate();
        QCOMPARE(r.checksumsRecorded, QStringList {QStringLiteral("0001_first")});
        QCOMPARE(r.applied, QStringList {QStringLiteral("0002_second")});
        const DbTable t = s.exec("SELECT version, checksum FROM schema_migrations ORDER BY version");
        QCOMPARE(t.rowCount(), 2);
        QCOMPARE(t.text(0, 1).toLatin1(), Migrator::checksum("CREATE TABLE l (a int);"));
        QCOMPARE(t.text(1, 1).toLatin1(), Migrator::checksum("ALTER TABLE l ADD COLUMN b int;"));
        // From now on the legacy rows are checked like any other.
        QVERIFY(Migrator(s, Migrator::fromDirectory(dir.path())).migrate().checksumsRecorded.isEmpty());
        write("0001_first.sql", "CREATE TABLE l (a bigint);");
        QVERIFY_THROWS_EXCEPTION(DbException, Migrator(s, Migrator::fromDirectory(dir.path())).migrate());
    }

    void bothExecutablesSayWhichMigrationChanged()
    {
        // The shipped migrations, with the database's record of 0001 made to
        // disagree: to the binaries that is a changed migration text.
        const QString conninfo = test::TestDatabase::instance().emptyDatabase(QStringLiteral("mig_binary"));
        {
            PgSession s(conninfo);
            Migrator(s).migrate();
        }
        const QString hubsim = qEnvironmentVariable("OC_HUBSIM");
        QVERIFY2(!hubsim.isEmpty(), "OC_HUBSIM is set by the test's CMake");
        auto migrate = [&](QByteArray *err) {
            QProcess p;
            p.start(hubsim, {QStringLiteral("migrate"), QStringLiteral("--db"), conninfo});
            if (!p.waitForFinished(60000))
                return -1;
            *err = p.readAllStandardError();
            return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        };
        QByteArray err;
        QCOMPARE(migrate(&err), 0);

        ConnectionProbe ok;
        QSignalSpy okSpy(&ok, &ConnectionProbe::finished);
        ok.start(conninfo);
        QVERIFY(okSpy.wait(30000));
        QCOMPARE(okSpy.at(0).at(0).value<ConnectionDiagnosis>().kind, ConnectionDiagnosis::Kind::Ok);

        PgSession(conninfo).exec(
            DbQuery("UPDATE schema_migrations SET checksum = $1 WHERE version = 1").bind(Migrator::checksum("old")));
        QCOMPARE(migrate(&err), 1);
        QVERIFY2(err.contains("organizer-hubsim migrate: The migration 0001_hub_schema.sql was changed"),
                 err.constData());
        QVERIFY2(err.contains("SET checksum = NULL WHERE version IN (1)"), err.constData());

        // The console does not migrate; its connection test says the same.
        ConnectionProbe probe;
        QSignalSpy spy(&probe, &ConnectionProbe::finished);
        probe.start(conninfo);
        QVERIFY(spy.wait(30000));
        const auto d = spy.at(0).at(0).value<ConnectionDiagnosis>();
        QCOMPARE(d.kind, ConnectionDiagnosis::Kind::SchemaChanged);
        QVERIFY2(d.advice.contains(QStringLiteral("0001_hub_schema.sql")), qPrintable(d.advice));
    }

    void rejectsBadRowsThroughConstraints()
    {
        PgSession s(test::TestDatabase::instance().freshDatabase(QStringLiteral("mig_checks")));
        s.execScript("INSERT INTO campaigns (slug, title) VALUES ('c1', 'Campaign')");
        QVERIFY_THROWS_EXCEPTION(DbException,
                                 s.exec("INSERT INTO events (campaign_id, title, starts_at, latitude, longitude) "
                                        "VALUES (1, 'x', now(), 95, 10)"));
        QVERIFY_THROWS_EXCEPTION(
            DbException,
            s.exec("INSERT INTO events (campaign_id, title, starts_at, latitude) VALUES (1, 'x', now(), 40)"));
        s.exec("INSERT INTO events (campaign_id, title, starts_at) VALUES (1, 'no coordinates is fine', now())");
    }
};

QTEST_GUILESS_MAIN(TestMigrator)
#include "tst_migrator.moc"

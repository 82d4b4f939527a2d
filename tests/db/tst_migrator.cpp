#include "Migrator.h"
#include "PgSession.h"
#include "TestDatabase.h"

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

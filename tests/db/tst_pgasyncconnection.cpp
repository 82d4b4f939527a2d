#include "PgAsyncConnection.h"
#include "PgSession.h"
#include "TestDatabase.h"

#include <QSignalSpy>
#include <QTest>

using namespace oc;

class TestPgAsyncConnection : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString err;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&err), qPrintable(err));
    }

    void pipelineBatchReturnsEveryTable()
    {
        PgAsyncConnection c;
        QSignalSpy connected(&c, &DbConnection::connected);
        c.open(test::TestDatabase::instance().freshDatabase(QStringLiteral("async_batch")));
        QVERIFY(connected.wait(10000));
        bool done = false;
        std::vector<DbTable> got;
        c.exec({DbQuery("SELECT $1::int + 1 AS a").bind(41), DbQuery("SELECT 'x' || $1 AS b").bind("<script>"),
                DbQuery("SELECT generate_series(1, 1000) AS n")},
               this, [&](const DbConnection::Outcome &o) {
                   QVERIFY(DbConnection::tables(o));
                   got = *DbConnection::tables(o);
                   done = true;
               });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(got.size(), size_t(3));
        QCOMPARE(got[0].toInt64(0, 0), 42);
        QCOMPARE(got[1].text(0, 0), QStringLiteral("x<script>"));
        QCOMPARE(got[2].rowCount(), 1000);
    }

    void errorInBatchIsReportedAndConnectionStaysUsable()
    {
        PgAsyncConnection c;
        QSignalSpy connected(&c, &DbConnection::connected);
        c.open(test::TestDatabase::instance().freshDatabase(QStringLiteral("async_err")));
        QVERIFY(connected.wait(10000));
        std::optional<DbError> err;
        c.exec({DbQuery("SELECT 1"), DbQuery("SELECT * FROM no_such_table"), DbQuery("SELECT 3")}, this,
               [&](const DbConnection::Outcome &o) {
                   err = DbConnection::error(o) ? *DbConnection::error(o) : DbError {};
               });
        QTRY_VERIFY_WITH_TIMEOUT(err.has_value(), 10000);
        QCOMPARE(err->sqlState, QStringLiteral("42P01"));
        qint64 value = 0;
        c.exec({DbQuery("SELECT 7")}, this, [&](const DbConnection::Outcome &o) {
            if (auto t = DbConnection::tables(o))
                value = (*t)[0].toInt64(0, 0);
        });
        QTRY_COMPARE_WITH_TIMEOUT(value, 7, 10000);
    }

    void unreachableServerBacksOffWithoutBlocking()
    {
        PgAsyncConnection c;
        c.setBackoff(50, 200);
        QSignalSpy states(&c, &DbConnection::stateChanged);
        c.open(QStringLiteral("host=/nonexistent-socket-dir port=1 dbname=x connect_timeout=2"));
        // open() returned without waiting: we are still connecting or backing off.
        QTRY_VERIFY_WITH_TIMEOUT(c.reconnectAttempts() >= 2, 10000);
        QVERIFY(!c.lastError().isEmpty());
        bool failedFast = false;
        c.exec({DbQuery("SELECT 1")}, this,
               [&](const DbConnection::Outcome &o) { failedFast = DbConnection::error(o) != nullptr; });
        QTRY_VERIFY_WITH_TIMEOUT(failedFast, 5000);
        c.close();
        QCOMPARE(c.state(), DbConnection::State::Disconnected);
    }

    void reconnectsAfterServerRestart()
    {
        auto &db = test::TestDatabase::instance();
        const QString ci = db.freshDatabase(QStringLiteral("async_restart"));
        PgAsyncConnection c;
        c.setBackoff(50, 500);
        QSignalSpy connected(&c, &DbConnection::connected);
        QSignalSpy lost(&c, &DbConnection::connectionLost);
        c.open(ci);
        QVERIFY(connected.wait(10000));
        QVERIFY(db.server().stopImmediate());
        bool failed = false;
        c.exec({DbQuery("SELECT 1")}, this,
               [&](const DbConnection::Outcome &o) { failed = DbConnection::error(o) != nullptr; });
        QTRY_VERIFY_WITH_TIMEOUT(failed, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(lost.count() >= 1, 10000);
        QString err;
        QVERIFY2(db.server().start(&err), qPrintable(err));
        QTRY_VERIFY_WITH_TIMEOUT(connected.count() >= 2, 20000);
        qint64 v = 0;
        c.exec({DbQuery("SELECT 5")}, this, [&](const DbConnection::Outcome &o) {
            if (auto t = DbConnection::tables(o))
                v = (*t)[0].toInt64(0, 0);
        });
        QTRY_COMPARE_WITH_TIMEOUT(v, 5, 10000);
    }
};

QTEST_GUILESS_MAIN(TestPgAsyncConnection)
#include "tst_pgasyncconnection.moc"

#include "ConnInfo.h"
#include "ConnectionStatus.h"
#include "ConsoleSession.h"
#include "DbConnection.h"
#include "HubFeed.h"
#include "Migrator.h"
#include "PgServer.h"
#include "PgSession.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace oc;

// Reads from a streaming standby, writes to the primary: a real primary and a
// real standby made from its base backup, the console's session with a
// multi-host conninfo that prefers the standby.
class TestStandby : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        PgServer::Options po;
        po.statStatements = false;
        m_primary = std::make_unique<PgServer>(po);
        QString err;
        QVERIFY2(m_primary->start(&err), qPrintable(err));
        PgSession s(m_primary->conninfo());
        Migrator(s).migrate();
        s.execScript("INSERT INTO campaigns (slug, title, status, event_goal, rsvp_goal) "
                     "VALUES ('s', 'Standby', 'live', 10, 100)");
        s.execScript("INSERT INTO events (campaign_id, title, starts_at, latitude, longitude, capacity, "
                     "approval_status, state) SELECT 1, 'Event ' || g, now() + interval '1 day', 40, -75, 100, "
                     "'approved', 'NY' FROM generate_series(1, 5) g");
        s.execScript("INSERT INTO rsvps (event_id) SELECT 1 + g % 5 FROM generate_series(1, 40) g");

        PgServer::Options so;
        so.statStatements = false;
        so.standbyOf = m_primary->conninfo();
        m_standby = std::make_unique<PgServer>(so);
        QVERIFY2(m_standby->start(&err), qPrintable(err));
    }

    void readsFromTheStandbyWritesToThePrimary()
    {
        // Both hosts in one conninfo, as a deployment would list them; libpq
        // picks the standby for reads and the primary for writes.
        const QString hosts = QStringLiteral("host=%1,%2 port=%3,%4 dbname=hub user=oc_admin")
                                  .arg(m_primary->socketDir(), m_standby->socketDir())
                                  .arg(m_primary->port())
                                  .arg(m_standby->port());
        ConsoleSession::Config cfg;
        cfg.conninfo = hosts + QStringLiteral(" target_session_attrs=prefer-standby");
        cfg.writeConninfo = hosts + QStringLiteral(" target_session_attrs=read-write");
        cfg.pollFastMs = 100;
        cfg.pollSlowMs = 300;
        ConsoleSession session(cfg);
        ConnectionStatus status(session.db(), session.feed(), QStringLiteral("hub"));
        QSignalSpy snap(session.feed(), &HubFeed::snapshotLoaded);
        session.start();
        QVERIFY(snap.wait(30000));
        QTRY_VERIFY_WITH_TIMEOUT(session.db()->isStandby(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(session.writeDb()->state() == DbConnection::State::Connected, 10000);
        QVERIFY(!session.writeDb()->isStandby());
        QCOMPARE(session.feed()->totalRsvps(), 40);

        // The standby refuses writes; the write connection takes them, and
        // the reads see them once replayed, exactly.
        bool refused = false, written = false;
        session.db()->exec({DbQuery("INSERT INTO rsvps (event_id) VALUES (1)")}, this,
                           [&](const DbConnection::Outcome &o) {
                               const DbError *e = DbConnection::error(o);
                               refused = e && e->sqlState == QStringLiteral("25006"); // read_only_sql_transaction
                           });
        session.writeDb()->exec({DbQuery("INSERT INTO rsvps (event_id) SELECT 1 + g % 5 FROM generate_series(1, 7) g")},
                                this, [&](const DbConnection::Outcome &o) { written = !DbConnection::error(o); });
        QTRY_VERIFY_WITH_TIMEOUT(refused, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(written, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(session.feed()->totalRsvps(), 47, 15000);
        QVERIFY(session.feed()->replicationLagSeconds() >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(status.text().contains(QStringLiteral("standby (lag")), 5000);
    }

    void cleanupTestCase()
    {
        m_standby.reset();
        m_primary.reset();
    }

private:
    std::unique_ptr<PgServer> m_primary;
    std::unique_ptr<PgServer> m_standby;
};

QTEST_MAIN(TestStandby)
#include "tst_standby.moc"

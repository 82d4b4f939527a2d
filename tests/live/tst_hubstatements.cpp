#include "HubRows.h"
#include "PgSession.h"
#include "TestDatabase.h"

#include <QTest>

using namespace oc;

// Every statement HubFeed sends, run against the real schema: its result
// has exactly the columns its decoder declares. Changing the SQL without the
// decoder (or the other way round) fails here, before any feed runs.
class TestHubStatements : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString err;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&err), qPrintable(err));
    }

    void statementsMatchTheirDecoders_data()
    {
        QTest::addColumn<int>("statement");
        using S = HubRows::Statement;
        for (S s : {S::Campaigns, S::SnapshotRsvps, S::RsvpHistory, S::TailRsvps, S::TailRsvpsLight, S::SnapshotEvents,
                    S::TailEvents, S::Traffic, S::Audit})
            QTest::newRow(HubRows::name(s)) << int(s);
    }

    void statementsMatchTheirDecoders()
    {
        QFETCH(int, statement);
        const auto s = HubRows::Statement(statement);
        static const QString ci = test::TestDatabase::instance().freshDatabase(QStringLiteral("hub_statements"));
        PgSession session(ci);
        session.execScript("INSERT INTO campaigns (slug, title, status, event_goal, rsvp_goal) "
                           "VALUES ('s', 'Statements', 'live', 10, 100) ON CONFLICT DO NOTHING");
        DbQuery q = HubRows::query(s);
        if (q.sql.contains("$1"))
            q.params = {QByteArray("0")};
        const DbTable t = session.exec(q);
        QString error;
        QVERIFY2(HubRows::columns(s).locate(t, &error), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestHubStatements)
#include "tst_hubstatements.moc"

// Issue 16: a console whose database role and ops-API token disagree says
// so at start, before any action is refused: the real simulator (GET
// /api/v1/whoami over loopback HTTP) and PostgreSQL roles.
#include "ActionPermissions.h"
#include "ActionsController.h"
#include "ActionsTestKit.h"
#include "ConnInfo.h"
#include "ConsoleSession.h"
#include "PgSession.h"

#include <QTest>

using namespace oc;
using namespace oc::test;
using Role = ActionPermissions::Role;

class TestRoleCheck : public QObject
{
    Q_OBJECT

    DemoEnvironment m_demo;

    std::unique_ptr<ConsoleSession> session(const QString &dbUser, const QString &token)
    {
        ConsoleSession::Config cfg;
        cfg.conninfo = ConnInfo::withParam(m_demo.conninfo(), QStringLiteral("user"), dbUser);
        cfg.operatorName = dbUser;
        cfg.apiUrl = m_demo.apiUrl();
        cfg.apiToken = token;
        return std::make_unique<ConsoleSession>(cfg);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString err;
        SimulatorOptions o;
        o.events = 20;
        o.supporters = 50;
        o.seedRsvps = 20;
        QVERIFY2(startSimulator(m_demo, o, &err), qPrintable(err));
        PgSession admin(m_demo.conninfo());
        admin.execScript(
            "CREATE ROLE rc_viewer LOGIN IN ROLE oc_viewer; CREATE ROLE rc_operator LOGIN IN ROLE oc_operator");
    }

    void saysSoAtStart_data()
    {
        QTest::addColumn<QString>("dbUser");
        QTest::addColumn<QString>("token"); // "operator", "viewer" or a bogus one
        QTest::addColumn<Role>("tokenRole");
        QTest::addColumn<QString>("says");
        QTest::newRow("viewer role, operator token")
            << QStringLiteral("rc_viewer") << QStringLiteral("operator") << Role::Operator
            << QStringLiteral("but your database role is viewer");
        QTest::newRow("operator role, viewer token")
            << QStringLiteral("rc_operator") << QStringLiteral("viewer") << Role::Viewer
            << QStringLiteral("the ops-API token is a viewer's");
        QTest::newRow("operator role, rejected token")
            << QStringLiteral("rc_operator") << QStringLiteral("bogus") << Role::None
            << QStringLiteral("does not accept this console's ops-API token");
        QTest::newRow("agree") << QStringLiteral("rc_operator") << QStringLiteral("operator") << Role::Operator
                               << QString();
    }
    void saysSoAtStart()
    {
        QFETCH(QString, dbUser);
        QFETCH(QString, token);
        QFETCH(Role, tokenRole);
        QFETCH(QString, says);
        const QString t = token == QLatin1String("operator") ? m_demo.apiToken()
            : token == QLatin1String("viewer")               ? m_demo.viewerApiToken()
                                                             : QStringLiteral("not-a-token");
        auto s = session(dbUser, t);
        s->start();
        ActionsController *a = s->actions();
        // Both answers arrive on their own, before anyone clicks anything.
        QTRY_COMPARE_WITH_TIMEOUT(a->tokenRole(), tokenRole, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(a->permissions()->role() != Role::Unknown, 15000);
        if (says.isEmpty()) {
            QVERIFY2(a->roleMismatch().isEmpty(), qPrintable(a->roleMismatch()));
            QTRY_VERIFY_WITH_TIMEOUT(a->canBlast(), 15000);
        } else {
            QTRY_VERIFY2_WITH_TIMEOUT(a->roleMismatch().contains(says), qPrintable(a->roleMismatch()), 15000);
            QVERIFY(!a->canLaunch());
            QVERIFY(!a->canBlast());
            QCOMPARE(a->disabledReason(), a->roleMismatch());
        }
    }

    void cleanupTestCase() { m_demo.stop(); }
};

QTEST_MAIN(TestRoleCheck)
#include "tst_rolecheck.moc"

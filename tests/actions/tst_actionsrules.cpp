// Which one-click actions are enabled, decided by ActionsController's rules
// alone (issue 13): no server, no widgets.
#include "ActionsController.h"

#include <QTest>

using namespace oc;
using In = ActionsController::Inputs;
using Role = ActionPermissions::Role;

namespace {

In operatorWithCampaign(CampaignStatus status)
{
    In in;
    in.apiUsable = true;
    in.role = Role::Operator;
    in.roleName = QStringLiteral("operator");
    in.hasCampaigns = true;
    in.selectedCampaign = status;
    in.siteMode = SiteMode::Dynamic;
    return in;
}

BlastRecord blast(const char *status, const QString &remoteId = {}, const QString &error = {})
{
    BlastRecord b;
    b.id = 7;
    b.status = QString::fromLatin1(status);
    b.remoteId = remoteId;
    b.lastError = error;
    return b;
}

} // namespace

class TestActionsRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void launchFollowsTheCampaign_data()
    {
        QTest::addColumn<CampaignStatus>("status");
        QTest::addColumn<bool>("launch");
        QTest::newRow("draft") << CampaignStatus::Draft << true;
        QTest::newRow("paused") << CampaignStatus::Paused << true;
        QTest::newRow("live") << CampaignStatus::Live << false;
        QTest::newRow("ended") << CampaignStatus::Ended << false;
        QTest::newRow("unknown") << CampaignStatus::Unknown << false;
    }
    void launchFollowsTheCampaign()
    {
        QFETCH(CampaignStatus, status);
        QFETCH(bool, launch);
        In in = operatorWithCampaign(status);
        QCOMPARE(ActionsController::evaluate(in).launch, launch);
        in.launching = true;
        QVERIFY(!ActionsController::evaluate(in).launch);
        in = operatorWithCampaign(status);
        in.selectedCampaign.reset();
        QVERIFY(!ActionsController::evaluate(in).launch);
    }

    void rolesAndApi_data()
    {
        QTest::addColumn<Role>("role");
        QTest::addColumn<bool>("api");
        QTest::addColumn<bool>("may");
        QTest::addColumn<QString>("reasonPart");
        QTest::newRow("operator") << Role::Operator << true << true << QString();
        QTest::newRow("viewer") << Role::Viewer << true << false << QStringLiteral("viewer");
        QTest::newRow("trainer") << Role::Trainer << true << false << QStringLiteral("trainer");
        QTest::newRow("not yet known") << Role::Unknown << true << false << QStringLiteral("Checking");
        QTest::newRow("no API") << Role::Operator << false << false << QStringLiteral("no ops API");
    }
    void rolesAndApi()
    {
        QFETCH(Role, role);
        QFETCH(bool, api);
        QFETCH(bool, may);
        QFETCH(QString, reasonPart);
        In in = operatorWithCampaign(CampaignStatus::Draft);
        in.role = role;
        in.roleName = ActionPermissions::name(role);
        in.apiUsable = api;
        in.apiProblem = QStringLiteral("There is no ops API configured");
        const auto e = ActionsController::evaluate(in);
        QCOMPARE(e.launch, may);
        QCOMPARE(e.flipToStatic, may);
        QCOMPARE(e.blast, may);
        QVERIFY(!e.flipToDynamic);
        QCOMPARE(e.disabledReason.isEmpty(), may);
        QVERIFY2(e.disabledReason.contains(reasonPart, Qt::CaseInsensitive), qPrintable(e.disabledReason));
    }

    // On a read-only source (a Mobilize mirror) nothing here can be
    // recorded: every action is off, and the reason says why.
    void readOnlySourceDisablesActions()
    {
        In in = operatorWithCampaign(CampaignStatus::Draft);
        in.readOnlySource = true;
        const auto e = ActionsController::evaluate(in);
        QVERIFY(!e.launch && !e.flipToStatic && !e.flipToDynamic && !e.blast && !e.decide);
        QVERIFY2(e.disabledReason.contains(QStringLiteral("read-only")), qPrintable(e.disabledReason));
    }

    void flipFollowsTheSite()
    {
        In in = operatorWithCampaign(CampaignStatus::Live);
        auto e = ActionsController::evaluate(in);
        QVERIFY(e.flipToStatic && !e.flipToDynamic);
        in.siteMode = SiteMode::Static;
        e = ActionsController::evaluate(in);
        QVERIFY(!e.flipToStatic && e.flipToDynamic);
        in.flipping = true;
        e = ActionsController::evaluate(in);
        QVERIFY(!e.flipToStatic && !e.flipToDynamic);
        // Not known yet: the static fallback stays one click away.
        in = operatorWithCampaign(CampaignStatus::Live);
        in.siteMode = SiteMode::Unknown;
        e = ActionsController::evaluate(in);
        QVERIFY(e.flipToStatic && !e.flipToDynamic);
    }

    void blastNeedsACampaign()
    {
        In in = operatorWithCampaign(CampaignStatus::Live);
        QVERIFY(ActionsController::evaluate(in).blast);
        in.hasCampaigns = false;
        QVERIFY(!ActionsController::evaluate(in).blast);
    }

    void retryAndCancelFollowTheBlast()
    {
        In in = operatorWithCampaign(CampaignStatus::Live);
        auto e = ActionsController::evaluate(in);
        QVERIFY(!e.retry && !e.retryShown && !e.cancelBlast);
        // Recorded, the backend did not confirm: retry shown and allowed.
        in.currentBlast = blast("queued", {}, QStringLiteral("timeout"));
        e = ActionsController::evaluate(in);
        QVERIFY(e.retryShown && e.retry && e.cancelBlast);
        in.currentBlastBusy = true; // an attempt in flight
        QVERIFY(!ActionsController::evaluate(in).retry);
        in.currentBlastBusy = false;
        // Recorded and no error yet: nothing to retry by hand.
        in.currentBlast = blast("queued");
        e = ActionsController::evaluate(in);
        QVERIFY(!e.retryShown && e.retry);
        // The backend is sending: too late to cancel.
        in.currentBlast = blast("sending", QStringLiteral("r-1"));
        e = ActionsController::evaluate(in);
        QVERIFY(!e.cancelBlast && !e.retry);
        for (const char *final : {"sent", "cancelled", "declined", "failed"}) {
            in.currentBlast = blast(final, QStringLiteral("r-1"));
            e = ActionsController::evaluate(in);
            QVERIFY2(!e.cancelBlast && !e.retry && !e.retryShown, final);
        }
        in.currentBlast = blast("pending_approval");
        QVERIFY(ActionsController::evaluate(in).cancelBlast);
    }

    void approvalsNeedASecondOperator()
    {
        In in = operatorWithCampaign(CampaignStatus::Live);
        QVERIFY(!ActionsController::evaluate(in).decide);
        in.approvalSelected = true;
        in.approvalDecidable = false; // my own request
        auto e = ActionsController::evaluate(in);
        QVERIFY(!e.decide);
        QVERIFY(e.decideHint.contains(QStringLiteral("another operator")));
        in.approvalDecidable = true;
        e = ActionsController::evaluate(in);
        QVERIFY(e.decide);
        QVERIFY(e.decideHint.isEmpty());
        in.role = Role::Viewer;
        in.roleName = QStringLiteral("viewer");
        e = ActionsController::evaluate(in);
        QVERIFY(!e.decide);
        QCOMPARE(e.decideHint, e.disabledReason);
    }

    void campaignStatusNames()
    {
        for (CampaignStatus s :
             {CampaignStatus::Draft, CampaignStatus::Live, CampaignStatus::Paused, CampaignStatus::Ended})
            QCOMPARE(parseCampaignStatus(campaignStatusName(s)), s);
        QCOMPARE(parseCampaignStatus(u"LIVE"), CampaignStatus::Unknown);
        QCOMPARE(parseSiteMode(u"static"), SiteMode::Static);
        QCOMPARE(parseSiteMode(u""), SiteMode::Unknown);
    }

    // Issue 16: the database role and the ops-API token's role (GET
    // /api/v1/whoami at start) must both let the console operate; when they
    // disagree it is said up front, in words, and the actions stay off.
    void roleAndTokenDisagreement_data()
    {
        QTest::addColumn<Role>("db");
        QTest::addColumn<Role>("token");
        QTest::addColumn<bool>("acts");
        QTest::addColumn<QString>("says"); // part of roleMismatch; empty: none
        QTest::newRow("operator, operator's token") << Role::Operator << Role::Operator << true << QString();
        QTest::newRow("operator, token not checked yet") << Role::Operator << Role::Unknown << true << QString();
        QTest::newRow("operator, viewer's token")
            << Role::Operator << Role::Viewer << false << QStringLiteral("the ops-API token is a viewer's");
        QTest::newRow("operator, trainer's token")
            << Role::Operator << Role::Trainer << false << QStringLiteral("the ops-API token is a trainer's");
        QTest::newRow("operator, rejected token")
            << Role::Operator << Role::None << false << QStringLiteral("does not accept this console's ops-API token");
        QTest::newRow("viewer, operator's token")
            << Role::Viewer << Role::Operator << false << QStringLiteral("but your database role is viewer");
        QTest::newRow("trainer, operator's token")
            << Role::Trainer << Role::Operator << false << QStringLiteral("but your database role is trainer");
        QTest::newRow("viewer, viewer's token") << Role::Viewer << Role::Viewer << false << QString();
        QTest::newRow("role being checked, viewer's token") << Role::Unknown << Role::Viewer << false << QString();
    }
    void roleAndTokenDisagreement()
    {
        QFETCH(Role, db);
        QFETCH(Role, token);
        QFETCH(bool, acts);
        QFETCH(QString, says);
        In in = operatorWithCampaign(CampaignStatus::Draft);
        in.role = db;
        in.roleName = ActionPermissions::name(db);
        in.tokenRole = token;
        const auto e = ActionsController::evaluate(in);
        QCOMPARE(e.launch, acts);
        QCOMPARE(e.blast, acts);
        QCOMPARE(e.flipToStatic, acts);
        if (says.isEmpty()) {
            QVERIFY2(e.roleMismatch.isEmpty(), qPrintable(e.roleMismatch));
        } else {
            QVERIFY2(e.roleMismatch.contains(says, Qt::CaseInsensitive), qPrintable(e.roleMismatch));
            // The reason shown on the disabled controls is the same sentence.
            QCOMPARE(e.disabledReason, e.roleMismatch);
        }
        // A read-only source or an unusable API has reasons of its own.
        in.readOnlySource = true;
        QVERIFY(ActionsController::evaluate(in).roleMismatch.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestActionsRules)
#include "tst_actionsrules.moc"

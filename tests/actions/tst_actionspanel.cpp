#include "ActionPermissions.h"
#include "ActionsPanel.h"
#include "ActionsTestKit.h"
#include "BlastDialog.h"
#include "BlastService.h"
#include "ConfirmActionDialog.h"
#include "ConnInfo.h"
#include "ConsoleSession.h"
#include "HubFeed.h"
#include "PendingApprovalsModel.h"
#include "PgSession.h"
#include "SiteFlipper.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

using namespace oc;
using namespace oc::test;

// The actions panel on the offscreen platform, two operators' consoles in
// one process against the real simulator and PostgreSQL.
class TestActionsPanel : public QObject
{
    Q_OBJECT

    DemoEnvironment m_demo;
    std::unique_ptr<ConsoleSession> m_aliceSession, m_bobSession;
    std::unique_ptr<QWidget> m_window;
    ActionsPanel *m_alice = nullptr;
    ActionsPanel *m_bob = nullptr;

    std::unique_ptr<ConsoleSession> session(const QString &who, const QString &conninfo)
    {
        ConsoleSession::Config cfg;
        cfg.conninfo = conninfo;
        cfg.operatorName = who;
        cfg.apiUrl = m_demo.apiUrl();
        cfg.apiToken = m_demo.apiToken();
        cfg.pollFastMs = 300;
        cfg.pollSlowMs = 600;
        return std::make_unique<ConsoleSession>(cfg);
    }

    qint64 scalar(const DbQuery &q)
    {
        PgSession s(m_demo.conninfo());
        return s.exec(q).toInt64(0, 0);
    }

    static QString outputDir() { return qEnvironmentVariable("OC_TEST_OUTPUT_DIR", QDir::tempPath()); }

    // The dialog the panel opened (window-modal, driven directly), or null.
    template<typename T> static T *dialogOf(ActionsPanel *p)
    {
        if (!QTest::qWaitFor([p] { return qobject_cast<T *>(p->openDialog()) != nullptr; }, 5000))
            return nullptr;
        return qobject_cast<T *>(p->openDialog());
    }

    // Opens the blast dialog, waits for the live count, types it, sends.
    void sendBlastThroughTheDialog(ActionsPanel *panel, int radius, qint64 *count)
    {
        QTRY_VERIFY_WITH_TIMEOUT(panel->blastButton()->isEnabled(), 15000);
        panel->blastButton()->click();
        BlastDialog *d = dialogOf<BlastDialog>(panel);
        QVERIFY(d);
        d->radiusSpin()->setValue(radius);
        QTRY_VERIFY_WITH_TIMEOUT(!d->isCounting() && d->audienceCount() > 0, 30000);
        *count = d->audienceCount();
        d->confirmEdit()->setText(QString::number(*count));
        QVERIFY(d->sendButton()->isEnabled());
        d->sendButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(panel->openDialog() == nullptr, 5000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString err;
        SimulatorOptions o;
        o.supporters = 4000;
        QVERIFY2(startSimulator(m_demo, o, &err), qPrintable(err));
        PgSession admin(m_demo.conninfo());
        admin.execScript("CREATE ROLE gui_viewer LOGIN IN ROLE oc_viewer");

        m_aliceSession = session(QStringLiteral("alice"), m_demo.conninfo());
        m_bobSession = session(QStringLiteral("bob"), m_demo.conninfo());
        m_window = std::make_unique<QWidget>();
        auto *l = new QHBoxLayout(m_window.get());
        m_alice = new ActionsPanel(m_aliceSession.get(), m_window.get());
        m_bob = new ActionsPanel(m_bobSession.get(), m_window.get());
        l->addWidget(m_alice);
        l->addWidget(m_bob);
        m_window->resize(1100, 760);
        m_window->show();
        QSignalSpy a(m_aliceSession->feed(), &HubFeed::snapshotLoaded);
        QSignalSpy b(m_bobSession->feed(), &HubFeed::snapshotLoaded);
        m_aliceSession->start();
        m_bobSession->start();
        QVERIFY(a.wait(30000));
        QVERIFY(b.count() > 0 || b.wait(30000));
        QTRY_COMPARE_WITH_TIMEOUT(m_alice->permissions()->role(), ActionPermissions::Role::Operator, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(m_bob->permissions()->role(), ActionPermissions::Role::Operator, 15000);
        for (ActionsPanel *p : {m_alice, m_bob}) {
            p->blasts()->setAutoRetry(0, 0);
            p->blasts()->setFollowIntervalMs(200);
            p->approvals()->start(300);
        }
    }

    void cleanup()
    {
        QVERIFY(clearFaults(*m_alice->api()));
        PgSession admin(m_demo.conninfo());
        admin.execScript("UPDATE blast_policy SET approval_threshold = 10000");
    }

    void everyActionControlIsTaggedAndNamed()
    {
        const auto buttons = m_alice->findChildren<QPushButton *>();
        int tagged = 0;
        for (QPushButton *b : buttons) {
            if (!b->property("ocAction").toBool())
                continue;
            ++tagged;
            QVERIFY2(!b->accessibleName().isEmpty(), qPrintable(b->text()));
        }
        QVERIFY(tagged >= 8);
        QCOMPARE(m_alice->launchButton()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
        QCOMPARE(m_alice->blastButton()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    }

    void aViewerConsoleHasEverythingDisabled()
    {
        auto viewer =
            session(QStringLiteral("victor"),
                    ConnInfo::withParam(m_demo.conninfo(), QStringLiteral("user"), QStringLiteral("gui_viewer")));
        ActionsPanel panel(viewer.get());
        panel.show();
        viewer->start();
        QTRY_COMPARE_WITH_TIMEOUT(panel.permissions()->role(), ActionPermissions::Role::Viewer, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!viewer->feed()->campaigns().isEmpty(), 15000);
        for (QPushButton *b : {panel.launchButton(), panel.flipStaticButton(), panel.flipDynamicButton(),
                               panel.blastButton(), panel.approveButton(), panel.declineButton()})
            QVERIFY2(!b->isEnabled(), qPrintable(b->text()));
    }

    void launchAsksFirstAndSaysWhatHappens()
    {
        QTRY_VERIFY_WITH_TIMEOUT(m_alice->launchButton()->isEnabled(), 15000);
        m_alice->launchButton()->click();
        auto *d = dialogOf<ConfirmActionDialog>(m_alice);
        QVERIFY(d);
        QVERIFY(d->explanation().contains(QLatin1String("goes live")));
        QVERIFY(d->cancelButton()->isDefault()); // Enter never launches by accident
        d->reject();
        QTRY_VERIFY_WITH_TIMEOUT(m_alice->openDialog() == nullptr, 5000);
        QCOMPARE(scalar("SELECT count(*) FROM audit_log WHERE action = 'launch'"), 0);

        m_alice->launchButton()->click();
        d = dialogOf<ConfirmActionDialog>(m_alice);
        QVERIFY(d);
        d->confirmButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(m_alice->statusText().contains(QLatin1String("is live")), 30000);
        QVERIFY(!m_alice->statusIsError());
        QCOMPARE(scalar("SELECT count(*) FROM campaigns WHERE status = 'live'"), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!m_alice->launchButton()->isEnabled(), 10000); // it is live now
    }

    void blastDialogNeedsTheExactNumberTyped()
    {
        QTRY_VERIFY_WITH_TIMEOUT(m_alice->blastButton()->isEnabled(), 15000);
        m_alice->blastButton()->click();
        BlastDialog *d = dialogOf<BlastDialog>(m_alice);
        QVERIFY(d);
        d->radiusSpin()->setValue(100);
        QTRY_VERIFY_WITH_TIMEOUT(!d->isCounting() && d->audienceCount() > 0, 30000);
        const qint64 n = d->audienceCount();
        QVERIFY(!d->sendButton()->isEnabled());
        d->confirmEdit()->setText(QString::number(n + 1));
        QVERIFY(!d->sendButton()->isEnabled());
        d->confirmEdit()->setText(QString::number(n).left(QString::number(n).size() - 1));
        QVERIFY(!d->sendButton()->isEnabled());
        d->confirmEdit()->setText(QString::number(n) + QStringLiteral("0"));
        QVERIFY(!d->sendButton()->isEnabled());
        d->confirmEdit()->setText(QString::number(n));
        QVERIFY(d->sendButton()->isEnabled());
        QVERIFY(BlastDialog::confirmationMatches(QStringLiteral("12,345"), 12345));
        QVERIFY(!BlastDialog::confirmationMatches(QStringLiteral("12.345"), 12345));
        QVERIFY(!BlastDialog::confirmationMatches(QStringLiteral("about 12345"), 12345));
        // A new audience means a new count: the old confirmation no longer sends.
        d->radiusSpin()->setValue(99);
        QVERIFY(!d->sendButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!d->isCounting(), 30000);
        d->confirmEdit()->setText(QString::number(d->audienceCount()));
        QVERIFY(d->sendButton()->isEnabled());
        d->messageEdit()->setPlainText(QStringLiteral("   "));
        QVERIFY(!d->sendButton()->isEnabled());
        d->templateCombo()->setCurrentIndex(1); // another template refills the message
        QVERIFY(d->sendButton()->isEnabled());
        QVERIFY(d->grab().save(outputDir() + QStringLiteral("/blast-dialog.png")));

        const qint64 sendsBefore = scalar("SELECT count(*) FROM hubsim_sent_blasts");
        d->sendButton()->click();
        d->sendButton()->click(); // a double-click
        QTRY_VERIFY_WITH_TIMEOUT(m_alice->openDialog() == nullptr, 5000);
        const QUuid key = m_alice->currentBlast();
        QTRY_VERIFY_WITH_TIMEOUT(!m_alice->currentBlast().isNull(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(m_alice->blasts()->record(m_alice->currentBlast())->status == QLatin1String("sent"),
                                 30000);
        QCOMPARE(scalar("SELECT count(*) FROM hubsim_sent_blasts"), sendsBefore + 1);
        Q_UNUSED(key);
    }

    void twoPersonApprovalBetweenTwoConsoles()
    {
        PgSession admin(m_demo.conninfo());
        admin.execScript("UPDATE blast_policy SET approval_threshold = 5");
        m_alice->blasts()->loadPolicy();
        QTRY_COMPARE_WITH_TIMEOUT(m_alice->blasts()->approvalThreshold(), 5, 10000);
        const qint64 sendsBefore = scalar("SELECT count(*) FROM hubsim_sent_blasts");
        qint64 count = 0;
        sendBlastThroughTheDialog(m_alice, 100, &count);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY_WITH_TIMEOUT(m_alice->statusText().contains(QLatin1String("second operator")), 15000);
        const QUuid key = m_alice->currentBlast();
        const qint64 id = m_alice->blasts()->record(key)->id;

        // It shows up in both consoles; only the other operator may decide.
        QTRY_VERIFY_WITH_TIMEOUT(m_bob->approvals()->rowOf(id) >= 0, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(m_alice->approvals()->rowOf(id) >= 0, 15000);
        m_alice->approvalsView()->selectRow(m_alice->approvals()->rowOf(id));
        QVERIFY(!m_alice->approveButton()->isEnabled());
        QVERIFY(!m_alice->declineButton()->isEnabled());
        m_bob->approvalsView()->selectRow(m_bob->approvals()->rowOf(id));
        QVERIFY(m_bob->approveButton()->isEnabled());
        QVERIFY(m_window->grab().save(outputDir() + QStringLiteral("/actions-approval.png")));
        QCOMPARE(scalar("SELECT count(*) FROM hubsim_sent_blasts"), sendsBefore);

        m_bob->approveButton()->click();
        auto *d = dialogOf<ConfirmActionDialog>(m_bob);
        QVERIFY(d);
        QVERIFY(d->explanation().contains(QLocale().toString(count)));
        QVERIFY(d->explanation().contains(QLatin1String("alice")));
        d->accept();
        QTRY_VERIFY_WITH_TIMEOUT(m_bob->statusText().contains(QLatin1String("approved")), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(m_alice->blasts()->record(key)->status == QLatin1String("sent"), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(m_bob->approvals()->rowOf(id) < 0, 10000);
        QCOMPARE(scalar("SELECT count(*) FROM hubsim_sent_blasts"), sendsBefore + 1);
        QCOMPARE(scalar(DbQuery("SELECT count(*) FROM blasts WHERE id = $1 AND approved_by = 'bob'").bind(id)), 1);
    }

    void apiErrorsAreShownAndTheIntentStays()
    {
        QVERIFY(injectFault(*m_alice->api(),
                            {{QStringLiteral("kind"), QStringLiteral("500")},
                             {QStringLiteral("endpoint"), QStringLiteral("create-blast")},
                             {QStringLiteral("count"), 1}}));
        const qint64 intentsBefore = scalar("SELECT count(*) FROM blasts");
        const qint64 sendsBefore = scalar("SELECT count(*) FROM hubsim_sent_blasts");
        qint64 count = 0;
        sendBlastThroughTheDialog(m_alice, 100, &count);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY_WITH_TIMEOUT(m_alice->statusIsError() && m_alice->statusText().contains(QLatin1String("500")),
                                 15000);
        QVERIFY(m_alice->statusText().contains(QLatin1String("stays recorded")));
        QCOMPARE(scalar("SELECT count(*) FROM blasts"), intentsBefore + 1);
        QCOMPARE(scalar("SELECT count(*) FROM hubsim_sent_blasts"), sendsBefore);
        QTRY_VERIFY_WITH_TIMEOUT(m_alice->retryButton()->isVisible() && m_alice->retryButton()->isEnabled(), 10000);
        QVERIFY(m_window->grab().save(outputDir() + QStringLiteral("/actions-error.png")));
        m_alice->retryButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(m_alice->blasts()->record(m_alice->currentBlast())->status == QLatin1String("sent"),
                                 30000);
        QCOMPARE(scalar("SELECT count(*) FROM hubsim_sent_blasts"), sendsBefore + 1);
    }

    void flipShowsProgressAndFlipsBack()
    {
        QTRY_VERIFY_WITH_TIMEOUT(m_alice->flipStaticButton()->isEnabled(), 15000);
        QVERIFY(!m_alice->flipDynamicButton()->isEnabled());
        QSignalSpy progress(m_alice->flipper(), &SiteFlipper::progress);
        m_alice->flipStaticButton()->click();
        auto *d = dialogOf<ConfirmActionDialog>(m_alice);
        QVERIFY(d);
        QVERIFY(d->explanation().contains(QLatin1String("approved upcoming event")));
        d->accept();
        QTRY_VERIFY_WITH_TIMEOUT(progress.size() >= 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_alice->statusText().contains(QLatin1String("static page")) && !m_alice->flipper()->isBusy(), 60000);
        QVERIFY(!m_alice->statusIsError());
        QCOMPARE(progress.size(), SiteFlipper::kStaticSteps);
        QCOMPARE(m_alice->flipProgress()->maximum(), SiteFlipper::kStaticSteps);
        QVERIFY(!m_alice->flipProgress()->isVisible()); // only while flipping
        QTRY_VERIFY_WITH_TIMEOUT(m_alice->flipDynamicButton()->isEnabled(), 10000);
        // The other console learns of it through the database.
        QTRY_VERIFY_WITH_TIMEOUT(m_bob->flipDynamicButton()->isEnabled(), 20000);
        QVERIFY(m_window->grab().save(outputDir() + QStringLiteral("/actions-panel.png")));

        m_alice->flipDynamicButton()->click();
        d = dialogOf<ConfirmActionDialog>(m_alice);
        QVERIFY(d);
        d->accept();
        QTRY_VERIFY_WITH_TIMEOUT(m_alice->statusText().contains(QLatin1String("dynamic again")), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(m_alice->flipStaticButton()->isEnabled(), 10000);
    }
};

QTEST_MAIN(TestActionsPanel)
#include "tst_actionspanel.moc"

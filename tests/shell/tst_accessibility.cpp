// Issue 16: the console for someone who uses a screen reader or only the
// keyboard. On the real simulator and a private PostgreSQL (the --demo path,
// so the actions are enabled as an operator sees them), every interactive
// control of every visible window, in every workspace and in the dialogs the
// panels open, has an accessible name: its own, a buddy label's or its text.
// The map's QML items say what they are. Tab moves through each panel in
// reading order.
#include "AccessibilityAudit.h"
#include "ActionsPanel.h"
#include "BlastDialog.h"
#include "ConfirmActionDialog.h"
#include "ConflictDialog.h"
#include "ConnectionDialog.h"
#include "ConsoleSession.h"
#include "DemoConsole.h"
#include "LiveSource.h"
#include "MainWindow.h"
#include "MapPanel.h"
#include "PrivateSettings.h"
#include "RejectDialog.h"
#include "ReviewPanel.h"
#include "WallboardWindow.h"
#include "WorkspaceController.h"

#include <QAccessible>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QDockWidget>
#include <QPushButton>
#include <QQuickItem>
#include <QQuickWidget>
#include <QTableView>
#include <QTest>

using namespace oc;
using namespace oc::test;
using Workspace = WorkspaceController::Workspace;

class TestAccessibility : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        PrivateSettings::use(QStringLiteral("tst_accessibility"));
        DemoEnvironment::Options o;
        o.events = 200;
        o.supporters = 1000;
        o.seedRsvps = 1000;
        o.extraArgs << QStringLiteral("--wait-for-launch");
        QString err;
        QVERIFY2(m_demo.start(o, &err), qPrintable(err));
    }

    void cleanupTestCase() { PrivateSettings::remove(); }

    // The audit itself must catch what it is meant to catch.
    void auditFindsAnUnnamedControl()
    {
        QWidget w;
        auto *named = new QPushButton(QStringLiteral("&Send"), &w);
        auto *bare = new QLineEdit(&w);
        bare->setObjectName(QStringLiteral("bare"));
        bare->setToolTip(QStringLiteral("a tooltip is not a name"));
        bare->setPlaceholderText(QStringLiteral("nor is a placeholder"));
        auto *combo = new QComboBox(&w);
        combo->addItem(QStringLiteral("its current item is not a name either"));
        named->setGeometry(0, 0, 80, 30);
        bare->setGeometry(0, 40, 80, 30);
        combo->setGeometry(0, 80, 80, 30);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QStringList unnamed = AccessibilityAudit::unnamedControls(&w);
        QCOMPARE(unnamed.size(), 2);
        QVERIFY(unnamed.first().contains(QStringLiteral("QLineEdit \"bare\"")));
        bare->setAccessibleName(QStringLiteral("Name"));
        auto *label = new QLabel(QStringLiteral("&Pick"), &w);
        label->setBuddy(combo);
        QVERIFY2(AccessibilityAudit::unnamedControls(&w).isEmpty(),
                 qPrintable(AccessibilityAudit::unnamedControls(&w).join(QLatin1Char('\n'))));
        // Tab from the button at the top to the field below it is reading
        // order; the other way round is not.
        QVERIFY(AccessibilityAudit::tabOrderProblems(&w).isEmpty());
        QWidget::setTabOrder(bare, named);
        QWidget::setTabOrder(named, combo);
        QVERIFY(!AccessibilityAudit::tabOrderProblems(&w).isEmpty());
    }

    void everyWorkspaceNamesItsControls()
    {
        auto [session, w] = m_demo.openMainWindow();
        ActionsPanel *a = w->actionsPanel();
        QTRY_VERIFY_WITH_TIMEOUT(a->blastButton()->isEnabled(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(w->reviewPanel()->queueView()->model()->rowCount() > 0, 20000);
        for (Workspace ws : WorkspaceController::all()) {
            w->showWorkspace(ws);
            QCoreApplication::processEvents();
            checkWindow(w.get(), WorkspaceController::key(ws));
        }
        // Every dock on its own, also those no workspace shows by default.
        for (QDockWidget *d : w->findChildren<QDockWidget *>()) {
            w->showWorkspace(Workspace::Leadership);
            d->show();
            d->raise();
            QCoreApplication::processEvents();
            checkWindow(w.get(), d->objectName());
            checkTabOrder(d->widget(), d->objectName());
        }
        checkTabOrder(w->map(), QStringLiteral("map"));
    }

    void theMapSaysWhatItIs()
    {
        auto [session, w] = m_demo.openMainWindow();
        w->showWorkspace(Workspace::Leadership);
        QQuickWidget *quick = w->map()->quickWidget();
        QTRY_VERIFY_WITH_TIMEOUT(w->map()->mapItem() != nullptr, 20000);
        QVERIFY(!AccessibilityAudit::nameOf(quick).isEmpty());
        // The items a pointer can act on, and the overlays that explain the
        // map, each with a role and a name (QML's Accessible attached type).
        const struct
        {
            const char *objectName;
            QAccessible::Role role;
        } items[] = {{"eventMap", QAccessible::Graphic},
                     {"markerLayer", QAccessible::Graphic},
                     {"selectionHighlight", QAccessible::Indicator},
                     {"legend", QAccessible::List}};
        QQuickItem *root = quick->rootObject();
        QVERIFY(root);
        for (const auto &item : items) {
            auto *q = root->findChild<QQuickItem *>(QLatin1String(item.objectName));
            QVERIFY2(q, item.objectName);
            QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(q);
            QVERIFY2(iface, item.objectName);
            QVERIFY2(!iface->text(QAccessible::Name).isEmpty(), item.objectName);
            QCOMPARE(iface->role(), item.role);
        }
        auto *markers = root->findChild<QQuickItem *>(QStringLiteral("markerLayer"));
        QVERIFY(!QAccessible::queryAccessibleInterface(markers)->text(QAccessible::Description).isEmpty());
    }

    void dialogsNameTheirControls()
    {
        auto [session, w] = m_demo.openMainWindow();
        w->showWorkspace(Workspace::RapidResponse);
        ActionsPanel *a = w->actionsPanel();
        QTRY_VERIFY_WITH_TIMEOUT(a->blastButton()->isEnabled() && a->flipStaticButton()->isEnabled(), 30000);

        QTest::mouseClick(a->blastButton(), Qt::LeftButton);
        QTRY_VERIFY(a->openDialog() && a->openDialog()->isVisible());
        QVERIFY(qobject_cast<BlastDialog *>(a->openDialog()));
        checkWindow(a->openDialog(), QStringLiteral("blast dialog"));
        checkTabOrder(a->openDialog(), QStringLiteral("blast dialog"));
        a->openDialog()->reject();

        QTest::mouseClick(a->flipStaticButton(), Qt::LeftButton);
        QTRY_VERIFY(a->openDialog() && a->openDialog()->isVisible());
        checkWindow(a->openDialog(), QStringLiteral("flip confirmation"));
        a->openDialog()->reject();

        ConfirmActionDialog decline(QStringLiteral("Decline blast"), QStringLiteral("Decline blast #1?"),
                                    QStringLiteral("Why"), QStringLiteral("Decline"), w.get());
        decline.addReasonField(QStringLiteral("Reason (shown to the requester)"));
        decline.show();
        checkWindow(&decline, QStringLiteral("decline confirmation"));
        checkTabOrder(&decline, QStringLiteral("decline confirmation"));

        RejectDialog reject(QStringLiteral("A town hall"), w.get());
        reject.show();
        checkWindow(&reject, QStringLiteral("reject dialog"));

        ReviewConflict c;
        c.targetType = QStringLiteral("event");
        c.targetId = 1;
        c.targetTitle = QStringLiteral("A town hall");
        c.action = QStringLiteral("review.approve");
        ConflictDialog conflict({c, c}, true, w.get());
        conflict.show();
        checkWindow(&conflict, QStringLiteral("conflict dialog"));

        ConnectionDialog connection;
        connection.show();
        QVERIFY(QTest::qWaitForWindowExposed(&connection));
        checkWindow(&connection, QStringLiteral("connection dialog"));
        checkTabOrder(&connection, QStringLiteral("connection dialog"));
    }

    void wallboardNamesItsControls()
    {
        auto [session, w] = m_demo.openWallboard();
        QTRY_VERIFY_WITH_TIMEOUT(session->feed()->hasSnapshot(), 30000);
        QCoreApplication::processEvents();
        checkWindow(w.get(), QStringLiteral("wallboard"));
    }

private:
    // Every visible control of `window` and of any other visible top-level
    // window (a dialog, a floating dock) has a name.
    void checkWindow(QWidget *window, const QString &where)
    {
        QStringList unnamed = AccessibilityAudit::unnamedControls(window);
        qsizetype checked = AccessibilityAudit::controls(window).size();
        for (QWidget *top : QApplication::topLevelWidgets())
            if (top != window && top->isVisible() && !top->inherits("QMenu")) {
                unnamed << AccessibilityAudit::unnamedControls(top);
                checked += AccessibilityAudit::controls(top).size();
            }
        unnamed.removeDuplicates();
        qInfo("%s: %lld controls", qPrintable(where), qlonglong(checked));
        // Something to check: an empty window would pass any audit.
        QVERIFY2(checked > 0, qPrintable(where));
        QVERIFY2(unnamed.isEmpty(),
                 qPrintable(QStringLiteral("%1: %2 control(s) without an accessible name:\n  %3")
                                .arg(where)
                                .arg(unnamed.size())
                                .arg(unnamed.join(QStringLiteral("\n  ")))));
    }

    void checkTabOrder(QWidget *panel, const QString &where)
    {
        // A panel with controls can be reached by keyboard (the leadership
        // tiles are only read).
        if (!AccessibilityAudit::controls(panel).isEmpty())
            QVERIFY2(!AccessibilityAudit::tabStops(panel).isEmpty(),
                     qPrintable(where + QStringLiteral(": controls but no Tab stop")));
        const QStringList problems = AccessibilityAudit::tabOrderProblems(panel);
        QVERIFY2(problems.isEmpty(),
                 qPrintable(QStringLiteral("%1: Tab goes against the reading order:\n  %2")
                                .arg(where, problems.join(QStringLiteral("\n  ")))));
    }

    DemoConsole m_demo;
};

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"

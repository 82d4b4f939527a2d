// Which workspace opens and where the window goes (issue 17), without
// widgets or a database.
#include "WindowPlacement.h"
#include "WorkspaceController.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace oc;
using Workspace = WorkspaceController::Workspace;

class TestWorkspace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("OrganizerConsoleTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_workspace"));
    }
    void init() { QSettings().clear(); }

    void keysRoundTrip()
    {
        for (Workspace w : WorkspaceController::all()) {
            QCOMPARE(WorkspaceController::fromKey(WorkspaceController::key(w)), w);
            QVERIFY(!WorkspaceController::title(w).isEmpty());
        }
        QVERIFY(!WorkspaceController::fromKey(QStringLiteral("nonsense")));
    }

    void firstStartFollowsTheRole_data()
    {
        QTest::addColumn<ActionPermissions::Role>("role");
        QTest::addColumn<Workspace>("expected");
        QTest::newRow("operator") << ActionPermissions::Role::Operator << Workspace::RapidResponse;
        QTest::newRow("trainer") << ActionPermissions::Role::Trainer << Workspace::ReviewDesk;
        QTest::newRow("viewer") << ActionPermissions::Role::Viewer << Workspace::Leadership;
        QTest::newRow("no role") << ActionPermissions::Role::None << Workspace::Leadership;
    }
    void firstStartFollowsTheRole()
    {
        QFETCH(ActionPermissions::Role, role);
        QFETCH(Workspace, expected);
        WorkspaceController c;
        QVERIFY(!c.isChosen());
        c.adoptRole(ActionPermissions::Role::Unknown); // not known yet: nothing happens
        QVERIFY(!c.isChosen());
        c.adoptRole(role);
        QVERIFY(c.isChosen());
        QCOMPARE(c.current(), expected);
        // Remembered for the next start.
        WorkspaceController again;
        QVERIFY(again.isChosen());
        QCOMPARE(again.current(), expected);
    }

    void aChoiceWinsOverTheRole()
    {
        WorkspaceController c;
        QSignalSpy changed(&c, &WorkspaceController::currentChanged);
        c.setCurrent(Workspace::HostTraining);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(1).value<Workspace>(), Workspace::RapidResponse); // previous
        c.adoptRole(ActionPermissions::Role::Viewer);
        QCOMPARE(c.current(), Workspace::HostTraining);
        QCOMPARE(changed.size(), 1);
        c.setCurrent(Workspace::HostTraining); // no change, no signal
        QCOMPARE(changed.size(), 1);
    }

    void layoutsPerWorkspace()
    {
        WorkspaceController c;
        c.storeLayout(Workspace::ReviewDesk, QByteArray("review"));
        c.storeLayout(Workspace::Leadership, QByteArray("board"));
        WorkspaceController again;
        QCOMPARE(again.layout(Workspace::ReviewDesk), QByteArray("review"));
        QCOMPARE(again.layout(Workspace::Leadership), QByteArray("board"));
        QVERIFY(again.layout(Workspace::RapidResponse).isEmpty());
        QSignalSpy reset(&again, &WorkspaceController::layoutReset);
        again.resetLayout(Workspace::ReviewDesk);
        QCOMPARE(reset.size(), 1);
        QVERIFY(again.layout(Workspace::ReviewDesk).isEmpty());
        QCOMPARE(again.layout(Workspace::Leadership), QByteArray("board"));
    }

    void unknownStoredWorkspaceFallsBack()
    {
        QSettings().setValue(QStringLiteral("workspaces/current"), QStringLiteral("from-a-newer-version"));
        WorkspaceController c;
        QVERIFY(!c.isChosen());
        QCOMPARE(c.current(), Workspace::RapidResponse);
    }

    void placement_data()
    {
        QTest::addColumn<QRect>("saved");
        QTest::addColumn<QRect>("available");
        QTest::addColumn<QRect>("expected");
        // The window manager's title bar is 30 px (see placement()).
        // Laptop with a panel at the top: 1366x740 from y=28.
        const QRect laptop(0, 28, 1366, 740);
        QTest::newRow("first start on a laptop: preferred size shrunk, centred")
            << QRect() << laptop << QRect(0, 58, 1366, 710);
        QTest::newRow("saved geometry that fits is kept")
            << QRect(100, 100, 1000, 600) << laptop << QRect(100, 100, 1000, 600);
        QTest::newRow("saved on a 1080p monitor: too big for the laptop")
            << QRect(0, 30, 1900, 1040) << laptop << QRect(0, 58, 1366, 710);
        QTest::newRow("fits in size but not where it was: keeps its size")
            << QRect(2000, 100, 1000, 600) << laptop << QRect(183, 113, 1000, 600);
        QTest::newRow("big screen, first start: preferred size centred")
            << QRect() << QRect(0, 0, 1920, 1080) << QRect(260, 105, 1400, 900);
    }
    void placement()
    {
        QFETCH(QRect, saved);
        QFETCH(QRect, available);
        QFETCH(QRect, expected);
        const QMargins frame(0, 30, 0, 0);
        const QRect r = WindowPlacement::place(saved, available, QSize(1400, 900), frame);
        QCOMPARE(r, expected);
        QVERIFY(WindowPlacement::fits(r, available, frame));
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"

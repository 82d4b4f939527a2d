// The main window on the screens staff actually have (issue 17): three
// offscreen screens, 1280x720, 1366x768 and 1920x1080 logical pixels, at the
// scale factor OC_TEST_DPR (the test runs once at 1 and once at 2). Against
// the real simulator and a private PostgreSQL, so the action buttons are
// enabled as a real operator would see them.
#include "ActionsPanel.h"
#include "ConsoleSession.h"
#include "DemoConsole.h"
#include "HubFeed.h"
#include "MainWindow.h"
#include "MapPanel.h"
#include "PgSession.h"
#include "PrivateSettings.h"
#include "ReviewPanel.h"
#include "ReviewQueueFilter.h"
#include "WindowCapture.h"
#include "WorkspaceController.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QDockWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace oc;
using namespace oc::test;
using Workspace = WorkspaceController::Workspace;

namespace {

struct ScreenSpec
{
    const char *name;
    int width;
    int height;
};
constexpr ScreenSpec kScreens[] = {{"hd720", 1280, 720}, {"laptop", 1366, 768}, {"fullhd", 1920, 1080}};

double testDpr()
{
    const double d = qEnvironmentVariable("OC_TEST_DPR", QStringLiteral("1")).toDouble();
    return d > 0 ? d : 1.0;
}

// The offscreen platform's screens, side by side, as X11 reports them:
// geometry in device pixels and the scale in the logical DPI (Xft.dpi), from
// which Qt derives the scale factor.
QByteArray screenConfig(double dpr)
{
    QJsonArray screens;
    int x = 0;
    for (const ScreenSpec &s : kScreens) {
        const int w = int(s.width * dpr), h = int(s.height * dpr);
        screens.append(QJsonObject {{"name", s.name},
                                    {"x", x},
                                    {"y", 0},
                                    {"width", w},
                                    {"height", h},
                                    {"logicalDpi", int(96 * dpr)},
                                    {"logicalBaseDpi", 96}});
        x += w;
    }
    return QJsonDocument(QJsonObject {{"screens", screens}}).toJson();
}

QScreen *screenNamed(const QString &name)
{
    for (QScreen *s : QGuiApplication::screens())
        if (s->name() == name)
            return s;
    return nullptr;
}

// Whole rectangle shown: visible, inside every ancestor up to the window
// (a scroll area's viewport clips), and the window inside the screen.
QString notFullyShown(QWidget *w, QMainWindow *window)
{
    if (!w->isVisible())
        return QStringLiteral("%1 is not visible").arg(w->objectName() + w->accessibleName());
    for (QWidget *p = w->parentWidget(); p; p = p->parentWidget()) {
        const QRect inP(w->mapTo(p, QPoint(0, 0)), w->size());
        if (!p->rect().contains(inP))
            return QStringLiteral("%1 (%2,%3 %4x%5 in %6) is cut by %7 (%8x%9)")
                .arg(w->accessibleName())
                .arg(inP.x())
                .arg(inP.y())
                .arg(inP.width())
                .arg(inP.height())
                .arg(QString::fromLatin1(p->metaObject()->className()))
                .arg(p->objectName())
                .arg(p->width())
                .arg(p->height());
        if (p == window)
            break;
    }
    const QRect onScreen(w->mapToGlobal(QPoint(0, 0)), w->size());
    if (!window->screen()->availableGeometry().contains(onScreen))
        return QStringLiteral("%1 is off the screen").arg(w->accessibleName());
    return {};
}

QToolButton *buttonForAction(QWidget *panel, const QString &textStart)
{
    for (QToolButton *b : panel->findChildren<QToolButton *>())
        if (b->defaultAction() && b->defaultAction()->text().startsWith(textStart))
            return b;
    return nullptr;
}

// What holds the window's minimum size up, for the failure message.
QString minimumSizes(QMainWindow *w)
{
    QStringList parts {
        QStringLiteral("window %1x%2").arg(w->minimumSizeHint().width()).arg(w->minimumSizeHint().height())};
    for (QDockWidget *d : w->findChildren<QDockWidget *>())
        if (d->isVisible())
            parts << QStringLiteral("%1 %2x%3")
                         .arg(d->objectName())
                         .arg(d->minimumSizeHint().width())
                         .arg(d->minimumSizeHint().height());
    if (QWidget *c = w->centralWidget(); c && c->isVisible())
        parts << QStringLiteral("central %1x%2").arg(c->minimumSizeHint().width()).arg(c->minimumSizeHint().height());
    parts << QStringLiteral("status bar %1x%2")
                 .arg(w->statusBar()->minimumSizeHint().width())
                 .arg(w->statusBar()->minimumSizeHint().height());
    return parts.join(QStringLiteral(", "));
}

} // namespace

class TestScreenFit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // Its own settings file: the runs at scale 1 and 2 go in parallel.
        PrivateSettings::use(QStringLiteral("tst_screenfit"));
        QCOMPARE(QGuiApplication::screens().size(), 3);
        DemoEnvironment::Options o;
        o.events = 300;
        o.supporters = 2000;
        o.seedRsvps = 3000;
        // The campaign stays a draft, so "Launch" is enabled for an operator.
        o.extraArgs << QStringLiteral("--wait-for-launch");
        QString err;
        QVERIFY2(m_demo.start(o, &err), qPrintable(err));
    }

    void init() { QSettings().clear(); }
    void cleanupTestCase() { PrivateSettings::remove(); }

    void fitsEveryScreen_data()
    {
        QTest::addColumn<QString>("screen");
        for (const ScreenSpec &s : kScreens)
            QTest::newRow(s.name) << QString::fromLatin1(s.name);
    }

    void fitsEveryScreen()
    {
        QFETCH(QString, screen);
        QScreen *scr = screenNamed(screen);
        QVERIFY(scr);
        QCOMPARE(scr->devicePixelRatio(), testDpr());
        const QRect avail = scr->availableGeometry();
        auto [session, w] = m_demo.openMainWindow(scr);

        for (Workspace ws : WorkspaceController::all()) {
            w->showWorkspace(ws);
            QVERIFY2(w->minimumSizeHint().width() <= 1280 && w->minimumSizeHint().height() <= 720,
                     qPrintable(WorkspaceController::key(ws) + QStringLiteral(": ") + minimumSizes(w.get())));
        }
        QVERIFY2(avail.contains(w->frameGeometry()),
                 qPrintable(QStringLiteral("window %1,%2 %3x%4 on a %5x%6 screen")
                                .arg(w->frameGeometry().x())
                                .arg(w->frameGeometry().y())
                                .arg(w->frameGeometry().width())
                                .arg(w->frameGeometry().height())
                                .arg(avail.width())
                                .arg(avail.height())));

        // Rapid response: launch, flip and blast whole and enabled for an
        // operator (the flip back is shown, disabled while the site is live).
        w->showWorkspace(Workspace::RapidResponse);
        ActionsPanel *a = w->actionsPanel();
        QTRY_VERIFY_WITH_TIMEOUT(a->blastButton()->isEnabled(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(a->launchButton()->isEnabled(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(a->flipStaticButton()->isEnabled(), 10000);
        QVERIFY(!a->flipDynamicButton()->isEnabled());
        for (QWidget *b : {static_cast<QWidget *>(a->launchButton()), static_cast<QWidget *>(a->flipStaticButton()),
                           static_cast<QWidget *>(a->flipDynamicButton()), static_cast<QWidget *>(a->blastButton())}) {
            const QString why = notFullyShown(b, w.get());
            QVERIFY2(why.isEmpty(), qPrintable(why));
        }
        checkStatusBar(w.get());
        if (screen == QLatin1String("laptop"))
            shoot(w.get(), Workspace::RapidResponse);

        // Review desk: the decisions on the selected event are whole and,
        // once an event is selected, enabled.
        w->showWorkspace(Workspace::ReviewDesk);
        ReviewPanel *r = w->reviewPanel();
        QTRY_VERIFY_WITH_TIMEOUT(r->queueView()->model()->rowCount() > 0, 20000);
        r->queueView()->setFocus();
        r->queueView()->selectRow(0);
        QToolButton *approve = buttonForAction(r, QStringLiteral("Approve [A]"));
        QToolButton *reject = buttonForAction(r, QStringLiteral("Reject"));
        QToolButton *claim = buttonForAction(r, QStringLiteral("Claim [C]"));
        QVERIFY(approve && reject && claim);
        QTRY_VERIFY_WITH_TIMEOUT(approve->isEnabled() && reject->isEnabled(), 10000);
        for (QWidget *b :
             {static_cast<QWidget *>(approve), static_cast<QWidget *>(reject), static_cast<QWidget *>(claim)}) {
            const QString why = notFullyShown(b, w.get());
            QVERIFY2(why.isEmpty(), qPrintable(why));
        }
        QVERIFY(w->map()->isVisible()); // the map of the selection
        checkStatusBar(w.get());
        if (screen == QLatin1String("laptop"))
            shoot(w.get(), Workspace::ReviewDesk);

        for (Workspace ws : {Workspace::HostTraining, Workspace::Leadership}) {
            w->showWorkspace(ws);
            QVERIFY(avail.contains(w->frameGeometry()));
            QVERIFY(
                w->dock(ws == Workspace::HostTraining ? QStringLiteral("hostsDock") : QStringLiteral("leadershipDock"))
                    ->isVisible());
            QVERIFY(!w->dock(QStringLiteral("actionsDock"))->isVisible());
            checkStatusBar(w.get());
            if (screen == QLatin1String("laptop"))
                shoot(w.get(), ws);
        }
    }

    // Each workspace keeps what the user made of it across a restart; the
    // last workspace is the one that opens.
    void workspacesSurviveARestart()
    {
        QScreen *scr = screenNamed(QStringLiteral("fullhd"));
        {
            auto [session, w] = m_demo.openMainWindow(scr);
            w->showWorkspace(Workspace::ReviewDesk);
            QVERIFY(!w->dock(QStringLiteral("eventsDock"))->isVisible());
            w->dock(QStringLiteral("eventsDock"))->show(); // the user adds the events table
            w->showWorkspace(Workspace::Leadership);
            QVERIFY(!w->dock(QStringLiteral("eventsDock"))->isVisible());
            w->showWorkspace(Workspace::ReviewDesk);
            QVERIFY(w->dock(QStringLiteral("eventsDock"))->isVisible());
            w->dock(QStringLiteral("trafficDock"))->show();
            w->close();
        }
        auto [session, w] = m_demo.openMainWindow(scr);
        QCOMPARE(w->workspaces()->current(), Workspace::ReviewDesk);
        QVERIFY(w->dock(QStringLiteral("reviewDock"))->isVisible());
        QVERIFY(w->dock(QStringLiteral("eventsDock"))->isVisible());
        QVERIFY(w->dock(QStringLiteral("trafficDock"))->isVisible());
        QVERIFY(!w->dock(QStringLiteral("actionsDock"))->isVisible());
        // Reset brings back the default arrangement.
        w->resetWorkspace();
        QVERIFY(!w->dock(QStringLiteral("eventsDock"))->isVisible());
        QVERIFY(w->dock(QStringLiteral("reviewDock"))->isVisible());
        // The shortcut of each workspace switches to it.
        QAction *leadership = w->findChild<QAction *>(QStringLiteral("workspace-leadership"));
        QVERIFY(leadership);
        QCOMPARE(leadership->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_4));
        leadership->trigger();
        QCOMPARE(w->workspaces()->current(), Workspace::Leadership);
        QVERIFY(w->dock(QStringLiteral("leadershipDock"))->isVisible());
    }

    // A layout left on a big monitor, reopened on a 1280x720 laptop: the
    // window shrinks to the screen and the actions stay whole.
    void aBigScreenLayoutFitsASmallOne()
    {
        {
            auto [session, w] = m_demo.openMainWindow(screenNamed(QStringLiteral("fullhd")));
            w->showWorkspace(Workspace::RapidResponse);
            QDockWidget *totals = w->dock(QStringLiteral("totalsDock"));
            QDockWidget *traffic = w->dock(QStringLiteral("trafficDock"));
            w->resizeDocks({totals, traffic}, {900, 600}, Qt::Vertical);
            w->resizeDocks({totals}, {900}, Qt::Horizontal);
            w->close();
        }
        // The big monitor is gone (the laptop left the desk): its window
        // geometry means nothing here (WindowPlacement's unit test covers a
        // saved geometry too big for the screen); the dock layout remains.
        QSettings().remove(QStringLiteral("window/geometry"));
        QVERIFY(!QSettings().value(QStringLiteral("workspaces/rapid-response/layout")).toByteArray().isEmpty());
        QScreen *small = screenNamed(QStringLiteral("hd720"));
        auto [session, w] = m_demo.openMainWindow(small);
        QCOMPARE(w->screen(), small);
        QVERIFY(small->availableGeometry().contains(w->frameGeometry()));
        ActionsPanel *a = w->actionsPanel();
        for (QWidget *b : {static_cast<QWidget *>(a->launchButton()), static_cast<QWidget *>(a->flipStaticButton()),
                           static_cast<QWidget *>(a->blastButton())}) {
            const QString why = notFullyShown(b, w.get());
            QVERIFY2(why.isEmpty(), qPrintable(why));
        }
        checkStatusBar(w.get());
    }

    // A blast waiting for a second operator shows in every workspace, and
    // one click goes to the panel where it is decided.
    void waitingWorkIsNeverHidden()
    {
        auto [session, w] = m_demo.openMainWindow(screenNamed(QStringLiteral("laptop")));
        w->showWorkspace(Workspace::HostTraining);
        QVERIFY(!w->dock(QStringLiteral("actionsDock"))->isVisible());
        QVERIFY(!w->attentionBadge()->isVisible());
        PgSession admin(m_demo.demo().conninfo());
        admin.execScript("UPDATE blast_policy SET approval_threshold = 100");
        admin.execScript("INSERT INTO blasts (idempotency_key, campaign_id, channel, audience, audience_size, message, "
                         "requested_by, status) SELECT gen_random_uuid(), id, 'sms', '{}', 500, 'go', 'alice', "
                         "'pending_approval' FROM campaigns LIMIT 1");
        QTRY_VERIFY_WITH_TIMEOUT(w->attentionBadge()->isVisible(), 30000);
        QVERIFY2(w->attentionBadge()->text().contains(QStringLiteral("1 blast")),
                 qPrintable(w->attentionBadge()->text()));
        const QString badgeCut = notFullyShown(w->attentionBadge(), w.get());
        QVERIFY2(badgeCut.isEmpty(), qPrintable(badgeCut));
        QCOMPARE(w->workspaces()->current(), Workspace::HostTraining); // nobody is yanked away
        QTest::mouseClick(w->attentionBadge(), Qt::LeftButton);
        QCOMPARE(w->workspaces()->current(), Workspace::RapidResponse);
        QVERIFY(w->dock(QStringLiteral("actionsDock"))->isVisible());
        QTRY_COMPARE(w->actionsPanel()->approvalsView()->model()->rowCount(), 1);
        admin.execScript("DELETE FROM blasts WHERE status = 'pending_approval'");
        QTRY_VERIFY_WITH_TIMEOUT(!w->attentionBadge()->isVisible(), 30000);
    }

    // The first start follows the database role: the demo connects as an
    // operator, so rapid response.
    void firstStartFollowsTheRole()
    {
        auto [session, w] = m_demo.openMainWindow(screenNamed(QStringLiteral("laptop")));
        QTRY_COMPARE_WITH_TIMEOUT(w->actionsPanel()->permissions()->role(), ActionPermissions::Role::Operator, 20000);
        QVERIFY(w->workspaces()->isChosen());
        QCOMPARE(w->workspaces()->current(), Workspace::RapidResponse);
        QVERIFY(w->dock(QStringLiteral("actionsDock"))->isVisible());
    }

private:
    void checkStatusBar(QMainWindow *w)
    {
        QStatusBar *bar = w->statusBar();
        QVERIFY(bar->isVisible());
        QVERIFY(w->rect().contains(QRect(bar->mapTo(w, QPoint(0, 0)), bar->size())));
        const QRect onScreen(bar->mapToGlobal(QPoint(0, 0)), bar->size());
        QVERIFY(w->screen()->availableGeometry().contains(onScreen));
    }

    void shoot(QMainWindow *w, Workspace ws)
    {
        QApplication::processEvents();
        const QString dir =
            qEnvironmentVariable("OC_TEST_OUTPUT_DIR", QDir::tempPath()) + QStringLiteral("/workspaces");
        QDir().mkpath(dir);
        const QString path =
            QStringLiteral("%1/%2-1366x768@%3x.png").arg(dir, WorkspaceController::key(ws)).arg(testDpr());
        QVERIFY(WindowCapture::capture(w).save(path));
    }

    DemoConsole m_demo;
};

int main(int argc, char **argv)
{
    // The screens must exist before QApplication: write the offscreen
    // platform's configuration for this run's scale factor.
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("screens.json"));
    QFile f(config);
    if (!f.open(QIODevice::WriteOnly) || f.write(screenConfig(testDpr())) < 0)
        return 1;
    f.close();
    qputenv("QT_QPA_PLATFORM", QByteArray("offscreen:configfile=") + QFile::encodeName(config));
    QApplication app(argc, argv);
    TestScreenFit t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_screenfit.moc"

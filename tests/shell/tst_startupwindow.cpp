// `--demo` start-up feedback (issue 16): the StartupWindow is on screen
// before the demo's first data is in, shows the steps in order as they
// happen while the UI thread stays free (DemoLauncher runs the blocking
// start elsewhere), and a failing step keeps it open with the message and a
// Quit button. The real private PostgreSQL and organizer-hubsim.
#include "DemoLauncher.h"
#include "StartupWindow.h"

#include <QApplication>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace oc;

class TestStartupWindow : public QObject
{
    Q_OBJECT

    static DemoEnvironment::Options smallDemo()
    {
        DemoEnvironment::Options o;
        o.events = 300;
        o.supporters = 500;
        o.seedRsvps = 500;
        return o;
    }

private Q_SLOTS:
    void showsTheStepsInOrderWhileTheyRun()
    {
        DemoLauncher launcher;
        StartupWindow window(launcher.progress());
        // (step, state) in the order the window saw them.
        QList<std::pair<int, DemoProgress::State>> seen;
        connect(launcher.progress(), &DemoProgress::stepChanged, this,
                [&](int step) { seen.append({step, launcher.progress()->state(DemoProgress::Step(step))}); });
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy ready(&launcher, &DemoLauncher::ready);
        QSignalSpy failed(&launcher, &DemoLauncher::failed);
        launcher.start(smallDemo());
        // start() returned at once: the window is up and nothing is done yet.
        QVERIFY(window.isVisible());
        QCOMPARE(launcher.progress()->state(DemoProgress::Step::FirstData), DemoProgress::State::Pending);

        // The UI thread keeps turning while the demo starts: a timer started
        // after start() ticks before ready() arrives (with a blocking start
        // ready() would be first in the queue).
        int ticks = 0, ticksAtReady = -1;
        QTimer heartbeat;
        connect(&heartbeat, &QTimer::timeout, this, [&] { ++ticks; });
        connect(&launcher, &DemoLauncher::ready, this, [&] { ticksAtReady = ticks; });
        heartbeat.start(20);

        // The window shows a step running before the first data is done.
        QTRY_VERIFY_WITH_TIMEOUT(
            window.stepText(int(DemoProgress::Step::Database)).contains(QLatin1String("progress")) ||
                launcher.progress()->state(DemoProgress::Step::Database) == DemoProgress::State::Done,
            30000);
        QVERIFY(launcher.progress()->state(DemoProgress::Step::FirstData) != DemoProgress::State::Done);
        QVERIFY(ready.wait(180000));
        QVERIFY(failed.isEmpty());
        heartbeat.stop();
        QVERIFY2(ticksAtReady > 0, qPrintable(QString::number(ticksAtReady)));

        // Each step ran, then finished, in order: database, schema, simulator, first data.
        QList<std::pair<int, DemoProgress::State>> expected;
        for (int i = 0; i < DemoProgress::kSteps; ++i)
            expected << std::pair {i, DemoProgress::State::Running} << std::pair {i, DemoProgress::State::Done};
        QCOMPARE(seen, expected);
        QVERIFY(launcher.progress()->isFinished());
        for (int i = 0; i < DemoProgress::kSteps; ++i) {
            QVERIFY2(window.stepText(i).contains(QLatin1String("done")), qPrintable(window.stepText(i)));
            QVERIFY(window.stepText(i).contains(DemoProgress::label(DemoProgress::Step(i))));
        }
        QVERIFY(window.failureText().isEmpty());
        QVERIFY(!window.findChild<QPushButton *>(QStringLiteral("quit"))->isVisible());
        QVERIFY(!launcher.environment()->conninfo().isEmpty());
        QVERIFY(launcher.environment()->siteUrl().isValid());
        launcher.stop();
    }

    void aFailingStepShowsItsMessageAndQuit()
    {
        DemoLauncher launcher;
        StartupWindow window(launcher.progress());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy failed(&launcher, &DemoLauncher::failed);
        QSignalSpy quit(&window, &StartupWindow::quitRequested);
        DemoEnvironment::Options o = smallDemo();
        o.hubsim = QStringLiteral("/nonexistent/organizer-hubsim"); // the schema step runs it first
        launcher.start(o);
        QVERIFY(failed.wait(120000));
        const QString error = failed.first().at(0).toString();
        QVERIFY2(error.contains(QLatin1String("/nonexistent/organizer-hubsim")), qPrintable(error));

        QCOMPARE(launcher.progress()->state(DemoProgress::Step::Database), DemoProgress::State::Done);
        QCOMPARE(launcher.progress()->state(DemoProgress::Step::Schema), DemoProgress::State::Failed);
        QCOMPARE(launcher.progress()->state(DemoProgress::Step::Simulator), DemoProgress::State::Pending);
        QCOMPARE(launcher.progress()->failure(), error);
        // The window stays, says what went wrong and offers Quit.
        QVERIFY(window.isVisible());
        QVERIFY(window.stepText(int(DemoProgress::Step::Schema)).contains(QLatin1String("failed")));
        QVERIFY2(window.failureText().contains(error), qPrintable(window.failureText()));
        auto *quitButton = window.findChild<QPushButton *>(QStringLiteral("quit"));
        QVERIFY(quitButton && quitButton->isVisible());
        QVERIFY(!quitButton->accessibleName().isEmpty());
        quitButton->click();
        QCOMPARE(quit.size(), 1);
        launcher.stop();
    }
};

QTEST_MAIN(TestStartupWindow)
#include "tst_startupwindow.moc"

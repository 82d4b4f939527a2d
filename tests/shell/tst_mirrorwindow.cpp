// The console on a Mobilize SQL mirror (issue 14): the real simulator writing
// a mirror-shaped database, the real main window reading it through
// MobilizeSource. Live map and totals; everything that would write is off
// and says why.
#include "ActionsPanel.h"
#include "ConsoleSession.h"
#include "DemoEnvironment.h"
#include "HostTrainingPanel.h"
#include "LiveSource.h"
#include "MainWindow.h"
#include "MapController.h"
#include "MapPanel.h"
#include "PgSession.h"
#include "ReviewDeskController.h"
#include "ReviewPanel.h"
#include "StatTile.h"
#include "TotalsPanel.h"
#include "WindowCapture.h"

#include <QAction>
#include <QDialog>
#include <QDir>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace oc;

class TestMirrorWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("OrganizerConsoleTest"));
        QCoreApplication::setApplicationName(
            QStringLiteral("tst_mirrorwindow-%1").arg(QCoreApplication::applicationPid()));
        DemoEnvironment::Options o;
        o.source = DemoEnvironment::Source::Mobilize;
        o.events = 400;
        o.supporters = 2000;
        o.seedRsvps = 4000;
        o.extraArgs << QStringLiteral("--rsvp-rate") << QStringLiteral("30");
        QString err;
        QVERIFY2(m_demo.start(o, &err), qPrintable(err));
    }

    void cleanupTestCase()
    {
        QSettings s;
        s.clear();
        s.sync();
        QFile::remove(s.fileName());
    }

    void liveMapAndTotalsReadOnlyActions()
    {
        ConsoleSession::Config cfg;
        cfg.conninfo = m_demo.conninfo();
        cfg.operatorName = QStringLiteral("tester");
        cfg.source = ConsoleSession::Source::Mobilize;
        ConsoleSession session(cfg);
        QVERIFY(!session.feed()->has(LiveSource::Capability::Writable));
        QVERIFY(!session.feed()->has(LiveSource::Capability::Traffic));
        MainWindow w(&session);
        w.resize(1366, 768);
        w.show();
        QSignalSpy snap(session.feed(), &LiveSource::snapshotLoaded);
        session.start();
        QVERIFY(snap.wait(30000));

        // Totals equal what the mirror's views say, and they move.
        PgSession db(m_demo.conninfo());
        const auto countNow = [&db] {
            return db
                .exec(DbQuery("SELECT count(*) FROM participations p JOIN timeslots t ON t.id = p.timeslot_id "
                              "JOIN events e ON e.id = p.event_id WHERE p.status IS DISTINCT FROM 'CANCELLED' "
                              "AND t.deleted_date IS NULL AND e.deleted_date IS NULL"))
                .toInt64(0, 0);
        };
        QVERIFY(session.feed()->totalRsvps() > 1000);
        const qint64 first = session.feed()->totalRsvps();
        QTRY_VERIFY_WITH_TIMEOUT(session.feed()->totalRsvps() > first, 30000);
        QVERIFY2(std::abs(session.feed()->totalRsvps() - countNow()) < 200,
                 qPrintable(QStringLiteral("console %1, views %2").arg(session.feed()->totalRsvps()).arg(countNow())));
        QTRY_VERIFY_WITH_TIMEOUT(w.totals()->tile(QStringLiteral("rsvps"))->value() != QStringLiteral("—"), 5000);

        // The map: markers, and the events without coordinates listed, not at (0, 0).
        MapController *map = w.map()->controller();
        QTRY_VERIFY_WITH_TIMEOUT(map->unlocatedEvents() > 0, 10000);
        for (const EventRecord &e : session.feed()->events())
            if (!e.hasLocation())
                QVERIFY(!e.latitude && !e.longitude);

        // Actions: all off, and the panel says why.
        ActionsPanel *a = w.actionsPanel();
        for (QPushButton *b : {a->launchButton(), a->flipStaticButton(), a->flipDynamicButton(), a->blastButton()})
            QVERIFY2(!b->isEnabled(), qPrintable(b->text()));
        QVERIFY2(a->statusText().contains(QStringLiteral("read-only")), qPrintable(a->statusText()));

        // Review desk: the queue is there to read; decisions are off with the reason.
        w.showWorkspace(WorkspaceController::Workspace::ReviewDesk);
        ReviewPanel *r = w.reviewPanel();
        QVERIFY(r->desk()->isReadOnly());
        QTRY_VERIFY_WITH_TIMEOUT(r->queueView()->model()->rowCount() > 0, 20000);
        r->queueView()->setFocus();
        r->queueView()->selectRow(0);
        QTRY_VERIFY(r->currentEventId() != 0);
        for (QToolButton *b : r->findChildren<QToolButton *>()) {
            const QString t = b->defaultAction() ? b->defaultAction()->text() : QString();
            if (t.startsWith(QStringLiteral("Approve")) || t.startsWith(QStringLiteral("Reject")) ||
                t.startsWith(QStringLiteral("Claim"))) {
                QVERIFY2(!b->isEnabled(), qPrintable(t));
                QVERIFY(b->defaultAction()->toolTip().contains(QStringLiteral("Mobilize")));
            }
        }
        QVERIFY(!w.hostTrainingPanel()->isEnabled());
        // ...and the way to where decisions are made: the event's page in Mobilize.
        bool openOffered = false;
        for (QToolButton *b : r->findChildren<QToolButton *>())
            if (b->defaultAction() && b->defaultAction()->text().startsWith(QStringLiteral("Open in Mobilize")))
                openOffered = b->isVisible() && b->isEnabled();
        QVERIFY(openOffered);
        QVERIFY(r->currentEvent()->browserUrl.startsWith(QStringLiteral("https://")));

        const QString dir = qEnvironmentVariable("OC_TEST_OUTPUT_DIR", QDir::tempPath());
        w.showWorkspace(WorkspaceController::Workspace::RapidResponse);
        QVERIFY(WindowCapture::capture(&w).save(dir + QStringLiteral("/mirror-window.png")));
    }

private:
    DemoEnvironment m_demo;
};

QTEST_MAIN(TestMirrorWindow)
#include "tst_mirrorwindow.moc"

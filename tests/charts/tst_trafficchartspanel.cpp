#include "HubFeed.h"
#include "PgAsyncConnection.h"
#include "PgSession.h"
#include "TestDatabase.h"
#include "TimeSeriesChart.h"
#include "TrafficChartsPanel.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace oc;
using Metric = TrafficChartsPanel::Metric;
using W = TrafficSeries::Window;

namespace {

constexpr qint64 kMin = 60'000;

// 24 h of 10 s buckets ending now, except a 10-minute collector outage
// 30..20 minutes ago; errors climb in the last 2 minutes; RSVPs over 6 h.
void seedTraffic(PgSession &s)
{
    s.execScript("INSERT INTO traffic_samples (site, bucket, requests, errors_5xx, p95_ms) "
                 "SELECT 'www', to_timestamp(floor(extract(epoch FROM now()) / 10) * 10) - g * interval '10 seconds', "
                 "       400 + (g % 90) * 3 + CASE WHEN g BETWEEN 240 AND 300 THEN 900 ELSE 0 END, "
                 "       CASE WHEN g < 12 THEN 60 ELSE g % 3 END, "
                 "       CASE WHEN g < 12 THEN 2600 ELSE 120 + (g % 40) * 4 END "
                 "FROM generate_series(0, 8639) g WHERE g NOT BETWEEN 120 AND 179");
    s.execScript("INSERT INTO campaigns (slug, title, status) VALUES ('t', 'Test', 'live')");
    s.execScript("INSERT INTO events (campaign_id, title, starts_at) VALUES (1, 'E', now() + interval '1 day')");
    s.execScript("INSERT INTO rsvps (event_id, created_at) "
                 "SELECT 1, now() - g * interval '7 seconds' FROM generate_series(0, 3000) g");
}

void seedAudit(PgSession &s)
{
    s.execScript("INSERT INTO audit_log (at, actor, action, phase, result) VALUES "
                 "(now() - interval '40 minutes 2 seconds', 'dana', 'launch', 'intent', NULL), "
                 "(now() - interval '40 minutes', 'dana', 'launch', 'outcome', 'ok'), "
                 "(now() - interval '12 minutes', 'lee', 'blast', 'intent', NULL), "
                 "(now() - interval '3 hours', 'sam', 'flip_static', 'outcome', 'ok'), "
                 "(now() - interval '2 hours', 'sam', 'campaign_edit', 'outcome', 'ok')");
}

int gapCount(const QList<QPointF> &l)
{
    return int(l.size() - TrafficSeries::valueCount(l));
}

QString outputPath(const QString &name)
{
    QString dir = qEnvironmentVariable("OC_TEST_OUTPUT_DIR");
    if (dir.isEmpty())
        dir = QDir::tempPath();
    return dir + QLatin1Char('/') + name;
}

void saveAndCheck(QWidget *w, const QString &name)
{
    // Let pending layout requests (a chart just shown) run before rendering.
    QCoreApplication::processEvents();
    const QString path = outputPath(name);
    QVERIFY2(w->grab().save(path), qPrintable(path));
    QVERIFY(QFileInfo(path).size() > 0);
    QImage img(path);
    QVERIFY(!img.isNull());
    QCOMPARE(img.size(), w->size() * w->devicePixelRatio());
}

} // namespace

class TestTrafficChartsPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString err;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&err), qPrintable(err));
    }

    void emptyFeedShowsNothingButTheWindow()
    {
        const QString ci = test::TestDatabase::instance().freshDatabase(QStringLiteral("charts_empty"));
        PgAsyncConnection c;
        c.open(ci);
        HubFeed feed(&c);
        feed.setIntervals(100, 300);
        TrafficChartsPanel panel(&feed);
        QVERIFY(panel.dataAgeText().contains(QStringLiteral("waiting")));
        panel.resize(900, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy snap(&feed, &HubFeed::snapshotLoaded);
        feed.start();
        QVERIFY(snap.wait(10000));
        TimeSeriesChart *views = panel.chart(Metric::Views);
        QTRY_VERIFY_WITH_TIMEOUT(panel.dataAgeText().startsWith(QStringLiteral("updated")), 10000);
        QCOMPARE(views->drawnPointCount(0), 0);
        const auto range = views->timeRange();
        QCOMPARE(range.second - range.first, 60 * kMin);
        // RSVPs are rows: an empty table is a known zero once the feed has read it.
        QTRY_VERIFY_WITH_TIMEOUT(panel.chart(Metric::Rsvps)->drawnPointCount(0) > 0, 10000);
        QCOMPARE(views->annotations().size(), 0);
        QCOMPARE(panel.chart(Metric::ErrorRate)->thresholds().size(), 1);
        QCOMPARE(panel.chart(Metric::Latency)->thresholds().first().value, 2000.0);
    }

    void chartsFollowTheFeed()
    {
        auto &db = test::TestDatabase::instance();
        const QString ci = db.freshDatabase(QStringLiteral("charts_panel"));
        PgSession s(ci);
        seedTraffic(s);
        seedAudit(s);

        PgAsyncConnection c;
        c.setBackoff(50, 400);
        c.open(ci);
        HubFeed feed(&c);
        feed.setIntervals(100, 300);
        auto panel = std::make_unique<TrafficChartsPanel>(&feed);
        panel->resize(1280, 800);

        // Hidden, the panel does no chart work.
        QSignalSpy snap(&feed, &HubFeed::snapshotLoaded);
        feed.start();
        QVERIFY(snap.wait(10000));
        const int hiddenRefreshes = panel->refreshCount();
        QSignalSpy ticks(&feed, &HubFeed::updated);
        QTRY_VERIFY_WITH_TIMEOUT(ticks.count() >= 3, 10000);
        QCOMPARE(panel->refreshCount(), hiddenRefreshes);

        panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(panel.get()));
        TimeSeriesChart *views = panel->chart(Metric::Views);
        TimeSeriesChart *errors = panel->chart(Metric::ErrorRate);
        TimeSeriesChart *latency = panel->chart(Metric::Latency);
        QTRY_VERIFY_WITH_TIMEOUT(views->drawnPointCount(0) > 0, 10000);

        // 1 h: per minute, broken once by the outage.
        QCOMPARE(panel->timeWindow(), W::Hour1);
        auto range = views->timeRange();
        QCOMPARE(range.second - range.first, 60 * kMin);
        QVERIFY2(views->drawnPointCount(0) >= 46 && views->drawnPointCount(0) <= 51,
                 qPrintable(QString::number(views->drawnPointCount(0))));
        QCOMPARE(gapCount(views->seriesPoints(0)), 1);
        QCOMPARE(views->drawnPointCount(0), TrafficSeries::valueCount(views->seriesPoints(0)));
        QCOMPARE(errors->drawnPointCount(0), views->drawnPointCount(0));
        // The limit line stays in view even while the rate is far below it.
        QVERIFY(errors->valueRange(TimeSeriesChart::Axis::Left).second >= 5.0);
        QVERIFY(latency->valueRange(TimeSeriesChart::Axis::Left).second >= 2600.0);

        // One marker per operation: the launch's outcome (not its intent),
        // the blast still waiting for its outcome, the flip; no campaign_edit.
        QTRY_COMPARE_WITH_TIMEOUT(views->annotations().size(), 3, 10000);
        int launches = 0;
        for (const auto &a : views->annotations())
            launches += a.label.startsWith(QStringLiteral("Launch"));
        QCOMPARE(launches, 1);
        QCOMPARE(views->visibleAnnotationCount(), 2); // the flip was 3 h ago
        QCOMPARE(panel->chart(Metric::Rsvps)->annotations(), views->annotations());

        // Never more than one redraw per feed tick.
        {
            const int before = panel->refreshCount();
            const int batchesBefore = views->batchCount();
            QSignalSpy more(&feed, &HubFeed::updated);
            QTRY_VERIFY_WITH_TIMEOUT(more.count() >= 5, 10000);
            const int redraws = panel->refreshCount() - before;
            QVERIFY2(redraws >= 1 && redraws <= more.count() + 1,
                     qPrintable(QStringLiteral("%1 redraws for %2 ticks").arg(redraws).arg(more.count())));
            QCOMPARE(views->batchCount() - batchesBefore, redraws);
        }

        // Alt+1: the last 15 minutes at 10 s resolution.
        panel->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(panel.get()));
        views->widget()->setFocus();
        QSignalSpy windowChanged(panel.get(), &TrafficChartsPanel::timeWindowChanged);
        QTest::keyClick(views->widget(), Qt::Key_1, Qt::AltModifier);
        QCOMPARE(windowChanged.count(), 1);
        QCOMPARE(panel->timeWindow(), W::Minutes15);
        range = views->timeRange();
        QCOMPARE(range.second - range.first, 15 * kMin);
        // 89-90 slots; the newest few may lack data if seeding was a while ago.
        QVERIFY2(views->drawnPointCount(0) >= 80 && views->drawnPointCount(0) <= 90,
                 qPrintable(QString::number(views->drawnPointCount(0))));
        QCOMPARE(gapCount(views->seriesPoints(0)), 0);
        QVERIFY(panel->chart(Metric::Rsvps)->drawnPointCount(0) >= 14);
        QVERIFY(panel->chart(Metric::Rsvps)->drawnPointCount(0) <= 15);
        QCOMPARE(views->visibleAnnotationCount(), 1); // the pending blast
        saveAndCheck(panel.get(), QStringLiteral("traffic-charts-15min.png"));

        // Alt+3: 24 h, downsampled.
        QTest::keyClick(views->widget(), Qt::Key_3, Qt::AltModifier);
        QCOMPARE(panel->timeWindow(), W::Hours24);
        range = views->timeRange();
        QCOMPARE(range.second - range.first, 24 * 60 * kMin);
        QVERIFY(views->drawnPointCount(0) <= TrafficSeries::kMaxPoints);
        QVERIFY2(views->drawnPointCount(0) >= 700, qPrintable(QString::number(views->drawnPointCount(0))));
        QVERIFY(views->seriesPoints(0).size() <= TrafficSeries::kMaxPoints);
        QCOMPARE(views->visibleAnnotationCount(), 3);

        // Alt+2 back to the hour for the screenshot.
        QTest::keyClick(views->widget(), Qt::Key_2, Qt::AltModifier);
        QCOMPARE(panel->timeWindow(), W::Hour1);
        QCOMPARE(views->timeRange().second - views->timeRange().first, 60 * kMin);

        // The blast's outcome arrives: its pending marker becomes the outcome.
        s.execScript("INSERT INTO audit_log (actor, action, phase, result) VALUES ('lee', 'blast', 'outcome', 'sent')");
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const auto &a : views->annotations())
                    if (a.label == QStringLiteral("Blast"))
                        return true;
                return false;
            }(),
            10000);
        QCOMPARE(views->annotations().size(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(panel->dataAgeText().startsWith(QStringLiteral("updated")), 10000);
        QVERIFY(!panel->dataAgeIsWarning());
        saveAndCheck(panel.get(), QStringLiteral("traffic-charts.png"));

        // Limits are configurable.
        panel->setThresholds({2.5, 1500});
        QCOMPARE(errors->thresholds().first().value, 2.5);
        QCOMPARE(latency->thresholds().first().value, 1500.0);
        panel->setThresholds({0, 1500});
        QVERIFY(errors->thresholds().isEmpty());

        // Dark palette.
        for (Metric m : {Metric::Views, Metric::Rsvps, Metric::ErrorRate, Metric::Latency, Metric::Overview})
            panel->chart(m)->setColorScheme(Qt::ColorScheme::Dark);
        QVERIFY(views->isDark());
        saveAndCheck(panel.get(), QStringLiteral("traffic-charts-dark.png"));
        for (Metric m : {Metric::Views, Metric::Rsvps, Metric::ErrorRate, Metric::Latency, Metric::Overview})
            panel->chart(m)->setColorScheme(Qt::ColorScheme::Unknown);
        QVERIFY(!views->isDark());

        // Wallboard: one chart, views with RSVPs overlaid.
        panel->setCompact(true);
        TimeSeriesChart *overview = panel->chart(Metric::Overview);
        QVERIFY(overview->widget()->isVisible());
        QVERIFY(!views->widget()->isVisible());
        QCOMPARE(overview->seriesCount(), 2);
        QVERIFY(qAbs(overview->drawnPointCount(0) - views->drawnPointCount(0)) <= 1);
        QVERIFY(overview->drawnPointCount(1) >= 58);
        QCOMPARE(overview->timeRange().second - overview->timeRange().first, 60 * kMin);
        QCOMPARE(overview->visibleAnnotationCount(), 2);
        saveAndCheck(panel.get(), QStringLiteral("traffic-charts-compact.png"));
        const int viewBatches = views->batchCount();
        QSignalSpy compactTicks(&feed, &HubFeed::updated);
        QTRY_VERIFY_WITH_TIMEOUT(compactTicks.count() >= 2, 10000);
        QCOMPARE(views->batchCount(), viewBatches); // hidden charts are not redrawn
        panel->setCompact(false);
        QVERIFY(views->widget()->isVisible());

        // Losing the hub: the age label turns into a warning.
        QVERIFY(db.server().stopImmediate());
        QTRY_VERIFY_WITH_TIMEOUT(feed.isStale(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(panel->dataAgeText().startsWith(QStringLiteral("stale since")), 5000);
        QVERIFY(panel->dataAgeIsWarning());
        QVERIFY(views->drawnPointCount(0) > 0); // last values stay on screen
        saveAndCheck(panel.get(), QStringLiteral("traffic-charts-stale.png"));
        QString err;
        QVERIFY2(db.server().start(&err), qPrintable(err));
        QTRY_VERIFY_WITH_TIMEOUT(!feed.isStale(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->dataAgeIsWarning(), 5000);

        feed.stop();
    }
};

QTEST_MAIN(TestTrafficChartsPanel)
#include "tst_trafficchartspanel.moc"

#include "TrafficSeries.h"

#include <QTest>

#include <functional>

using namespace oc;
using W = TrafficSeries::Window;

namespace {

constexpr qint64 kSec = 1000;
constexpr qint64 kMin = 60 * kSec;
constexpr qint64 kHour = 60 * kMin;
// Aligned to every step in use (10 s, 1 min, 2 min).
constexpr qint64 T = 1'800'000'000'000;

using Traffic = std::map<qint64, LiveSource::TrafficSample>;
using Rsvps = std::map<qint64, qint64>;

// Buckets from `from` (inclusive) to `to` (exclusive), every 10 s, unless `keep` says no.
Traffic buckets(qint64 from, qint64 to, qint64 requests, qint64 errors = 0, double p95 = 100,
                const std::function<bool(qint64)> &keep = {})
{
    Traffic t;
    for (qint64 b = from; b < to; b += TrafficSeries::kBucketMs)
        if (!keep || keep(b))
            t[b] = LiveSource::TrafficSample {b, requests, errors, p95};
    return t;
}

int gaps(const QList<QPointF> &l)
{
    return int(l.size() - TrafficSeries::valueCount(l));
}

} // namespace

class TestTrafficSeries : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void spansAndSteps()
    {
        QCOMPARE(TrafficSeries::spanMs(W::Minutes15), 15 * kMin);
        QCOMPARE(TrafficSeries::spanMs(W::Hour1), kHour);
        QCOMPARE(TrafficSeries::spanMs(W::Hours24), 24 * kHour);
        QCOMPARE(TrafficSeries::trafficStepMs(W::Minutes15), 10 * kSec);
        QCOMPARE(TrafficSeries::trafficStepMs(W::Hour1), kMin);
        QCOMPARE(TrafficSeries::trafficStepMs(W::Hours24), 2 * kMin);
        QCOMPARE(TrafficSeries::rsvpStepMs(W::Minutes15), kMin);
        QCOMPARE(TrafficSeries::rsvpStepMs(W::Hour1), kMin);
        QCOMPARE(TrafficSeries::rsvpStepMs(W::Hours24), 2 * kMin);
        QVERIFY(TrafficSeries::isGap(TrafficSeries::gap(T)));
        QVERIFY(!TrafficSeries::isGap(QPointF(double(T), 0)));
    }

    void fifteenMinutesKeepsTenSecondResolution()
    {
        // Includes the bucket in progress at T, which must not be drawn.
        const Traffic t = buckets(T - 2 * kHour, T + 20 * kSec, 25);
        const auto r = TrafficSeries::build(t, {}, W::Minutes15, T, T);
        QCOMPARE(r.fromMs, T - 15 * kMin);
        QCOMPARE(r.toMs, T);
        QCOMPARE(r.viewsPerMinute.size(), 90);
        QCOMPARE(qint64(r.viewsPerMinute.first().x()), T - 15 * kMin);
        QCOMPARE(qint64(r.viewsPerMinute.last().x()), T - 10 * kSec);
        for (const QPointF &p : r.viewsPerMinute)
            QCOMPARE(p.y(), 150.0); // 25 per 10 s = 150 per minute
        QCOMPARE(r.errorRatePercent.size(), 90);
        QCOMPARE(r.p95Ms.size(), 90);
    }

    void windowEdgesWhenNowIsMidSlot()
    {
        const Traffic t = buckets(T - 2 * kHour, T + kMin, 10);
        const qint64 now = T + 5 * kSec;
        const auto r = TrafficSeries::build(t, {}, W::Minutes15, now, now);
        // The slot at T is half over; the slot at T - 15 min starts before the window.
        QCOMPARE(r.viewsPerMinute.size(), 89);
        QCOMPARE(qint64(r.viewsPerMinute.first().x()), T - 15 * kMin + 10 * kSec);
        QCOMPARE(qint64(r.viewsPerMinute.last().x()), T - 10 * kSec);

        const auto h = TrafficSeries::build(t, {}, W::Hour1, T + 30 * kSec, T + 30 * kSec);
        QCOMPARE(h.viewsPerMinute.size(), 59);
        QCOMPARE(qint64(h.viewsPerMinute.first().x()), T - kHour + kMin);
        QCOMPARE(qint64(h.viewsPerMinute.last().x()), T - kMin);
    }

    void hourAggregatesBucketsPerMinute()
    {
        Traffic t;
        for (qint64 m = T - 2 * kHour; m < T; m += kMin)
            for (int i = 0; i < 6; ++i) {
                const qint64 b = m + i * TrafficSeries::kBucketMs;
                t[b] = LiveSource::TrafficSample {b, 10 + i, i == 0 ? 3 : 0, 100.0 + 50 * i};
            }
        const auto r = TrafficSeries::build(t, {}, W::Hour1, T, T);
        QCOMPARE(r.viewsPerMinute.size(), 60);
        QCOMPARE(qint64(r.viewsPerMinute.first().x()), T - kHour);
        QCOMPARE(qint64(r.viewsPerMinute.last().x()), T - kMin);
        const double requests = 10 + 11 + 12 + 13 + 14 + 15;
        for (int i = 0; i < 60; ++i) {
            QCOMPARE(r.viewsPerMinute.at(i).y(), requests);
            QCOMPARE(r.errorRatePercent.at(i).y(), 100.0 * 3 / requests);
            QCOMPARE(r.p95Ms.at(i).y(), 350.0); // the worst bucket, not an average
        }
    }

    void partialSlotIsRateOverObservedTime()
    {
        // Only the first half of the last minute was reported.
        Traffic t = buckets(T - kHour, T - kMin, 10);
        for (int i = 0; i < 3; ++i)
            t[T - kMin + i * TrafficSeries::kBucketMs] = LiveSource::TrafficSample {0, 10, 0, 100};
        const auto r = TrafficSeries::build(t, {}, W::Hour1, T, T);
        QCOMPARE(r.viewsPerMinute.size(), 60);
        QCOMPARE(r.viewsPerMinute.last().y(), 60.0);
    }

    void errorRateIsPercentOfRequests()
    {
        const Traffic t = buckets(T - kHour, T, 200, 10, 250);
        const auto r = TrafficSeries::build(t, {}, W::Hour1, T, T);
        QCOMPARE(r.errorRatePercent.size(), 60);
        for (const QPointF &p : r.errorRatePercent)
            QCOMPARE(p.y(), 5.0);
        const auto q = TrafficSeries::build(t, {}, W::Minutes15, T, T);
        for (const QPointF &p : q.errorRatePercent)
            QCOMPARE(p.y(), 5.0);
    }

    void reportedZeroIsZeroNotGap()
    {
        const Traffic t = buckets(T - kHour, T, 0, 0, 0);
        const auto r = TrafficSeries::build(t, {}, W::Hour1, T, T);
        QCOMPARE(r.viewsPerMinute.size(), 60);
        QCOMPARE(gaps(r.viewsPerMinute), 0);
        for (int i = 0; i < 60; ++i) {
            QCOMPARE(r.viewsPerMinute.at(i).y(), 0.0);
            QCOMPARE(r.errorRatePercent.at(i).y(), 0.0); // no division by zero
        }
    }

    void missingBucketsBreakTheLine()
    {
        // Nothing reported 30..20 minutes ago, and nothing before 50 or in the last 5 minutes.
        const Traffic t = buckets(T - 50 * kMin, T - 5 * kMin, 10, 0, 100,
                                  [](qint64 b) { return b < T - 30 * kMin || b >= T - 20 * kMin; });
        const auto r = TrafficSeries::build(t, {}, W::Hour1, T, T);
        for (const QList<QPointF> *l : {&r.viewsPerMinute, &r.errorRatePercent, &r.p95Ms}) {
            QCOMPARE(TrafficSeries::valueCount(*l), 35);
            QCOMPARE(gaps(*l), 1); // no leading or trailing marker
            QVERIFY(!TrafficSeries::isGap(l->first()));
            QVERIFY(!TrafficSeries::isGap(l->last()));
            QCOMPARE(qint64(l->at(20).x()), T - 30 * kMin);
            QVERIFY(TrafficSeries::isGap(l->at(20)));
            QCOMPARE(qint64(l->at(21).x()), T - 20 * kMin);
        }
        QCOMPARE(qint64(r.viewsPerMinute.first().x()), T - 50 * kMin);
        QCOMPARE(qint64(r.viewsPerMinute.last().x()), T - 6 * kMin);
    }

    void twentyFourHoursIsDownsampled()
    {
        const Traffic t = buckets(T - 25 * kHour, T, 10, 1, 120);
        const auto r = TrafficSeries::build(t, {}, W::Hours24, T, T);
        QCOMPARE(r.trafficStepMs, 2 * kMin);
        QCOMPARE(r.viewsPerMinute.size(), 720);
        QVERIFY(r.viewsPerMinute.size() <= TrafficSeries::kMaxPoints);
        QCOMPARE(qint64(r.viewsPerMinute.first().x()), T - 24 * kHour);
        QCOMPARE(qint64(r.viewsPerMinute.last().x()), T - 2 * kMin);
        for (const QPointF &p : r.viewsPerMinute)
            QCOMPARE(p.y(), 60.0); // still per minute after downsampling
        for (const QPointF &p : r.errorRatePercent)
            QCOMPARE(p.y(), 10.0);
    }

    void boundHoldsForRaggedData_data()
    {
        QTest::addColumn<int>("window");
        QTest::newRow("15 min") << int(W::Minutes15);
        QTest::newRow("1 h") << int(W::Hour1);
        QTest::newRow("24 h") << int(W::Hours24);
    }

    void boundHoldsForRaggedData()
    {
        QFETCH(int, window);
        const W w = W(window);
        const qint64 step = TrafficSeries::trafficStepMs(w);
        // Every other slot missing: the most gap markers any data can produce.
        const Traffic t = buckets(T - 25 * kHour, T, 10, 0, 100, [step](qint64 b) { return (b / step) % 2 == 0; });
        Rsvps rs;
        for (qint64 m = T - 25 * kHour; m < T; m += kMin)
            rs[m] = 1;
        const auto r = TrafficSeries::build(t, rs, w, T, T);
        const qint64 slotCount = TrafficSeries::spanMs(w) / step;
        for (const QList<QPointF> *l : {&r.viewsPerMinute, &r.errorRatePercent, &r.p95Ms, &r.rsvpsPerMinute})
            QVERIFY2(l->size() <= TrafficSeries::kMaxPoints, qPrintable(QString::number(l->size())));
        QCOMPARE(TrafficSeries::valueCount(r.viewsPerMinute), slotCount / 2);
        QCOMPARE(gaps(r.viewsPerMinute), slotCount / 2 - 1);
    }

    void rsvpsPerMinuteZeroFillsKnownTime()
    {
        Rsvps rs;
        rs[T - 10 * kMin] = 7;
        rs[T - 3 * kMin] = 2;
        rs[T] = 99; // the minute in progress
        const auto r = TrafficSeries::build({}, rs, W::Hour1, T + 20 * kSec, T + 20 * kSec);
        QCOMPARE(r.rsvpsPerMinute.size(), 59);
        QCOMPARE(gaps(r.rsvpsPerMinute), 0);
        QCOMPARE(qint64(r.rsvpsPerMinute.last().x()), T - kMin);
        double sum = 0;
        for (const QPointF &p : r.rsvpsPerMinute)
            sum += p.y();
        QCOMPARE(sum, 9.0);
        QCOMPARE(r.rsvpsPerMinute.at(r.rsvpsPerMinute.size() - 10).y(), 7.0);

        // After the feed last heard from the hub the minutes are unknown, not zero.
        const auto cut = TrafficSeries::build({}, rs, W::Hour1, T, T - 10 * kMin);
        QCOMPARE(cut.rsvpsPerMinute.size(), 50);
        QCOMPARE(qint64(cut.rsvpsPerMinute.last().x()), T - 11 * kMin);

        const auto q = TrafficSeries::build({}, rs, W::Minutes15, T, T);
        QCOMPARE(q.rsvpsPerMinute.size(), 15);
        QCOMPARE(qint64(q.rsvpsPerMinute.first().x()), T - 15 * kMin);

        Rsvps day;
        for (qint64 m = T - 30 * kHour; m < T; m += kMin)
            day[m] = 3;
        const auto d = TrafficSeries::build({}, day, W::Hours24, T, T);
        QCOMPARE(d.rsvpsPerMinute.size(), 720);
        for (const QPointF &p : d.rsvpsPerMinute)
            QCOMPARE(p.y(), 3.0);
    }

    void emptyData()
    {
        for (W w : {W::Minutes15, W::Hour1, W::Hours24}) {
            const auto r = TrafficSeries::build({}, {}, w, T, 0);
            QCOMPARE(r.toMs - r.fromMs, TrafficSeries::spanMs(w));
            QVERIFY(r.viewsPerMinute.isEmpty());
            QVERIFY(r.errorRatePercent.isEmpty());
            QVERIFY(r.p95Ms.isEmpty());
            QVERIFY(r.rsvpsPerMinute.isEmpty()); // nothing known yet
            const auto known = TrafficSeries::build({}, {}, w, T, T);
            QVERIFY(known.viewsPerMinute.isEmpty());
            QCOMPARE(known.rsvpsPerMinute.size(), TrafficSeries::spanMs(w) / TrafficSeries::rsvpStepMs(w));
        }
    }

    void dataOutsideTheWindowIsIgnored()
    {
        Traffic t = buckets(T - 3 * kHour, T - 2 * kHour, 10);
        t[T + 5 * kMin] = LiveSource::TrafficSample {T + 5 * kMin, 10, 0, 100}; // clock skew: the future
        const auto r = TrafficSeries::build(t, {}, W::Hour1, T, T);
        QVERIFY(r.viewsPerMinute.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTrafficSeries)
#include "tst_trafficseries.moc"

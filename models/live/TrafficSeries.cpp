#include "TrafficSeries.h"

#include <QtNumeric>

#include <algorithm>
#include <vector>

namespace oc {
namespace {

constexpr qint64 kMinuteMs = 60'000;

qint64 alignUp(qint64 v, qint64 step)
{
    const qint64 r = v % step;
    if (r == 0)
        return v;
    return r > 0 ? v - r + step : v - r;
}

struct Slot
{
    qint64 requests = 0;
    qint64 errors = 0;
    double p95 = 0;
    int buckets = 0;
};

} // namespace

qint64 TrafficSeries::spanMs(Window w)
{
    switch (w) {
    case Window::Minutes15: return 15 * kMinuteMs;
    case Window::Hour1: return 60 * kMinuteMs;
    case Window::Hours24: return 24 * 60 * kMinuteMs;
    }
    return 60 * kMinuteMs;
}

qint64 TrafficSeries::trafficStepMs(Window w)
{
    // 15 minutes keeps the 10 s resolution (a spike is often shorter than a
    // minute); longer windows read better per minute.
    const qint64 base = w == Window::Minutes15 ? kBucketMs : kMinuteMs;
    // At most one gap marker per two slotList, so slotList * 1.5 must stay within
    // the bound however ragged the data is.
    const qint64 maxSlots = kMaxPoints * 2 / 3;
    const qint64 needed = (spanMs(w) + maxSlots - 1) / maxSlots;
    return std::max(base, alignUp(needed, base));
}

qint64 TrafficSeries::rsvpStepMs(Window w)
{
    // The feed counts RSVPs per minute; nothing finer exists.
    return std::max(kMinuteMs, trafficStepMs(w));
}

bool TrafficSeries::isGap(const QPointF &p)
{
    return qIsNaN(p.y());
}

QPointF TrafficSeries::gap(qint64 atMs)
{
    return QPointF(double(atMs), qQNaN());
}

qsizetype TrafficSeries::valueCount(const QList<QPointF> &points)
{
    return std::count_if(points.cbegin(), points.cend(), [](const QPointF &p) { return !isGap(p); });
}

TrafficSeries::Result TrafficSeries::build(const LiveSource &feed, Window w, qint64 nowMs)
{
    const qint64 known = feed.lastUpdate().isValid() ? feed.lastUpdate().toMSecsSinceEpoch() : 0;
    return build(feed.traffic(), feed.rsvpsPerMinute(), w, nowMs, known);
}

TrafficSeries::Result TrafficSeries::build(const std::map<qint64, LiveSource::TrafficSample> &traffic,
                                           const std::map<qint64, qint64> &rsvpsPerMinute, Window w, qint64 nowMs,
                                           qint64 knownUntilMs)
{
    Result r;
    r.toMs = nowMs;
    r.fromMs = nowMs - spanMs(w);
    r.trafficStepMs = trafficStepMs(w);
    r.rsvpStepMs = rsvpStepMs(w);

    const qint64 step = r.trafficStepMs;
    const qint64 first = alignUp(r.fromMs, step);
    const qint64 slotCount = first + step <= nowMs ? (nowMs - first) / step : 0;
    std::vector<Slot> slotList(static_cast<size_t>(slotCount));
    const qint64 end = first + slotCount * step;
    for (auto it = traffic.lower_bound(first); it != traffic.end() && it->first < end; ++it) {
        Slot &s = slotList[size_t((it->first - first) / step)];
        s.requests += it->second.requests;
        s.errors += it->second.errors;
        // Percentiles of parts don't combine; the worst part is the honest bound.
        s.p95 = std::max(s.p95, it->second.p95ms);
        ++s.buckets;
    }

    qint64 gapAt = -1;
    for (qint64 i = 0; i < slotCount; ++i) {
        const Slot &s = slotList[size_t(i)];
        const qint64 x = first + i * step;
        if (s.buckets == 0) {
            if (gapAt < 0 && !r.viewsPerMinute.isEmpty())
                gapAt = x;
            continue;
        }
        if (gapAt >= 0) {
            for (QList<QPointF> *l : {&r.viewsPerMinute, &r.errorRatePercent, &r.p95Ms})
                l->append(gap(gapAt));
            gapAt = -1;
        }
        // A rate over the time actually observed, so a slot that lost a
        // bucket to an outage is not drawn as a dip in traffic.
        const double observedMs = double(s.buckets) * double(kBucketMs);
        r.viewsPerMinute.append(QPointF(double(x), double(s.requests) * double(kMinuteMs) / observedMs));
        r.errorRatePercent.append(
            QPointF(double(x), s.requests > 0 ? 100.0 * double(s.errors) / double(s.requests) : 0.0));
        r.p95Ms.append(QPointF(double(x), s.p95));
    }

    const qint64 rstep = r.rsvpStepMs;
    const qint64 rEnd = std::min(nowMs, knownUntilMs);
    auto it = rsvpsPerMinute.lower_bound(alignUp(r.fromMs, rstep));
    for (qint64 x = alignUp(r.fromMs, rstep); x + rstep <= rEnd; x += rstep) {
        qint64 n = 0;
        for (; it != rsvpsPerMinute.end() && it->first < x + rstep; ++it)
            n += it->second;
        r.rsvpsPerMinute.append(QPointF(double(x), double(n) * double(kMinuteMs) / double(rstep)));
    }
    return r;
}

} // namespace oc

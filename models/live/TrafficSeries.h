#pragma once

#include "LiveSource.h"

#include <QList>
#include <QPointF>

#include <map>

namespace oc {

// Turns the feed's raw buckets into what the traffic charts draw, for one
// time window. Pure data so the window math is testable without widgets.
//
// Conventions shared with TimeSeriesChart: x is epoch ms (the start of the
// slot a value describes), and a point whose y is NaN is a gap marker: the
// line stops there. A missing traffic bucket means the collector reported
// nothing (outage, collector down), so it becomes a gap -- never a zero that
// would look like "no visitors". RSVPs are counted rows, so a minute without
// rows really is zero, up to the moment the feed last heard from the hub.
class TrafficSeries
{
public:
    enum class Window { Minutes15, Hour1, Hours24 };

    // Upper bound on points per series, gap markers included.
    static constexpr int kMaxPoints = 1500;
    // The width of one traffic_samples bucket.
    static constexpr qint64 kBucketMs = 10'000;

    struct Result
    {
        qint64 fromMs = 0; // x range of the window
        qint64 toMs = 0;
        qint64 trafficStepMs = 0;
        qint64 rsvpStepMs = 0;
        QList<QPointF> viewsPerMinute;
        QList<QPointF> rsvpsPerMinute;
        QList<QPointF> errorRatePercent;
        QList<QPointF> p95Ms;
    };

    static qint64 spanMs(Window w);
    static qint64 trafficStepMs(Window w);
    static qint64 rsvpStepMs(Window w);

    // `nowMs` is the right edge of the window; only slots that ended by then
    // are drawn, so the live edge never dips because a minute is half over.
    // `knownUntilMs` is when the feed last heard from the hub: RSVP minutes
    // after it are unknown, not zero.
    static Result build(const std::map<qint64, LiveSource::TrafficSample> &traffic,
                        const std::map<qint64, qint64> &rsvpsPerMinute, Window w, qint64 nowMs, qint64 knownUntilMs);
    static Result build(const LiveSource &feed, Window w, qint64 nowMs);

    static bool isGap(const QPointF &p);
    static QPointF gap(qint64 atMs);
    // Points that carry a value (gap markers not counted).
    static qsizetype valueCount(const QList<QPointF> &points);
};

} // namespace oc

#pragma once

#include "PlanRule.h"

#include <QList>
#include <QString>

namespace oc {

// The plan the console ships with (issue 15): quiet on a normal demo day,
// loud within seconds of the demo's surge. docs/incidents.md has the table and
// the reasoning for every number; tests/alerts/tst_defaultplan.cpp replays
// eight quiet hours, a surge, flapping and silent probes through it.
//
// Staleness is three probe intervals (the issue's "silent for 3x its
// interval"). The site's metrics are nominally per second, but the live
// source reads them from the ten-second traffic buckets (traffic_samples), so
// a healthy site metric can be ten seconds old: their rules allow 30 s.
class DefaultPlan
{
public:
    // How often each probe reports, by the metric's family.
    static constexpr qint64 siteIntervalMs = 10 * 1000; // traffic buckets
    static constexpr qint64 opsApiIntervalMs = 5 * 1000;
    static constexpr qint64 blastIntervalMs = 5 * 1000;
    static constexpr qint64 databaseIntervalMs = 5 * 1000;
    static constexpr qint64 vendorIntervalMs = 60 * 1000; // the default poll

    // The interval the default plan assumes for `metric` (vendor.*: vendors,
    // site.* and rsvp.*: site, and so on); 1 s for a metric it does not know.
    static qint64 intervalMs(const QString &metric);

    static QList<PlanRule> rules();
};

} // namespace oc

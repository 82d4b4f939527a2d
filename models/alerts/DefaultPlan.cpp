#include "DefaultPlan.h"

#include "BurnRateRule.h"
#include "MetricIds.h"

#include <QJsonObject>

namespace oc {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 sec = 1000;
constexpr qint64 minute = 60 * sec;

using Sev = Alert::Severity;

struct Runbook
{
    QString check;
    QString decider;
    QString remedy;
};

PlanRule make(const QString &id, PlanRule::Kind kind, const QString &title, Sev severity, const QString &metric,
              QJsonObject params, qint64 pendingMs, qint64 holdMs, const QString &group, const Runbook &runbook,
              bool rootCause = false)
{
    PlanRule r;
    r.id = id;
    r.kind = kind;
    r.title = title;
    r.severity = severity;
    r.metric = metric;
    r.params = std::move(params);
    r.pendingMs = pendingMs;
    r.holdMs = holdMs;
    r.staleAfterMs = 3 * DefaultPlan::intervalMs(metric);
    r.check = runbook.check;
    r.decider = runbook.decider;
    r.remedyId = runbook.remedy;
    r.group = group;
    r.rootCause = rootCause;
    return r;
}

QJsonObject above(double fireAt, double recoverAt)
{
    return {{u"direction"_s, u"above"_s}, {u"fire_at"_s, fireAt}, {u"recover_at"_s, recoverAt}};
}

QJsonObject change(const QString &direction, double firePct, double recoverPct)
{
    // One minute against the quarter hour before it: long enough to smooth a
    // ten-second bucket's noise, short enough to catch a TV mention's ramp.
    return {{u"direction"_s, direction},
            {u"recent_s"_s, 60},
            {u"baseline_s"_s, 15 * 60},
            {u"fire_pct"_s, firePct},
            {u"recover_pct"_s, recoverPct}};
}

QJsonObject burn(const BurnRateRule::Windows &w)
{
    return {{u"slo"_s, BurnRateRule::siteSlo},
            {u"long_s"_s, double(w.longMs / sec)},
            {u"short_s"_s, double(w.shortMs / sec)},
            {u"factor"_s, w.factor}};
}

} // namespace

qint64 DefaultPlan::intervalMs(const QString &metric)
{
    if (metric.startsWith("site."_L1) || metric.startsWith("rsvp."_L1))
        return siteIntervalMs;
    if (metric.startsWith("ops_api."_L1))
        return opsApiIntervalMs;
    if (metric.startsWith("blast."_L1))
        return blastIntervalMs;
    if (metric.startsWith("db."_L1))
        return databaseIntervalMs;
    if (metric.startsWith("vendor."_L1))
        return vendorIntervalMs;
    return sec;
}

QList<PlanRule> DefaultPlan::rules()
{
    using K = PlanRule::Kind;
    const QString rrLead = u"Rapid-response lead"_s;
    const QString techLead = u"Tech lead"_s;
    const QString comms = u"Communications director"_s;
    const QString digital = u"Digital director"_s;
    const QString flip = u"flip-to-static"_s;
    const QString cancel = u"cancel-blast"_s;
    const QString site = u"site"_s;
    const QString surge = u"surge"_s;
    const QString opsApi = u"ops-api"_s;
    const QString blasts = u"blasts"_s;
    const QString database = u"database"_s;

    QList<PlanRule> plan;

    // --- site: the public site falling over. The fast burn is the root cause:
    // the 5xx threshold, the latency and the RSVP drop are what it looks like.
    const Runbook siteDown {u"Is the public site answering? Open it; look at the 5xx chart"_s, rrLead, flip};
    plan << make(u"site-5xx-burn-page"_s, K::BurnRate,
                 u"Site down: 5xx burning the error budget fast (14.4x over 1 h and 5 min)"_s, Sev::Page,
                 metric::site5xxRatio, burn(BurnRateRule::pageWindows), 0, minute, site, siteDown, true);
    plan << make(u"site-5xx-burn-ticket"_s, K::BurnRate,
                 u"Site 5xx burning the error budget (6x over 6 h and 30 min)"_s, Sev::Ticket, metric::site5xxRatio,
                 burn(BurnRateRule::ticketWindows), 0, 5 * minute, site,
                 {u"Which pages return 5xx? Look at the 5xx chart over the last six hours"_s, u"Web lead"_s, {}});
    plan << make(u"site-5xx-high"_s, K::Threshold, u"Site returning errors (over 5 % 5xx)"_s, Sev::Page,
                 metric::site5xxRatio, above(0.05, 0.02), 10 * sec, minute, site, siteDown);
    plan << make(u"site-latency-p95"_s, K::Threshold, u"Site slow (p95 over 2 s)"_s, Sev::Page,
                 metric::siteLatencyP95Ms, above(2000, 800), 30 * sec, 2 * minute, site,
                 {u"Does the public site load in a few seconds? Look at the p95 chart"_s, rrLead, flip});
    QJsonObject rsvpDrop = change(u"drop"_s, 50, 20);
    rsvpDrop.insert(u"guard"_s,
                    QJsonObject {{u"metric"_s, QString(metric::siteRequestsPerSecond)},
                                 {u"direction"_s, u"rise"_s},
                                 {u"min_change_pct"_s, 20}});
    plan << make(u"rsvp-drop-while-traffic-rises"_s, K::RateOfChange,
                 u"RSVPs dropping while traffic rises: the RSVP path is broken"_s, Sev::Page, metric::rsvpsPerMinute,
                 rsvpDrop, 30 * sec, 2 * minute, site,
                 {u"Submit a test RSVP on the public site; does it go through?"_s, rrLead, flip});

    // --- surge: not a failure yet, the warning before one. The traffic rule
    // offers the flip so that the lead can go static before capacity runs out;
    // it has no pending period because its one-minute mean already smooths a
    // bucket (one bucket alone would have to be 13x the baseline) and every
    // second counts before the site saturates.
    plan << make(u"site-traffic-surge"_s, K::RateOfChange, u"Traffic surge: requests over 3x the last quarter hour"_s,
                 Sev::Ticket, metric::siteRequestsPerSecond, change(u"rise"_s, 200, 50), 0, 10 * minute, surge,
                 {u"Is a mention or a launch driving traffic? Watch the 5xx and p95 charts; flip to static "
                  u"before the site runs out of capacity"_s,
                  rrLead, flip},
                 true);
    // RSVPs rising means the site still works: flipping on this alone would be
    // premature, so no remedy of its own (the traffic rule carries the flip).
    plan << make(
        u"rsvp-rate-vs-baseline"_s, K::RateOfChange, u"RSVPs over 3x the last quarter hour"_s, Sev::Info,
        metric::rsvpsPerMinute, change(u"rise"_s, 200, 50), minute, 10 * minute, surge,
        {u"Good news while the site holds: are new events getting hosts and the RSVP form fast?"_s, digital, {}});

    // --- ops API: every remedy on every card goes through it.
    plan << make(u"ops-api-errors"_s, K::Threshold, u"Ops API failing (over 25 % of probe calls)"_s, Sev::Page,
                 metric::opsApiErrorRatio, above(0.25, 0.05), 30 * sec, 2 * minute, opsApi,
                 {u"Does a read from the console's Actions panel answer? The remedies on every card need the ops API"_s,
                  techLead,
                  {}},
                 true);
    plan << make(u"ops-api-latency"_s, K::Threshold, u"Ops API slow (over 1 s)"_s, Sev::Ticket, metric::opsApiLatencyMs,
                 above(1000, 300), 30 * sec, 2 * minute, opsApi,
                 {u"Is the hub's database or host overloaded? Look at the database panel"_s, techLead, {}});

    // --- blasts: a failing blast burns the list and the vendor's reputation.
    plan << make(u"blast-send-failures"_s, K::Threshold, u"Blast sends failing (over 50 a minute)"_s, Sev::Page,
                 metric::blastSendFailures, above(50, 10), 30 * sec, 5 * minute, blasts,
                 {u"Open the blast: are sends bouncing or refused by the messaging vendor?"_s, comms, cancel}, true);
    plan << make(u"blast-queue-stuck"_s, K::Threshold, u"Blast queue stuck (oldest message over 10 min)"_s, Sev::Ticket,
                 metric::blastQueueAgeSeconds, above(600, 120), 30 * sec, 2 * minute, blasts,
                 {u"Is the blast still sending? Compare its sent count with a minute ago"_s, comms, cancel});

    // --- database: the console's own eyes. Stale numbers mislead every
    // decision on every other card.
    plan << make(u"db-feed-stale"_s, K::Threshold, u"Console numbers stale (live feed over 30 s behind)"_s, Sev::Page,
                 metric::feedStalenessSeconds, above(30, 10), 10 * sec, 30 * sec, database,
                 {u"Is the status bar's staleness rising? Check the database connection and its load"_s, techLead, {}},
                 true);
    plan << make(
        u"db-standby-lag"_s, K::Threshold, u"Read standby lagging (over 60 s)"_s, Sev::Ticket,
        metric::standbyLagSeconds, above(60, 10), 30 * sec, 2 * minute, database,
        {u"Is the primary's write load spiking (RSVPs)? Readers see old numbers until it catches up"_s, techLead, {}});
    plan << make(u"db-reconnects"_s, K::Threshold, u"Database connections dropping (over 3 reconnects in 5 min)"_s,
                 Sev::Ticket, metric::dbReconnects, above(3, 0.5), 0, 5 * minute, database,
                 {u"Is the database or the network between restarting? Look at the server's log"_s, techLead, {}});

    // --- vendors: polled every minute, so no pending period (one poll is
    // already a minute of evidence) and a hold of two operational polls.
    struct Vendor
    {
        QLatin1StringView name;
        QString label;
        QString check;
        QString decider;
        QString remedy;
    };
    const Vendor vendors[] = {
        {metric::vendorMapTiles,
         u"Map tiles vendor"_s,
         u"Open the map-tiles vendor's status page; does the public event map load?"_s,
         digital,
         {}},
        // A messaging outage or an exhausted quota fails the next blast too:
        // pausing it keeps RSVP confirmations flowing.
        {metric::vendorMessaging, u"Messaging vendor"_s,
         u"Open the messaging vendor's status page; are blasts and RSVP confirmations going out?"_s, comms, cancel},
    };
    for (const Vendor &v : vendors) {
        const QString name(v.name);
        const QString group = u"vendor-"_s + name;
        plan << make(u"vendor-%1-status"_s.arg(name), K::Threshold, u"%1 degraded or down"_s.arg(v.label), Sev::Ticket,
                     metric::vendorStatus(name), above(0.5, 0.25), 0, 2 * minute, group, {v.check, v.decider, v.remedy},
                     true);
        plan << make(u"vendor-%1-quota"_s.arg(name), K::Threshold, u"%1 quota over 80 % used"_s.arg(v.label),
                     Sev::Ticket, metric::vendorQuota(name), above(0.8, 0.7), 0, 3 * minute, group,
                     {u"Which sends use the %1 quota? Ask the vendor for headroom or slow the sender"_s.arg(name),
                      v.decider, v.remedy});
    }
    return plan;
}

} // namespace oc

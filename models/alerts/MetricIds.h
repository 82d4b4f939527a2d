#pragma once

#include <QLatin1StringView>
#include <QString>

// The metrics the default plan is written against. The store itself takes any
// string id, so a new probe (another vendor, another quota) needs no change to
// the engine; these names only keep the feed and the rules spelling them alike.
namespace oc::metric {

using namespace Qt::Literals::StringLiterals;

inline constexpr QLatin1StringView siteRequestsPerSecond = "site.requests_per_s"_L1;
// Fraction of responses that were 5xx in that second (0..1), the burn-rate SLI.
inline constexpr QLatin1StringView site5xxRatio = "site.5xx_ratio"_L1;
inline constexpr QLatin1StringView siteLatencyP95Ms = "site.latency_p95_ms"_L1;
inline constexpr QLatin1StringView rsvpsPerMinute = "rsvp.per_minute"_L1;
// Ops-API probe: latency of the cheap read call (ms) and the share (0..1) of
// the probe's calls that failed over its last minute.
inline constexpr QLatin1StringView opsApiLatencyMs = "ops_api.latency_ms"_L1;
inline constexpr QLatin1StringView opsApiErrorRatio = "ops_api.error_ratio"_L1;
// Failed sends of the running blasts over the last minute (a count; 0 when no
// blast runs) and the age in seconds of the oldest queued, unsent message.
inline constexpr QLatin1StringView blastSendFailures = "blast.send_failures"_L1;
inline constexpr QLatin1StringView blastQueueAgeSeconds = "blast.queue_age_s"_L1;
// Seconds since the live feed last read new data, reconnects of the
// console's connections over the last five minutes (a count), and the read
// standby's replay lag in seconds.
inline constexpr QLatin1StringView feedStalenessSeconds = "db.feed_staleness_s"_L1;
inline constexpr QLatin1StringView dbReconnects = "db.reconnects"_L1;
inline constexpr QLatin1StringView standbyLagSeconds = "db.standby_lag_s"_L1;
// Statuspage component status as a number: 0 operational, 1 degraded
// performance, 2 partial outage, 3 major outage (suffix the component id).
// Per component; the default plan reads the per-vendor worst, vendorStatus().
inline constexpr QLatin1StringView vendorComponentStatusPrefix = "vendor.status."_L1;

// The vendors the default plan watches (the names the probes are configured with).
inline constexpr QLatin1StringView vendorMapTiles = "map-tiles"_L1;
inline constexpr QLatin1StringView vendorMessaging = "messaging"_L1;

// "vendor.<vendor>.status": the worst component status of the vendor's
// Statuspage summary.json, on the scale above (0 operational … 3 major outage).
// The component statuses are the Statuspage public API v2's (GET
// /api/v2/summary.json, components[].status: operational,
// degraded_performance, partial_outage, major_outage; e.g. the schema
// documented for https://status.mongodb.com/api/v2/summary.json); the probe
// decides where under_maintenance goes.
inline QString vendorStatus(const QString &vendor)
{
    QString id = u"vendor."_s;
    id += vendor;
    id += u".status"_s;
    return id;
}

// "vendor.<vendor>.quota_used": the fraction (0..1) of the vendor's rate limit
// used, from its quota response headers (1 - remaining / limit).
inline QString vendorQuota(const QString &vendor)
{
    QString id = u"vendor."_s;
    id += vendor;
    id += u".quota_used"_s;
    return id;
}

} // namespace oc::metric

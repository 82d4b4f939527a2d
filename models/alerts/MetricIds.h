#pragma once

#include <QLatin1StringView>

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
inline constexpr QLatin1StringView opsApiLatencyMs = "ops_api.latency_ms"_L1;
inline constexpr QLatin1StringView opsApiErrorRatio = "ops_api.error_ratio"_L1;
inline constexpr QLatin1StringView blastSendFailures = "blast.send_failures"_L1;
inline constexpr QLatin1StringView blastQueueAgeSeconds = "blast.queue_age_s"_L1;
inline constexpr QLatin1StringView feedStalenessSeconds = "db.feed_staleness_s"_L1;
inline constexpr QLatin1StringView dbReconnects = "db.reconnects"_L1;
inline constexpr QLatin1StringView standbyLagSeconds = "db.standby_lag_s"_L1;
// Statuspage component status as a number: 0 operational, 1 degraded
// performance, 2 partial outage, 3 major outage (suffix the component id).
inline constexpr QLatin1StringView vendorComponentStatusPrefix = "vendor.status."_L1;

} // namespace oc::metric

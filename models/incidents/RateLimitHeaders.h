#pragma once

#include <QByteArray>
#include <QHttpHeaders>
#include <QString>

#include <optional>

namespace oc {

// The rate-limit quota a response advertises, whichever of the common
// spellings the vendor uses:
//  * X-RateLimit-Limit / X-RateLimit-Remaining: GitHub's and Mapbox's de
//    facto headers;
//  * RateLimit-Limit / RateLimit-Remaining: draft-ietf-httpapi-ratelimit-
//    headers up to -06 (a limit may carry a policy, "100, 100;w=60": the
//    first number counts);
//  * RateLimit: limit=100, remaining=50, reset=30: the combined field of -07;
//  * RateLimit: "default";r=50;t=30 with RateLimit-Policy: "default";q=100;
//    w=60: -08 to -11 (RFC 9651 structured fields; the quota q comes from the
//    policy of the same name). With several policies the most used counts.
// (https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/)
struct RateLimitHeaders
{
    double limit = 0;
    double remaining = 0;

    // 1 - remaining / limit, within 0..1.
    double usedFraction() const;

    // nullopt when the headers carry no usable quota; `why` says what was wrong.
    static std::optional<RateLimitHeaders> parse(const QHttpHeaders &headers, QString *why = nullptr);
};

} // namespace oc

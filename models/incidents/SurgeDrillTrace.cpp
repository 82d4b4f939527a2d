#include "SurgeDrillTrace.h"

#include "MetricIds.h"
#include "RuleEngine.h"

#include <algorithm>
#include <cmath>

namespace oc {

SurgeDrillTrace::SurgeDrillTrace(qint64 startMs)
    : SurgeDrillTrace(startMs, Shape {})
{
}

SurgeDrillTrace::SurgeDrillTrace(qint64 startMs, Shape shape)
    : m_startMs(startMs)
    , m_shape(shape)
{
}

double SurgeDrillTrace::requestsPerSecond(qint64 nowMs) const
{
    const qint64 t = nowMs - m_startMs - m_shape.quietMs;
    if (t <= 0)
        return m_shape.baseRequestsPerSecond;
    const double ramp = std::min(1.0, double(t) / double(m_shape.rampMs));
    return m_shape.baseRequestsPerSecond * (1.0 + (m_shape.peakMultiplier - 1.0) * ramp);
}

double SurgeDrillTrace::overload(qint64 nowMs) const
{
    // Static pages are served from memory: no overload once the flip took.
    if (m_staticSinceMs >= 0 && nowMs - m_staticSinceMs >= m_shape.recoveryMs)
        return 1.0;
    return std::max(1.0, requestsPerSecond(nowMs) / m_shape.capacityPerSecond);
}

double SurgeDrillTrace::errorRatio(qint64 nowMs) const
{
    // PublicSite's model: the share beyond capacity fails, capped at 90 %.
    const double o = overload(nowMs);
    return o <= 1.0 ? 0.0005 : std::min(0.9, (o - 1.0) / o);
}

double SurgeDrillTrace::p95Ms(qint64 nowMs) const
{
    const double o = overload(nowMs);
    return std::min(30000.0, 105.0 * o * o);
}

double SurgeDrillTrace::rsvpsPerMinute(qint64 nowMs) const
{
    return requestsPerSecond(nowMs) * 60.0 * m_shape.conversion * (1.0 - errorRatio(nowMs));
}

void SurgeDrillTrace::feed(RuleEngine &engine, qint64 nowMs) const
{
    engine.feed(metric::siteRequestsPerSecond, nowMs, requestsPerSecond(nowMs));
    engine.feed(metric::site5xxRatio, nowMs, errorRatio(nowMs));
    engine.feed(metric::siteLatencyP95Ms, nowMs, p95Ms(nowMs));
    engine.feed(metric::rsvpsPerMinute, nowMs, rsvpsPerMinute(nowMs));
}

void SurgeDrillTrace::remedied(const QString &remedyId, qint64 atMs)
{
    if (remedyId == u"flip-to-static" && m_staticSinceMs < 0)
        m_staticSinceMs = atMs;
}

} // namespace oc

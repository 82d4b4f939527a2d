#include "AlertRule.h"

#include "MetricStore.h"

#include <utility>

namespace oc {

AlertRule::AlertRule(Spec spec)
    : m_spec(std::move(spec))
{
}

AlertRule::~AlertRule() = default;

RuleVerdict AlertRule::evaluate(const MetricStore &store, qint64 nowMs) const
{
    using C = RuleVerdict::Condition;
    const QStringList inputs = metrics();
    // Errors first: "the probe failed" tells the operator more than "no data".
    for (const QString &m : inputs) {
        auto last = store.latest(m);
        if (last && last->kind == MetricSample::Kind::Error)
            return {C::Error, 0.0, QStringLiteral("%1: probe failed: %2").arg(m, last->error)};
    }
    for (const QString &m : inputs) {
        auto value = store.latestValue(m);
        if (!value)
            return {C::NoData, 0.0, QStringLiteral("%1: no data yet").arg(m)};
        if (nowMs - value->timeMs > m_spec.staleAfterMs)
            return {C::NoData, 0.0, QStringLiteral("%1: no data for %2 s").arg(m).arg((nowMs - value->timeMs) / 1000)};
    }
    return condition(store, nowMs);
}

} // namespace oc

#include "RateOfChangeRule.h"

#include "MetricStore.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace oc {

RateOfChangeRule::RateOfChangeRule(Spec spec, Window window, double firePct, double recoverPct,
                                   std::optional<Guard> guard)
    : AlertRule(std::move(spec))
    , m_window(std::move(window))
    , m_firePct(firePct)
    , m_recoverPct(std::min(recoverPct, firePct)) // recovery past firing would flap
    , m_guard(std::move(guard))
{
}

QStringList RateOfChangeRule::metrics() const
{
    QStringList m {m_window.metric};
    if (m_guard && m_guard->window.metric != m_window.metric)
        m << m_guard->window.metric;
    return m;
}

RateOfChangeRule::Change RateOfChangeRule::change(const MetricStore &store, const Window &w, qint64 nowMs)
{
    const qint64 split = nowMs - w.recentMs;
    auto recent = store.mean(w.metric, split, nowMs);
    auto baseline = store.mean(w.metric, split - w.baselineMs, split);
    Change c;
    c.hasBaseline = baseline.has_value();
    // A zero baseline has no percentage: nothing to drop from, and any rise
    // from nothing would be infinite. Such a rule needs a threshold instead.
    if (!recent || !baseline || std::abs(*baseline) < 1e-12)
        return c;
    const double pct = (*recent - *baseline) / std::abs(*baseline) * 100.0;
    c.pct = w.direction == Direction::Drop ? -pct : pct;
    return c;
}

RuleVerdict RateOfChangeRule::condition(const MetricStore &store, qint64 nowMs) const
{
    using C = RuleVerdict::Condition;
    const Change c = change(store, m_window, nowMs);
    const QString what = m_window.direction == Direction::Drop ? QStringLiteral("drop") : QStringLiteral("rise");
    if (!c.hasBaseline) {
        // Warming up: without a baseline the rule cannot tell, and saying Ok
        // would be a guess.
        return {C::NoData, 0.0, QStringLiteral("%1: no trailing baseline yet").arg(m_window.metric)};
    }
    if (!c.pct)
        return {C::Recovered, 0.0, QStringLiteral("%1: baseline is zero").arg(m_window.metric)};
    const double pct = *c.pct;
    QString detail = QStringLiteral("%1 %2 %3 % vs trailing baseline (fires > %4 %, recovers < %5 %)")
                         .arg(m_window.metric, what)
                         .arg(pct, 0, 'f', 1)
                         .arg(m_firePct)
                         .arg(m_recoverPct);
    bool guardHolds = true;
    if (m_guard) {
        auto g = RateOfChangeRule::change(store, m_guard->window, nowMs).pct;
        guardHolds = g && *g >= m_guard->minChangePct;
        detail +=
            QStringLiteral("; %1 %2 %3 % (needs ≥ %4 %)")
                .arg(m_guard->window.metric,
                     m_guard->window.direction == Direction::Drop ? QStringLiteral("drop") : QStringLiteral("rise"),
                     g ? QString::number(*g, 'f', 1) : QStringLiteral("?"))
                .arg(m_guard->minChangePct);
    }
    if (pct > m_firePct && guardHolds)
        return {C::Breaching, pct, detail};
    if (pct < m_recoverPct || !guardHolds)
        return {C::Recovered, pct, detail};
    return {C::Between, pct, detail};
}

} // namespace oc

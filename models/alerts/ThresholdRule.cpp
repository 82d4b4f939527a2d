#include "ThresholdRule.h"

#include "LogCategories.h"
#include "MetricStore.h"

#include <utility>

namespace oc {

ThresholdRule::ThresholdRule(Spec spec, QString metric, Direction direction, double fireAt, double recoverAt)
    : AlertRule(std::move(spec))
    , m_metric(std::move(metric))
    , m_direction(direction)
    , m_fireAt(fireAt)
    , m_recoverAt(recoverAt)
{
    // A recovery threshold on the wrong side of the firing one would resolve
    // and re-fire on the same value: the flapping this rule exists to prevent.
    const bool inverted = direction == Direction::Above ? recoverAt > fireAt : recoverAt < fireAt;
    if (inverted) {
        logcat::alerts()->warn("rule {}: recovery threshold {} is past the firing threshold {}; using {}",
                               id().toStdString(), recoverAt, fireAt, fireAt);
        m_recoverAt = fireAt;
    }
}

RuleVerdict ThresholdRule::condition(const MetricStore &store, qint64) const
{
    using C = RuleVerdict::Condition;
    const double v = store.latestValue(m_metric)->value; // evaluate() checked it exists
    const bool above = m_direction == Direction::Above;
    const QString detail = QStringLiteral("%1 = %2 (fires %3 %4, recovers %5 %6)")
                               .arg(m_metric)
                               .arg(v)
                               .arg(QChar(above ? u'>' : u'<'))
                               .arg(m_fireAt)
                               .arg(QChar(above ? u'<' : u'>'))
                               .arg(m_recoverAt);
    if (above ? v > m_fireAt : v < m_fireAt)
        return {C::Breaching, v, detail};
    if (above ? v < m_recoverAt : v > m_recoverAt)
        return {C::Recovered, v, detail};
    return {C::Between, v, detail};
}

} // namespace oc

#pragma once

#include "AlertRule.h"

namespace oc {

// A threshold with a separate recovery threshold: with Above, the rule breaches
// when the value is > fireAt and recovers only when it is < recoverAt (below
// fireAt). Values in between change nothing, which is what keeps a metric
// oscillating around one number from flapping (grafana#6202, prometheus#6504).
// Pending and hold times come from the Spec and are applied by the engine.
class ThresholdRule : public AlertRule
{
public:
    enum class Direction { Above, Below };

    ThresholdRule(Spec spec, QString metric, Direction direction, double fireAt, double recoverAt);

    QStringList metrics() const override { return {m_metric}; }
    double fireAt() const { return m_fireAt; }
    double recoverAt() const { return m_recoverAt; }

protected:
    RuleVerdict condition(const MetricStore &store, qint64 nowMs) const override;

private:
    QString m_metric;
    Direction m_direction;
    double m_fireAt;
    double m_recoverAt;
};

} // namespace oc

#pragma once

#include "AlertRule.h"

#include <optional>

namespace oc {

// Compares a metric's recent mean with its own trailing baseline: "RSVPs per
// minute dropped by more than 50 % against the last 15 minutes". A guard on a
// second metric makes the drop mean something: RSVPs falling while site
// traffic rises is a broken site even when every response is a 200, while
// RSVPs falling with traffic is just the evening ending.
//
// recent   = mean over (now - recentMs, now]
// baseline = mean over (now - recentMs - baselineMs, now - recentMs]
// change % = (recent - baseline) / baseline * 100, signed so that the
//            configured direction is positive (a drop of 60 % is 60).
class RateOfChangeRule : public AlertRule
{
public:
    enum class Direction { Drop, Rise };

    struct Window
    {
        QString metric;
        Direction direction = Direction::Drop;
        qint64 recentMs = 60 * 1000;
        qint64 baselineMs = 15 * 60 * 1000;
    };

    // The second metric must have changed by at least minChangePct in its own
    // direction over the same windows (0 with Rise: "not falling").
    struct Guard
    {
        Window window;
        double minChangePct = 0.0;
    };

    // Breaches when the change exceeds firePct (and the guard holds); recovers
    // when it is below recoverPct or the guard no longer holds.
    RateOfChangeRule(Spec spec, Window window, double firePct, double recoverPct,
                     std::optional<Guard> guard = std::nullopt);

    QStringList metrics() const override;

    struct Change
    {
        bool hasBaseline = false; // false while the trailing window is still empty
        std::optional<double> pct; // signed in `direction`; nullopt also for a zero baseline
    };
    static Change change(const MetricStore &store, const Window &w, qint64 nowMs);

protected:
    RuleVerdict condition(const MetricStore &store, qint64 nowMs) const override;

private:
    Window m_window;
    double m_firePct;
    double m_recoverPct;
    std::optional<Guard> m_guard;
};

} // namespace oc

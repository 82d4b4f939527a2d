#include "Scenario.h"

#include <algorithm>
#include <cmath>

namespace oc::sim {

double Scenario::launchedAt() const
{
    if (m_launchAt >= 0)
        return m_launchAt;
    return m_o.autoLaunch ? m_o.launchAtHours : -1;
}

double Scenario::multiplier(double h) const
{
    double m = 1.0;
    const double launch = launchedAt();
    if (launch >= 0 && h >= launch) {
        // Launch: ramps to launchMultiplier over ~10 simulated minutes, then decays.
        const double since = h - launch;
        const double ramp = std::min(1.0, since / (10.0 / 60.0));
        m += (m_o.launchMultiplier - 1) * ramp * std::pow(0.5, since / (2 * m_o.decayHalfLifeHours));
    }
    const double mention = mentionedAt();
    if (mentionActive(h)) {
        // The mention: 50x within about 5 simulated minutes, then a long tail.
        const double since = h - mention;
        const double ramp = std::min(1.0, since / (5.0 / 60.0));
        m += (m_o.mentionMultiplier - 1) * ramp * std::pow(0.5, since / m_o.decayHalfLifeHours);
    }
    return m;
}

double Scenario::mentionedAt() const
{
    if (m_mentionAt >= 0)
        return m_mentionAt;
    const double launch = launchedAt();
    return launch >= 0 ? launch + (m_o.mentionAtHours - m_o.launchAtHours) : -1;
}

bool Scenario::mentionActive(double h) const
{
    const double mention = mentionedAt();
    if (mention < 0 || h < mention)
        return false;
    return !(m_calmAt >= mention && h >= m_calmAt);
}

double Scenario::rsvpsPerSecond(double h) const
{
    if (m_o.rsvpRateOverride >= 0)
        return m_o.rsvpRateOverride;
    return viewsPerMinute(h) / 60.0 * m_o.conversion;
}

QString Scenario::phase(double h) const
{
    const double launch = launchedAt();
    if (launch < 0 || h < launch)
        return QStringLiteral("quiet");
    const double mention = mentionedAt();
    if (h < mention)
        return QStringLiteral("launch");
    if (h < mention + 0.5 && mentionActive(h))
        return QStringLiteral("mention");
    return QStringLiteral("decay");
}

} // namespace oc::sim

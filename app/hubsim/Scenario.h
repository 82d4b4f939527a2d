#pragma once

#include <QString>

namespace oc::sim {

// The shape of a real campaign surge, in simulated hours since the start:
// quiet hours, the launch, an influencer/TV mention that multiplies views
// about 50x within minutes, then decay over a day. Pure function of time so
// tests and benchmarks can reproduce it.
class Scenario
{
public:
    struct Options
    {
        double compression = 144; // simulated seconds per real second (a day in 10 min)
        double baseViewsPerMin = 3000; // quiet-hour page views per minute
        double conversion = 0.02; // RSVPs per page view
        double launchAtHours = 0.25; // when the launch flow starts (if automatic)
        double mentionAtHours = 1.0; // when the mention hits
        double mentionMultiplier = 50;
        double launchMultiplier = 4;
        double decayHalfLifeHours = 3;
        double rsvpRateOverride = -1; // fixed RSVPs per real second (benchmarks)
        bool autoLaunch = true;
    };

    Scenario() = default;
    explicit Scenario(Options o)
        : m_o(o)
    {
    }
    const Options &options() const { return m_o; }

    // Launch and mention can also be triggered from outside (the ops API,
    // the simulator's control routes). calmAt ends a mention that started
    // before it: its views are gone from then on (a drill's "the surge is
    // over"); a mention set later starts a new one.
    void launchAt(double hours) { m_launchAt = hours; }
    void mentionAt(double hours) { m_mentionAt = hours; }
    void calmAt(double hours) { m_calmAt = hours; }
    double launchedAt() const;
    // When the mention hits (set or derived from the launch); -1 without one.
    double mentionedAt() const;
    // Whether a mention is adding views at `hours`.
    bool mentionActive(double hours) const;

    double multiplier(double hours) const;
    double viewsPerMinute(double hours) const { return m_o.baseViewsPerMin * multiplier(hours); }
    // RSVPs arrive in real time; only the curve's clock is compressed.
    double rsvpsPerSecond(double hours) const;
    QString phase(double hours) const;

private:
    Options m_o;
    double m_launchAt = -1;
    double m_mentionAt = -1;
    double m_calmAt = -1;
};

} // namespace oc::sim

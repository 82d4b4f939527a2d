#pragma once

#include <QString>

namespace oc {

class RuleEngine;

// The surge a drill on a real database rehearses, as metrics fed straight
// into a drill-only engine: a TV mention multiplies views about 50x within a
// minute, the dynamic site falls over (5xx, seconds-long p95, RSVPs dropping
// while traffic rises) until someone flips to static, after which errors
// vanish within seconds. Shaped after the simulator's Scenario
// (app/hubsim/Scenario.cpp) and PublicSite's overload model, so the drill on
// a real database and the drill on the demo see the same story. Pure: time
// is passed in.
class SurgeDrillTrace
{
public:
    struct Shape
    {
        double baseRequestsPerSecond = 50;
        double peakMultiplier = 50;
        qint64 rampMs = 60 * 1000; // quiet → peak
        qint64 quietMs = 20 * 1000; // normal traffic before the mention
        double capacityPerSecond = 400; // the dynamic site's
        double conversion = 0.02; // RSVPs per view on a healthy site
        qint64 recoveryMs = 10 * 1000; // after a flip to static
    };

    explicit SurgeDrillTrace(qint64 startMs);
    SurgeDrillTrace(qint64 startMs, Shape shape);

    // Feeds the engine what the site looks like at nowMs.
    void feed(RuleEngine &engine, qint64 nowMs) const;
    // The drill's remedy was run (dry): the trace behaves as if it worked.
    void remedied(const QString &remedyId, qint64 atMs);

    double requestsPerSecond(qint64 nowMs) const;
    double errorRatio(qint64 nowMs) const;
    double p95Ms(qint64 nowMs) const;
    double rsvpsPerMinute(qint64 nowMs) const;

private:
    double overload(qint64 nowMs) const;
    qint64 m_startMs;
    Shape m_shape;
    qint64 m_staticSinceMs = -1;
};

} // namespace oc

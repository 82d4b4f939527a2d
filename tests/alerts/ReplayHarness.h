#pragma once

// The deterministic replay harness of issue 15: synthetic metric traces fed
// second by second through the real RuleEngine, the real plan and the real
// IncidentGrouper, on a clock the test owns. Nothing sleeps: eight simulated
// hours take a few seconds.
#include "Alert.h"
#include "AlertRule.h"
#include "IncidentGrouper.h"
#include "PlanRule.h"
#include "RuleEngine.h"
#include "TimelineEntry.h"

#include <QHash>
#include <QList>
#include <QRandomGenerator>
#include <QSet>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace oc::test {

constexpr qint64 sec = 1000;
constexpr qint64 minute = 60 * sec;
constexpr qint64 hour = 60 * minute;
constexpr qint64 t0 = 1'700'000'000'000LL; // an arbitrary wall-clock start, a multiple of 10 s

class Replay
{
public:
    // `shadow`: also evaluate a second copy of every rule without the engine's
    // pending, hold and recovery threshold, to count raw breaches (below).
    explicit Replay(const QList<PlanRule> &plan, bool shadow = false);

    RuleEngine engine;
    IncidentGrouper grouper;

    // Runs [from, to) one second at a time: feedSecond(t) feeds what the
    // probes report at t, then the engine evaluates at t.
    void run(qint64 from, qint64 to, const std::function<void(qint64 t)> &feedSecond);
    // Feeds a value unless the metric is muted (a probe gone silent).
    void feed(const QString &metric, qint64 t, double value);
    QSet<QString> muted;
    QHash<QString, qint64> lastFedMs;

    // Every transition the engine announced, every change the grouper made of
    // them and the timeline lines those leave.
    QList<Alert> transitions;
    QList<IncidentGrouper::Change> changes;
    QList<TimelineEntry> timeline;

    int count(const QString &ruleId, Alert::State s) const;
    int count(Alert::State s) const;
    int count(IncidentGrouper::Change::Kind k) const;
    qint64 firstState(const QString &ruleId, Alert::State s) const; // -1 if never
    // Rule ids in the order of their first Firing.
    QStringList firingOrder() const;

    // A raw breach is one run of consecutive evaluations in which a rule's own
    // condition is Breaching, judged against its firing threshold alone: what
    // a rule without pending period, hold time or separate recovery threshold
    // (Grafana's classic single-threshold alert) would have sent as one
    // notification. Counted only with `shadow`.
    QHash<QString, int> rawBreaches;
    QHash<QString, qint64> firstRawBreachMs;
    int rawBreachTotal() const;

private:
    struct Shadow
    {
        std::unique_ptr<AlertRule> rule;
        bool breaching = false;
    };
    std::vector<Shadow> m_shadows;
};

// Poisson-distributed count with mean `lambda` (Knuth for small means, a
// normal approximation above 30): arrivals in one bucket.
int poisson(QRandomGenerator &rng, double lambda);
double uniform(QRandomGenerator &rng, double lo, double hi);
double gauss(QRandomGenerator &rng, double mean, double sd);

// True when a probe with this interval reports at `t` (t0-aligned).
inline bool reportsAt(qint64 t, qint64 intervalMs)
{
    return (t - t0) % intervalMs == 0;
}

// Normal demo traffic for the default plan's metrics: views around 3000 a
// minute with a slow diurnal swing and bucket noise, 5xx ~0.1 %, p95 90–120 ms,
// RSVPs 2 % of views, ops API 20–60 ms, blasts and database healthy, vendors
// operational with their quota under 50 %. Each family reports at the default
// plan's interval (site every 10 s bucket, ops API / blasts / database every
// 5 s, vendors every 60 s). A surge trace overrides some of it.
struct DemoDay
{
    explicit DemoDay(quint32 seed)
        : rng(seed)
    {
    }

    QRandomGenerator rng;
    double baseViewsPerMin = 3000;

    double diurnal(qint64 t) const;
    // Feeds everything due at t. The hooks let a surge change one family.
    struct Site
    {
        double viewsPerMin;
        double ratio5xx;
        double p95Ms;
        double rsvpsPerMin;
    };
    Site normalSite(qint64 t);
    void feedSite(Replay &r, qint64 t, const Site &s);
    void feedOthers(Replay &r, qint64 t, double standbyLagS = -1, double messagingQuota = -1);
    void feedNormal(Replay &r, qint64 t);
};

} // namespace oc::test

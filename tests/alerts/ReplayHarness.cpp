#include "ReplayHarness.h"

#include "DefaultPlan.h"
#include "MetricIds.h"
#include "RuleVerdict.h"

#include <QtMath>

#include <algorithm>
#include <cmath>

namespace oc::test {

Replay::Replay(const QList<PlanRule> &plan, bool shadow)
{
    grouper.setPlan(plan);
    for (const PlanRule &p : plan) {
        QString error;
        auto rule = p.build(&error);
        if (!rule)
            qFatal("plan rule does not build: %s", qPrintable(error));
        engine.addRule(std::move(rule));
        if (shadow)
            m_shadows.push_back({p.build(), false});
    }
    QObject::connect(&engine, &RuleEngine::alertChanged, [this](const Alert &a) {
        transitions << a;
        const auto cs = grouper.onAlert(a, a.sinceMs);
        for (const auto &c : cs) {
            changes << c;
            if (auto e = IncidentGrouper::timelineEntry(c))
                timeline << *e;
        }
    });
}

void Replay::feed(const QString &metric, qint64 t, double value)
{
    if (muted.contains(metric))
        return;
    lastFedMs.insert(metric, t);
    engine.feed(metric, t, value);
}

void Replay::run(qint64 from, qint64 to, const std::function<void(qint64)> &feedSecond)
{
    for (qint64 t = from; t < to; t += sec) {
        feedSecond(t);
        engine.evaluate(t);
        for (Shadow &s : m_shadows) {
            const bool b = s.rule->evaluate(engine.store(), t).condition == RuleVerdict::Condition::Breaching;
            if (b && !s.breaching) {
                ++rawBreaches[s.rule->id()];
                if (!firstRawBreachMs.contains(s.rule->id()))
                    firstRawBreachMs.insert(s.rule->id(), t);
            }
            s.breaching = b;
        }
    }
}

int Replay::count(const QString &ruleId, Alert::State s) const
{
    return int(std::count_if(transitions.begin(), transitions.end(),
                             [&](const Alert &a) { return a.ruleId == ruleId && a.state == s; }));
}

int Replay::count(Alert::State s) const
{
    return int(std::count_if(transitions.begin(), transitions.end(), [&](const Alert &a) { return a.state == s; }));
}

int Replay::count(IncidentGrouper::Change::Kind k) const
{
    return int(std::count_if(changes.begin(), changes.end(), [&](const auto &c) { return c.kind == k; }));
}

qint64 Replay::firstState(const QString &ruleId, Alert::State s) const
{
    for (const Alert &a : transitions) {
        if (a.ruleId == ruleId && a.state == s)
            return a.sinceMs;
    }
    return -1;
}

QStringList Replay::firingOrder() const
{
    QStringList order;
    for (const Alert &a : transitions) {
        if (a.state == Alert::State::Firing && !order.contains(a.ruleId))
            order << a.ruleId;
    }
    return order;
}

int Replay::rawBreachTotal() const
{
    int n = 0;
    for (int v : rawBreaches)
        n += v;
    return n;
}

double uniform(QRandomGenerator &rng, double lo, double hi)
{
    return lo + rng.generateDouble() * (hi - lo);
}

double gauss(QRandomGenerator &rng, double mean, double sd)
{
    // Box–Muller; the generator is seeded, so the trace is the same every run.
    const double u1 = std::max(rng.generateDouble(), 1e-12);
    const double u2 = rng.generateDouble();
    return mean + sd * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

int poisson(QRandomGenerator &rng, double lambda)
{
    if (lambda <= 0)
        return 0;
    if (lambda > 30)
        return std::max(0, int(std::lround(gauss(rng, lambda, std::sqrt(lambda)))));
    const double limit = std::exp(-lambda);
    int k = 0;
    double p = 1.0;
    do {
        ++k;
        p *= rng.generateDouble();
    } while (p > limit);
    return k - 1;
}

double DemoDay::diurnal(qint64 t) const
{
    // A slow swing of ±30 % over a day (evening peak, night trough): the
    // baselines of the rate-of-change rules must follow it without alerting.
    const double hours = double(t - t0) / double(hour);
    return 1.0 + 0.3 * std::sin(2.0 * M_PI * (hours + 3.0) / 24.0);
}

DemoDay::Site DemoDay::normalSite(qint64 t)
{
    Site s;
    // Ten-second bucket: arrivals are Poisson around the diurnal level, plus a
    // little extra burstiness (shares of one link, a newsletter click wave).
    const double perBucket = baseViewsPerMin * diurnal(t) / 6.0 * std::max(0.5, gauss(rng, 1.0, 0.05));
    const int views = poisson(rng, perBucket);
    s.viewsPerMin = views * 6.0;
    s.ratio5xx = views > 0 ? double(poisson(rng, views * 0.001)) / views : 0.0;
    s.p95Ms = uniform(rng, 90, 120);
    s.rsvpsPerMin = poisson(rng, s.viewsPerMin * 0.02);
    return s;
}

void DemoDay::feedSite(Replay &r, qint64 t, const Site &s)
{
    r.feed(QString(metric::siteRequestsPerSecond), t, s.viewsPerMin / 60.0);
    r.feed(QString(metric::site5xxRatio), t, s.ratio5xx);
    r.feed(QString(metric::siteLatencyP95Ms), t, s.p95Ms);
    r.feed(QString(metric::rsvpsPerMinute), t, s.rsvpsPerMin);
}

void DemoDay::feedOthers(Replay &r, qint64 t, double standbyLagS, double messagingQuota)
{
    if (reportsAt(t, DefaultPlan::opsApiIntervalMs)) {
        r.feed(QString(metric::opsApiLatencyMs), t, uniform(rng, 20, 60));
        // The share of failed calls over the probe's last minute (12 calls):
        // now and then one of them fails.
        r.feed(QString(metric::opsApiErrorRatio), t, rng.bounded(100) < 2 ? 1.0 / 12 : 0.0);
    }
    if (reportsAt(t, DefaultPlan::blastIntervalMs)) {
        r.feed(QString(metric::blastSendFailures), t, poisson(rng, 0.5));
        r.feed(QString(metric::blastQueueAgeSeconds), t, uniform(rng, 0, 30));
    }
    if (reportsAt(t, DefaultPlan::databaseIntervalMs)) {
        r.feed(QString(metric::feedStalenessSeconds), t, uniform(rng, 0, 2));
        r.feed(QString(metric::dbReconnects), t, rng.bounded(1000) < 2 ? 1 : 0);
        r.feed(QString(metric::standbyLagSeconds), t, standbyLagS >= 0 ? standbyLagS : uniform(rng, 0, 3));
    }
    if (reportsAt(t, DefaultPlan::vendorIntervalMs)) {
        for (QLatin1StringView v : {metric::vendorMapTiles, metric::vendorMessaging}) {
            r.feed(metric::vendorStatus(v), t, 0);
            const bool messaging = v == metric::vendorMessaging;
            r.feed(metric::vendorQuota(v), t,
                   messaging && messagingQuota >= 0 ? messagingQuota : uniform(rng, 0.1, 0.45));
        }
    }
}

void DemoDay::feedNormal(Replay &r, qint64 t)
{
    if (reportsAt(t, DefaultPlan::siteIntervalMs))
        feedSite(r, t, normalSite(t));
    feedOthers(r, t);
}

} // namespace oc::test

// The incident rule engine (issue 15), driven by an explicit clock: every test
// feeds one sample a second and calls evaluate(now) itself, so hours of
// traffic run in milliseconds and nothing sleeps.
#include "Alert.h"
#include "BurnRateRule.h"
#include "MetricIds.h"
#include "MetricStore.h"
#include "RateOfChangeRule.h"
#include "RuleEngine.h"
#include "ThresholdRule.h"

#include <QTest>

#include <functional>

using namespace oc;

namespace {

constexpr qint64 sec = 1000;
constexpr qint64 minute = 60 * sec;
constexpr qint64 t0 = 1'700'000'000'000LL; // an arbitrary wall-clock start

const QString latency = QStringLiteral("site.latency_p95_ms");

AlertRule::Spec spec(const QString &id, qint64 pendingMs, qint64 holdMs)
{
    AlertRule::Spec s;
    s.id = id;
    s.title = id;
    s.severity = Alert::Severity::Page;
    s.runbookStep = QStringLiteral("check the site");
    s.remedyId = QStringLiteral("flip-to-static");
    s.pendingMs = pendingMs;
    s.holdMs = holdMs;
    return s;
}

std::unique_ptr<ThresholdRule> latencyRule(qint64 pendingMs, qint64 holdMs, double fireAt = 1000,
                                           double recoverAt = 800)
{
    return std::make_unique<ThresholdRule>(spec(QStringLiteral("latency"), pendingMs, holdMs), latency,
                                           ThresholdRule::Direction::Above, fireAt, recoverAt);
}

// Every transition the engine announced, in order.
struct Recorder
{
    QList<Alert> changes;
    QList<Alert> acks;

    explicit Recorder(RuleEngine &engine)
    {
        QObject::connect(&engine, &RuleEngine::alertChanged, [this](const Alert &a) { changes << a; });
        QObject::connect(&engine, &RuleEngine::alertAcknowledged, [this](const Alert &a) { acks << a; });
    }
    int count(const QString &ruleId, Alert::State s) const
    {
        return int(std::count_if(changes.begin(), changes.end(),
                                 [&](const Alert &a) { return a.ruleId == ruleId && a.state == s; }));
    }
    QList<Alert::State> states(const QString &ruleId) const
    {
        QList<Alert::State> out;
        for (const Alert &a : changes) {
            if (a.ruleId == ruleId)
                out << a.state;
        }
        return out;
    }
};

// Feeds `metric` once a second over [from, to) with value(t) and evaluates
// after each sample (or every `evalEvery`).
void run(RuleEngine &engine, const QString &metric, qint64 from, qint64 to, const std::function<double(qint64)> &value,
         qint64 evalEvery = sec)
{
    for (qint64 t = from; t < to; t += sec) {
        engine.feed(metric, t, value(t));
        if ((t - from) % evalEvery == 0)
            engine.evaluate(t);
    }
}

Alert::State stateOf(const RuleEngine &engine, const QString &id)
{
    auto a = engine.alert(id);
    return a ? a->state : Alert::State::Ok;
}

} // namespace

class TstRuleEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aRuleWithoutDataIsNeverOk();
    void thresholdWaitsForThePendingPeriod();
    void aBreachShorterThanPendingDoesNotFire();
    void thresholdResolvesOnlyAfterTheHoldTime();
    void aRecoveryInterruptedRestartsTheHold();
    void noFlappingBetweenRecoveryAndFiringThresholds();
    void withoutHysteresisTheSameTraceFlaps();
    void belowDirection();

    void rsvpDropWithRisingTrafficFires();
    void rsvpDropWithFallingTrafficDoesNotFire();

    void burnRatePageThreshold_data();
    void burnRatePageThreshold();
    void burnRateTicketThreshold_data();
    void burnRateTicketThreshold();
    void burnRateLongWindowOnlyDoesNotFire();
    void burnRateShortSpikeDoesNotPage();
    void totalOutagePagesWithinAMinute();

    void missingLongerThanStalenessIsNoData();
    void aProbeErrorIsError();

    void acknowledgementIsKeptAcrossEvaluations();
    void acknowledgementEndsWithTheEpisode();
    void transitionsAreEmittedOnceEach();
    void duplicateRuleIdIsRejected();
    void storeKeepsLateSamplesInOrder();
};

void TstRuleEngine::aRuleWithoutDataIsNeverOk()
{
    RuleEngine engine;
    engine.addRule(latencyRule(0, 0));
    QCOMPARE(stateOf(engine, QStringLiteral("latency")), Alert::State::NoData);
    engine.evaluate(t0);
    QCOMPARE(stateOf(engine, QStringLiteral("latency")), Alert::State::NoData);
    engine.feed(latency, t0 + sec, 100);
    engine.evaluate(t0 + sec);
    QCOMPARE(stateOf(engine, QStringLiteral("latency")), Alert::State::Ok);
}

void TstRuleEngine::thresholdWaitsForThePendingPeriod()
{
    RuleEngine engine;
    Recorder rec(engine);
    engine.addRule(latencyRule(10 * sec, 0));
    run(engine, latency, t0, t0 + 5 * sec, [](qint64) { return 200.0; });
    QCOMPARE(stateOf(engine, QStringLiteral("latency")), Alert::State::Ok);
    const qint64 breach = t0 + 5 * sec;
    // Nine seconds after the first breaching sample: still only pending.
    run(engine, latency, breach, breach + 10 * sec, [](qint64) { return 1500.0; });
    QCOMPARE(stateOf(engine, QStringLiteral("latency")), Alert::State::Pending);
    QCOMPARE(engine.alert(QStringLiteral("latency"))->sinceMs, breach);
    run(engine, latency, breach + 10 * sec, breach + 11 * sec, [](qint64) { return 1500.0; });
    const auto a = engine.alert(QStringLiteral("latency"));
    QCOMPARE(a->state, Alert::State::Firing);
    QCOMPARE(a->sinceMs, breach + 10 * sec);
    QCOMPARE(a->value, 1500.0);
    QCOMPARE(a->runbookStep, QStringLiteral("check the site"));
    QCOMPARE(a->remedyId, QStringLiteral("flip-to-static"));
    QCOMPARE(rec.states(QStringLiteral("latency")),
             (QList<Alert::State> {Alert::State::Ok, Alert::State::Pending, Alert::State::Firing}));
    QCOMPARE(engine.firingCount(), 1);
}

void TstRuleEngine::aBreachShorterThanPendingDoesNotFire()
{
    RuleEngine engine;
    Recorder rec(engine);
    engine.addRule(latencyRule(10 * sec, 0));
    // Nine breaching seconds, one normal, nine breaching: never ten in a row.
    run(engine, latency, t0, t0 + 19 * sec, [](qint64 t) { return (t - t0) / sec == 9 ? 200.0 : 1500.0; });
    QCOMPARE(rec.count(QStringLiteral("latency"), Alert::State::Firing), 0);
    QCOMPARE(rec.count(QStringLiteral("latency"), Alert::State::Pending), 2);
    QCOMPARE(stateOf(engine, QStringLiteral("latency")), Alert::State::Pending);
}

void TstRuleEngine::thresholdResolvesOnlyAfterTheHoldTime()
{
    RuleEngine engine;
    Recorder rec(engine);
    engine.addRule(latencyRule(0, 30 * sec));
    run(engine, latency, t0, t0 + 5 * sec, [](qint64) { return 1500.0; });
    QCOMPARE(stateOf(engine, QStringLiteral("latency")), Alert::State::Firing);
    const qint64 calm = t0 + 5 * sec;
    run(engine, latency, calm, calm + 30 * sec, [](qint64) { return 300.0; }); // 29 s below recovery
    QCOMPARE(stateOf(engine, QStringLiteral("latency")), Alert::State::Firing);
    run(engine, latency, calm + 30 * sec, calm + 31 * sec, [](qint64) { return 300.0; });
    QCOMPARE(stateOf(engine, QStringLiteral("latency")), Alert::State::Resolved);
    QCOMPARE(engine.alert(QStringLiteral("latency"))->sinceMs, calm + 30 * sec);
    QCOMPARE(engine.firingCount(), 0);
    // Resolved is shown once, then the rule is plainly Ok.
    run(engine, latency, calm + 31 * sec, calm + 32 * sec, [](qint64) { return 300.0; });
    QCOMPARE(stateOf(engine, QStringLiteral("latency")), Alert::State::Ok);
    QCOMPARE(rec.states(QStringLiteral("latency")),
             (QList<Alert::State> {Alert::State::Firing, Alert::State::Resolved, Alert::State::Ok}));
}

void TstRuleEngine::aRecoveryInterruptedRestartsTheHold()
{
    RuleEngine engine;
    engine.addRule(latencyRule(0, 30 * sec));
    run(engine, latency, t0, t0 + 5 * sec, [](qint64) { return 1500.0; });
    qint64 t = t0 + 5 * sec;
    run(engine, latency, t, t + 20 * sec, [](qint64) { return 300.0; });
    t += 20 * sec;
    // Back between the thresholds (above recovery, below firing) for a moment.
    run(engine, latency, t, t + sec, [](qint64) { return 900.0; });
    t += sec;
    run(engine, latency, t, t + 29 * sec, [](qint64) { return 300.0; });
    t += 29 * sec;
    QCOMPARE(stateOf(engine, QStringLiteral("latency")), Alert::State::Firing);
    run(engine, latency, t, t + 2 * sec, [](qint64) { return 300.0; });
    QCOMPARE(stateOf(engine, QStringLiteral("latency")), Alert::State::Resolved);
}

namespace {
// ±5 % around 1000 ms, switching every 10–60 s (a fixed, uneven pattern) for
// 30 minutes: the flapping figure.
double swing(qint64 t)
{
    static const int periods[] = {10, 37, 60, 23, 45, 12, 58, 31};
    qint64 s = (t - t0) / sec;
    int i = 0;
    bool high = true;
    while (s >= periods[i % 8]) {
        s -= periods[i % 8];
        ++i;
        high = !high;
    }
    return high ? 1050.0 : 950.0;
}
} // namespace

void TstRuleEngine::noFlappingBetweenRecoveryAndFiringThresholds()
{
    RuleEngine engine;
    Recorder rec(engine);
    engine.addRule(latencyRule(5 * sec, 30 * sec, 1000, 800));
    run(engine, latency, t0, t0 + 30 * minute, swing);
    QCOMPARE(rec.count(QStringLiteral("latency"), Alert::State::Firing), 1);
    QCOMPARE(rec.count(QStringLiteral("latency"), Alert::State::Resolved), 0);
    QCOMPARE(stateOf(engine, QStringLiteral("latency")), Alert::State::Firing);
    // Then a real recovery: exactly one.
    run(engine, latency, t0 + 30 * minute, t0 + 32 * minute, [](qint64) { return 500.0; });
    QCOMPARE(rec.count(QStringLiteral("latency"), Alert::State::Resolved), 1);
    QCOMPARE(rec.count(QStringLiteral("latency"), Alert::State::Firing), 1);
}

void TstRuleEngine::withoutHysteresisTheSameTraceFlaps()
{
    // The control for the test above: with one threshold and no hold time the
    // same trace fires over and over, so the hysteresis is what prevents it.
    RuleEngine engine;
    Recorder rec(engine);
    engine.addRule(latencyRule(5 * sec, 0, 1000, 1000));
    run(engine, latency, t0, t0 + 30 * minute, swing);
    QVERIFY2(rec.count(QStringLiteral("latency"), Alert::State::Firing) > 5,
             qPrintable(QString::number(rec.count(QStringLiteral("latency"), Alert::State::Firing))));
}

void TstRuleEngine::belowDirection()
{
    const QString rps = QString(metric::siteRequestsPerSecond);
    RuleEngine engine;
    engine.addRule(std::make_unique<ThresholdRule>(spec(QStringLiteral("traffic-gone"), 0, 10 * sec), rps,
                                                   ThresholdRule::Direction::Below, 10, 50));
    run(engine, rps, t0, t0 + 3 * sec, [](qint64) { return 5.0; });
    QCOMPARE(stateOf(engine, QStringLiteral("traffic-gone")), Alert::State::Firing);
    run(engine, rps, t0 + 3 * sec, t0 + 30 * sec, [](qint64) { return 30.0; }); // between 10 and 50
    QCOMPARE(stateOf(engine, QStringLiteral("traffic-gone")), Alert::State::Firing);
    run(engine, rps, t0 + 30 * sec, t0 + 40 * sec, [](qint64) { return 80.0; }); // 9 s recovered
    QCOMPARE(stateOf(engine, QStringLiteral("traffic-gone")), Alert::State::Firing);
    run(engine, rps, t0 + 40 * sec, t0 + 41 * sec, [](qint64) { return 80.0; });
    QCOMPARE(stateOf(engine, QStringLiteral("traffic-gone")), Alert::State::Resolved);
}

namespace {
const QString rsvp = QString(metric::rsvpsPerMinute);
const QString traffic = QString(metric::siteRequestsPerSecond);

std::unique_ptr<RateOfChangeRule> rsvpDropRule(bool guarded)
{
    RateOfChangeRule::Window w {rsvp, RateOfChangeRule::Direction::Drop, minute, 15 * minute};
    std::optional<RateOfChangeRule::Guard> g;
    if (guarded)
        g = RateOfChangeRule::Guard {{traffic, RateOfChangeRule::Direction::Rise, minute, 15 * minute}, 20.0};
    return std::make_unique<RateOfChangeRule>(spec(QStringLiteral("rsvp-drop"), 0, 0), w, 50.0, 20.0, g);
}

// 16 minutes of steady traffic and RSVPs, then two minutes of `rsvpAfter` and
// `trafficAfter`.
void rsvpScenario(RuleEngine &engine, double rsvpAfter, double trafficAfter)
{
    const qint64 change = t0 + 16 * minute;
    for (qint64 t = t0; t < change + 2 * minute; t += sec) {
        const bool after = t >= change;
        engine.feed(rsvp, t, after ? rsvpAfter : 100.0);
        engine.feed(traffic, t, after ? trafficAfter : 1000.0);
        engine.evaluate(t);
    }
}
} // namespace

void TstRuleEngine::rsvpDropWithRisingTrafficFires()
{
    RuleEngine engine;
    Recorder rec(engine);
    engine.addRule(rsvpDropRule(true));
    rsvpScenario(engine, 30.0, 3000.0);
    QCOMPARE(stateOf(engine, QStringLiteral("rsvp-drop")), Alert::State::Firing);
    QCOMPARE(rec.count(QStringLiteral("rsvp-drop"), Alert::State::Firing), 1);
    QVERIFY(engine.alert(QStringLiteral("rsvp-drop"))->value > 50.0);
    // It fired on the drop, not during the steady quarter hour before it.
    QVERIFY(rec.changes.last().sinceMs > t0 + 16 * minute);
}

void TstRuleEngine::rsvpDropWithFallingTrafficDoesNotFire()
{
    {
        RuleEngine engine;
        Recorder rec(engine);
        engine.addRule(rsvpDropRule(true));
        rsvpScenario(engine, 30.0, 300.0);
        QCOMPARE(rec.count(QStringLiteral("rsvp-drop"), Alert::State::Firing), 0);
        QCOMPARE(stateOf(engine, QStringLiteral("rsvp-drop")), Alert::State::Ok);
    }
    {
        // The same trace without the traffic guard does fire: the guard is
        // what keeps it quiet.
        RuleEngine engine;
        engine.addRule(rsvpDropRule(false));
        rsvpScenario(engine, 30.0, 300.0);
        QCOMPARE(stateOf(engine, QStringLiteral("rsvp-drop")), Alert::State::Firing);
    }
}

namespace {
const QString errors = QString(metric::site5xxRatio);

RuleEngine *burnEngine(QObject *parent)
{
    auto *engine = new RuleEngine(parent);
    engine->addRule(BurnRateRule::page(errors));
    engine->addRule(BurnRateRule::ticket(errors));
    return engine;
}
} // namespace

void TstRuleEngine::burnRatePageThreshold_data()
{
    QTest::addColumn<double>("ratio");
    QTest::addColumn<bool>("pages");
    // Budget 0.1 %: 14.4x is a 1.44 % error ratio.
    QTest::newRow("14.3x, just below") << 0.0143 << false;
    QTest::newRow("14.5x, just above") << 0.0145 << true;
    QTest::newRow("0.5 % never pages") << 0.005 << false;
}

void TstRuleEngine::burnRatePageThreshold()
{
    QFETCH(double, ratio);
    QFETCH(bool, pages);
    QObject owner;
    RuleEngine *engine = burnEngine(&owner);
    run(*engine, errors, t0, t0 + 61 * minute, [=](qint64) { return ratio; });
    QCOMPARE(stateOf(*engine, QStringLiteral("site-5xx-burn-page")) == Alert::State::Firing, pages);
    const auto a = engine->alert(QStringLiteral("site-5xx-burn-page"));
    QCOMPARE(a->severity, Alert::Severity::Page);
    QCOMPARE(a->remedyId, QStringLiteral("flip-to-static"));
    QVERIFY(qAbs(a->value - ratio * 1000) < 1e-6); // the long-window burn rate
}

void TstRuleEngine::burnRateTicketThreshold_data()
{
    QTest::addColumn<double>("ratio");
    QTest::addColumn<bool>("tickets");
    QTest::newRow("5.9x, just below") << 0.0059 << false;
    QTest::newRow("6.1x, just above") << 0.0061 << true;
}

void TstRuleEngine::burnRateTicketThreshold()
{
    QFETCH(double, ratio);
    QFETCH(bool, tickets);
    QObject owner;
    RuleEngine *engine = burnEngine(&owner);
    // Six hours and a minute, evaluated once a minute (the windows do not care).
    run(*engine, errors, t0, t0 + 361 * minute, [=](qint64) { return ratio; }, minute);
    QCOMPARE(stateOf(*engine, QStringLiteral("site-5xx-burn-ticket")) == Alert::State::Firing, tickets);
    QCOMPARE(engine->alert(QStringLiteral("site-5xx-burn-ticket"))->severity, Alert::Severity::Ticket);
    // 6x is far below the page factor.
    QCOMPARE(stateOf(*engine, QStringLiteral("site-5xx-burn-page")), Alert::State::Ok);
}

void TstRuleEngine::burnRateLongWindowOnlyDoesNotFire()
{
    RuleEngine engine;
    Recorder rec(engine);
    engine.addRule(BurnRateRule::page(errors));
    const QString id = QStringLiteral("site-5xx-burn-page");
    qint64 t = t0;
    run(engine, errors, t, t + 60 * minute, [](qint64) { return 0.0; });
    t += 60 * minute;
    run(engine, errors, t, t + 10 * minute, [](qint64) { return 0.1; }); // 100x for ten minutes
    t += 10 * minute;
    QCOMPARE(stateOf(engine, id), Alert::State::Firing);
    run(engine, errors, t, t + 6 * minute, [](qint64) { return 0.0; }); // fixed
    t += 6 * minute;
    // The hour still burns above 14.4x; the last five minutes do not.
    BurnRateRule probe(AlertRule::Spec {}, errors, BurnRateRule::siteSlo, BurnRateRule::pageWindows);
    const qint64 last = t - sec;
    QVERIFY(*probe.burnRate(engine.store(), 60 * minute, last) > 14.4);
    QCOMPARE(*probe.burnRate(engine.store(), 5 * minute, last), 0.0);
    QVERIFY(stateOf(engine, id) != Alert::State::Firing);
    QCOMPARE(rec.count(id, Alert::State::Resolved), 1);
}

void TstRuleEngine::burnRateShortSpikeDoesNotPage()
{
    RuleEngine engine;
    Recorder rec(engine);
    engine.addRule(BurnRateRule::page(errors));
    run(engine, errors, t0, t0 + 60 * minute, [](qint64) { return 0.0; });
    // 30 s of total failure: 100x over five minutes, about 8x over the hour.
    run(engine, errors, t0 + 60 * minute, t0 + 60 * minute + 30 * sec, [](qint64) { return 1.0; });
    run(engine, errors, t0 + 60 * minute + 30 * sec, t0 + 70 * minute, [](qint64) { return 0.0; });
    QCOMPARE(rec.count(QStringLiteral("site-5xx-burn-page"), Alert::State::Firing), 0);
}

void TstRuleEngine::totalOutagePagesWithinAMinute()
{
    RuleEngine engine;
    Recorder rec(engine);
    engine.addRule(BurnRateRule::page(errors));
    run(engine, errors, t0, t0 + 60 * minute, [](qint64) { return 0.0; });
    const qint64 outage = t0 + 60 * minute;
    run(engine, errors, outage, outage + 2 * minute, [](qint64) { return 1.0; });
    QCOMPARE(rec.count(QStringLiteral("site-5xx-burn-page"), Alert::State::Firing), 1);
    const qint64 detectedAfter = rec.changes.last().sinceMs - outage;
    // 52 failing seconds out of 3600 is the first mean above 1.44 %.
    QCOMPARE(detectedAfter, 51 * sec);
    QVERIFY(detectedAfter <= 60 * sec);
}

void TstRuleEngine::missingLongerThanStalenessIsNoData()
{
    RuleEngine engine;
    Recorder rec(engine);
    engine.addRule(latencyRule(0, 0)); // staleAfterMs 3000 by default
    run(engine, latency, t0, t0 + 5 * sec, [](qint64) { return 1500.0; });
    QCOMPARE(stateOf(engine, QStringLiteral("latency")), Alert::State::Firing);
    const qint64 lastValue = t0 + 4 * sec;
    for (qint64 t = lastValue + sec; t <= lastValue + 3 * sec; t += sec) {
        engine.feedMissing(latency, t);
        engine.evaluate(t);
        // Three seconds of silence is still within the staleness: the last
        // value stands, the alert keeps firing.
        QCOMPARE(stateOf(engine, QStringLiteral("latency")), Alert::State::Firing);
    }
    engine.feedMissing(latency, lastValue + 4 * sec);
    engine.evaluate(lastValue + 4 * sec);
    QCOMPARE(stateOf(engine, QStringLiteral("latency")), Alert::State::NoData);
    QVERIFY(engine.alert(QStringLiteral("latency"))->detail.contains(QStringLiteral("no data")));
    // Silence with nothing fed at all ages the same way.
    engine.evaluate(lastValue + 60 * sec);
    QCOMPARE(stateOf(engine, QStringLiteral("latency")), Alert::State::NoData);
    QCOMPARE(rec.count(QStringLiteral("latency"), Alert::State::NoData), 1);
    QCOMPARE(rec.count(QStringLiteral("latency"), Alert::State::Ok), 0);
}

void TstRuleEngine::aProbeErrorIsError()
{
    RuleEngine engine;
    engine.addRule(latencyRule(0, 0));
    run(engine, latency, t0, t0 + 3 * sec, [](qint64) { return 200.0; });
    QCOMPARE(stateOf(engine, QStringLiteral("latency")), Alert::State::Ok);
    engine.feedError(latency, t0 + 3 * sec, QStringLiteral("HTTP 503 from the status page"));
    engine.evaluate(t0 + 3 * sec);
    const auto a = engine.alert(QStringLiteral("latency"));
    QCOMPARE(a->state, Alert::State::Error);
    QVERIFY(a->detail.contains(QStringLiteral("HTTP 503")));
    // The error outranks the fresh-enough last value, and stays until a value comes.
    engine.evaluate(t0 + 4 * sec);
    QCOMPARE(stateOf(engine, QStringLiteral("latency")), Alert::State::Error);
    engine.feed(latency, t0 + 5 * sec, 200.0);
    engine.evaluate(t0 + 5 * sec);
    QCOMPARE(stateOf(engine, QStringLiteral("latency")), Alert::State::Ok);
}

void TstRuleEngine::acknowledgementIsKeptAcrossEvaluations()
{
    RuleEngine engine;
    Recorder rec(engine);
    engine.addRule(latencyRule(0, 0));
    const QString id = QStringLiteral("latency");
    run(engine, latency, t0, t0 + 2 * sec, [](qint64) { return 200.0; });
    QVERIFY(!engine.acknowledge(id, QStringLiteral("ana"), t0 + 2 * sec)); // nothing to own while Ok
    run(engine, latency, t0 + 2 * sec, t0 + 4 * sec, [](qint64) { return 1500.0; });
    const int transitions = rec.changes.size();
    QVERIFY(engine.acknowledge(id, QStringLiteral("ana"), t0 + 4 * sec + 250));
    QCOMPARE(rec.acks.size(), 1);
    QCOMPARE(rec.acks.first().acknowledgedBy, QStringLiteral("ana"));
    QCOMPARE(rec.changes.size(), transitions); // not a state transition
    run(engine, latency, t0 + 5 * sec, t0 + 60 * sec, [](qint64) { return 1500.0; });
    auto a = engine.alert(id);
    QCOMPARE(a->state, Alert::State::Firing);
    QCOMPARE(a->acknowledgedBy, QStringLiteral("ana"));
    QCOMPARE(a->acknowledgedAtMs, t0 + 4 * sec + 250);
    // Handing over: the last acknowledgement owns it.
    QVERIFY(engine.acknowledge(id, QStringLiteral("ben"), t0 + 61 * sec));
    QCOMPARE(engine.alert(id)->acknowledgedBy, QStringLiteral("ben"));
    QVERIFY(!engine.acknowledge(id, QStringLiteral("  "), t0 + 62 * sec));
    QVERIFY(!engine.acknowledge(QStringLiteral("no-such-rule"), QStringLiteral("ana"), t0 + 62 * sec));
}

void TstRuleEngine::acknowledgementEndsWithTheEpisode()
{
    RuleEngine engine;
    engine.addRule(latencyRule(0, 0));
    const QString id = QStringLiteral("latency");
    run(engine, latency, t0, t0 + 2 * sec, [](qint64) { return 1500.0; });
    QVERIFY(engine.acknowledge(id, QStringLiteral("ana"), t0 + 2 * sec));
    run(engine, latency, t0 + 2 * sec, t0 + 3 * sec, [](qint64) { return 100.0; });
    // The resolution still says who owned it (for the timeline)...
    QCOMPARE(engine.alert(id)->state, Alert::State::Resolved);
    QCOMPARE(engine.alert(id)->acknowledgedBy, QStringLiteral("ana"));
    run(engine, latency, t0 + 3 * sec, t0 + 4 * sec, [](qint64) { return 100.0; });
    QCOMPARE(engine.alert(id)->state, Alert::State::Ok);
    QVERIFY(!engine.alert(id)->isAcknowledged());
    // ...and the next episode starts unowned.
    run(engine, latency, t0 + 4 * sec, t0 + 5 * sec, [](qint64) { return 1500.0; });
    QCOMPARE(engine.alert(id)->state, Alert::State::Firing);
    QVERIFY(!engine.alert(id)->isAcknowledged());
}

void TstRuleEngine::transitionsAreEmittedOnceEach()
{
    RuleEngine engine;
    Recorder rec(engine);
    int firingCountSignals = 0;
    connect(&engine, &RuleEngine::firingCountChanged, this, [&](int) { ++firingCountSignals; });
    engine.addRule(latencyRule(3 * sec, 5 * sec));
    engine.addRule(BurnRateRule::page(errors));
    for (qint64 t = t0; t < t0 + 10 * minute; t += sec) {
        const qint64 s = (t - t0) / sec;
        engine.feed(latency, t, (s >= 100 && s < 400) ? 1500.0 : 200.0);
        engine.feed(errors, t, 0.0);
        engine.evaluate(t);
    }
    QCOMPARE(rec.states(QStringLiteral("latency")),
             (QList<Alert::State> {Alert::State::Ok, Alert::State::Pending, Alert::State::Firing,
                                   Alert::State::Resolved, Alert::State::Ok}));
    QCOMPARE(rec.states(QStringLiteral("site-5xx-burn-page")), (QList<Alert::State> {Alert::State::Ok}));
    QCOMPARE(firingCountSignals, 2); // 0 → 1 → 0
    QCOMPARE(engine.lastEvaluatedMs(), t0 + 10 * minute - sec);
}

void TstRuleEngine::duplicateRuleIdIsRejected()
{
    RuleEngine engine;
    QVERIFY(engine.addRule(latencyRule(0, 0)));
    QVERIFY(!engine.addRule(latencyRule(5 * sec, 0)));
    QCOMPARE(engine.ruleIds(), QStringList {QStringLiteral("latency")});
    QVERIFY(!engine.addRule(nullptr));
}

void TstRuleEngine::storeKeepsLateSamplesInOrder()
{
    MetricStore store(10 * sec);
    store.append(latency, {t0, MetricSample::Kind::Value, 1.0, {}});
    store.append(latency, {t0 + 2 * sec, MetricSample::Kind::Value, 3.0, {}});
    store.append(latency, {t0 + sec, MetricSample::Kind::Value, 2.0, {}}); // late
    QCOMPARE(store.latestValue(latency)->value, 3.0);
    QCOMPARE(*store.mean(latency, t0, t0 + sec), 2.0); // (from, to]: the first sample is out
    QCOMPARE(*store.mean(latency, t0 - 1, t0 + 2 * sec), 2.0);
    store.append(latency, {t0 + 3 * sec, MetricSample::Kind::Missing, 0.0, {}});
    QCOMPARE(store.latest(latency)->kind, MetricSample::Kind::Missing);
    QCOMPARE(store.latestValue(latency)->timeMs, t0 + 2 * sec);
    // Retention drops what is older than ten seconds before the newest sample.
    store.append(latency, {t0 + 20 * sec, MetricSample::Kind::Value, 9.0, {}});
    QCOMPARE(store.sampleCount(latency), 1);
    QVERIFY(!store.mean(QStringLiteral("unknown"), t0, t0 + sec));
}

QTEST_GUILESS_MAIN(TstRuleEngine)
#include "tst_ruleengine.moc"

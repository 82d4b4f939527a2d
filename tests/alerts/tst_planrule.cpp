// The plan as data (issue 15): every default rule survives the JSON the
// database stores, bad JSON is refused with the rule and the field named, and
// the built rule carries the runbook. Also the stored names of incident states
// and timeline kinds.
#include "BurnRateRule.h"
#include "DefaultPlan.h"
#include "Incident.h"
#include "PlanRule.h"
#include "RateOfChangeRule.h"
#include "ThresholdRule.h"
#include "TimelineEntry.h"

#include <QJsonDocument>
#include <QTest>

using namespace oc;

namespace {

QJsonObject threshold()
{
    PlanRule r;
    r.id = QStringLiteral("lat");
    r.title = QStringLiteral("Latency");
    r.metric = QStringLiteral("site.latency_p95_ms");
    r.params = {{QStringLiteral("direction"), QStringLiteral("above")},
                {QStringLiteral("fire_at"), 2000},
                {QStringLiteral("recover_at"), 800}};
    return r.toJson();
}

QJsonObject with(QJsonObject o, const QString &key, const QJsonValue &v)
{
    if (v.isUndefined())
        o.remove(key);
    else
        o.insert(key, v);
    return o;
}

QJsonObject withParam(QJsonObject o, const QString &key, const QJsonValue &v)
{
    QJsonObject p = o.value(QStringLiteral("params")).toObject();
    if (v.isUndefined())
        p.remove(key);
    else
        p.insert(key, v);
    o.insert(QStringLiteral("params"), p);
    return o;
}

QJsonObject burn()
{
    QJsonObject o = threshold();
    o.insert(QStringLiteral("kind"), QStringLiteral("burn_rate"));
    o.insert(QStringLiteral("params"),
             QJsonObject {{QStringLiteral("slo"), 0.999},
                          {QStringLiteral("long_s"), 3600},
                          {QStringLiteral("short_s"), 300},
                          {QStringLiteral("factor"), 14.4}});
    return o;
}

QJsonObject rate()
{
    QJsonObject o = threshold();
    o.insert(QStringLiteral("kind"), QStringLiteral("rate_of_change"));
    o.insert(QStringLiteral("params"),
             QJsonObject {{QStringLiteral("direction"), QStringLiteral("drop")},
                          {QStringLiteral("recent_s"), 60},
                          {QStringLiteral("baseline_s"), 900},
                          {QStringLiteral("fire_pct"), 50},
                          {QStringLiteral("recover_pct"), 20},
                          {QStringLiteral("guard"),
                           QJsonObject {{QStringLiteral("metric"), QStringLiteral("x")},
                                        {QStringLiteral("direction"), QStringLiteral("rise")},
                                        {QStringLiteral("min_change_pct"), 20}}}});
    return o;
}

} // namespace

class TstPlanRule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultRulesRoundTrip_data();
    void defaultRulesRoundTrip();
    void rejectsBadInput_data();
    void rejectsBadInput();
    void buildRefusesWhatFromJsonRefuses();
    void buildsEachKind();
    void runbookStep();
    void names();
};

void TstPlanRule::defaultRulesRoundTrip_data()
{
    QTest::addColumn<int>("index");
    const auto plan = DefaultPlan::rules();
    for (int i = 0; i < plan.size(); ++i)
        QTest::newRow(qPrintable(plan[i].id)) << i;
}

void TstPlanRule::defaultRulesRoundTrip()
{
    QFETCH(int, index);
    const PlanRule r = DefaultPlan::rules().at(index);
    // Through text, as the database's jsonb hands it back.
    const QByteArray text = QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact);
    QString error;
    const auto back = PlanRule::fromJson(QJsonDocument::fromJson(text).object(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->id, r.id);
    QCOMPARE(back->version, r.version);
    QCOMPARE(back->kind, r.kind);
    QCOMPARE(back->title, r.title);
    QCOMPARE(back->severity, r.severity);
    QCOMPARE(back->metric, r.metric);
    QCOMPARE(back->params, r.params);
    QCOMPARE(back->pendingMs, r.pendingMs);
    QCOMPARE(back->holdMs, r.holdMs);
    QCOMPARE(back->staleAfterMs, r.staleAfterMs);
    QCOMPARE(back->check, r.check);
    QCOMPARE(back->decider, r.decider);
    QCOMPARE(back->remedyId, r.remedyId);
    QCOMPARE(back->group, r.group);
    QCOMPARE(back->rootCause, r.rootCause);
    QCOMPARE(back->enabled, r.enabled);
    QCOMPARE(back->toJson(), r.toJson());

    auto built = back->build(&error);
    QVERIFY2(built, qPrintable(error));
    QCOMPARE(built->spec().id, r.id);
    QCOMPARE(built->spec().title, r.title);
    QCOMPARE(built->spec().severity, r.severity);
    QCOMPARE(built->spec().runbookStep, r.runbookStep());
    QCOMPARE(built->spec().remedyId, r.remedyId);
    QCOMPARE(built->spec().pendingMs, r.pendingMs);
    QCOMPARE(built->spec().holdMs, r.holdMs);
    QCOMPARE(built->spec().staleAfterMs, r.staleAfterMs);
    QVERIFY(built->metrics().contains(r.metric));
}

void TstPlanRule::rejectsBadInput_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QString>("message");
    const QJsonValue gone(QJsonValue::Undefined);
    QTest::newRow("no id") << with(threshold(), QStringLiteral("id"), gone)
                           << QStringLiteral("rule (no id): id is missing");
    QTest::newRow("id not a string") << with(threshold(), QStringLiteral("id"), 7)
                                     << QStringLiteral("rule (no id): id must be a string");
    QTest::newRow("id with spaces") << with(threshold(), QStringLiteral("id"), QStringLiteral("Site Down"))
                                    << QStringLiteral("rule 'Site Down': id must be 1–80 characters");
    QTest::newRow("unknown field") << with(threshold(), QStringLiteral("pending"), 5)
                                   << QStringLiteral("rule 'lat': pending is not a known field");
    QTest::newRow("bad kind")
        << with(threshold(), QStringLiteral("kind"), QStringLiteral("thresh"))
        << QStringLiteral("rule 'lat': kind must be threshold, rate_of_change or burn_rate (got \"thresh\")");
    QTest::newRow("bad severity") << with(threshold(), QStringLiteral("severity"), QStringLiteral("Page"))
                                  << QStringLiteral("rule 'lat': severity must be page, ticket or info (got \"Page\")");
    QTest::newRow("empty title") << with(threshold(), QStringLiteral("title"), QStringLiteral(" "))
                                 << QStringLiteral("rule 'lat': title must not be empty");
    QTest::newRow("no params") << with(threshold(), QStringLiteral("params"), gone)
                               << QStringLiteral("rule 'lat': params is missing");
    QTest::newRow("negative pending") << with(threshold(), QStringLiteral("pending_ms"), -1)
                                      << QStringLiteral(
                                             "rule 'lat': pending_ms must be a whole number of milliseconds ≥ 0");
    QTest::newRow("fractional hold") << with(threshold(), QStringLiteral("hold_ms"), 1.5)
                                     << QStringLiteral("rule 'lat': hold_ms must be a whole number");
    QTest::newRow("zero staleness") << with(threshold(), QStringLiteral("stale_after_ms"), 0)
                                    << QStringLiteral("rule 'lat': stale_after_ms must be > 0");
    QTest::newRow("root cause text") << with(threshold(), QStringLiteral("root_cause"), QStringLiteral("yes"))
                                     << QStringLiteral("rule 'lat': root_cause must be true or false");
    QTest::newRow("unknown remedy") << with(threshold(), QStringLiteral("remedy"), QStringLiteral("reboot"))
                                    << QStringLiteral("rule 'lat': remedy must be empty or one of flip-to-static");
    QTest::newRow("no fire_at") << withParam(threshold(), QStringLiteral("fire_at"), gone)
                                << QStringLiteral("rule 'lat': params.fire_at is missing");
    QTest::newRow("fire_at text") << withParam(threshold(), QStringLiteral("fire_at"), QStringLiteral("2000"))
                                  << QStringLiteral("rule 'lat': params.fire_at must be a number");
    QTest::newRow("sideways") << withParam(threshold(), QStringLiteral("direction"), QStringLiteral("sideways"))
                              << QStringLiteral("rule 'lat': params.direction must be \"above\" or \"below\"");
    QTest::newRow("recovery past firing")
        << withParam(threshold(), QStringLiteral("recover_at"), 2500)
        << QStringLiteral("rule 'lat': params.recover_at must be ≤ fire_at (2000) for direction above (got 2500)");
    QTest::newRow("typo in params") << withParam(threshold(), QStringLiteral("recover_ta"), 1)
                                    << QStringLiteral("rule 'lat': params.recover_ta is not a known field");
    QTest::newRow("slo as percent") << withParam(burn(), QStringLiteral("slo"), 99.9)
                                    << QStringLiteral("rule 'lat': params.slo must be between 0 and 1");
    QTest::newRow("short longer than long") << withParam(burn(), QStringLiteral("long_s"), 60)
                                            << QStringLiteral("rule 'lat': params.long_s must be longer than short_s");
    QTest::newRow("rate recover past fire") << withParam(rate(), QStringLiteral("recover_pct"), 80)
                                            << QStringLiteral("rule 'lat': params.recover_pct must be ≤ fire_pct");
    QTest::newRow("guard not an object") << withParam(rate(), QStringLiteral("guard"), 5)
                                         << QStringLiteral("rule 'lat': params.guard must be an object");
    QJsonObject badGuard = rate();
    QJsonObject p = badGuard.value(QStringLiteral("params")).toObject();
    QJsonObject g = p.value(QStringLiteral("guard")).toObject();
    g.insert(QStringLiteral("direction"), QStringLiteral("up"));
    p.insert(QStringLiteral("guard"), g);
    badGuard.insert(QStringLiteral("params"), p);
    QTest::newRow("guard direction") << badGuard
                                     << QStringLiteral(
                                            "rule 'lat': params.guard.direction must be \"drop\" or \"rise\"");
}

void TstPlanRule::rejectsBadInput()
{
    QFETCH(QJsonObject, json);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!PlanRule::fromJson(json, &error));
    QVERIFY2(error.startsWith(message), qPrintable(error));
    // And without an error pointer it still refuses (no crash).
    QVERIFY(!PlanRule::fromJson(json));
}

void TstPlanRule::buildRefusesWhatFromJsonRefuses()
{
    PlanRule r = *PlanRule::fromJson(threshold());
    r.params.insert(QStringLiteral("recover_at"), 2500);
    QString error;
    QVERIFY(!r.build(&error));
    QVERIFY2(error.contains(QStringLiteral("params.recover_at")), qPrintable(error));
    r = *PlanRule::fromJson(threshold());
    r.remedyId = QStringLiteral("format-disk");
    QVERIFY(!r.build(&error));
    QVERIFY2(error.contains(QStringLiteral("remedy")), qPrintable(error));
}

void TstPlanRule::buildsEachKind()
{
    QVERIFY(dynamic_cast<ThresholdRule *>(PlanRule::fromJson(threshold())->build().get()));
    auto b = PlanRule::fromJson(burn())->build();
    QVERIFY(dynamic_cast<BurnRateRule *>(b.get()));
    QCOMPARE(static_cast<BurnRateRule *>(b.get())->budget(), 1.0 - 0.999);
    auto r = PlanRule::fromJson(rate())->build();
    QVERIFY(dynamic_cast<RateOfChangeRule *>(r.get()));
    QCOMPARE(r->metrics(), (QStringList {QStringLiteral("site.latency_p95_ms"), QStringLiteral("x")}));
}

void TstPlanRule::runbookStep()
{
    PlanRule r;
    QCOMPARE(r.runbookStep(), QString());
    r.check = QStringLiteral("Open the site");
    QCOMPARE(r.runbookStep(), QStringLiteral("Check: Open the site"));
    r.decider = QStringLiteral("Rapid-response lead");
    QCOMPARE(r.runbookStep(), QStringLiteral("Check: Open the site · Decides: Rapid-response lead"));
    r.check.clear();
    QCOMPARE(r.runbookStep(), QStringLiteral("Decides: Rapid-response lead"));
}

void TstPlanRule::names()
{
    for (auto k : {PlanRule::Kind::Threshold, PlanRule::Kind::RateOfChange, PlanRule::Kind::BurnRate})
        QCOMPARE(PlanRule::kindFromName(PlanRule::kindName(k)), k);
    QCOMPARE(PlanRule::kindName(PlanRule::Kind::RateOfChange), QStringLiteral("rate_of_change"));
    QVERIFY(!PlanRule::kindFromName(QStringLiteral("Threshold")));

    const QStringList states {QStringLiteral("firing"), QStringLiteral("acknowledged"), QStringLiteral("resolved")};
    for (const QString &s : states)
        QCOMPARE(Incident::stateName(*Incident::stateFromName(s)), s);
    QVERIFY(!Incident::stateFromName(QStringLiteral("Firing")));

    const QStringList kinds {
        QStringLiteral("opened"),       QStringLiteral("rule_firing"), QStringLiteral("rule_resolved"),
        QStringLiteral("acknowledged"), QStringLiteral("handed_over"), QStringLiteral("note"),
        QStringLiteral("action"),       QStringLiteral("resolved"),    QStringLiteral("reopened")};
    for (int i = 0; i < kinds.size(); ++i) {
        QCOMPARE(TimelineEntry::kindName(TimelineEntry::Kind(i)), kinds[i]);
        QCOMPARE(TimelineEntry::kindFromName(kinds[i]), TimelineEntry::Kind(i));
    }
    QVERIFY(!TimelineEntry::kindFromName(QStringLiteral("ruleFiring")));
}

QTEST_GUILESS_MAIN(TstPlanRule)
#include "tst_planrule.moc"

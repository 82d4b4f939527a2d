// Alerts folded into incident cards (issue 15): one root cause, one card; the
// precise rules of IncidentGrouper, transition by transition.
#include "IncidentGrouper.h"

#include <QTest>

using namespace oc;
using K = IncidentGrouper::Change::Kind;
using S = Alert::State;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 sec = 1000;
constexpr qint64 minute = 60 * sec;
constexpr qint64 t0 = 1'700'000'000'000LL;

PlanRule rule(const QString &id, const QString &group, Alert::Severity sev, bool root = false)
{
    PlanRule r;
    r.id = id;
    r.title = id + QStringLiteral(" title");
    r.group = group;
    r.severity = sev;
    r.rootCause = root;
    return r;
}

// Group "site": root (page), sym (ticket), sym2 (info); group "db": db1.
IncidentGrouper grouper()
{
    IncidentGrouper g;
    g.setPlan({rule(QStringLiteral("root"), QStringLiteral("site"), Alert::Severity::Page, true),
               rule(QStringLiteral("sym"), QStringLiteral("site"), Alert::Severity::Ticket),
               rule(QStringLiteral("sym2"), QStringLiteral("site"), Alert::Severity::Info),
               rule(QStringLiteral("db1"), QStringLiteral("db"), Alert::Severity::Ticket, true)});
    return g;
}

Alert alert(const QString &id, S state, qint64 at)
{
    Alert a;
    a.ruleId = id;
    a.title = id + QStringLiteral(" title");
    a.state = state;
    a.sinceMs = at;
    a.severity = id == "root"_L1 ? Alert::Severity::Page
        : id == "sym2"_L1        ? Alert::Severity::Info
                                 : Alert::Severity::Ticket;
    a.runbookStep = QStringLiteral("Check: ") + id;
    a.remedyId = id == "root"_L1 ? QStringLiteral("flip-to-static") : QString();
    a.detail = id + QStringLiteral(" detail");
    return a;
}

QList<K> kinds(const QList<IncidentGrouper::Change> &cs)
{
    QList<K> out;
    for (const auto &c : cs)
        out << c.kind;
    return out;
}

} // namespace

class TstIncidentGrouper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstFiringOpensACard();
    void rootCauseNamesTheCardAndEscalates();
    void symptomsAreSuppressedWhileTheRootFires();
    void resolvesWhenNoRuleHoldsIt();
    void aPendingRuleThatFiredHoldsTheCard();
    void aPendingRuleThatNeverFiredDoesNotHold();
    void noDataAndErrorNeverOpenNorResolve();
    void reopensWithinFifteenMinutes();
    void opensANewCardAfterTheReopenWindow();
    void breachesCountEveryFiring();
    void groupsAreSeparate();
    void acknowledgeTakesOwnership();
    void timelineEntries();
};

void TstIncidentGrouper::firstFiringOpensACard()
{
    IncidentGrouper g = grouper();
    QVERIFY(g.onAlert(alert(u"sym"_s, S::Pending, t0), t0).isEmpty());
    const auto cs = g.onAlert(alert(u"sym"_s, S::Firing, t0 + 10 * sec), t0 + 10 * sec);
    QCOMPARE(kinds(cs), QList<K> {K::Opened});
    const Incident &inc = cs.first().incident;
    QVERIFY(cs.first().hasIncident);
    QVERIFY(!cs.first().suppressed);
    QCOMPARE(inc.id, 0);
    QCOMPARE(inc.group, u"site"_s);
    QCOMPARE(inc.title, u"sym title"_s);
    QCOMPARE(inc.rootRuleId, u"sym"_s);
    QCOMPARE(inc.severity, Alert::Severity::Ticket);
    QCOMPARE(inc.state, Incident::State::Firing);
    QCOMPARE(inc.rules, QStringList {u"sym"_s});
    QCOMPARE(inc.breaches, 1);
    QCOMPARE(inc.openedMs, t0 + 10 * sec);
    QCOMPARE(inc.runbookStep, u"Check: sym"_s);
    QCOMPARE(g.incidents().size(), 1);
    QVERIFY(g.openIncident(u"site"_s));
}

void TstIncidentGrouper::rootCauseNamesTheCardAndEscalates()
{
    IncidentGrouper g = grouper();
    g.onAlert(alert(u"sym"_s, S::Firing, t0), t0);
    const auto cs = g.onAlert(alert(u"root"_s, S::Firing, t0 + sec), t0 + sec);
    QCOMPARE(kinds(cs), (QList<K> {K::Joined, K::Escalated}));
    const Incident &inc = cs.last().incident;
    QCOMPARE(inc.title, u"root title"_s);
    QCOMPARE(inc.rootRuleId, u"root"_s);
    QCOMPARE(inc.remedyId, u"flip-to-static"_s);
    QCOMPARE(inc.severity, Alert::Severity::Page);
    QCOMPARE(inc.rules, (QStringList {u"sym"_s, u"root"_s}));
    QCOMPARE(g.incidents().size(), 1);
    // A lesser rule joining does not lower it.
    const auto more = g.onAlert(alert(u"sym2"_s, S::Firing, t0 + 2 * sec), t0 + 2 * sec);
    QCOMPARE(kinds(more), QList<K> {K::Joined});
    QCOMPARE(more.first().incident.severity, Alert::Severity::Page);
    QCOMPARE(more.first().incident.title, u"root title"_s);
}

void TstIncidentGrouper::symptomsAreSuppressedWhileTheRootFires()
{
    IncidentGrouper g = grouper();
    QVERIFY(!g.isSuppressed(u"sym"_s));
    g.onAlert(alert(u"root"_s, S::Firing, t0), t0);
    QVERIFY(g.isSuppressed(u"sym"_s));
    QVERIFY(g.isSuppressed(u"sym2"_s));
    QVERIFY(!g.isSuppressed(u"root"_s));
    QVERIFY(!g.isSuppressed(u"db1"_s));
    const auto cs = g.onAlert(alert(u"sym"_s, S::Firing, t0 + sec), t0 + sec);
    QCOMPARE(kinds(cs), QList<K> {K::Joined});
    QVERIFY(cs.first().suppressed);
    QCOMPARE(g.incidents().size(), 1);
    // The root recovers: the symptom, still firing, is no longer suppressed.
    g.onAlert(alert(u"root"_s, S::Resolved, t0 + minute), t0 + minute);
    QVERIFY(!g.isSuppressed(u"sym"_s));
}

void TstIncidentGrouper::resolvesWhenNoRuleHoldsIt()
{
    IncidentGrouper g = grouper();
    g.onAlert(alert(u"root"_s, S::Firing, t0), t0);
    g.onAlert(alert(u"sym"_s, S::Firing, t0 + sec), t0 + sec);
    auto cs = g.onAlert(alert(u"root"_s, S::Resolved, t0 + minute), t0 + minute);
    QCOMPARE(kinds(cs), QList<K> {K::RuleResolved});
    QVERIFY(g.openIncident(u"site"_s));
    // Resolved is followed by Ok: nothing more to say.
    QVERIFY(g.onAlert(alert(u"root"_s, S::Ok, t0 + minute + sec), t0 + minute + sec).isEmpty());
    cs = g.onAlert(alert(u"sym"_s, S::Resolved, t0 + 2 * minute), t0 + 2 * minute);
    QCOMPARE(kinds(cs), (QList<K> {K::RuleResolved, K::Resolved}));
    QCOMPARE(cs.last().incident.state, Incident::State::Resolved);
    QCOMPARE(cs.last().incident.resolvedMs, t0 + 2 * minute);
    QVERIFY(!g.openIncident(u"site"_s));
}

void TstIncidentGrouper::aPendingRuleThatFiredHoldsTheCard()
{
    IncidentGrouper g = grouper();
    g.onAlert(alert(u"root"_s, S::Firing, t0), t0);
    g.onAlert(alert(u"sym"_s, S::Firing, t0 + sec), t0 + sec);
    g.onAlert(alert(u"sym"_s, S::Resolved, t0 + 30 * sec), t0 + 30 * sec);
    g.onAlert(alert(u"sym"_s, S::Ok, t0 + 31 * sec), t0 + 31 * sec);
    // The symptom breaches again and waits out its pending period …
    QVERIFY(g.onAlert(alert(u"sym"_s, S::Pending, t0 + 40 * sec), t0 + 40 * sec).isEmpty());
    // … so the root recovering does not resolve the card under it.
    auto cs = g.onAlert(alert(u"root"_s, S::Resolved, t0 + 45 * sec), t0 + 45 * sec);
    QCOMPARE(kinds(cs), QList<K> {K::RuleResolved});
    QVERIFY(g.openIncident(u"site"_s));
    // The re-breach did not last: now nothing holds it.
    cs = g.onAlert(alert(u"sym"_s, S::Ok, t0 + 48 * sec), t0 + 48 * sec);
    QCOMPARE(kinds(cs), QList<K> {K::Resolved});
    QCOMPARE(g.incidents().first().resolvedMs, t0 + 48 * sec);
}

void TstIncidentGrouper::aPendingRuleThatNeverFiredDoesNotHold()
{
    IncidentGrouper g = grouper();
    g.onAlert(alert(u"root"_s, S::Firing, t0), t0);
    g.onAlert(alert(u"sym2"_s, S::Pending, t0 + sec), t0 + sec);
    const auto cs = g.onAlert(alert(u"root"_s, S::Resolved, t0 + minute), t0 + minute);
    QCOMPARE(kinds(cs), (QList<K> {K::RuleResolved, K::Resolved}));
}

void TstIncidentGrouper::noDataAndErrorNeverOpenNorResolve()
{
    IncidentGrouper g = grouper();
    auto cs = g.onAlert(alert(u"sym"_s, S::NoData, t0), t0);
    QCOMPARE(kinds(cs), QList<K> {K::NoData});
    QVERIFY(!cs.first().hasIncident);
    QVERIFY(cs.first().suppressed);
    cs = g.onAlert(alert(u"db1"_s, S::Error, t0), t0);
    QCOMPARE(kinds(cs), QList<K> {K::Error});
    QVERIFY(g.incidents().isEmpty());
    cs = g.onAlert(alert(u"db1"_s, S::Ok, t0 + sec), t0 + sec);
    QCOMPARE(kinds(cs), QList<K> {K::DataRestored});
    QVERIFY(g.incidents().isEmpty());

    // A firing rule going silent keeps its card open: silence is not recovery.
    g.onAlert(alert(u"root"_s, S::Firing, t0 + minute), t0 + minute);
    cs = g.onAlert(alert(u"root"_s, S::NoData, t0 + 2 * minute), t0 + 2 * minute);
    QCOMPARE(kinds(cs), QList<K> {K::NoData});
    QVERIFY(cs.first().hasIncident);
    QVERIFY(g.openIncident(u"site"_s));
    // Data again, and recovered (the engine goes NoData → Ok without Resolved).
    cs = g.onAlert(alert(u"root"_s, S::Ok, t0 + 3 * minute), t0 + 3 * minute);
    QCOMPARE(kinds(cs), (QList<K> {K::DataRestored, K::RuleResolved, K::Resolved}));
}

void TstIncidentGrouper::reopensWithinFifteenMinutes()
{
    IncidentGrouper g = grouper();
    QCOMPARE(g.reopenWithinMs(), 15 * minute);
    g.onAlert(alert(u"root"_s, S::Firing, t0), t0);
    g.acknowledge(u"site"_s, u"Ana"_s, t0 + 10 * sec);
    g.onAlert(alert(u"root"_s, S::Resolved, t0 + minute), t0 + minute);
    const qint64 back = t0 + minute + 15 * minute; // exactly at the window's end still counts
    const auto cs = g.onAlert(alert(u"sym"_s, S::Firing, back), back);
    QCOMPARE(kinds(cs), QList<K> {K::Reopened});
    const Incident &inc = cs.first().incident;
    QCOMPARE(inc.state, Incident::State::Firing); // to be owned again
    QCOMPARE(inc.resolvedMs, 0);
    QCOMPARE(inc.owner, u"Ana"_s); // who had it, for the next person
    QCOMPARE(inc.breaches, 2);
    QCOMPARE(inc.rules, (QStringList {u"root"_s, u"sym"_s}));
    QCOMPARE(inc.title, u"root title"_s);
    QCOMPARE(inc.openedMs, t0);
    QCOMPARE(g.incidents().size(), 1);
}

void TstIncidentGrouper::opensANewCardAfterTheReopenWindow()
{
    IncidentGrouper g = grouper();
    g.setReopenWithinMs(5 * minute);
    g.onAlert(alert(u"root"_s, S::Firing, t0), t0);
    g.onAlert(alert(u"root"_s, S::Resolved, t0 + minute), t0 + minute);
    const auto cs = g.onAlert(alert(u"root"_s, S::Firing, t0 + 6 * minute + sec), t0 + 6 * minute + sec);
    QCOMPARE(kinds(cs), QList<K> {K::Opened});
    QCOMPARE(g.incidents().size(), 2);
    QCOMPARE(g.incidents().first().state, Incident::State::Resolved);
    QCOMPARE(g.incidents().last().breaches, 1);
}

void TstIncidentGrouper::breachesCountEveryFiring()
{
    IncidentGrouper g = grouper();
    for (int i = 0; i < 5; ++i) {
        const qint64 t = t0 + i * minute;
        g.onAlert(alert(u"sym"_s, S::Firing, t), t);
        g.onAlert(alert(u"root"_s, S::Firing, t + sec), t + sec);
        // sym flaps; root keeps the card open the whole time
        g.onAlert(alert(u"sym"_s, S::Resolved, t + 30 * sec), t + 30 * sec);
        if (i < 4)
            g.onAlert(alert(u"root"_s, S::Resolved, t + 40 * sec), t + 40 * sec);
    }
    // 10 raw firings, and the card reopened (not duplicated) between them.
    QCOMPARE(g.incidents().size(), 1);
    QCOMPARE(g.incidents().first().breaches, 10);
}

void TstIncidentGrouper::groupsAreSeparate()
{
    IncidentGrouper g = grouper();
    g.onAlert(alert(u"root"_s, S::Firing, t0), t0);
    auto cs = g.onAlert(alert(u"db1"_s, S::Firing, t0 + sec), t0 + sec);
    QCOMPARE(kinds(cs), QList<K> {K::Opened});
    QVERIFY(!cs.first().suppressed);
    // A rule the plan does not know is its own group.
    cs = g.onAlert(alert(u"stray"_s, S::Firing, t0 + 2 * sec), t0 + 2 * sec);
    QCOMPARE(kinds(cs), QList<K> {K::Opened});
    QCOMPARE(cs.first().group, u"stray"_s);
    QCOMPARE(g.groupOf(u"stray"_s), u"stray"_s);
    QCOMPARE(g.incidents().size(), 3);
    QCOMPARE(g.incidents().at(0).group, u"site"_s);
    QCOMPARE(g.incidents().at(1).group, u"db"_s);
}

void TstIncidentGrouper::acknowledgeTakesOwnership()
{
    IncidentGrouper g = grouper();
    QVERIFY(g.acknowledge(u"site"_s, u"Ana"_s, t0).isEmpty()); // nothing open
    g.setDrill(true);
    g.onAlert(alert(u"root"_s, S::Firing, t0), t0);
    QVERIFY(g.acknowledge(u"site"_s, u"  "_s, t0 + sec).isEmpty());
    auto cs = g.acknowledge(u"site"_s, u" Ana "_s, t0 + 5 * sec);
    QCOMPARE(kinds(cs), QList<K> {K::Acknowledged});
    QCOMPARE(cs.first().incident.state, Incident::State::Acknowledged);
    QCOMPARE(cs.first().incident.owner, u"Ana"_s);
    QCOMPARE(cs.first().incident.acknowledgedMs, t0 + 5 * sec);
    QVERIFY(cs.first().incident.drill);
    // A symptom joining keeps the owner and the state.
    cs = g.onAlert(alert(u"sym"_s, S::Firing, t0 + 6 * sec), t0 + 6 * sec);
    QCOMPARE(cs.first().incident.state, Incident::State::Acknowledged);
    // A hand-over is another acknowledgement.
    cs = g.acknowledge(u"site"_s, u"Ben"_s, t0 + 9 * sec);
    QCOMPARE(cs.first().incident.owner, u"Ben"_s);
}

void TstIncidentGrouper::timelineEntries()
{
    IncidentGrouper g = grouper();
    auto nothing = g.onAlert(alert(u"sym"_s, S::NoData, t0), t0);
    QVERIFY(!IncidentGrouper::timelineEntry(nothing.first())); // no card, no line
    QList<IncidentGrouper::Change> all;
    all << g.onAlert(alert(u"sym"_s, S::Firing, t0 + sec), t0 + sec);
    all << g.onAlert(alert(u"root"_s, S::Firing, t0 + 2 * sec), t0 + 2 * sec);
    all << g.acknowledge(u"site"_s, u"Ana"_s, t0 + 3 * sec);
    all << g.onAlert(alert(u"sym"_s, S::NoData, t0 + 4 * sec), t0 + 4 * sec);
    all << g.onAlert(alert(u"root"_s, S::Resolved, t0 + 5 * sec), t0 + 5 * sec);
    all << g.onAlert(alert(u"sym"_s, S::Ok, t0 + 6 * sec), t0 + 6 * sec);
    QList<TimelineEntry> lines;
    for (const auto &c : std::as_const(all)) {
        if (auto e = IncidentGrouper::timelineEntry(c))
            lines << *e;
    }
    using T = TimelineEntry::Kind;
    QList<T> got;
    for (const auto &e : std::as_const(lines))
        got << e.kind;
    QCOMPARE(got,
             (QList<T> {T::Opened, T::RuleFiring, T::Note, T::Acknowledged, T::Note, T::RuleResolved, T::Note,
                        T::RuleResolved, T::Resolved}));
    QCOMPARE(lines.at(0).actor, u"engine"_s);
    QCOMPARE(lines.at(0).ruleId, u"sym"_s);
    QCOMPARE(lines.at(0).detail, u"sym title: sym detail"_s);
    QCOMPARE(lines.at(2).detail, u"severity raised to page by root"_s);
    QCOMPARE(lines.at(3).actor, u"Ana"_s);
    QVERIFY(lines.at(4).detail.startsWith(u"no data: "_s));
    QCOMPARE(lines.last().atMs, t0 + 6 * sec);
    QCOMPARE(IncidentGrouper::kindName(K::DataRestored), u"data_restored"_s);
}

QTEST_GUILESS_MAIN(TstIncidentGrouper)
#include "tst_incidentgrouper.moc"

#include "RuleEngine.h"

#include "LogCategories.h"

#include <algorithm>
#include <utility>

namespace oc {

RuleEngine::RuleEngine(QObject *parent)
    : QObject(parent)
{
}

RuleEngine::~RuleEngine() = default;

bool RuleEngine::addRule(std::unique_ptr<AlertRule> rule)
{
    if (!rule)
        return false;
    const bool exists =
        std::any_of(m_entries.begin(), m_entries.end(), [&](const Entry &e) { return e.rule->id() == rule->id(); });
    if (exists) {
        logcat::alerts()->warn("rule {} is already in the plan; the second one is ignored", rule->id().toStdString());
        return false;
    }
    Entry e;
    const auto &spec = rule->spec();
    e.alert.ruleId = spec.id;
    e.alert.title = spec.title;
    e.alert.severity = spec.severity;
    e.alert.runbookStep = spec.runbookStep;
    e.alert.remedyId = spec.remedyId;
    // A rule starts without data: it must not look healthy before its first
    // evaluation has seen a value.
    e.alert.state = Alert::State::NoData;
    e.rule = std::move(rule);
    m_entries.push_back(std::move(e));
    return true;
}

QStringList RuleEngine::ruleIds() const
{
    QStringList ids;
    for (const auto &e : m_entries)
        ids << e.rule->id();
    return ids;
}

bool RuleEngine::replaceRule(std::unique_ptr<AlertRule> rule)
{
    if (!rule)
        return false;
    auto it =
        std::find_if(m_entries.begin(), m_entries.end(), [&](const Entry &e) { return e.rule->id() == rule->id(); });
    if (it == m_entries.end())
        return addRule(std::move(rule));
    const auto &spec = rule->spec();
    it->alert.title = spec.title;
    it->alert.severity = spec.severity;
    it->alert.runbookStep = spec.runbookStep;
    it->alert.remedyId = spec.remedyId;
    it->rule = std::move(rule);
    return true;
}

bool RuleEngine::removeRule(const QString &ruleId)
{
    const auto before = m_entries.size();
    std::erase_if(m_entries, [&](const Entry &e) { return e.rule->id() == ruleId; });
    return m_entries.size() != before;
}

void RuleEngine::feed(const QString &metric, qint64 timeMs, double value)
{
    m_store.append(metric, {timeMs, MetricSample::Kind::Value, value, {}});
}

void RuleEngine::feedMissing(const QString &metric, qint64 timeMs)
{
    m_store.append(metric, {timeMs, MetricSample::Kind::Missing, 0.0, {}});
}

void RuleEngine::feedError(const QString &metric, qint64 timeMs, const QString &reason)
{
    m_store.append(metric, {timeMs, MetricSample::Kind::Error, 0.0, reason});
}

void RuleEngine::enter(Entry &e, Alert::State s, qint64 nowMs)
{
    e.alert.state = s;
    e.alert.sinceMs = nowMs;
    if (s == Alert::State::Ok) {
        e.alert.acknowledgedBy.clear();
        e.alert.acknowledgedAtMs = 0;
    }
}

bool RuleEngine::step(Entry &e, const RuleVerdict &v, qint64 nowMs)
{
    using C = RuleVerdict::Condition;
    using S = Alert::State;
    const S before = e.alert.state;
    const auto &spec = e.rule->spec();

    if (v.condition == C::NoData || v.condition == C::Error) {
        // Timers restart after a gap: a breach must be seen continuously.
        e.breachStartMs = -1;
        e.recoverStartMs = -1;
        const S s = v.condition == C::NoData ? S::NoData : S::Error;
        if (before != s)
            enter(e, s, nowMs);
        return before != s;
    }

    switch (before) {
    case S::Firing:
        if (v.condition == C::Recovered) {
            if (e.recoverStartMs < 0)
                e.recoverStartMs = nowMs;
            if (nowMs - e.recoverStartMs >= spec.holdMs) {
                e.recoverStartMs = -1;
                e.breachStartMs = -1;
                enter(e, S::Resolved, nowMs);
            }
        } else {
            // Between or breaching again: the recovery did not hold.
            e.recoverStartMs = -1;
        }
        break;
    case S::Pending:
        if (v.condition == C::Breaching) {
            if (nowMs - e.breachStartMs >= spec.pendingMs)
                enter(e, S::Firing, nowMs);
        } else {
            // The breach did not last the pending period.
            e.breachStartMs = -1;
            enter(e, S::Ok, nowMs);
        }
        break;
    case S::Ok:
    case S::Resolved:
    case S::NoData:
    case S::Error:
        if (v.condition == C::Breaching) {
            e.breachStartMs = nowMs;
            e.recoverStartMs = -1;
            // A new episode: the owner of the last one does not own this one.
            e.alert.acknowledgedBy.clear();
            e.alert.acknowledgedAtMs = 0;
            enter(e, spec.pendingMs <= 0 ? S::Firing : S::Pending, nowMs);
        } else if (before != S::Ok) {
            enter(e, S::Ok, nowMs);
        }
        break;
    }
    return e.alert.state != before;
}

void RuleEngine::evaluate(qint64 nowMs)
{
    m_lastEvaluatedMs = nowMs;
    QList<Alert> changed;
    for (auto &e : m_entries) {
        const RuleVerdict v = e.rule->evaluate(m_store, nowMs);
        e.alert.value = v.value;
        e.alert.detail = v.detail;
        const Alert::State before = e.alert.state;
        if (step(e, v, nowMs)) {
            logcat::alerts()->info("{} {} → {}: {}", e.alert.ruleId.toStdString(),
                                   Alert::stateName(before).toStdString(),
                                   Alert::stateName(e.alert.state).toStdString(), v.detail.toStdString());
            changed << e.alert;
        }
    }
    const int firing = firingCount();
    const bool countChanged = firing != m_firingCount;
    m_firingCount = firing;
    // Signals after the whole pass, so a slot reading alerts() sees one
    // consistent evaluation rather than half of one.
    for (const Alert &a : std::as_const(changed))
        Q_EMIT alertChanged(a);
    if (countChanged)
        Q_EMIT firingCountChanged(firing);
    Q_EMIT evaluated(nowMs);
}

bool RuleEngine::acknowledge(const QString &ruleId, const QString &who, qint64 atMs)
{
    auto it = std::find_if(m_entries.begin(), m_entries.end(), [&](const Entry &e) { return e.rule->id() == ruleId; });
    if (it == m_entries.end() || who.trimmed().isEmpty())
        return false;
    // Nothing to own while the rule is healthy.
    if (it->alert.state == Alert::State::Ok)
        return false;
    it->alert.acknowledgedBy = who.trimmed();
    it->alert.acknowledgedAtMs = atMs;
    logcat::alerts()->info("{} acknowledged by {}", ruleId.toStdString(), it->alert.acknowledgedBy.toStdString());
    Q_EMIT alertAcknowledged(it->alert);
    return true;
}

std::optional<Alert> RuleEngine::alert(const QString &ruleId) const
{
    for (const auto &e : m_entries) {
        if (e.rule->id() == ruleId)
            return e.alert;
    }
    return std::nullopt;
}

QList<Alert> RuleEngine::alerts() const
{
    QList<Alert> all;
    for (const auto &e : m_entries)
        all << e.alert;
    return all;
}

int RuleEngine::firingCount() const
{
    return int(std::count_if(m_entries.begin(), m_entries.end(),
                             [](const Entry &e) { return e.alert.state == Alert::State::Firing; }));
}

} // namespace oc

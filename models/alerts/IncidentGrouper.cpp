#include "IncidentGrouper.h"

#include "LogCategories.h"

namespace oc {

using namespace Qt::Literals::StringLiterals;

void IncidentGrouper::setPlan(const QList<PlanRule> &plan)
{
    m_plan.clear();
    for (const PlanRule &r : plan)
        m_plan.insert(r.id, r);
}

QString IncidentGrouper::groupOf(const QString &ruleId) const
{
    auto it = m_plan.constFind(ruleId);
    if (it == m_plan.cend() || it->group.isEmpty())
        return ruleId;
    return it->group;
}

QString IncidentGrouper::rootOf(const QString &group) const
{
    for (const PlanRule &r : m_plan) {
        if (r.rootCause && groupOf(r.id) == group)
            return r.id;
    }
    return {};
}

int IncidentGrouper::rank(Alert::Severity s)
{
    switch (s) {
    case Alert::Severity::Page: return 2;
    case Alert::Severity::Ticket: return 1;
    case Alert::Severity::Info: return 0;
    }
    return 0;
}

int IncidentGrouper::openIndex(const QString &group) const
{
    auto it = m_lastOfGroup.constFind(group);
    if (it == m_lastOfGroup.cend() || !m_incidents[size_t(*it)].isOpen())
        return -1;
    return *it;
}

std::optional<Incident> IncidentGrouper::openIncident(const QString &group) const
{
    const int i = openIndex(group);
    if (i < 0)
        return std::nullopt;
    return m_incidents[size_t(i)];
}

QList<Incident> IncidentGrouper::incidents() const
{
    return QList<Incident>(m_incidents.begin(), m_incidents.end());
}

bool IncidentGrouper::holds(const QString &ruleId, const Incident &incident) const
{
    auto it = m_rules.constFind(ruleId);
    if (it == m_rules.cend())
        return false;
    switch (it->state) {
    case Alert::State::Firing: return true;
    case Alert::State::Pending: return incident.rules.contains(ruleId);
    case Alert::State::NoData:
    case Alert::State::Error: return it->firedUnrecovered;
    case Alert::State::Ok:
    case Alert::State::Resolved: return false;
    }
    return false;
}

bool IncidentGrouper::groupHolds(const Incident &incident) const
{
    for (auto it = m_rules.cbegin(); it != m_rules.cend(); ++it) {
        if (groupOf(it.key()) == incident.group && holds(it.key(), incident))
            return true;
    }
    return false;
}

bool IncidentGrouper::isSuppressed(const QString &ruleId) const
{
    const QString group = groupOf(ruleId);
    const QString root = rootOf(group);
    if (root.isEmpty() || root == ruleId || openIndex(group) < 0)
        return false;
    auto it = m_rules.constFind(root);
    return it != m_rules.cend() && it->state == Alert::State::Firing;
}

void IncidentGrouper::adopt(Incident &incident, const Alert &alert) const
{
    incident.title = alert.title;
    incident.runbookStep = alert.runbookStep;
    incident.remedyId = alert.remedyId;
    incident.rootRuleId = alert.ruleId;
}

IncidentGrouper::Change IncidentGrouper::make(Change::Kind kind, qint64 atMs, const QString &group, const Alert &alert,
                                              int index) const
{
    Change c;
    c.kind = kind;
    c.atMs = atMs;
    c.group = group;
    c.ruleId = alert.ruleId;
    c.alert = alert;
    if (index >= 0) {
        c.incident = m_incidents[size_t(index)];
        c.hasIncident = true;
    }
    return c;
}

QList<IncidentGrouper::Change> IncidentGrouper::onAlert(const Alert &alert, qint64 nowMs)
{
    using S = Alert::State;
    using K = Change::Kind;
    QList<Change> out;
    const QString group = groupOf(alert.ruleId);
    RuleState &rs = m_rules[alert.ruleId];
    const S before = rs.state;
    rs.state = alert.state;
    rs.last = alert;
    const bool wasSilent = before == S::NoData || before == S::Error;

    if (alert.state == S::NoData || alert.state == S::Error) {
        Change c = make(alert.state == S::NoData ? K::NoData : K::Error, nowMs, group, alert, openIndex(group));
        c.suppressed = true;
        out << c;
        return out;
    }
    if (wasSilent) {
        Change c = make(K::DataRestored, nowMs, group, alert, openIndex(group));
        c.suppressed = true;
        out << c;
    }

    if (alert.state == S::Firing) {
        rs.firedUnrecovered = true;
        const bool isRoot = rootOf(group) == alert.ruleId;
        int i = openIndex(group);
        if (i >= 0) {
            Incident &inc = m_incidents[size_t(i)];
            ++inc.breaches;
            if (!inc.rules.contains(alert.ruleId))
                inc.rules << alert.ruleId;
            // The root cause names the card once it fires, whoever opened it.
            if (isRoot && inc.rootRuleId != alert.ruleId)
                adopt(inc, alert);
            const bool rose = rank(alert.severity) > rank(inc.severity);
            if (rose)
                inc.severity = alert.severity;
            ++inc.version;
            Change c = make(K::Joined, nowMs, group, alert, i);
            c.suppressed = isSuppressed(alert.ruleId);
            out << c;
            if (rose)
                out << make(K::Escalated, nowMs, group, alert, i);
            return out;
        }
        auto last = m_lastOfGroup.constFind(group);
        if (last != m_lastOfGroup.cend() && nowMs - m_incidents[size_t(*last)].resolvedMs <= m_reopenWithinMs) {
            // Back within minutes: the same root cause, the same card and its
            // history, not a second card for the same trouble.
            i = *last;
            Incident &inc = m_incidents[size_t(i)];
            inc.state = Incident::State::Firing;
            inc.resolvedMs = 0;
            inc.acknowledgedMs = 0; // a new episode must be owned again; `owner` stays as who had it
            ++inc.breaches;
            if (!inc.rules.contains(alert.ruleId))
                inc.rules << alert.ruleId;
            if (isRoot && inc.rootRuleId != alert.ruleId)
                adopt(inc, alert);
            if (rank(alert.severity) > rank(inc.severity))
                inc.severity = alert.severity;
            ++inc.version;
            logcat::alerts()->info("incident '{}' reopened by {}", inc.title.toStdString(), alert.ruleId.toStdString());
            out << make(K::Reopened, nowMs, group, alert, i);
            return out;
        }
        Incident inc;
        inc.group = group;
        inc.severity = alert.severity;
        inc.state = Incident::State::Firing;
        inc.rules << alert.ruleId;
        inc.breaches = 1;
        inc.openedMs = nowMs;
        inc.drill = m_drill;
        inc.version = 1;
        adopt(inc, alert);
        m_incidents.push_back(inc);
        i = int(m_incidents.size()) - 1;
        m_lastOfGroup.insert(group, i);
        logcat::alerts()->info("incident '{}' opened by {}", inc.title.toStdString(), alert.ruleId.toStdString());
        out << make(K::Opened, nowMs, group, alert, i);
        return out;
    }

    // Ok, Resolved or Pending: the card may have lost its last holder.
    const bool recovered = alert.state == S::Ok || alert.state == S::Resolved;
    const bool hadFired = rs.firedUnrecovered;
    if (recovered)
        rs.firedUnrecovered = false;
    const int i = openIndex(group);
    if (i < 0)
        return out;
    Incident &inc = m_incidents[size_t(i)];
    if (recovered && hadFired && inc.rules.contains(alert.ruleId)) {
        ++inc.version;
        out << make(K::RuleResolved, nowMs, group, alert, i);
    }
    if (!groupHolds(inc)) {
        inc.state = Incident::State::Resolved;
        inc.resolvedMs = nowMs;
        ++inc.version;
        logcat::alerts()->info("incident '{}' resolved", inc.title.toStdString());
        out << make(K::Resolved, nowMs, group, alert, i);
    }
    return out;
}

QList<IncidentGrouper::Change> IncidentGrouper::acknowledge(const QString &group, const QString &who, qint64 atMs)
{
    const int i = openIndex(group);
    if (i < 0 || who.trimmed().isEmpty())
        return {};
    Incident &inc = m_incidents[size_t(i)];
    inc.state = Incident::State::Acknowledged;
    inc.owner = who.trimmed();
    inc.acknowledgedMs = atMs;
    ++inc.version;
    Change c = make(Change::Kind::Acknowledged, atMs, group, Alert(), i);
    c.ruleId.clear();
    return {c};
}

QString IncidentGrouper::kindName(Change::Kind kind)
{
    using K = Change::Kind;
    switch (kind) {
    case K::Opened: return u"opened"_s;
    case K::Joined: return u"joined"_s;
    case K::Escalated: return u"escalated"_s;
    case K::RuleResolved: return u"rule_resolved"_s;
    case K::Resolved: return u"resolved"_s;
    case K::Reopened: return u"reopened"_s;
    case K::Acknowledged: return u"acknowledged"_s;
    case K::NoData: return u"no_data"_s;
    case K::Error: return u"error"_s;
    case K::DataRestored: return u"data_restored"_s;
    }
    return {};
}

std::optional<TimelineEntry> IncidentGrouper::timelineEntry(const Change &c)
{
    using K = Change::Kind;
    using T = TimelineEntry::Kind;
    if (!c.hasIncident)
        return std::nullopt;
    TimelineEntry e;
    e.incidentId = c.incident.id;
    e.atMs = c.atMs;
    e.actor = u"engine"_s;
    e.ruleId = c.ruleId;
    const QString what = c.alert.detail.isEmpty() ? c.alert.title : c.alert.title + u": "_s + c.alert.detail;
    e.detail = what;
    switch (c.kind) {
    case K::Opened: e.kind = T::Opened; break;
    case K::Joined: e.kind = T::RuleFiring; break;
    case K::Reopened: e.kind = T::Reopened; break;
    case K::RuleResolved: e.kind = T::RuleResolved; break;
    case K::Resolved:
        e.kind = T::Resolved;
        e.detail = u"no rule of the group firing"_s;
        break;
    case K::Escalated:
        e.kind = T::Note;
        e.detail = u"severity raised to %1 by %2"_s.arg(Alert::severityName(c.incident.severity).toLower(), c.ruleId);
        break;
    case K::Acknowledged:
        e.kind = T::Acknowledged;
        e.actor = c.incident.owner;
        e.detail = u"took ownership"_s;
        break;
    case K::NoData:
    case K::Error:
    case K::DataRestored:
        // Only worth a line on an open card: "the probe went silent" is part
        // of that incident's story.
        if (!c.incident.isOpen())
            return std::nullopt;
        e.kind = T::Note;
        e.detail = (c.kind == K::NoData      ? u"no data: "_s
                        : c.kind == K::Error ? u"probe error: "_s
                                             : u"data again: "_s) +
            c.alert.detail;
        break;
    }
    return e;
}

} // namespace oc

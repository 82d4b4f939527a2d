#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>

namespace oc {

// The state of one rule as every console should show it. The runbook step and
// remedy id are copied from the rule so that a panel (or another console
// reading it from the database, later) needs nothing but this to act.
struct Alert
{
    Q_GADGET
public:
    // Resolved is shown once when a firing alert recovers and becomes Ok at
    // the next evaluation. NoData and Error are states of their own: a silent
    // or failing probe must never look like a healthy metric.
    enum class State { Ok, Pending, Firing, Resolved, NoData, Error };
    Q_ENUM(State)
    enum class Severity { Page, Ticket, Info };
    Q_ENUM(Severity)

    QString ruleId;
    QString title;
    Severity severity = Severity::Info;
    State state = State::Ok;
    qint64 sinceMs = 0; // when the rule entered `state`
    double value = 0.0;
    QString detail;
    QString runbookStep;
    QString remedyId; // e.g. "flip-to-static"; the actions layer maps it to a button

    // Ownership of the current episode; cleared when the rule is Ok again.
    QString acknowledgedBy;
    qint64 acknowledgedAtMs = 0;
    bool isAcknowledged() const { return !acknowledgedBy.isEmpty(); }

    static QString stateName(State s);
    static QString severityName(Severity s);
};

} // namespace oc

Q_DECLARE_METATYPE(oc::Alert)

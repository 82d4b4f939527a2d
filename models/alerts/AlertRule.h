#pragma once

#include "Alert.h"
#include "RuleVerdict.h"

#include <QString>
#include <QStringList>

namespace oc {

class MetricStore;

// What every rule kind shares: its identity, what to do about it (runbook step,
// remedy), how long a breach must last (pending) and a recovery must last
// (hold), and when its inputs count as silent. The runbook and remedy are data
// on the rule so that the plan can later come from the database unchanged.
class AlertRule
{
public:
    struct Spec
    {
        QString id;
        QString title;
        Alert::Severity severity = Alert::Severity::Info;
        QString runbookStep;
        QString remedyId;
        qint64 pendingMs = 0; // a breach must last this long before Firing
        qint64 holdMs = 0; // a recovery must last this long before Resolved
        // No value newer than this means No data. Three one-second intervals by
        // default, the "silent for 3x its interval".
        qint64 staleAfterMs = 3000;
    };

    explicit AlertRule(Spec spec);
    virtual ~AlertRule();
    AlertRule(const AlertRule &) = delete;
    AlertRule &operator=(const AlertRule &) = delete;

    const Spec &spec() const { return m_spec; }
    const QString &id() const { return m_spec.id; }

    // Every metric the rule reads; all must be fresh and error-free.
    virtual QStringList metrics() const = 0;

    // Error if any input's newest sample is a probe error, No data if any input
    // has no value within staleAfterMs, else the rule's own condition.
    RuleVerdict evaluate(const MetricStore &store, qint64 nowMs) const;

protected:
    virtual RuleVerdict condition(const MetricStore &store, qint64 nowMs) const = 0;

private:
    Spec m_spec;
};

} // namespace oc

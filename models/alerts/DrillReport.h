#pragma once

#include "TimelineEntry.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace oc {

// The drill's report card (issue 15): per rule, how long from the first
// breaching sample to the alert (detect), from the alert to someone taking the
// card (acknowledge) and from the alert to the first action on the card that
// went through (act: outcome "ok" or "dry run"). Built from what the drill
// knows (when it started, when each rule's input first breached) and the
// timeline every console shares. A step that did not happen is "—", never 0.
class DrillReport
{
public:
    struct Row
    {
        QString ruleId;
        qint64 firstBreachMs = -1; // -1: not known / not breached
        qint64 firingMs = -1; // first Opened/RuleFiring/Reopened line of the rule
        qint64 incidentId = 0;
        qint64 acknowledgedMs = -1; // first acknowledgement of its card at or after firing
        bool alreadyOwned = false; // the card had an owner when the rule fired
        qint64 actedMs = -1; // first successful action on its card at or after firing
        QString action; // that action's detail

        std::optional<qint64> detectMs() const;
        std::optional<qint64> acknowledgeMs() const;
        std::optional<qint64> actMs() const;
    };

    DrillReport(qint64 drillStartMs, QHash<QString, qint64> firstBreachMs, QList<TimelineEntry> timeline);

    qint64 drillStartMs() const { return m_startMs; }
    // Rules that fired, in firing order, then rules that breached but never fired.
    QList<Row> rows() const { return m_rows; }
    std::optional<Row> row(const QString &ruleId) const;

    QString markdown() const;
    // "850 ms", "12.3 s", "8 min 41 s"; "—" for nullopt.
    static QString formatDuration(std::optional<qint64> ms);

private:
    qint64 m_startMs;
    QList<Row> m_rows;
};

} // namespace oc

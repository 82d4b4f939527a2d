#pragma once

#include "Alert.h"
#include "Incident.h"
#include "PlanRule.h"
#include "TimelineEntry.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace oc {

// Folds alert transitions into incident cards: one root cause, one card
// (issue 15). Pure: no clock, no database, no signals; the caller passes every
// transition RuleEngine::alertChanged announces, with its time, and stores or
// shows the changes it gets back. The cards it keeps are local (id 0); the
// database store assigns ids.
//
// The rules, precisely:
// - A rule's group is PlanRule::group (its own id when empty or unknown). A
//   group has at most one open card.
// - A rule going Firing with no open card in its group opens one (Opened),
//   unless the group's last card resolved within reopenWithinMs: that card is
//   reopened (Reopened). With an open card it joins it (Joined).
// - The card's title, runbook step and remedy are the root-cause rule's
//   (PlanRule::rootCause) once it has fired in the card, else the first
//   rule's. Its severity is the highest of the rules that fired in it and
//   never drops while it is open (Escalated when it rises).
// - `breaches` counts every Firing transition folded into the card, the one
//   that opened it included.
// - A rule holds its group's open card while it is Firing; while it is Pending
//   after having fired in this card (a re-breach waiting out its pending period
//   would otherwise resolve the card only to reopen it seconds later); and
//   while it is NoData or Error after firing without a recovery since (a
//   silent probe is not a recovery). The card resolves (Resolved) at the first
//   transition after which no rule of the group holds it.
// - NoData and Error never open a card and never resolve one; they are
//   reported (NoData, Error, and DataRestored when the rule has data again)
//   so that a panel can show them.
// - While the group's root-cause rule is Firing, the other rules of the group
//   are suppressed: they join the card silently (no card, no sound).
class IncidentGrouper
{
public:
    static constexpr qint64 defaultReopenWithinMs = 15 * 60 * 1000LL;

    struct Change
    {
        enum class Kind {
            Opened,
            Joined,
            Escalated,
            RuleResolved,
            Resolved,
            Reopened,
            Acknowledged,
            NoData, // a rule's input went silent (open card or not)
            Error, // a rule's probe failed
            DataRestored, // the rule reads values again
        };
        Kind kind = Kind::Opened;
        qint64 atMs = 0;
        QString group;
        QString ruleId;
        // The card after the change; for NoData/Error/DataRestored the group's
        // open card when there is one (hasIncident), else empty.
        Incident incident;
        bool hasIncident = false;
        Alert alert; // the transition that caused it (empty for Acknowledged)
        // Joined while the root cause fires, or a NoData/Error report: no sound,
        // no desktop notification.
        bool suppressed = false;
    };

    IncidentGrouper() = default;

    void setPlan(const QList<PlanRule> &plan);
    void setReopenWithinMs(qint64 ms) { m_reopenWithinMs = ms; }
    qint64 reopenWithinMs() const { return m_reopenWithinMs; }
    // Cards opened from now on are drill cards (Incident::drill).
    void setDrill(bool drill) { m_drill = drill; }

    QList<Change> onAlert(const Alert &alert, qint64 nowMs);
    // Someone takes ownership of the group's open card (again: a hand-over).
    // Empty when the group has no open card or `who` is blank.
    QList<Change> acknowledge(const QString &group, const QString &who, qint64 atMs);

    bool isSuppressed(const QString &ruleId) const;
    QString groupOf(const QString &ruleId) const;
    // Every card, in opening order (a reopened card keeps its place).
    QList<Incident> incidents() const;
    std::optional<Incident> openIncident(const QString &group) const;

    static QString kindName(Change::Kind kind);
    // The timeline line a change leaves on its card, or nullopt for a change
    // outside any card (a NoData report with nothing open).
    static std::optional<TimelineEntry> timelineEntry(const Change &change);

private:
    struct RuleState
    {
        // Ok until told otherwise: the engine's initial No data is not a
        // transition, so a panel was never told of it and needs no DataRestored.
        Alert::State state = Alert::State::Ok;
        bool firedUnrecovered = false; // went Firing and has not been Resolved/Ok since
        Alert last;
    };

    int openIndex(const QString &group) const;
    bool holds(const QString &ruleId, const Incident &incident) const;
    bool groupHolds(const Incident &incident) const;
    QString rootOf(const QString &group) const;
    void adopt(Incident &incident, const Alert &alert) const;
    static int rank(Alert::Severity s);
    Change make(Change::Kind kind, qint64 atMs, const QString &group, const Alert &alert, int index) const;

    QHash<QString, PlanRule> m_plan;
    QHash<QString, RuleState> m_rules;
    std::vector<Incident> m_incidents;
    QHash<QString, int> m_lastOfGroup; // group -> index into m_incidents
    qint64 m_reopenWithinMs = defaultReopenWithinMs;
    bool m_drill = false;
};

} // namespace oc

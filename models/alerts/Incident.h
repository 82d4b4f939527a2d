#pragma once

#include "Alert.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace oc {

// One root cause, as every console shows it: a card. Opened by the first
// firing rule of its group; the alerts of the group's symptoms join it instead
// of opening cards of their own. Lives in the database (incidents), so a
// second console, the wallboard and a restarted console show the same card.
struct Incident
{
    enum class State { Firing, Acknowledged, Resolved };

    qint64 id = 0; // 0 until the database assigned one (local-only cards)
    QString group;
    QString title;
    Alert::Severity severity = Alert::Severity::Ticket;
    State state = State::Firing;
    QString rootRuleId;
    QStringList rules; // every rule that fired in this incident, first first
    int breaches = 0; // raw rule firings folded into this card
    qint64 openedMs = 0;
    qint64 acknowledgedMs = 0;
    qint64 resolvedMs = 0;
    QString owner; // who acknowledged (took ownership) last
    QString runbookStep;
    QString remedyId;
    bool drill = false;
    int version = 0; // bumped on every change; compare-and-set for edits

    bool isOpen() const { return state != State::Resolved; }
    static QString stateName(State s);
    static std::optional<State> stateFromName(const QString &name);
};

} // namespace oc

Q_DECLARE_METATYPE(oc::Incident)

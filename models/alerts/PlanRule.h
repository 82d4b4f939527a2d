#pragma once

#include "Alert.h"

#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>

namespace oc {

class AlertRule;

// One rule of the incident-response plan as data: what the database stores
// (alert_plan.definition, jsonb), what operators edit in the console and what
// the engine is built from. The runbook travels with the rule so that every
// console, and the post-incident review, shows the same step.
//
// Grouping: rules sharing `group` describe one root cause ("site" for the
// site falling over: 5xx burn, latency, RSVP drop). They make one incident
// card; while the group's `rootCause` rule fires, the others are symptoms and
// are suppressed (no card of their own, no sound).
struct PlanRule
{
    enum class Kind { Threshold, RateOfChange, BurnRate };

    QString id;
    int version = 1;
    Kind kind = Kind::Threshold;
    QString title;
    Alert::Severity severity = Alert::Severity::Ticket;
    QString metric;
    // Kind-specific numbers, as stored (see docs/incidents.md):
    //   threshold:      direction ("above"|"below"), fire_at, recover_at
    //   rate_of_change: direction ("drop"|"rise"), recent_s, baseline_s, fire_pct,
    //                   recover_pct, optional guard {metric, direction, min_change_pct}
    //   burn_rate:      slo, long_s, short_s, factor
    QJsonObject params;
    qint64 pendingMs = 0;
    qint64 holdMs = 0;
    qint64 staleAfterMs = 3000;
    // Runbook: what to check, who decides, and the one-click remedy offered
    // on the card ("flip-to-static", "flip-to-live", "cancel-blast",
    // "launch", or empty).
    QString check;
    QString decider;
    QString remedyId;
    QString group;
    bool rootCause = false;
    bool enabled = true;

    static QString kindName(Kind k);
    static std::optional<Kind> kindFromName(const QString &name);

    QJsonObject toJson() const;
    // Reads what toJson() writes; nullopt with a message naming the rule and
    // the field for anything missing or out of range.
    static std::optional<PlanRule> fromJson(const QJsonObject &o, QString *error = nullptr);

    // The engine's rule for this definition, or nullptr with a message.
    std::unique_ptr<AlertRule> build(QString *error = nullptr) const;
    // The runbook line shown on the alert: "Check: … · Decides: …" (either
    // part left out when empty).
    QString runbookStep() const;
};

} // namespace oc

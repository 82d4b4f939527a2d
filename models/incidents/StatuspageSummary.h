#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace oc {

// A vendor's Atlassian Statuspage summary, GET /api/v2/summary.json, as
// every Statuspage-hosted page documents it at /api (e.g.
// https://confluence.status.atlassian.com/api: page, status {indicator,
// description}, components[], incidents[], scheduled_maintenances[]).
// A component's status is one of operational, degraded_performance,
// partial_outage, major_outage or under_maintenance (the Statuspage
// component API's values); status.indicator is none, minor, major or
// critical (maintenance while one runs).
struct StatuspageSummary
{
    struct Component
    {
        QString id;
        QString name;
        QString status;
        int level = 0; // levelOf(status)
    };

    QString pageName;
    QString indicator;
    QString description;
    QList<Component> components; // group headers left out: their children say it

    // The vendor as one number: the worst component, or the page indicator
    // when the page lists no components. 0 operational, 1 degraded
    // performance, 2 partial outage, 3 major outage.
    int worstLevel() const;
    // "SMS: partial outage, Email API: degraded performance", worst first;
    // empty when all are operational.
    QString degradedSummary() const;
    QStringList degradedComponents() const;

    // under_maintenance is 1: announced work, not an outage, but the vendor
    // may not serve us while it lasts and on a surge day someone should know.
    // A status this code does not know is 1 too: not fine, not a proven outage.
    static int levelOf(const QString &componentStatus);
    static int indicatorLevel(const QString &indicator);
    static QString words(const QString &componentStatus);

    // nullopt with `why` on anything that is not a summary (not JSON, no
    // status and no components).
    static std::optional<StatuspageSummary> parse(const QByteArray &json, QString *why = nullptr);
};

} // namespace oc

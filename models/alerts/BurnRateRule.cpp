#include "BurnRateRule.h"

#include "MetricStore.h"

#include <utility>

namespace oc {

BurnRateRule::BurnRateRule(Spec spec, QString errorRatioMetric, double slo, Windows windows)
    : AlertRule(std::move(spec))
    , m_metric(std::move(errorRatioMetric))
    , m_slo(slo)
    , m_windows(windows)
{
}

std::unique_ptr<BurnRateRule> BurnRateRule::page(const QString &errorRatioMetric, double slo)
{
    Spec s;
    s.id = QStringLiteral("site-5xx-burn-page");
    s.title = QStringLiteral("Site 5xx burning the error budget fast (14.4x over 1 h and 5 min)");
    s.severity = Alert::Severity::Page;
    s.runbookStep = QStringLiteral("Check the public site and the database load; if pages fail, flip the site "
                                   "to the static fallback. The rapid-response lead decides.");
    s.remedyId = QStringLiteral("flip-to-static");
    return std::make_unique<BurnRateRule>(std::move(s), errorRatioMetric, slo, pageWindows);
}

std::unique_ptr<BurnRateRule> BurnRateRule::ticket(const QString &errorRatioMetric, double slo)
{
    Spec s;
    s.id = QStringLiteral("site-5xx-burn-ticket");
    s.title = QStringLiteral("Site 5xx burning the error budget (6x over 6 h and 30 min)");
    s.severity = Alert::Severity::Ticket;
    s.runbookStep = QStringLiteral("A slow burn: find which pages return 5xx and open a ticket with the web team.");
    s.remedyId = QStringLiteral("flip-to-static");
    return std::make_unique<BurnRateRule>(std::move(s), errorRatioMetric, slo, ticketWindows);
}

std::optional<double> BurnRateRule::burnRate(const MetricStore &store, qint64 windowMs, qint64 nowMs) const
{
    auto ratio = store.mean(m_metric, nowMs - windowMs, nowMs);
    if (!ratio || budget() <= 0.0)
        return std::nullopt;
    return *ratio / budget();
}

RuleVerdict BurnRateRule::condition(const MetricStore &store, qint64 nowMs) const
{
    using C = RuleVerdict::Condition;
    // Both windows end now; a window reaching back before the first sample
    // uses what there is, as Prometheus' rate() does, so a fresh console
    // still pages on a total outage within a minute.
    const auto longBurn = burnRate(store, m_windows.longMs, nowMs);
    const auto shortBurn = burnRate(store, m_windows.shortMs, nowMs);
    if (!longBurn || !shortBurn)
        return {C::NoData, 0.0, QStringLiteral("%1: no values in the burn-rate windows").arg(m_metric)};
    const QString detail = QStringLiteral("%1 burn rate %2x over %3 min, %4x over %5 min (fires > %6x in both)")
                               .arg(m_metric)
                               .arg(*longBurn, 0, 'f', 2)
                               .arg(m_windows.longMs / 60000)
                               .arg(*shortBurn, 0, 'f', 2)
                               .arg(m_windows.shortMs / 60000)
                               .arg(m_windows.factor);
    if (*longBurn > m_windows.factor && *shortBurn > m_windows.factor)
        return {C::Breaching, *longBurn, detail};
    return {C::Recovered, *longBurn, detail};
}

} // namespace oc

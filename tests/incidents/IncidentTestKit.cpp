#include "IncidentTestKit.h"

#include "ConsoleSession.h"
#include "PgSession.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace oc::test {

using namespace Qt::Literals::StringLiterals;

PlanRule siteRule()
{
    PlanRule r;
    r.id = u"test-site-5xx"_s;
    r.kind = PlanRule::Kind::Threshold;
    r.title = u"Site failing"_s;
    r.severity = Alert::Severity::Page;
    r.metric = u"site.5xx_ratio"_s;
    r.params = QJsonObject {{u"direction"_s, u"above"_s}, {u"fire_at"_s, 0.5}, {u"recover_at"_s, 0.1}};
    r.pendingMs = 0;
    r.holdMs = 0;
    r.staleAfterMs = 30000;
    r.check = u"Open the public site"_s;
    r.decider = u"Rapid-response lead"_s;
    r.remedyId = u"flip-to-static"_s;
    r.group = u"site"_s;
    r.rootCause = true;
    return r;
}

void storePlanRule(const QString &conninfo, const PlanRule &rule)
{
    PgSession s(conninfo);
    s.exec(DbQuery("INSERT INTO alert_plan (rule_id, definition, updated_by) VALUES ($1, $2::jsonb, 'test')")
               .bind(rule.id)
               .bind(QJsonDocument(rule.toJson()).toJson(QJsonDocument::Compact)));
}

void writeTraffic(const QString &conninfo, int requests, int errors)
{
    PgSession s(conninfo);
    s.exec(
        DbQuery("INSERT INTO traffic_samples (site, bucket, requests, errors_5xx, p95_ms) "
                "VALUES ('events', to_timestamp(floor(extract(epoch FROM clock_timestamp()) / 10) * 10), $1, $2, 120) "
                "ON CONFLICT (site, bucket) DO UPDATE SET requests = EXCLUDED.requests, "
                "errors_5xx = EXCLUDED.errors_5xx, xact = pg_current_xact_id()")
            .bind(requests)
            .bind(errors));
}

std::unique_ptr<ConsoleSession> startConsole(const QString &who, const QString &conninfo)
{
    ConsoleSession::Config cfg;
    cfg.conninfo = conninfo;
    cfg.operatorName = who;
    cfg.pollFastMs = 250;
    cfg.pollSlowMs = 1000;
    auto s = std::make_unique<ConsoleSession>(cfg);
    s->start();
    return s;
}

} // namespace oc::test

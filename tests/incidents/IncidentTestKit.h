#pragma once

#include "PlanRule.h"

#include <QString>

#include <memory>

namespace oc {
class ConsoleSession;
}

namespace oc::test {

// What the incident tests on a real database share: a rule they can make
// fire at will, and the rows other processes would write.

// site.5xx_ratio above 0.5 fires (recovers below 0.1), no pending or hold,
// group "site", root cause, remedy flip-to-static, a runbook step.
PlanRule siteRule();
// Writes a rule into alert_plan as an operator's console would.
void storePlanRule(const QString &conninfo, const PlanRule &rule);
// The current 10 s traffic bucket, as the simulator's upsert writes it.
void writeTraffic(const QString &conninfo, int requests, int errors);
// A started console as `who` on `conninfo`, polling the fast paths every
// 250 ms and the slow ones (plan, vendors: every third slow poll) every 1 s.
std::unique_ptr<ConsoleSession> startConsole(const QString &who, const QString &conninfo);

} // namespace oc::test

#pragma once

#include <QString>

namespace oc {

// What one rule says about one instant, before the engine applies pending and
// hold times. Three conditions rather than a bool: "Between" (past the
// recovery threshold but not the firing one) is what keeps a firing alert from
// flapping on a value that oscillates between the two.
struct RuleVerdict
{
    enum class Condition { Breaching, Between, Recovered, NoData, Error };

    Condition condition = Condition::Between;
    double value = 0.0; // the number the rule compared (value, drop %, burn rate)
    QString detail; // one line for the operator: what was compared with what
};

} // namespace oc

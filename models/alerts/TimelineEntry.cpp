#include "TimelineEntry.h"

namespace oc {

using namespace Qt::Literals::StringLiterals;

// Lower-case snake names: what the database stores (incident_timeline.kind)
// and the exports print, so they must not follow a C++ rename.
QString TimelineEntry::kindName(Kind k)
{
    switch (k) {
    case Kind::Opened: return u"opened"_s;
    case Kind::RuleFiring: return u"rule_firing"_s;
    case Kind::RuleResolved: return u"rule_resolved"_s;
    case Kind::Acknowledged: return u"acknowledged"_s;
    case Kind::HandedOver: return u"handed_over"_s;
    case Kind::Note: return u"note"_s;
    case Kind::Action: return u"action"_s;
    case Kind::Resolved: return u"resolved"_s;
    case Kind::Reopened: return u"reopened"_s;
    case Kind::Silenced: return u"silenced"_s;
    }
    return {};
}

std::optional<TimelineEntry::Kind> TimelineEntry::kindFromName(const QString &name)
{
    for (Kind k : {Kind::Opened, Kind::RuleFiring, Kind::RuleResolved, Kind::Acknowledged, Kind::HandedOver, Kind::Note,
                   Kind::Action, Kind::Resolved, Kind::Reopened, Kind::Silenced}) {
        if (kindName(k) == name)
            return k;
    }
    return std::nullopt;
}

} // namespace oc

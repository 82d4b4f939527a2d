#include "Incident.h"

namespace oc {

using namespace Qt::Literals::StringLiterals;

// Lower-case snake names: what the database stores (incidents.state) and the
// exports print, so they must not follow a C++ rename.
QString Incident::stateName(State s)
{
    switch (s) {
    case State::Firing: return u"firing"_s;
    case State::Acknowledged: return u"acknowledged"_s;
    case State::Resolved: return u"resolved"_s;
    }
    return {};
}

std::optional<Incident::State> Incident::stateFromName(const QString &name)
{
    for (State s : {State::Firing, State::Acknowledged, State::Resolved}) {
        if (stateName(s) == name)
            return s;
    }
    return std::nullopt;
}

} // namespace oc

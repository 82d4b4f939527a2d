#pragma once

#include <QString>

#include <optional>

namespace oc::sim {

// The main IANA time zone of each US state, for events whose source gave none.
// States that span two zones (TX, FL, IN, KY, TN, ...) get the zone most of
// their people live in.
struct UsTimeZones
{
    // Unknown states give America/New_York.
    static QString forState(const QString &state);
    // nullopt for anything that is not a known state or territory code.
    static std::optional<QString> find(const QString &state);
};

} // namespace oc::sim

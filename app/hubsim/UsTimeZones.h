#pragma once

#include <QString>

namespace oc {

// The main IANA time zone of each US state, for events whose source gave none.
struct UsTimeZones
{
    static QString forState(const QString &state);
};

} // namespace oc

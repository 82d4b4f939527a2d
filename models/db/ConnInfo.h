#pragma once

#include <QString>

namespace oc {

// Helpers for libpq connection strings and URIs.
struct ConnInfo
{
    // The string with any password removed, safe to log or show.
    static QString redacted(const QString &conninfo);
    // Appends key=value (quoted) to a keyword/value conninfo or URI.
    static QString withParam(const QString &conninfo, const QString &key, const QString &value);
    // Whether libpq can parse it; `error` gets libpq's message otherwise.
    static bool validate(const QString &conninfo, QString *error);
};

} // namespace oc

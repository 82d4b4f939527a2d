#pragma once

#include <QHash>
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
    // "user@host:port/dbname" (or "user@service=name/dbname"): names a saved
    // profile, e.g. its entry in the desktop keychain. Unset parts take libpq's
    // defaults (PG* environment, login name, local socket, 5432). Never holds
    // the password; empty when the string does not parse.
    static QString profileKey(const QString &conninfo);
    // Whether it carries a password of its own.
    static bool hasPassword(const QString &conninfo);
    // What libpq's own environment (PGHOST, PGPORT, PGDATABASE, PGUSER,
    // PGSERVICE...) sets, keyword -> value, as libpq itself reads it; only the
    // keywords whose variable is set, never the password. Empty conninfo means
    // exactly these (plus libpq's built-in defaults).
    static QHash<QString, QString> environmentDefaults();
};

} // namespace oc

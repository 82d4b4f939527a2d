#pragma once

#include <QString>

namespace oc {

// Turns libpq's and the server's messages into plain words for the people
// who will read them: organizers, not DBAs.
struct ConnectionDiagnosis
{
    enum class Kind {
        Ok,
        Unreachable,
        AuthenticationFailed,
        DatabaseMissing,
        SchemaMissing,
        SchemaTooNew,
        SchemaChanged,
        BadSettings,
        Other
    };
    Kind kind = Kind::Other;
    QString summary; // one sentence
    QString advice; // what to do about it
    QString detail; // the original message

    static ConnectionDiagnosis fromError(const QString &message, const QString &sqlState = {});
    static ConnectionDiagnosis fromSchema(int version, int latestKnown);
    // An applied migration's text differs from this build's (Migrator::changedMessage).
    static ConnectionDiagnosis fromChangedMigration(const QString &message);
};

} // namespace oc

#include "ConnectionDiagnosis.h"

#include <QCoreApplication>

namespace oc {

static QString tr(const char *s)
{
    return QCoreApplication::translate("ConnectionDiagnosis", s);
}

ConnectionDiagnosis ConnectionDiagnosis::fromError(const QString &message, const QString &sqlState)
{
    ConnectionDiagnosis d;
    d.detail = message;
    const QString m = message.toLower();
    if (sqlState == QLatin1String("28P01") || sqlState == QLatin1String("28000") ||
        m.contains(QLatin1String("password authentication failed")) ||
        m.contains(QLatin1String("no password supplied")) || m.contains(QLatin1String("authentication failed")) ||
        m.contains(QLatin1String("no pg_hba.conf entry"))) {
        d.kind = Kind::AuthenticationFailed;
        d.summary = tr("The server refused the user name or password.");
        d.advice = tr("Check the user name, and the password in ~/.pgpass or the one you typed. "
                      "Ask your database administrator whether this user may connect from here.");
    } else if (sqlState == QLatin1String("3D000") ||
               (m.contains(QLatin1String("database")) && m.contains(QLatin1String("does not exist")))) {
        d.kind = Kind::DatabaseMissing;
        d.summary = tr("The server is reachable but the database does not exist.");
        d.advice = tr("Check the database name.");
    } else if (m.contains(QLatin1String("could not connect")) || m.contains(QLatin1String("connection refused")) ||
               m.contains(QLatin1String("could not translate host name")) || m.contains(QLatin1String("timeout")) ||
               m.contains(QLatin1String("timed out")) || m.contains(QLatin1String("no such file or directory")) ||
               m.contains(QLatin1String("network is unreachable")) ||
               m.contains(QLatin1String("server closed the connection"))) {
        d.kind = Kind::Unreachable;
        d.summary = tr("The database server cannot be reached.");
        d.advice = tr("Check the host name and port, your network or VPN, and that the server is running.");
    } else if (m.contains(QLatin1String("invalid connection option")) || m.contains(QLatin1String("missing \"=\"")) ||
               m.contains(QLatin1String("definition of service")) || m.contains(QLatin1String("invalid"))) {
        d.kind = Kind::BadSettings;
        d.summary = tr("The connection settings are not valid.");
        d.advice = tr("Check the connection string or the service name in pg_service.conf.");
    } else {
        d.summary = tr("The connection failed.");
        d.advice = tr("See the details below.");
    }
    return d;
}

ConnectionDiagnosis ConnectionDiagnosis::fromSchema(int version, int latestKnown)
{
    ConnectionDiagnosis d;
    if (version < 0) {
        d.kind = Kind::SchemaMissing;
        d.summary = tr("Connected, but this database does not contain the campaign hub's tables.");
        d.advice = tr("Check that you chose the hub database; an administrator can create the schema with "
                      "organizer-hubsim --seed-only --events 0.");
    } else if (version > latestKnown) {
        d.kind = Kind::SchemaTooNew;
        d.summary =
            tr("The database is newer (schema %1) than this console knows (schema %2).").arg(version).arg(latestKnown);
        d.advice = tr("Install the latest Organizer Console; this one will not write to a schema it does not know.");
    } else {
        d.kind = Kind::Ok;
        d.summary = tr("Connected. The hub schema is version %1.").arg(version);
    }
    return d;
}

ConnectionDiagnosis ConnectionDiagnosis::fromChangedMigration(const QString &message)
{
    ConnectionDiagnosis d;
    d.kind = Kind::SchemaChanged;
    d.summary = tr("The database's schema was built from a migration whose text has changed since.");
    d.advice = tr("Ask the administrator who runs organizer-hubsim migrate: %1").arg(message);
    d.detail = message;
    return d;
}

} // namespace oc

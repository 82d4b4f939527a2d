#include "SourceDetector.h"

#include "DbTable.h"

#include <QCoreApplication>
#include <QHash>
#include <QStringList>

namespace oc {

const char *SourceDetector::catalogSql()
{
    return "SELECT c.relname::text AS name, has_table_privilege(c.oid, 'SELECT') AS can_select, "
           "EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'xact' "
           "AND NOT a.attisdropped) AS has_xact "
           "FROM pg_class c "
           "WHERE c.relname IN ('schema_migrations', 'events', 'timeslots', 'participations') "
           "AND c.relkind IN ('r', 'v', 'm', 'p', 'f') AND pg_table_is_visible(c.oid)";
}

QList<SourceDetector::Relation> SourceDetector::relations(const DbTable &t)
{
    QList<Relation> out;
    const int name = t.column(QStringLiteral("name")), sel = t.column(QStringLiteral("can_select")),
              xact = t.column(QStringLiteral("has_xact"));
    if (name < 0 || sel < 0 || xact < 0)
        return out;
    for (int r = 0; r < t.rowCount(); ++r)
        out << Relation {t.text(r, name), t.toBool(r, sel), t.toBool(r, xact)};
    return out;
}

SourceDetector::Result SourceDetector::classify(const QList<Relation> &relations)
{
    QHash<QString, Relation> by;
    for (const Relation &r : relations)
        by.insert(r.name, r);
    auto tr = [](const char *s) { return QCoreApplication::translate("SourceDetector", s); };

    if (by.contains(QStringLiteral("schema_migrations")) && by.value(QStringLiteral("events")).hasXact)
        return {Kind::Hub, tr("The database has the hub schema.")};

    static const QStringList mirrorViews {QStringLiteral("events"), QStringLiteral("timeslots"),
                                          QStringLiteral("participations")};
    QStringList missing, unreadable;
    for (const QString &v : mirrorViews) {
        if (!by.contains(v))
            missing << v;
        else if (!by.value(v).canSelect)
            unreadable << v;
    }
    if (missing.isEmpty() && unreadable.isEmpty())
        return {Kind::Mobilize,
                tr("The database has a Mobilize SQL mirror's views (events, timeslots, participations); "
                   "the console reads it read-only.")};
    if (missing.isEmpty())
        return {Kind::MobilizeNoAccess,
                tr("The database has a Mobilize SQL mirror, but this role may not read the view(s) %1: "
                   "ask the mirror's administrator to GRANT SELECT on them.")
                    .arg(unreadable.join(QStringLiteral(", ")))};

    QString hub;
    if (!by.contains(QStringLiteral("schema_migrations")))
        hub = tr("no hub schema (no schema_migrations table; organizer-hubsim migrate creates it)");
    else
        hub = tr("a schema_migrations table, but no hub events table with its xact column");
    return {Kind::Neither,
            tr("This database is neither a hub nor a Mobilize mirror: it has %1, and the "
               "Mobilize mirror's view(s) %2 are missing.")
                .arg(hub, missing.join(QStringLiteral(", ")))};
}

} // namespace oc

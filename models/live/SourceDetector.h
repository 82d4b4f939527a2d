#pragma once

#include <QList>
#include <QString>

namespace oc {

class DbTable;

// Which live source a database can feed: the hub schema, a Mobilize SQL
// mirror, or neither, from the answer to one catalog query (catalogSql()),
// with a message in plain words naming what is there and what is missing.
class SourceDetector
{
public:
    enum class Kind {
        Hub, // schema_migrations and the hub's events table (with xact)
        Mobilize, // the mirror's views events, timeslots and participations, all SELECT-able
        MobilizeNoAccess, // the mirror's views are there but our role may not read one or more
        Neither,
    };
    struct Relation
    {
        QString name;
        bool canSelect = false;
        bool hasXact = false; // an `xact` column: the hub's tailing column
    };
    struct Result
    {
        Kind kind = Kind::Neither;
        QString message;
    };

    // One row per relation of interest visible on the search_path: name,
    // can_select, has_xact. Read-only; works for any role.
    static const char *catalogSql();
    static QList<Relation> relations(const DbTable &answer);
    static Result classify(const QList<Relation> &relations);
    static Result classify(const DbTable &answer) { return classify(relations(answer)); }
};

} // namespace oc

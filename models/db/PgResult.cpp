#include "PgResult.h"

#include <algorithm>

namespace oc {

DbTable PgResult::toTable(PGresult *res, const std::vector<quint32> &textLikeTypes)
{
    const int rows = PQntuples(res);
    const int cols = PQnfields(res);
    QStringList names;
    names.reserve(cols);
    for (int c = 0; c < cols; ++c)
        names << QString::fromUtf8(PQfname(res, c));
    DbTable t(names, rows);
    for (int c = 0; c < cols; ++c) {
        const quint32 oid = PQftype(res, c);
        const bool binary = PQfformat(res, c) == 1;
        const bool textLike =
            binary && std::find(textLikeTypes.begin(), textLikeTypes.end(), oid) != textLikeTypes.end();
        t.setColumnType(c, oid, binary, textLike);
    }
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const bool null = PQgetisnull(res, r, c);
            t.set(r, c, null ? QByteArray() : QByteArray(PQgetvalue(res, r, c), PQgetlength(res, r, c)), null);
        }
    const char *affected = PQcmdTuples(res);
    t.affectedRows = (affected && *affected) ? QByteArray(affected).toLongLong() : 0;
    return t;
}

const char *PgResult::textLikeTypesSql()
{
    return "SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_proc p ON p.oid = t.typsend "
           "JOIN pg_catalog.pg_language l ON l.oid = p.prolang "
           "WHERE l.lanname = 'internal' AND p.prosrc = 'textsend' AND t.oid <> 'text'::regtype";
}

std::vector<quint32> PgResult::textLikeTypes(PGresult *res)
{
    std::vector<quint32> oids;
    for (int r = 0; r < PQntuples(res); ++r)
        oids.push_back(QByteArray(PQgetvalue(res, r, 0)).toUInt());
    return oids;
}

DbError PgResult::toError(PGresult *res, PGconn *conn)
{
    DbError e;
    const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    e.message = QString::fromUtf8(primary ? primary : PQerrorMessage(conn)).trimmed();
    if (const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : nullptr)
        e.message += QStringLiteral(" (") + QString::fromUtf8(detail) + QLatin1Char(')');
    if (const char *st = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr)
        e.sqlState = QString::fromLatin1(st);
    e.connectionLost = conn && PQstatus(conn) != CONNECTION_OK;
    return e;
}

} // namespace oc

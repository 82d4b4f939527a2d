#pragma once

#include "DbError.h"
#include "DbTable.h"

#include <libpq-fe.h>

#include <vector>

namespace oc {

// Conversions from libpq results, shared by the blocking and the async path.
struct PgResult
{
    // `textLikeTypes`: this database's OIDs of extension types whose binary
    // form is their text (from textLikeTypesSql), for binary results.
    static DbTable toTable(PGresult *res, const std::vector<quint32> &textLikeTypes = {});
    static DbError toError(PGresult *res, PGconn *conn);

    // Extension types that send their text as their binary form: those whose
    // send function is the built-in textsend (citext declares
    // `citextsend(citext) ... AS 'textsend' LANGUAGE internal`,
    // contrib/citext/citext--1.0.sql). Their OIDs differ per database, so a
    // connection asks once, before its first binary statement.
    static const char *textLikeTypesSql();
    static std::vector<quint32> textLikeTypes(PGresult *res);
};

} // namespace oc

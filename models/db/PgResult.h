#pragma once

#include "DbError.h"
#include "DbTable.h"

#include <libpq-fe.h>

namespace oc {

// Conversions from libpq results, shared by the blocking and the async path.
struct PgResult
{
    static DbTable toTable(PGresult *res);
    static DbError toError(PGresult *res, PGconn *conn);
};

} // namespace oc

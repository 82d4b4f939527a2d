#include "StatStatements.h"

#include "PgSession.h"

#include <cstdio>

namespace oc {

void StatStatements::install()
{
    m_admin.execScript("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
}

void StatStatements::reset()
{
    m_admin.exec("SELECT pg_stat_statements_reset()");
}

double StatStatements::execTimeMs(const char *role)
{
    return m_admin
        .exec(DbQuery("SELECT coalesce(sum(total_exec_time), 0) FROM pg_stat_statements s "
                      "JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = $1")
                  .bind(role))
        .toDouble(0, 0);
}

double StatStatements::planTimeMs(const char *role)
{
    return m_admin
        .exec(DbQuery("SELECT coalesce(sum(total_plan_time), 0) FROM pg_stat_statements s "
                      "JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = $1")
                  .bind(role))
        .toDouble(0, 0);
}

void StatStatements::printTop(const char *role, int limit)
{
    const DbTable b = m_admin.exec(
        DbQuery("SELECT calls, rows, round(total_exec_time::numeric, 1), round(total_plan_time::numeric, 1), "
                "left(regexp_replace(query, '\\s+', ' ', 'g'), 100) FROM pg_stat_statements s "
                "JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = $1 "
                "ORDER BY total_exec_time DESC LIMIT $2")
            .bind(role)
            .bind(limit));
    std::fprintf(stderr, "%s statements (calls, rows, exec ms, plan ms, query):\n", role);
    for (int r = 0; r < b.rowCount(); ++r)
        std::fprintf(stderr, "  %s  %s  %s  %s  %s\n", b.raw(r, 0).constData(), b.raw(r, 1).constData(),
                     b.raw(r, 2).constData(), b.raw(r, 3).constData(), b.raw(r, 4).constData());
}

} // namespace oc

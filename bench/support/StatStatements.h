#pragma once

namespace oc {

class PgSession;

// Database time per role from pg_stat_statements, for benchmarks that give
// each party (console, naive dashboard, writer) a login role of its own so
// their costs separate. The private server (PgServer) preloads the module with
// track=all and track_planning=on; install() creates the extension's views.
// https://www.postgresql.org/docs/17/pgstatstatements.html
class StatStatements
{
public:
    explicit StatStatements(PgSession &admin)
        : m_admin(admin)
    {
    }

    void install();
    // Starts a measuring window: drops what every role has spent so far.
    void reset();
    // Execution time (total_exec_time, ms) of `role`'s statements since reset().
    double execTimeMs(const char *role);
    // Planning time (total_plan_time, ms) of `role`'s statements since reset():
    // a statement planned on every call pays it each time too.
    double planTimeMs(const char *role);
    // `role`'s `limit` most expensive statements on stderr, to see where the time went.
    void printTop(const char *role, int limit);

private:
    PgSession &m_admin;
};

} // namespace oc

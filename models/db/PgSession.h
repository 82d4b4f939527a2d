#pragma once

#include "DbError.h"
#include "DbQuery.h"
#include "DbTable.h"

#include <QString>

#include <vector>

struct pg_conn;

namespace oc {

// A blocking libpq session for code that is allowed to wait: the simulator,
// migrations, tests and benchmarks. Never used on the console's UI thread.
// Errors throw DbException.
class PgSession
{
public:
    PgSession() = default;
    explicit PgSession(const QString &conninfo) { connect(conninfo); }
    ~PgSession();
    PgSession(const PgSession &) = delete;
    PgSession &operator=(const PgSession &) = delete;
    PgSession(PgSession &&other) noexcept;
    PgSession &operator=(PgSession &&other) noexcept;

    void connect(const QString &conninfo);
    bool isOpen() const;
    void close();

    DbTable exec(const DbQuery &q);
    // For scripts with several statements and no parameters (migrations).
    void execScript(const QByteArray &sql);
    // Runs `fn` in a transaction; rolls back if it throws.
    template<typename Fn> auto transaction(Fn &&fn)
    {
        execScript("BEGIN");
        try {
            if constexpr (std::is_void_v<decltype(fn())>) {
                fn();
                execScript("COMMIT");
            } else {
                auto r = fn();
                execScript("COMMIT");
                return r;
            }
        } catch (...) {
            if (isOpen())
                try {
                    execScript("ROLLBACK");
                } catch (...) {
                }
            throw;
        }
    }

    pg_conn *handle() const { return m_conn; }

private:
    pg_conn *m_conn = nullptr;
    std::vector<quint32> m_textLikeTypes; // see PgResult::textLikeTypesSql
    bool m_textLikeTypesKnown = false;
};

} // namespace oc

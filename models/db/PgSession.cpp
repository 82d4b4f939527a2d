#include "PgSession.h"

#include "PgResult.h"

#include <libpq-fe.h>

#include <vector>

namespace oc {
PgSession::~PgSession()
{
    close();
}

PgSession::PgSession(PgSession &&other) noexcept
    : m_conn(other.m_conn)
    , m_textLikeTypes(std::move(other.m_textLikeTypes))
    , m_textLikeTypesKnown(other.m_textLikeTypesKnown)
{
    other.m_conn = nullptr;
    other.m_textLikeTypesKnown = false;
}

PgSession &PgSession::operator=(PgSession &&other) noexcept
{
    if (this != &other) {
        close();
        m_conn = other.m_conn;
        m_textLikeTypes = std::move(other.m_textLikeTypes);
        m_textLikeTypesKnown = other.m_textLikeTypesKnown;
        other.m_conn = nullptr;
        other.m_textLikeTypesKnown = false;
    }
    return *this;
}

void PgSession::connect(const QString &conninfo)
{
    close();
    m_conn = PQconnectdb(conninfo.toUtf8().constData());
    if (PQstatus(m_conn) != CONNECTION_OK) {
        DbError e {QString::fromUtf8(PQerrorMessage(m_conn)).trimmed(), {}, true};
        close();
        throw DbException(e);
    }
}

bool PgSession::isOpen() const
{
    return m_conn && PQstatus(m_conn) == CONNECTION_OK;
}

void PgSession::close()
{
    m_textLikeTypesKnown = false;
    if (m_conn) {
        PQfinish(m_conn);
        m_conn = nullptr;
    }
}

DbTable PgSession::exec(const DbQuery &q)
{
    if (!m_conn)
        throw DbException(DbError {QStringLiteral("not connected"), {}, true});
    std::vector<const char *> values;
    values.reserve(size_t(q.params.size()));
    for (const auto &p : q.params)
        values.push_back(p ? p->constData() : nullptr);
    if (q.binaryResults && !m_textLikeTypesKnown) {
        PGresult *types = PQexec(m_conn, PgResult::textLikeTypesSql());
        const bool ok = PQresultStatus(types) == PGRES_TUPLES_OK;
        if (ok) {
            m_textLikeTypes = PgResult::textLikeTypes(types);
            m_textLikeTypesKnown = true;
        }
        DbError e;
        if (!ok)
            e = PgResult::toError(types, m_conn);
        PQclear(types);
        if (!ok)
            throw DbException(e);
    }
    PGresult *res = PQexecParams(m_conn, q.sql.constData(), int(values.size()), nullptr, values.data(), nullptr,
                                 nullptr, q.binaryResults ? 1 : 0);
    const ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
        DbError e = PgResult::toError(res, m_conn);
        PQclear(res);
        throw DbException(e);
    }
    DbTable t = PgResult::toTable(res, m_textLikeTypes);
    PQclear(res);
    return t;
}

void PgSession::execScript(const QByteArray &sql)
{
    if (!m_conn)
        throw DbException(DbError {QStringLiteral("not connected"), {}, true});
    PGresult *res = PQexec(m_conn, sql.constData());
    const ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
        DbError e = PgResult::toError(res, m_conn);
        PQclear(res);
        throw DbException(e);
    }
    PQclear(res);
}

} // namespace oc

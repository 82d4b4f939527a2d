#include "TestDatabase.h"

#include "Migrator.h"
#include "PgSession.h"

namespace oc::test {

TestDatabase &TestDatabase::instance()
{
    static TestDatabase db;
    return db;
}

bool TestDatabase::ensureStarted(QString *error)
{
    if (!m_server) {
        PgServer::Options o;
        o.database = QStringLiteral("hub_template");
        m_server = std::make_unique<PgServer>(o);
    }
    if (!m_server->isRunning() && !m_server->start(error))
        return false;
    if (!m_templateReady) {
        try {
            PgSession s(m_server->conninfo());
            Migrator(s).migrate();
        } catch (const DbException &e) {
            if (error)
                *error = e.error.message;
            return false;
        }
        m_templateReady = true;
    }
    return true;
}

static QString createFrom(PgServer &server, const QString &name, const char *templ)
{
    PgSession s(server.conninfo(QStringLiteral("postgres")));
    QString ident = name;
    ident.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    s.execScript(QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(ident).toUtf8());
    s.execScript(QStringLiteral("CREATE DATABASE \"%1\" TEMPLATE %2").arg(ident, QLatin1String(templ)).toUtf8());
    return server.conninfo(name);
}

QString TestDatabase::freshDatabase(const QString &name)
{
    return createFrom(*m_server, name, "hub_template");
}

QString TestDatabase::emptyDatabase(const QString &name)
{
    return createFrom(*m_server, name, "template0");
}

} // namespace oc::test

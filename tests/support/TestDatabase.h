#pragma once

#include "PgServer.h"

#include <QString>

#include <memory>

namespace oc::test {

// One private PostgreSQL cluster per test executable, with the hub schema
// migrated into a template; each test gets its own fresh database copied from
// it so tests never see each other's rows.
class TestDatabase
{
public:
    static TestDatabase &instance();

    // Starts the cluster (once); QFAIL-friendly: returns false with `error`.
    bool ensureStarted(QString *error);
    // A new, migrated database; returns its conninfo.
    QString freshDatabase(const QString &name);
    // A new, empty database (no schema).
    QString emptyDatabase(const QString &name);
    PgServer &server() { return *m_server; }

private:
    std::unique_ptr<PgServer> m_server;
    bool m_templateReady = false;
};

} // namespace oc::test

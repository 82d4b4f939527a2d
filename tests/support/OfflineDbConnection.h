#pragma once

#include "DbConnection.h"

#include <QStringList>

namespace oc::test {

// A DbConnection that never reaches a server: every batch fails at once
// with "offline", and the SQL asked for is recorded. For tests of rules
// that sit on top of a connection but must not need a database; anything
// that touches SQL is tested against the real private PostgreSQL instead.
class OfflineDbConnection : public DbConnection
{
    Q_OBJECT
public:
    using DbConnection::DbConnection;

    void open(const QString &) override { }
    void close() override { }
    State state() const override { return State::Disconnected; }
    QString lastError() const override { return QStringLiteral("offline"); }
    bool isStandby() const override { return false; }
    int pending() const override { return 0; }
    void exec(std::vector<DbQuery> batch, QObject *context, Callback cb) override;

    QStringList asked() const { return m_asked; }

private:
    QStringList m_asked;
};

} // namespace oc::test

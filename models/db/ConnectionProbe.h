#pragma once

#include "ConnectionDiagnosis.h"

#include <QObject>

#include <memory>

namespace oc {

class PgAsyncConnection;

// "Test connection": connects once (no retries, a 5 s connect timeout) and
// checks that the database has a schema this console knows (its version, and
// that no applied migration was edited since: Migrator's checksums), then says in
// words what is wrong, if anything. Asynchronous, like every connection.
class ConnectionProbe : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionProbe(QObject *parent = nullptr);
    ~ConnectionProbe() override;

    void start(const QString &conninfo);

Q_SIGNALS:
    // `detail` is the server's own message, for the curious.
    void finished(const oc::ConnectionDiagnosis &diagnosis, const QString &detail);

private:
    void checkSchema();
    void checkChecksums(int version, int latest);
    void fail(const QString &message, const QString &sqlState = {});

    std::unique_ptr<PgAsyncConnection> m_conn;
};

} // namespace oc

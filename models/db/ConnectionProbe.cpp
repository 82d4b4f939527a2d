#include "ConnectionProbe.h"

#include "ConnInfo.h"
#include "Migrator.h"
#include "PgAsyncConnection.h"

namespace oc {

ConnectionProbe::ConnectionProbe(QObject *parent)
    : QObject(parent)
{
}

ConnectionProbe::~ConnectionProbe() = default;

void ConnectionProbe::start(const QString &conninfo)
{
    QString parseError;
    const QString ci = ConnInfo::withParam(conninfo, QStringLiteral("connect_timeout"), QStringLiteral("5"));
    if (!ConnInfo::validate(ci, &parseError)) {
        Q_EMIT finished(ConnectionDiagnosis::fromError(parseError), parseError);
        return;
    }
    m_conn = std::make_unique<PgAsyncConnection>();
    m_conn->setAutoReconnect(false);
    connect(m_conn.get(), &DbConnection::connectionLost, this, [this](const QString &why) { fail(why); });
    connect(m_conn.get(), &DbConnection::connected, this, &ConnectionProbe::checkSchema);
    m_conn->open(ci);
}

void ConnectionProbe::fail(const QString &message, const QString &sqlState)
{
    Q_EMIT finished(ConnectionDiagnosis::fromError(message, sqlState), message);
}

void ConnectionProbe::checkSchema()
{
    // Two steps: a database without our schema has no schema_migrations to
    // ask for a version, and that is a diagnosis of its own.
    m_conn->exec({DbQuery("SELECT CASE WHEN to_regclass('public.schema_migrations') IS NULL THEN -1 ELSE 0 END")}, this,
                 [this](const DbConnection::Outcome &o) {
                     if (const DbError *e = DbConnection::error(o)) {
                         fail(e->message, e->sqlState);
                         return;
                     }
                     if ((*DbConnection::tables(o))[0].toInt64(0, 0) < 0) {
                         Q_EMIT finished(ConnectionDiagnosis::fromSchema(-1, 0), {});
                         return;
                     }
                     m_conn->exec({DbQuery("SELECT coalesce(max(version), 0) FROM schema_migrations")}, this,
                                  [this](const DbConnection::Outcome &o2) {
                                      const DbError *e2 = DbConnection::error(o2);
                                      const int v = e2 ? -1 : int((*DbConnection::tables(o2))[0].toInt64(0, 0));
                                      const int latest =
                                          Migrator::builtin().isEmpty() ? 0 : Migrator::builtin().back().version;
                                      if (e2 || v > latest) {
                                          Q_EMIT finished(ConnectionDiagnosis::fromSchema(v, latest),
                                                          e2 ? e2->message : QString());
                                          return;
                                      }
                                      checkChecksums(v, latest);
                                  });
                 });
}

void ConnectionProbe::checkChecksums(int version, int latest)
{
    // The console does not migrate, but it reads a schema it believes it
    // knows: one whose applied migration was edited since is not that schema
    // (Migrator refuses to migrate it). to_jsonb(m) reads the checksum column
    // without failing on a database migrated before the column existed.
    m_conn->exec({DbQuery("SELECT version, coalesce(to_jsonb(m)->>'checksum', '') FROM schema_migrations m")}, this,
                 [this, version, latest](const DbConnection::Outcome &o) {
                     if (const DbError *e = DbConnection::error(o)) {
                         Q_EMIT finished(ConnectionDiagnosis::fromSchema(version, latest), e->message);
                         return;
                     }
                     const DbTable &t = (*DbConnection::tables(o))[0];
                     QHash<int, QByteArray> recorded;
                     for (int r = 0; r < t.rowCount(); ++r)
                         recorded.insert(int(t.toInt64(r, 0)), t.text(r, 1).toLatin1());
                     const auto changed = Migrator::changed(Migrator::builtin(), recorded);
                     if (changed.isEmpty())
                         Q_EMIT finished(ConnectionDiagnosis::fromSchema(version, latest), {});
                     else
                         Q_EMIT finished(ConnectionDiagnosis::fromChangedMigration(Migrator::changedMessage(changed)),
                                         Migrator::changedMessage(changed));
                 });
}

} // namespace oc

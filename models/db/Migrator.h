#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace oc {

class PgSession;

// Applies the ordered, versioned SQL migrations shipped under :/oc/sql
// (NNNN_name.sql). Idempotent; records each version in schema_migrations and
// applies every known version missing there, in order (gaps too);
// refuses a database whose schema is newer than this build knows, because
// writing to a schema we do not understand could lose data.
class Migrator
{
public:
    struct Migration
    {
        int version = 0;
        QString name;
        QByteArray sql;
    };
    struct Result
    {
        int from = 0;
        int to = 0;
        QStringList applied;
    };

    explicit Migrator(PgSession &session, QList<Migration> migrations = builtin());

    static QList<Migration> builtin();
    static QList<Migration> fromDirectory(const QString &dir);
    int latestKnown() const;
    // -1 when the database has no schema_migrations table yet.
    int currentVersion();
    // Throws DbException; a newer schema raises sqlState "OC001".
    Result migrate();

private:
    PgSession &m_session;
    QList<Migration> m_migrations;
};

} // namespace oc

#pragma once

#include <QHash>
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
//
// Each applied migration's checksum (sha256 of its text) is recorded too, and
// a database where an applied migration's text has changed since is refused
// before anything is applied, as Flyway's `validate` does on every `migrate`
// ("validates the applied migrations against the ones available ... fails if
// differences in migration names, types or checksums are found";
// validateOnMigrate is on by default since Flyway 3.0) and sqitch's verify:
// an edited migration never reaches the databases that already ran it, so
// they silently differ from a fresh one. Rows from before checksums were kept
// have none; the first run records the current text's (it cannot know the
// old one) and says so in the log. Clearing a row's checksum is also how an
// administrator accepts a deliberate edit, as `flyway repair` does.
class Migrator
{
public:
    struct Migration
    {
        int version = 0;
        QString name;
        QByteArray sql;
    };
    // A migration whose recorded checksum differs from the text known here.
    struct Changed
    {
        int version = 0;
        QString name;
        QByteArray recorded;
        QByteArray current;
    };
    struct Result
    {
        int from = 0;
        int to = 0;
        QStringList applied;
        QStringList checksumsRecorded; // legacy rows that had none, filled in now
    };

    explicit Migrator(PgSession &session, QList<Migration> migrations = builtin());

    static QList<Migration> builtin();
    static QList<Migration> fromDirectory(const QString &dir);
    int latestKnown() const;
    // -1 when the database has no schema_migrations table yet.
    int currentVersion();
    // Throws DbException; a newer schema raises sqlState "OC001", a changed
    // applied migration "OC002" with changedMessage() as its message.
    Result migrate();

    // Lowercase hex sha256 of a migration's text, as stored.
    static QByteArray checksum(const QByteArray &sql);
    // The known migrations whose recorded checksum (by version; an empty
    // checksum is a legacy row and never differs) is not their text's.
    static QList<Changed> changed(const QList<Migration> &known, const QHash<int, QByteArray> &recorded);
    // One message for a person: which migration, and what to do.
    static QString changedMessage(const QList<Changed> &changed);

private:
    PgSession &m_session;
    QList<Migration> m_migrations;
};

} // namespace oc

#include "Migrator.h"

#include "LogCategories.h"
#include "PgSession.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace oc {

Migrator::Migrator(PgSession &session, QList<Migration> migrations)
    : m_session(session)
    , m_migrations(std::move(migrations))
{
    std::sort(m_migrations.begin(), m_migrations.end(),
              [](const Migration &a, const Migration &b) { return a.version < b.version; });
}

QList<Migrator::Migration> Migrator::fromDirectory(const QString &dir)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{4})_([a-z0-9_]+)\\.sql$"));
    QList<Migration> out;
    const QDir d(dir);
    for (const QString &f : d.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name)) {
        const auto m = re.match(f);
        if (!m.hasMatch())
            continue;
        QFile file(d.filePath(f));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        out.append({m.captured(1).toInt(), m.captured(2), file.readAll()});
    }
    return out;
}

QList<Migrator::Migration> Migrator::builtin()
{
    return fromDirectory(QStringLiteral(":/oc/sql"));
}

int Migrator::latestKnown() const
{
    return m_migrations.isEmpty() ? 0 : m_migrations.back().version;
}

int Migrator::currentVersion()
{
    const DbTable t = m_session.exec("SELECT to_regclass('public.schema_migrations') IS NOT NULL");
    if (!t.toBool(0, 0))
        return -1;
    return int(m_session.exec("SELECT coalesce(max(version), 0) FROM schema_migrations").toInt64(0, 0));
}

QByteArray Migrator::checksum(const QByteArray &sql)
{
    return QCryptographicHash::hash(sql, QCryptographicHash::Sha256).toHex();
}

QList<Migrator::Changed> Migrator::changed(const QList<Migration> &known, const QHash<int, QByteArray> &recorded)
{
    QList<Changed> out;
    for (const Migration &m : known) {
        const QByteArray stored = recorded.value(m.version);
        if (stored.isEmpty())
            continue;
        if (const QByteArray now = checksum(m.sql); now != stored)
            out.append({m.version, m.name, stored, now});
    }
    return out;
}

QString Migrator::changedMessage(const QList<Changed> &changed)
{
    QStringList names, versions;
    for (const Changed &c : changed) {
        names << QStringLiteral("%1_%2.sql").arg(c.version, 4, 10, QLatin1Char('0')).arg(c.name);
        versions << QString::number(c.version);
    }
    return QStringLiteral(
               "The migration %1 was changed after it was applied to this database (its sha256 is %2, the "
               "database recorded %3 when it ran). A database that ran the old text differs from a new one, so "
               "nothing was changed. Restore the migration's original text and put the change in a new migration; "
               "or, if this database already has the change (applied by hand), accept the new text with "
               "UPDATE schema_migrations SET checksum = NULL WHERE version IN (%4); and run again.")
        .arg(names.join(QStringLiteral(", ")), QString::fromLatin1(changed.value(0).current.left(12)),
             QString::fromLatin1(changed.value(0).recorded.left(12)), versions.join(QStringLiteral(", ")));
}

Migrator::Result Migrator::migrate()
{
    Result result;
    m_session.transaction([&] {
        // Two simulators or consoles starting at once must not both migrate.
        m_session.exec("SELECT pg_advisory_xact_lock(7426001)");
        m_session.execScript("CREATE TABLE IF NOT EXISTS schema_migrations ("
                             " version integer PRIMARY KEY, name text NOT NULL,"
                             " applied_at timestamptz NOT NULL DEFAULT now(), checksum text)");
        // Databases migrated before checksums were kept: the column is added
        // empty, and the rows are filled in below.
        m_session.execScript("ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text");
        result.from = int(m_session.exec("SELECT coalesce(max(version), 0) FROM schema_migrations").toInt64(0, 0));
        if (result.from > latestKnown()) {
            throw DbException(DbError {
                QStringLiteral("The database schema is version %1 but this console only knows up to version %2. "
                               "Upgrade the console; nothing was changed.")
                    .arg(result.from)
                    .arg(latestKnown()),
                QStringLiteral("OC001"), false});
        }
        // Every known version not yet recorded, not only those above the
        // maximum: a migration merged from a branch after a later one was
        // deployed must still be applied, not skipped for ever.
        QSet<int> applied;
        QHash<int, QByteArray> recorded;
        const DbTable done = m_session.exec("SELECT version, coalesce(checksum, '') FROM schema_migrations");
        for (int r = 0; r < done.rowCount(); ++r) {
            applied.insert(int(done.toInt64(r, 0)));
            recorded.insert(int(done.toInt64(r, 0)), done.text(r, 1).toLatin1());
        }
        // Validate before applying anything, as Flyway's validateOnMigrate.
        if (const QList<Changed> c = changed(m_migrations, recorded); !c.isEmpty()) {
            const QString message = changedMessage(c);
            logcat::db()->error("{}", message.toStdString());
            throw DbException(DbError {message, QStringLiteral("OC002"), false});
        }
        for (const Migration &m : m_migrations) {
            if (!applied.contains(m.version) || !recorded.value(m.version).isEmpty())
                continue;
            const QString id = QStringLiteral("%1_%2").arg(m.version, 4, 10, QLatin1Char('0')).arg(m.name);
            logcat::db()->info("migration {} was applied before checksums were kept: recording its current "
                               "checksum (the text it ran with cannot be checked)",
                               id.toStdString());
            m_session.exec(DbQuery("UPDATE schema_migrations SET checksum = $2 WHERE version = $1")
                               .bind(m.version)
                               .bind(QString::fromLatin1(checksum(m.sql))));
            result.checksumsRecorded << id;
        }
        for (const Migration &m : m_migrations) {
            if (applied.contains(m.version))
                continue;
            if (m.version < result.from)
                logcat::db()->warn("applying migration {:04d}_{} out of order (database is at {})", m.version,
                                   m.name.toStdString(), result.from);
            else
                logcat::db()->info("applying migration {:04d}_{}", m.version, m.name.toStdString());
            m_session.execScript(m.sql);
            m_session.exec(DbQuery("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)")
                               .bind(m.version)
                               .bind(m.name)
                               .bind(QString::fromLatin1(checksum(m.sql))));
            result.applied << QStringLiteral("%1_%2").arg(m.version, 4, 10, QLatin1Char('0')).arg(m.name);
        }
        result.to = std::max(result.from, latestKnown());
    });
    return result;
}

} // namespace oc

#include "StateDirectory.h"

#include <QCryptographicHash>
#include <QDir>

namespace oc::sim {

QString StateDirectory::resolve(const QProcessEnvironment &env)
{
    const QString service = env.value(QStringLiteral("STATE_DIRECTORY"));
    if (!service.isEmpty()) {
        // systemd already names the service's own folder: no subfolder.
        return QDir::cleanPath(service.section(QLatin1Char(':'), 0, 0));
    }
    QString base = env.value(QStringLiteral("XDG_STATE_HOME"));
    // The XDG spec says a relative value is invalid and must be ignored.
    if (base.isEmpty() || QDir::isRelativePath(base)) {
        QString home = env.value(QStringLiteral("HOME"));
        if (home.isEmpty())
            home = QDir::homePath();
        base = QDir(home).filePath(QStringLiteral(".local/state"));
    }
    return QDir::cleanPath(QDir(base).filePath(QStringLiteral("organizer-hubsim")));
}

QString StateDirectory::rsvpJournal(const QString &conninfo, const QString &site, const QProcessEnvironment &env)
{
    const QByteArray tag =
        QCryptographicHash::hash((conninfo + QLatin1Char('|') + site).toUtf8(), QCryptographicHash::Sha1)
            .toHex()
            .left(12);
    return QDir(resolve(env)).filePath(QStringLiteral("rsvp-%1.jsonl").arg(QLatin1String(tag)));
}

} // namespace oc::sim

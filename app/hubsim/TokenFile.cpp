#include "TokenFile.h"

#include <QFile>

namespace oc::sim {

std::optional<QByteArray> TokenFile::read(const QString &path, QString *error)
{
    const auto fail = [&](const QString &why) -> std::optional<QByteArray> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read token file %1: %2").arg(path, f.errorString()));
    // Checked on the open file's path after opening, so a missing file gets
    // the clearer "cannot read" above.
    constexpr QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
        QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    if (const QFileDevice::Permissions p = f.permissions(); p & others) {
        const int mode = (p & QFileDevice::ReadOwner ? 0400 : 0) | (p & QFileDevice::WriteOwner ? 0200 : 0) |
            (p & QFileDevice::ExeOwner ? 0100 : 0) | (p & QFileDevice::ReadGroup ? 040 : 0) |
            (p & QFileDevice::WriteGroup ? 020 : 0) | (p & QFileDevice::ExeGroup ? 010 : 0) |
            (p & QFileDevice::ReadOther ? 04 : 0) | (p & QFileDevice::WriteOther ? 02 : 0) |
            (p & QFileDevice::ExeOther ? 01 : 0);
        return fail(QStringLiteral("token file %1 is accessible by others (permissions %2): refused; "
                                   "run chmod 600 on it")
                        .arg(path, QStringLiteral("0%1").arg(mode, 3, 8, QLatin1Char('0'))));
    }
    const QByteArray token = f.readLine(64 * 1024).trimmed();
    if (token.isEmpty())
        return fail(QStringLiteral("token file %1 is empty: the token is its first line").arg(path));
    return token;
}

} // namespace oc::sim

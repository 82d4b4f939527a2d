#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace oc::sim {

// A bearer token read from a file, so it stays out of /proc/*/cmdline (any
// local user can read argv). Like ssh with a private key, a file that group
// or others may access is refused: the token would be no secret there.
class TokenFile
{
public:
    // The first line, trimmed; nullopt and a message naming the file when it
    // cannot be read, is empty or is accessible by group or others.
    static std::optional<QByteArray> read(const QString &path, QString *error);
};

} // namespace oc::sim

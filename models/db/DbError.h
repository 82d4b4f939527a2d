#pragma once

#include <QString>

#include <stdexcept>

namespace oc {

// A database failure with the SQLSTATE kept separately so callers can tell
// a serialization conflict or permission error from a lost connection.
struct DbError
{
    QString message;
    QString sqlState; // e.g. "40001", "42501"; empty when not from the server
    bool connectionLost = false;

    bool isPermissionDenied() const { return sqlState == QLatin1String("42501"); }
    bool isUniqueViolation() const { return sqlState == QLatin1String("23505"); }
};

class DbException : public std::runtime_error
{
public:
    explicit DbException(DbError e)
        : std::runtime_error(e.message.toStdString())
        , error(std::move(e))
    {
    }
    DbError error;
};

} // namespace oc

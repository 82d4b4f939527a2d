#pragma once

#include <QByteArray>
#include <QList>
#include <QVariant>

#include <optional>

namespace oc {

// A parameterized statement. Values travel as text parameters ($1, $2, ...);
// a std::nullopt parameter is SQL NULL. Never build SQL from user input.
struct DbQuery
{
    QByteArray sql;
    QList<std::optional<QByteArray>> params;
    // When set, the statement is prepared once per connection under this name
    // and executed by name afterwards: a poll that runs every second should
    // not be parsed and planned every second.
    QByteArray preparedName;
    // When set, the server sends the result in binary format (resultFormat
    // 1): it skips formatting every value as text and the client skips
    // parsing it. Only for statements whose columns are all of the types
    // DbTable decodes (see DbTable.h): cast numerics to float8.
    bool binaryResults = false;

    DbQuery() = default;
    DbQuery(const char *s)
        : sql(s)
    {
    }
    DbQuery(QByteArray s, QList<std::optional<QByteArray>> p = {})
        : sql(std::move(s))
        , params(std::move(p))
    {
    }

    DbQuery &bind(const QString &v)
    {
        params.append(v.toUtf8());
        return *this;
    }
    DbQuery &bind(const char *v)
    {
        params.append(QByteArray(v));
        return *this;
    }
    DbQuery &bind(const QByteArray &v)
    {
        params.append(v);
        return *this;
    }
    DbQuery &bind(qint64 v)
    {
        params.append(QByteArray::number(v));
        return *this;
    }
    DbQuery &bind(int v)
    {
        params.append(QByteArray::number(v));
        return *this;
    }
    DbQuery &bind(double v)
    {
        params.append(QByteArray::number(v, 'g', 17));
        return *this;
    }
    DbQuery &bind(bool v)
    {
        params.append(QByteArray(v ? "t" : "f"));
        return *this;
    }
    DbQuery &bindNull()
    {
        params.append(std::nullopt);
        return *this;
    }
    DbQuery &prepared(const char *name)
    {
        preparedName = name;
        return *this;
    }
    DbQuery &binary(bool on = true)
    {
        binaryResults = on;
        return *this;
    }
};

} // namespace oc

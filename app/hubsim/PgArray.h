#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace oc::sim {

// Builds PostgreSQL array literals for one-parameter bulk inserts
// (INSERT ... SELECT FROM unnest($1::text[], ...)): one round trip per batch
// and still no SQL built from data.
struct PgArray
{
    static QByteArray text(const QStringList &values);
    static QByteArray textOrNull(const QStringList &values, const std::vector<bool> &isNull);
    template<typename T> static QByteArray numbers(const std::vector<T> &values)
    {
        QByteArray out = "{";
        for (size_t i = 0; i < values.size(); ++i) {
            if (i)
                out += ',';
            out += QByteArray::number(values[i]);
        }
        out += '}';
        return out;
    }
};

} // namespace oc::sim

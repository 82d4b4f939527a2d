#include "PgArray.h"

namespace oc::sim {

static void appendQuoted(QByteArray &out, const QString &v)
{
    out += '"';
    for (const char c : v.toUtf8()) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '"';
}

QByteArray PgArray::text(const QStringList &values)
{
    QByteArray out = "{";
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i)
            out += ',';
        appendQuoted(out, values.at(i));
    }
    out += '}';
    return out;
}

QByteArray PgArray::textOrNull(const QStringList &values, const std::vector<bool> &isNull)
{
    QByteArray out = "{";
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i)
            out += ',';
        if (size_t(i) < isNull.size() && isNull[size_t(i)])
            out += "NULL";
        else
            appendQuoted(out, values.at(i));
    }
    out += '}';
    return out;
}

} // namespace oc::sim

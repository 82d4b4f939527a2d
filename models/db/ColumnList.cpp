#include "ColumnList.h"

#include <QSet>

namespace oc {

ColumnList::ColumnList(QString statement, std::initializer_list<const char *> names)
    : m_statement(std::move(statement))
{
    m_names.reserve(qsizetype(names.size()));
    for (const char *n : names)
        m_names << QString::fromLatin1(n);
}

ColumnList::ColumnList(QString statement, QStringList names)
    : m_statement(std::move(statement))
    , m_names(std::move(names))
{
}

std::optional<std::vector<int>> ColumnList::locate(const DbTable &t, QString *error) const
{
    const QStringList &got = t.columns();
    QStringList missing, extra, repeated;
    std::vector<int> index;
    index.reserve(size_t(m_names.size()));
    for (const QString &name : m_names) {
        const int at = int(got.indexOf(name));
        if (at < 0)
            missing << name;
        else if (got.indexOf(name, at + 1) >= 0)
            repeated << name;
        index.push_back(at);
    }
    const QSet<QString> declared(m_names.begin(), m_names.end());
    for (const QString &name : got)
        if (!declared.contains(name) && !extra.contains(name))
            extra << name;
    if (missing.isEmpty() && extra.isEmpty() && repeated.isEmpty())
        return index;
    if (error) {
        QStringList parts;
        if (!missing.isEmpty())
            parts << QStringLiteral("missing column(s) %1").arg(missing.join(QStringLiteral(", ")));
        if (!extra.isEmpty())
            parts << QStringLiteral("undeclared column(s) %1").arg(extra.join(QStringLiteral(", ")));
        if (!repeated.isEmpty())
            parts << QStringLiteral("repeated column(s) %1").arg(repeated.join(QStringLiteral(", ")));
        *error = QStringLiteral("%1: result does not match its decoder: %2")
                     .arg(m_statement, parts.join(QStringLiteral("; ")));
    }
    return std::nullopt;
}

} // namespace oc

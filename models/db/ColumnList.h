#pragma once

#include "DbTable.h"

#include <QString>
#include <QStringList>

#include <initializer_list>
#include <optional>
#include <vector>

namespace oc {

// The columns a decoder reads from one statement, by name, declared once.
// Decoders address columns by their position in this list (an enum), never
// by their position in the result, and every result is checked against the
// list before a single cell is read: a column added to the SQL but not to the
// decoder, or dropped from the SQL, is an error naming that column instead of
// values silently read from the neighbouring column.
class ColumnList
{
public:
    ColumnList(QString statement, std::initializer_list<const char *> names);
    ColumnList(QString statement, QStringList names);

    const QString &statement() const { return m_statement; }
    const QStringList &names() const { return m_names; }
    int size() const { return int(m_names.size()); }

    // Where each declared column sits in `t` (in declaration order), or
    // nothing with `error` naming every missing, extra or repeated column.
    // Order does not matter: the SQL may list its columns as it likes.
    std::optional<std::vector<int>> locate(const DbTable &t, QString *error = nullptr) const;

private:
    QString m_statement;
    QStringList m_names;
};

} // namespace oc

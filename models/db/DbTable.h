#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace oc {

// One query's result in libpq text format, detached from libpq so it can
// cross threads and outlive the connection.
class DbTable
{
public:
    DbTable() = default;
    DbTable(QStringList columns, int rows);

    int rowCount() const { return m_rows; }
    int columnCount() const { return int(m_columns.size()); }
    const QStringList &columns() const { return m_columns; }
    int column(const QString &name) const { return int(m_columns.indexOf(name)); }

    void set(int row, int col, QByteArray value, bool isNull);

    bool isNull(int row, int col) const;
    const QByteArray &raw(int row, int col) const;
    QString text(int row, int col) const;
    qint64 toInt64(int row, int col, qint64 fallback = 0) const;
    double toDouble(int row, int col, double fallback = 0) const;
    bool toBool(int row, int col) const;

    // Affected rows for commands (INSERT/UPDATE), from PQcmdTuples.
    qint64 affectedRows = 0;

private:
    QStringList m_columns;
    int m_rows = 0;
    std::vector<QByteArray> m_cells;
    std::vector<bool> m_nulls;
};

} // namespace oc

#include "DbTable.h"

namespace oc {

DbTable::DbTable(QStringList columns, int rows)
    : m_columns(std::move(columns))
    , m_rows(rows)
    , m_cells(size_t(rows) * size_t(m_columns.size()))
    , m_nulls(size_t(rows) * size_t(m_columns.size()), false)
{
}

void DbTable::set(int row, int col, QByteArray value, bool null)
{
    const size_t i = size_t(row) * size_t(m_columns.size()) + size_t(col);
    m_cells[i] = std::move(value);
    m_nulls[i] = null;
}

bool DbTable::isNull(int row, int col) const
{
    if (row < 0 || row >= m_rows || col < 0 || col >= columnCount())
        return true;
    return m_nulls[size_t(row) * size_t(m_columns.size()) + size_t(col)];
}

const QByteArray &DbTable::raw(int row, int col) const
{
    static const QByteArray empty;
    if (row < 0 || row >= m_rows || col < 0 || col >= columnCount())
        return empty;
    return m_cells[size_t(row) * size_t(m_columns.size()) + size_t(col)];
}

QString DbTable::text(int row, int col) const
{
    return QString::fromUtf8(raw(row, col));
}

qint64 DbTable::toInt64(int row, int col, qint64 fallback) const
{
    bool ok = false;
    const qint64 v = raw(row, col).toLongLong(&ok);
    return ok ? v : fallback;
}

double DbTable::toDouble(int row, int col, double fallback) const
{
    bool ok = false;
    const double v = raw(row, col).toDouble(&ok);
    return ok ? v : fallback;
}

bool DbTable::toBool(int row, int col) const
{
    return raw(row, col) == "t";
}

} // namespace oc

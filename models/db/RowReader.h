#pragma once

#include "ColumnList.h"
#include "DbTable.h"

#include <optional>
#include <type_traits>
#include <vector>

namespace oc {

// A result read through its checked ColumnList. Columns are named by an enum
// whose values are positions in the ColumnList, so the decoder never knows
// where a column sits in the result. Only a RowReader that passed the check
// exists; it borrows the table, which must outlive it.
class RowReader
{
public:
    // Nothing, with `error` naming the offending columns, when `t` does not
    // have exactly the columns of `columns`.
    static std::optional<RowReader> bind(const ColumnList &columns, const DbTable &t, QString *error = nullptr);

    int rowCount() const { return m_table->rowCount(); }
    const DbTable &table() const { return *m_table; }

    template<typename Col> bool isNull(int row, Col c) const { return m_table->isNull(row, at(c)); }
    template<typename Col> const QByteArray &raw(int row, Col c) const { return m_table->raw(row, at(c)); }
    template<typename Col> QString text(int row, Col c) const { return m_table->text(row, at(c)); }
    template<typename Col> qint64 toInt64(int row, Col c, qint64 fallback = 0) const
    {
        return m_table->toInt64(row, at(c), fallback);
    }
    template<typename Col> double toDouble(int row, Col c, double fallback = 0) const
    {
        return m_table->toDouble(row, at(c), fallback);
    }
    template<typename Col> bool toBool(int row, Col c) const { return m_table->toBool(row, at(c)); }
    template<typename Col> qint64 toEpochMicros(int row, Col c, qint64 fallback = 0) const
    {
        return m_table->toEpochMicros(row, at(c), fallback);
    }
    template<typename Col> bool isBinary(Col c) const { return m_table->isBinary(at(c)); }
    template<typename Col> quint32 typeOid(Col c) const { return m_table->typeOid(at(c)); }

private:
    RowReader(const DbTable *t, std::vector<int> index)
        : m_table(t)
        , m_index(std::move(index))
    {
    }
    template<typename Col> int at(Col c) const
    {
        static_assert(std::is_enum_v<Col>, "columns are named by an enum over the ColumnList");
        return m_index[size_t(c)];
    }

    const DbTable *m_table;
    std::vector<int> m_index;
};

} // namespace oc

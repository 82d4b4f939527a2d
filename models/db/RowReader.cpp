#include "RowReader.h"

namespace oc {

std::optional<RowReader> RowReader::bind(const ColumnList &columns, const DbTable &t, QString *error)
{
    auto index = columns.locate(t, error);
    if (!index)
        return std::nullopt;
    return RowReader(&t, std::move(*index));
}

} // namespace oc

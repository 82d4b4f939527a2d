#pragma once

#include "ColumnList.h"
#include "DbQuery.h"
#include "DbTable.h"
#include "RowReader.h"

#include <QString>

#include <algorithm>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace oc {

// A pipelined batch whose statements carry a tag, so results are matched to
// statements by identity: a reader asks for "the campaigns result", never
// for "the third table" or infers what ran from how many tables came back.
template<typename Tag> class DbBatch
{
public:
    DbBatch &add(Tag tag, DbQuery query)
    {
        m_tags.push_back(tag);
        m_queries.push_back(std::move(query));
        return *this;
    }

    bool contains(Tag tag) const { return std::find(m_tags.begin(), m_tags.end(), tag) != m_tags.end(); }
    const std::vector<Tag> &tags() const { return m_tags; }

    // The statements for DbConnection::exec; the tags stay behind to read
    // the results by.
    std::vector<DbQuery> takeQueries() { return std::exchange(m_queries, {}); }

    // Every result of the batch by tag, each checked against its statement's
    // declared columns (`columnsOf(tag)` returns a ColumnList). All or
    // nothing: with one mismatch `error` names it and nothing is returned,
    // so a caller never applies half a batch.
    template<typename ColumnsOf>
    std::optional<std::map<Tag, RowReader>> read(const std::vector<DbTable> &tables, ColumnsOf columnsOf,
                                                 QString *error = nullptr) const
    {
        if (tables.size() != m_tags.size()) {
            if (error)
                *error = QStringLiteral("batch of %1 statement(s) returned %2 result(s)")
                             .arg(m_tags.size())
                             .arg(tables.size());
            return std::nullopt;
        }
        std::map<Tag, RowReader> out;
        for (size_t i = 0; i < m_tags.size(); ++i) {
            auto reader = RowReader::bind(columnsOf(m_tags[i]), tables[i], error);
            if (!reader)
                return std::nullopt;
            out.insert_or_assign(m_tags[i], std::move(*reader));
        }
        return out;
    }

private:
    std::vector<Tag> m_tags;
    std::vector<DbQuery> m_queries;
};

} // namespace oc

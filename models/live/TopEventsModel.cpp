#include "TopEventsModel.h"

#include "LiveSource.h"

#include <algorithm>

namespace oc {

TopEventsModel::TopEventsModel(LiveSource *feed, int limit, QObject *parent)
    : QAbstractTableModel(parent)
    , m_feed(feed)
    , m_limit(limit)
{
    connect(feed, &LiveSource::totalsChanged, this, &TopEventsModel::recompute);
    recompute();
}

void TopEventsModel::recompute()
{
    std::vector<Row> next;
    next.reserve(size_t(m_limit) + 1);
    auto byRsvps = [](const Row &a, const Row &b) { return a.rsvps != b.rsvps ? a.rsvps > b.rsvps : a.id < b.id; };
    for (const EventRecord &e : m_feed->events()) {
        if (e.approval != Approval::Approved || e.rsvps == 0)
            continue;
        const Row r {e.id, e.rsvps};
        if (int(next.size()) < m_limit) {
            next.push_back(r);
            std::push_heap(next.begin(), next.end(), byRsvps);
        } else if (byRsvps(r, next.front())) {
            std::pop_heap(next.begin(), next.end(), byRsvps);
            next.back() = r;
            std::push_heap(next.begin(), next.end(), byRsvps);
        }
    }
    std::sort(next.begin(), next.end(), byRsvps);
    const int common = int(std::min(next.size(), m_rows.size()));
    int firstDiff = -1, lastDiff = -1;
    for (int i = 0; i < common; ++i)
        if (!(next[size_t(i)] == m_rows[size_t(i)])) {
            if (firstDiff < 0)
                firstDiff = i;
            lastDiff = i;
        }
    if (next.size() < m_rows.size()) {
        beginRemoveRows({}, int(next.size()), int(m_rows.size()) - 1);
        m_rows.resize(next.size());
        endRemoveRows();
    }
    for (int i = 0; i < common && i < int(m_rows.size()); ++i)
        m_rows[size_t(i)] = next[size_t(i)];
    if (firstDiff >= 0)
        Q_EMIT dataChanged(index(firstDiff, 0), index(lastDiff, ColumnCount - 1), {Qt::DisplayRole});
    if (next.size() > m_rows.size()) {
        beginInsertRows({}, int(m_rows.size()), int(next.size()) - 1);
        m_rows = std::move(next);
        endInsertRows();
    }
}

int TopEventsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}
int TopEventsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TopEventsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[size_t(index.row())];
    if (role == EventIdRole)
        return r.id;
    if (role == Qt::TextAlignmentRole && index.column() == Rsvps)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const EventRecord *e = m_feed->event(r.id);
    switch (index.column()) {
    case Title: return e ? e->title : QString();
    case Place: return e ? e->city + QStringLiteral(", ") + e->state : QString();
    case Rsvps: return r.rsvps;
    default: return {};
    }
}

QVariant TopEventsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Title: return tr("Event");
    case Place: return tr("Where");
    case Rsvps: return tr("RSVPs");
    default: return {};
    }
}

} // namespace oc

#include "StateTotalsModel.h"

#include "LiveSource.h"

#include <map>

namespace oc {

StateTotalsModel::StateTotalsModel(LiveSource *feed, QObject *parent)
    : QAbstractTableModel(parent)
    , m_feed(feed)
{
    connect(feed, &LiveSource::totalsChanged, this, &StateTotalsModel::recompute);
    recompute();
}

void StateTotalsModel::recompute()
{
    std::map<QString, Row> next;
    for (const EventRecord &e : m_feed->events()) {
        if (e.state.isEmpty())
            continue;
        Row &r = next[e.state];
        r.state = e.state;
        const MarkerState s = e.markerState();
        if (s == MarkerState::Approved || s == MarkerState::Full)
            ++r.events;
        if (s == MarkerState::NeedsReview)
            ++r.needsReview;
        r.rsvps += e.rsvps;
    }
    // Merge into the sorted rows: insert new states in place, update changed ones.
    size_t i = 0;
    for (const auto &[state, row] : next) {
        while (i < m_rows.size() && m_rows[i].state < state) {
            // A state that disappeared (all its events moved): remove it.
            beginRemoveRows({}, int(i), int(i));
            m_rows.erase(m_rows.begin() + qsizetype(i));
            endRemoveRows();
        }
        if (i < m_rows.size() && m_rows[i].state == state) {
            if (!(m_rows[i] == row)) {
                m_rows[i] = row;
                Q_EMIT dataChanged(index(int(i), Events), index(int(i), Rsvps), {Qt::DisplayRole});
            }
        } else {
            beginInsertRows({}, int(i), int(i));
            m_rows.insert(m_rows.begin() + qsizetype(i), row);
            endInsertRows();
        }
        ++i;
    }
    if (i < m_rows.size()) {
        beginRemoveRows({}, int(i), int(m_rows.size()) - 1);
        m_rows.erase(m_rows.begin() + qsizetype(i), m_rows.end());
        endRemoveRows();
    }
}

int StateTotalsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}
int StateTotalsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StateTotalsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[size_t(index.row())];
    if (role == Qt::TextAlignmentRole && index.column() != State)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case State: return r.state;
    case Events: return r.events;
    case NeedsReview: return r.needsReview;
    case Rsvps: return r.rsvps;
    default: return {};
    }
}

QVariant StateTotalsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case State: return tr("State");
    case Events: return tr("Events");
    case NeedsReview: return tr("To review");
    case Rsvps: return tr("RSVPs");
    default: return {};
    }
}

} // namespace oc

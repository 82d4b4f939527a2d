#include "HostQueueFilter.h"

#include "HostTrainingModel.h"

#include <QDateTime>

namespace oc {

HostQueueFilter::HostQueueFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(HostTrainingModel::NextStartRole);
    setFilterRole(HostTrainingModel::QueueKeyRole);
    setDynamicSortFilter(true);
    sort(HostTrainingModel::NameColumn, Qt::AscendingOrder);
}

void HostQueueFilter::setShowAll(bool on)
{
    if (on == m_showAll)
        return;
    m_showAll = on;
    invalidateRowsFilter();
}

bool HostQueueFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_showAll)
        return true;
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    return i.data(HostTrainingModel::PrepStatusRole).toString() != QLatin1String("fully_prepped") &&
        i.data(HostTrainingModel::NextStartRole).toDateTime().isValid();
}

bool HostQueueFilter::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QModelIndex l = left.siblingAtColumn(0), r = right.siblingAtColumn(0);
    const QDateTime a = l.data(HostTrainingModel::NextStartRole).toDateTime();
    const QDateTime b = r.data(HostTrainingModel::NextStartRole).toDateTime();
    if (a.isValid() != b.isValid())
        return a.isValid();
    if (a.isValid() && a != b)
        return a < b;
    const qint64 ia = l.data(HostTrainingModel::HostIdRole).toLongLong();
    const qint64 ib = r.data(HostTrainingModel::HostIdRole).toLongLong();
    return ia < ib;
}

} // namespace oc

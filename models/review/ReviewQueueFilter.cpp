#include "ReviewQueueFilter.h"

#include "ReviewQueueModel.h"

namespace oc {

ReviewQueueFilter::ReviewQueueFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // The source emits this role with every change, so rows are re-checked
    // whenever anything a filter looks at moves.
    setFilterRole(ReviewQueueModel::FilterKeyRole);
    setDynamicSortFilter(true);
}

void ReviewQueueFilter::setCampaignId(qint64 id)
{
    if (id == m_campaign)
        return;
    m_campaign = id;
    invalidateRowsFilter();
}

void ReviewQueueFilter::setUsState(const QString &st)
{
    const QString s = st.trimmed().toUpper();
    if (s == m_state)
        return;
    m_state = s;
    invalidateRowsFilter();
}

void ReviewQueueFilter::setDateRange(const QDate &from, const QDate &to)
{
    if (from == m_from && to == m_to)
        return;
    m_from = from;
    m_to = to;
    invalidateRowsFilter();
}

void ReviewQueueFilter::setFlaggedOnly(bool on)
{
    if (on == m_flaggedOnly)
        return;
    m_flaggedOnly = on;
    invalidateRowsFilter();
}

void ReviewQueueFilter::setHideClaimedByOthers(bool on)
{
    if (on == m_hideOthers)
        return;
    m_hideOthers = on;
    invalidateRowsFilter();
}

bool ReviewQueueFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *m = sourceModel();
    if (!m)
        return false;
    const QModelIndex i = m->index(sourceRow, 0, sourceParent);
    if (m_campaign != 0 && i.data(ReviewQueueModel::CampaignIdRole).toLongLong() != m_campaign)
        return false;
    if (!m_state.isEmpty() && i.data(ReviewQueueModel::UsStateRole).toString() != m_state)
        return false;
    if (m_flaggedOnly && !i.data(ReviewQueueModel::FlaggedRole).toBool())
        return false;
    if (m_hideOthers && i.data(ReviewQueueModel::ClaimedByOtherRole).toBool())
        return false;
    if (m_from.isValid() || m_to.isValid()) {
        const QDate d = i.data(ReviewQueueModel::LocalDateRole).toDate();
        if (!d.isValid() || (m_from.isValid() && d < m_from) || (m_to.isValid() && d > m_to))
            return false;
    }
    return true;
}

} // namespace oc

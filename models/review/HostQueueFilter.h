#pragma once

#include <QSortFilterProxyModel>

namespace oc {

// The host-training queue: hosts who are not fully prepped and have an
// upcoming event, soonest event first. "Show all" lists every host in the
// same order (hosts without an upcoming event last).
class HostQueueFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit HostQueueFilter(QObject *parent = nullptr);

    void setShowAll(bool on);
    bool showAll() const { return m_showAll; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    bool m_showAll = false;
};

} // namespace oc

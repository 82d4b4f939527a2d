#pragma once

#include "Alert.h"

#include <QAbstractTableModel>
#include <QList>

namespace oc {

// Every rule of the plan with its current state, as this console's engine
// sees it: Ok, Pending, Firing, Resolved, No data, Error. Columns: rule,
// state, value, since, detail. One row per rule, updated in place.
class AlertListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { RuleColumn, StateColumn, ValueColumn, SinceColumn, DetailColumn, ColumnCount };
    enum Role { StateRole = Qt::UserRole + 1, SeverityRole, RuleIdRole };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    void setAlerts(const QList<Alert> &alerts); // the whole plan (on a plan change)
    void update(const Alert &alert); // one rule's transition

private:
    QList<Alert> m_alerts;
};

} // namespace oc

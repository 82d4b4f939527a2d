#pragma once

#include <QStyledItemDelegate>

namespace oc {

// The Rules table's cells coloured by their rule's state (AlertListModel's
// StateRole): Firing red and bold, Pending amber, OK green, and No data
// (grey, italic) and Error (purple, bold) each unmistakably not OK.
class AlertStateDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace oc

#pragma once

#include "Incident.h"

#include <QStyledItemDelegate>

namespace oc {

// Paints one incident card of IncidentListModel: the severity as a colour bar,
// the title, the state with its owner ("Acknowledged by Dana"), a DRILL badge,
// how many raw breaches it folds and when it opened. Colours follow the
// palette, so the card reads in a dark scheme too.
class IncidentCardDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // "Firing", "Acknowledged by Dana", "Resolved", as the card shows it.
    static QString stateText(const Incident &incident);
    // "3 breaches · opened 14:02:11".
    static QString factsText(const Incident &incident);
};

} // namespace oc

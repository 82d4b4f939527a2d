#include "AlertStateDelegate.h"

#include "Alert.h"
#include "AlertListModel.h"
#include "IncidentPalette.h"

namespace oc {

void AlertStateDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant v = index.data(AlertListModel::StateRole);
    if (!v.isValid())
        return;
    const auto state = Alert::State(v.toInt());
    if (state == Alert::State::NoData)
        option->font.setItalic(true); // the whole row: nothing here is a reading
    if (index.column() != AlertListModel::StateColumn && state != Alert::State::Firing)
        return;
    if (!(option->state & QStyle::State_Selected)) {
        const QColor c = IncidentPalette::alertState(state, option->palette);
        option->palette.setColor(QPalette::Text, c);
        option->palette.setColor(QPalette::WindowText, c);
    }
    if (state == Alert::State::Firing || state == Alert::State::Error)
        option->font.setBold(true);
}

} // namespace oc

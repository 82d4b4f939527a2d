#include "IncidentCardDelegate.h"

#include "IncidentListModel.h"
#include "IncidentPalette.h"

#include <QApplication>
#include <QDateTime>
#include <QPainter>
#include <QPainterPath>

namespace oc {

namespace {

constexpr int kBar = 6;
constexpr int kPad = 6;

} // namespace

QString IncidentCardDelegate::stateText(const Incident &i)
{
    switch (i.state) {
    case Incident::State::Firing: return tr("Firing");
    case Incident::State::Acknowledged:
        return i.owner.isEmpty() ? tr("Acknowledged") : tr("Acknowledged by %1").arg(i.owner);
    case Incident::State::Resolved: return tr("Resolved");
    }
    return {};
}

QString IncidentCardDelegate::factsText(const Incident &i)
{
    QStringList parts;
    parts << (i.breaches == 1 ? tr("1 breach") : tr("%n breaches", nullptr, i.breaches));
    if (i.openedMs > 0)
        parts << tr("opened %1").arg(QDateTime::fromMSecsSinceEpoch(i.openedMs).toString(QStringLiteral("hh:mm:ss")));
    return parts.join(QStringLiteral(" · "));
}

QSize IncidentCardDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics fm(option.font);
    return {option.rect.width() > 0 ? option.rect.width() : 280, 3 * fm.lineSpacing() + 3 * kPad};
}

void IncidentCardDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear(); // the card draws its own lines
    const QWidget *w = opt.widget;
    QStyle *style = w ? w->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, w);

    const auto card = index.data(IncidentListModel::IncidentRole).value<Incident>();
    const bool silenced = index.data(IncidentListModel::SilencedRole).toBool();
    const QPalette &pal = opt.palette;
    const bool selected = opt.state & QStyle::State_Selected;
    const QColor text = selected ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Text);
    const QColor muted = selected ? text : pal.color(QPalette::PlaceholderText);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect r = opt.rect.adjusted(2, 2, -2, -2);
    painter->fillRect(QRect(r.left(), r.top(), kBar, r.height()), IncidentPalette::severity(card.severity, pal));

    QFont titleFont = opt.font;
    titleFont.setBold(true);
    const QFontMetrics tfm(titleFont);
    const QFontMetrics fm(opt.font);
    const int x = r.left() + kBar + kPad;
    int right = r.right() - kPad;
    int y = r.top() + kPad;

    if (card.drill) {
        // The badge goes first so the title elides around it.
        QFont badgeFont = opt.font;
        badgeFont.setBold(true);
        badgeFont.setPointSizeF(std::max(6.0, opt.font.pointSizeF() * 0.85));
        const QFontMetrics bfm(badgeFont);
        const QString label = tr("DRILL");
        const QRect badge(right - bfm.horizontalAdvance(label) - 8, y, bfm.horizontalAdvance(label) + 8, tfm.height());
        QPainterPath path;
        path.addRoundedRect(badge, 3, 3);
        const QColor fill = IncidentPalette::drill(pal);
        painter->fillPath(path, fill);
        painter->setFont(badgeFont);
        painter->setPen(fill.lightnessF() < 0.5 ? QColor(Qt::white) : QColor(Qt::black));
        painter->drawText(badge, Qt::AlignCenter, label);
        right = badge.left() - kPad;
    }

    painter->setFont(titleFont);
    painter->setPen(card.isOpen() ? text : muted);
    painter->drawText(QRect(x, y, right - x, tfm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      tfm.elidedText(card.title, Qt::ElideRight, right - x));
    y += fm.lineSpacing() + kPad / 2;

    painter->setFont(opt.font);
    QString state = stateText(card);
    if (silenced)
        state += QStringLiteral(" · ") + tr("Silenced");
    painter->setPen(selected ? text : IncidentPalette::incidentState(card.state, pal));
    painter->drawText(QRect(x, y, r.right() - kPad - x, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      fm.elidedText(state, Qt::ElideRight, r.right() - kPad - x));
    y += fm.lineSpacing() + kPad / 2;

    painter->setPen(muted);
    painter->drawText(QRect(x, y, r.right() - kPad - x, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      fm.elidedText(factsText(card), Qt::ElideRight, r.right() - kPad - x));
    painter->restore();
}

} // namespace oc

#include "AccessibilityAudit.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QQuickWidget>
#include <QScrollBar>
#include <QTabBar>
#include <QTextEdit>
#include <QToolButton>

#include <algorithm>
#include <utility>

namespace oc::test {

namespace {

QString stripAmpersands(QString text)
{
    // "&&" is a literal ampersand, a single one marks the mnemonic.
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    return text.trimmed();
}

// Parts of a composite control that the control itself names: a combo box's
// line edit and popup, a spin box's field, a view's headers, scroll bars and
// corner button, a line edit's clear button, a tab bar's scroll arrows.
bool isPartOfAnotherControl(QWidget *w)
{
    if (qobject_cast<QScrollBar *>(w))
        return true;
    for (QWidget *p = w->parentWidget(); p && !p->isWindow(); p = p->parentWidget())
        if (qobject_cast<QComboBox *>(p) || qobject_cast<QAbstractSpinBox *>(p) ||
            qobject_cast<QAbstractItemView *>(p) || qobject_cast<QLineEdit *>(p) || qobject_cast<QTabBar *>(p))
            return true;
    return false;
}

QString buddyText(QWidget *w)
{
    for (QLabel *l : w->window()->findChildren<QLabel *>())
        if (l->buddy() == w && !stripAmpersands(l->text()).isEmpty())
            return stripAmpersands(l->text());
    return {};
}

} // namespace

bool AccessibilityAudit::isInteractive(QWidget *w)
{
    if (isPartOfAnotherControl(w))
        return false;
    return qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w) || qobject_cast<QComboBox *>(w) ||
        qobject_cast<QAbstractSpinBox *>(w) || qobject_cast<QAbstractItemView *>(w) ||
        qobject_cast<QAbstractSlider *>(w) || qobject_cast<QTabBar *>(w) || qobject_cast<QQuickWidget *>(w) ||
        qobject_cast<QPlainTextEdit *>(w) || qobject_cast<QTextEdit *>(w);
}

QString AccessibilityAudit::nameOf(QWidget *w)
{
    if (!w->accessibleName().trimmed().isEmpty())
        return w->accessibleName().trimmed();
    if (const QString b = buddyText(w); !b.isEmpty())
        return b;
    if (auto *tabs = qobject_cast<QTabBar *>(w)) {
        // A tab bar is named by its tabs (a dock area's tabs carry the docks'
        // titles): each must have one.
        for (int i = 0; i < tabs->count(); ++i)
            if (stripAmpersands(tabs->tabText(i)).isEmpty() && tabs->accessibleTabName(i).isEmpty())
                return {};
        return tabs->count() > 0 ? QStringLiteral("tabs") : QString();
    }
    if (auto *tool = qobject_cast<QToolButton *>(w); tool && tool->defaultAction())
        return stripAmpersands(tool->defaultAction()->text());
    if (auto *b = qobject_cast<QAbstractButton *>(w); b && !stripAmpersands(b->text()).isEmpty())
        return stripAmpersands(b->text());
    // On Linux QAccessibleComboBox reports the current item as the name (the
    // label is a relation): not a name.
    if (qobject_cast<QComboBox *>(w))
        return {};
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
    return iface ? iface->text(QAccessible::Name).trimmed() : QString();
}

QString AccessibilityAudit::describe(QWidget *w)
{
    QStringList where;
    for (QWidget *p = w->parentWidget(); p; p = p->parentWidget()) {
        const QString n = !p->objectName().isEmpty() ? p->objectName() : p->accessibleName();
        if (!n.isEmpty() && !n.startsWith(QLatin1String("qt_")))
            where.prepend(n);
        if (p->isWindow())
            break;
    }
    QString text;
    if (auto *b = qobject_cast<QAbstractButton *>(w))
        text = b->text();
    else if (auto *e = qobject_cast<QLineEdit *>(w))
        text = e->placeholderText();
    if (text.isEmpty())
        text = w->toolTip();
    return QStringLiteral("%1 \"%2\"%3 in %4")
        .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName(),
             text.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(text.left(60)), where.join(QLatin1Char('/')));
}

QList<QWidget *> AccessibilityAudit::controls(QWidget *root)
{
    QList<QWidget *> all = root->findChildren<QWidget *>();
    all.prepend(root);
    QList<QWidget *> out;
    for (QWidget *w : std::as_const(all))
        if (w->isVisible() && isInteractive(w))
            out << w;
    return out;
}

QStringList AccessibilityAudit::unnamedControls(QWidget *root)
{
    QStringList out;
    for (QWidget *w : controls(root))
        if (nameOf(w).isEmpty())
            out << describe(w);
    return out;
}

QList<QWidget *> AccessibilityAudit::tabStops(QWidget *panel)
{
    // The panel's stops in Tab order: the focus chain is a cycle through the
    // whole window, starting anywhere; begin at the panel.
    QList<QWidget *> stops;
    QWidget *w = panel;
    do {
        if (w != panel && panel->isAncestorOf(w) && w->isVisible() && w->isEnabled() &&
            (w->focusPolicy() & Qt::TabFocus) && !w->focusProxy() && !isPartOfAnotherControl(w))
            stops << w;
        w = w->nextInFocusChain();
    } while (w && w != panel);
    QWidget *window = panel->window();
    auto rectOf = [window](QWidget *x) { return QRect(x->mapTo(window, QPoint(0, 0)), x->size()); };
    // Where the cycle is entered is the window's business; within the panel
    // it starts at the control nearest the top left.
    if (!stops.isEmpty()) {
        const auto first = std::min_element(stops.begin(), stops.end(), [&](QWidget *x, QWidget *y) {
            const QRect rx = rectOf(x), ry = rectOf(y);
            return std::pair(rx.top(), rx.left()) < std::pair(ry.top(), ry.left());
        });
        std::rotate(stops.begin(), first, stops.end());
    }
    return stops;
}

QStringList AccessibilityAudit::tabOrderProblems(QWidget *panel)
{
    const QList<QWidget *> stops = tabStops(panel);
    QWidget *window = panel->window();
    auto rectOf = [window](QWidget *x) { return QRect(x->mapTo(window, QPoint(0, 0)), x->size()); };
    QStringList problems;
    for (qsizetype i = 1; i < stops.size(); ++i) {
        const QRect a = rectOf(stops[i - 1]);
        const QRect b = rectOf(stops[i]);
        const bool sameColumn = b.left() < a.right() && b.right() > a.left();
        const bool sameRow = b.top() < a.bottom() && b.bottom() > a.top();
        // A few pixels of slack: widgets of one row differ in height.
        const bool above = b.bottom() < a.top() + 4;
        const bool leftOf = b.right() < a.left() + 4;
        QString why;
        if (above && (sameColumn || leftOf))
            why = QStringLiteral("goes up");
        else if (sameRow && leftOf && !above)
            why = QStringLiteral("goes left");
        if (!why.isEmpty())
            problems << QStringLiteral("%1 -> %2 %3").arg(describe(stops[i - 1]), describe(stops[i]), why);
    }
    return problems;
}

} // namespace oc::test

#pragma once

#include <QString>
#include <QStringList>

class QWidget;

namespace oc::test {

// What a screen reader and a keyboard user meet in a window (issue 16).
class AccessibilityAudit
{
public:
    // The name assistive technology reads for `w`: its accessible name, a
    // buddy label's text, or its own text (a button's, a tab's). Empty when
    // it has none. A combo box's current item and a field's placeholder or
    // tooltip do not count: they change or vanish, and say nothing of what
    // is being chosen.
    static QString nameOf(QWidget *w);
    // Interactive controls (buttons, fields, combo boxes, spin boxes, item
    // views, sliders, tab bars, QML views) that are visible in `root` and
    // have no name, each described by class, object name and its panel.
    static QStringList unnamedControls(QWidget *root);
    // The visible interactive controls of `root`, unnamed or not.
    static QList<QWidget *> controls(QWidget *root);
    // Consecutive stops of the Tab chain inside `panel` that go back against
    // the reading order: up within the same column, or left within the same
    // row. Moving on to the top of a column further right is reading order.
    static QStringList tabOrderProblems(QWidget *panel);
    // The controls Tab stops at inside `panel`, in Tab order from the one
    // nearest its top left.
    static QList<QWidget *> tabStops(QWidget *panel);
    static bool isInteractive(QWidget *w);
    static QString describe(QWidget *w);
};

} // namespace oc::test

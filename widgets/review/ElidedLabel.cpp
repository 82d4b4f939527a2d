#include "ElidedLabel.h"

#include "DisplayText.h"

#include <QEvent>
#include <QPainter>

namespace oc {

ElidedLabel::ElidedLabel(QWidget *parent)
    : QFrame(parent)
{
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
}

ElidedLabel::ElidedLabel(const QString &text, QWidget *parent)
    : ElidedLabel(parent)
{
    setText(text);
}

void ElidedLabel::setText(const QString &text)
{
    if (text == m_full)
        return;
    m_full = text;
    // 1000 characters are more than any screen shows; eliding a 10k-char
    // string on every paint would be wasted work.
    m_display = DisplayText::line(text, 1000);
    setToolTip(m_display.size() < text.size() || m_display != text ? DisplayText::tooltip(text) : QString());
    updateGeometry();
    update();
}

void ElidedLabel::setElideMode(Qt::TextElideMode m)
{
    m_mode = m;
    update();
}

QSize ElidedLabel::sizeHint() const
{
    const QFontMetrics fm(font());
    const int w = std::min(fm.horizontalAdvance(m_display), 400);
    return {w + 2 * frameWidth() + 4, fm.height() + 2 * frameWidth() + 2};
}

QSize ElidedLabel::minimumSizeHint() const
{
    const QFontMetrics fm(font());
    return {fm.averageCharWidth() * 3, fm.height() + 2 * frameWidth() + 2};
}

void ElidedLabel::paintEvent(QPaintEvent *event)
{
    QFrame::paintEvent(event);
    QPainter p(this);
    const QRect r = contentsRect().adjusted(2, 0, -2, 0);
    const QString shown = fontMetrics().elidedText(m_display, m_mode, r.width());
    p.setPen(palette().color(isEnabled() ? QPalette::Active : QPalette::Disabled, foregroundRole()));
    p.drawText(r, Qt::AlignVCenter | Qt::AlignLeft | Qt::TextSingleLine, shown);
}

void ElidedLabel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        updateGeometry();
    QFrame::changeEvent(event);
}

} // namespace oc

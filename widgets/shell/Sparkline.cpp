#include "Sparkline.h"

#include "Contrast.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace oc {

Sparkline::Sparkline(QWidget *parent)
    : QWidget(parent)
{
    setMinimumHeight(20);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void Sparkline::setValues(QList<double> values)
{
    if (values == m_values)
        return;
    m_values = std::move(values);
    update();
}

QColor Sparkline::lineColor() const
{
    // 3:1, the contrast WCAG asks of graphical objects, against the tile.
    const QColor base = m_color.isValid() ? m_color : palette().color(QPalette::Highlight);
    return Contrast::readableOn(base, palette().color(QPalette::Window), 3.0);
}

void Sparkline::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ThemeChange)
        update();
}

void Sparkline::paintEvent(QPaintEvent *)
{
    if (m_values.size() < 2)
        return;
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const double maxV = std::max(1.0, *std::max_element(m_values.begin(), m_values.end()));
    const QRectF r = QRectF(rect()).adjusted(1, 2, -1, -2);
    QPainterPath path;
    for (qsizetype i = 0; i < m_values.size(); ++i) {
        const QPointF pt(r.left() + r.width() * double(i) / double(m_values.size() - 1),
                         r.bottom() - r.height() * m_values.at(i) / maxV);
        i == 0 ? path.moveTo(pt) : path.lineTo(pt);
    }
    QPainterPath fill = path;
    fill.lineTo(r.bottomRight());
    fill.lineTo(r.bottomLeft());
    const QColor line = lineColor();
    QColor area = line;
    area.setAlpha(50);
    p.fillPath(fill, area);
    p.setPen(QPen(line, 1.5));
    p.drawPath(path);
}

} // namespace oc

#include "Sparkline.h"

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
    QColor area = m_color;
    area.setAlpha(50);
    p.fillPath(fill, area);
    p.setPen(QPen(m_color, 1.5));
    p.drawPath(path);
}

} // namespace oc

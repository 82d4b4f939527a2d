#pragma once

#include <QColor>
#include <QList>
#include <QWidget>

namespace oc {

// A small trend line without axes, painted directly (cheaper than a chart
// per tile, and independent of the chart backend).
class Sparkline : public QWidget
{
    Q_OBJECT
public:
    explicit Sparkline(QWidget *parent = nullptr);
    void setValues(QList<double> values);
    void setColor(const QColor &c)
    {
        m_color = c;
        update();
    }
    QSize sizeHint() const override { return {120, 28}; }

protected:
    void paintEvent(QPaintEvent *) override;

private:
    QList<double> m_values;
    QColor m_color {0x1e, 0x88, 0xe5};
};

} // namespace oc

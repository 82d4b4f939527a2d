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
    // The hue of the line; its lightness is adjusted to the background. An
    // invalid colour (the default) means the palette's highlight colour.
    void setColor(const QColor &c)
    {
        m_color = c;
        update();
    }
    // The colour the line is drawn in with the current palette.
    QColor lineColor() const;
    QSize sizeHint() const override { return {120, 28}; }

protected:
    void paintEvent(QPaintEvent *) override;
    void changeEvent(QEvent *event) override;

private:
    QList<double> m_values;
    QColor m_color;
};

} // namespace oc

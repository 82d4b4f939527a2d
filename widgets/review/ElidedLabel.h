#pragma once

#include <QFrame>
#include <QString>

namespace oc {

// One line of untrusted text that can never break a layout: always plain
// text, control characters and bidi overrides neutralized, elided to the
// width it is given; the full value is in the tooltip (escaped).
class ElidedLabel : public QFrame
{
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget *parent = nullptr);
    explicit ElidedLabel(const QString &text, QWidget *parent = nullptr);

    void setText(const QString &text);
    QString text() const { return m_full; }
    // What is painted (sanitized, before eliding).
    QString displayText() const { return m_display; }
    void setElideMode(Qt::TextElideMode m);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QString m_full;
    QString m_display;
    Qt::TextElideMode m_mode = Qt::ElideRight;
};

} // namespace oc

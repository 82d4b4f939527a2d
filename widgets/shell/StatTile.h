#pragma once

#include <QFrame>

class QLabel;

namespace oc {

class Sparkline;

// One big number with its caption, an optional detail line and sparkline.
class StatTile : public QFrame
{
    Q_OBJECT
public:
    StatTile(const QString &caption, QWidget *parent = nullptr);
    void setValue(const QString &value, const QString &detail = {});
    void setScale(double factor);
    Sparkline *sparkline();
    QString value() const;

private:
    QLabel *m_caption;
    QLabel *m_value;
    QLabel *m_detail;
    Sparkline *m_spark = nullptr;
};

} // namespace oc

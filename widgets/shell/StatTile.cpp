#include "StatTile.h"

#include "Sparkline.h"

#include <QLabel>
#include <QVBoxLayout>

namespace oc {

StatTile::StatTile(const QString &caption, QWidget *parent)
    : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    auto *l = new QVBoxLayout(this);
    l->setContentsMargins(8, 6, 8, 6);
    l->setSpacing(1);
    m_caption = new QLabel(caption, this);
    m_value = new QLabel(QStringLiteral("—"), this);
    m_detail = new QLabel(this);
    for (QLabel *lab : {m_caption, m_value, m_detail})
        lab->setTextFormat(Qt::PlainText);
    m_caption->setForegroundRole(QPalette::PlaceholderText);
    // Compact on a laptop: a long caption wraps instead of widening the column.
    m_caption->setWordWrap(true);
    QFont f = m_value->font();
    f.setPointSizeF(f.pointSizeF() * 1.8);
    f.setBold(true);
    m_value->setFont(f);
    m_detail->setForegroundRole(QPalette::PlaceholderText);
    m_detail->hide();
    l->addWidget(m_caption);
    l->addWidget(m_value);
    l->addWidget(m_detail);
    setAccessibleName(caption);
}

void StatTile::setValue(const QString &value, const QString &detail)
{
    m_value->setText(value);
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
    setAccessibleDescription(value + QLatin1Char(' ') + detail);
}

QString StatTile::value() const
{
    return m_value->text();
}

void StatTile::setScale(double factor)
{
    QFont f = m_value->font();
    f.setPointSizeF(font().pointSizeF() * 1.8 * factor);
    m_value->setFont(f);
    QFont c = m_caption->font();
    c.setPointSizeF(font().pointSizeF() * std::max(1.0, factor * 0.6));
    m_caption->setFont(c);
    m_detail->setFont(c);
}

Sparkline *StatTile::sparkline()
{
    if (!m_spark) {
        m_spark = new Sparkline(this);
        layout()->addWidget(m_spark);
    }
    return m_spark;
}

} // namespace oc

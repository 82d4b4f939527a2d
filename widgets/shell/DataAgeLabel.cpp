#include "DataAgeLabel.h"

#include "LiveSource.h"

#include <QDateTime>

namespace oc {

DataAgeLabel::DataAgeLabel(LiveSource *feed, QWidget *parent)
    : QLabel(parent)
    , m_feed(feed)
{
    setTextFormat(Qt::PlainText);
    setAccessibleName(tr("Data age"));
    connect(feed, &LiveSource::updated, this, &DataAgeLabel::refresh);
    connect(feed, &LiveSource::staleChanged, this, &DataAgeLabel::refresh);
    connect(&m_timer, &QTimer::timeout, this, &DataAgeLabel::refresh);
    m_timer.start(1000);
    refresh();
}

void DataAgeLabel::refresh()
{
    if (m_feed->isStale()) {
        setText(tr("⚠ stale since %1").arg(m_feed->staleSince().toString(QStringLiteral("HH:mm:ss"))));
        setStyleSheet(QStringLiteral("color: #ffffff; background: #c62828; padding: 1px 6px; border-radius: 3px;"));
        return;
    }
    setStyleSheet({});
    const QDateTime last = m_feed->lastUpdate();
    if (!last.isValid()) {
        setText(tr("waiting for data…"));
        return;
    }
    const qint64 s = last.secsTo(QDateTime::currentDateTime());
    setText(s < 2 ? tr("updated just now") : tr("updated %1 s ago").arg(s));
}

} // namespace oc

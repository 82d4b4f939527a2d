#include "ConnectionStatus.h"

#include "DbConnection.h"
#include "LiveSource.h"

#include <QPainter>
#include <QStyle>

namespace oc {

ConnectionStatus::ConnectionStatus(DbConnection *db, LiveSource *feed, const QString &target, QWidget *parent)
    : QLabel(parent)
    , m_db(db)
    , m_feed(feed)
    , m_target(target)
{
    setTextFormat(Qt::PlainText);
    setAccessibleName(tr("Database connection"));
    connect(db, &DbConnection::stateChanged, this, &ConnectionStatus::refresh);
    connect(feed, &LiveSource::updated, this, &ConnectionStatus::refresh);
    connect(feed, &LiveSource::noticeChanged, this, &ConnectionStatus::refresh);
    refresh();
}

void ConnectionStatus::refresh()
{
    QString s;
    switch (m_db->state()) {
    case DbConnection::State::Connected:
        if (!m_db->isStandby())
            s = tr("● connected");
        else if (m_feed->has(LiveSource::Capability::ReplicationLag))
            s = tr("● connected to standby (lag %1 s)").arg(m_feed->replicationLagSeconds(), 0, 'f', 1);
        else
            s = tr("● connected to standby");
        break;
    case DbConnection::State::Connecting: s = tr("◌ connecting…"); break;
    case DbConnection::State::Backoff: s = tr("○ reconnecting — %1").arg(m_db->lastError().left(120)); break;
    case DbConnection::State::Disconnected: s = tr("○ disconnected"); break;
    }
    // The source's own notice first: it is why the numbers move slowly.
    if (const QString notice = m_feed->notice(); !notice.isEmpty())
        s += QStringLiteral("  ·  ⚠ ") + notice;
    setText(s + QStringLiteral("  ·  ") + m_target);
    const QString error = m_db->lastError();
    setToolTip(error.isEmpty() ? text() : text() + QLatin1Char('\n') + error);
}

QSize ConnectionStatus::minimumSizeHint() const
{
    return {fontMetrics().averageCharWidth() * 14, QLabel::minimumSizeHint().height()};
}

void ConnectionStatus::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRect r = contentsRect();
    style()->drawItemText(&p, r, int(alignment()), palette(), isEnabled(),
                          fontMetrics().elidedText(text(), Qt::ElideRight, r.width()), foregroundRole());
}

} // namespace oc

#pragma once

#include <QLabel>

namespace oc {

class DbConnection;
class LiveSource;

// Status-bar text: connection state, primary or standby (with lag).
class ConnectionStatus : public QLabel
{
    Q_OBJECT
public:
    ConnectionStatus(DbConnection *db, LiveSource *feed, const QString &target, QWidget *parent = nullptr);

    // The status bar must never make the window wider than a laptop screen:
    // a long target is elided, the whole line is in the tooltip.
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *e) override;

private:
    void refresh();
    DbConnection *m_db;
    LiveSource *m_feed;
    QString m_target;
};

} // namespace oc

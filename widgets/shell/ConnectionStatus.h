#pragma once

#include <QLabel>

namespace oc {

class DbConnection;
class HubFeed;

// Status-bar text: connection state, primary or standby (with lag).
class ConnectionStatus : public QLabel
{
    Q_OBJECT
public:
    ConnectionStatus(DbConnection *db, HubFeed *feed, const QString &target, QWidget *parent = nullptr);

private:
    void refresh();
    DbConnection *m_db;
    HubFeed *m_feed;
    QString m_target;
};

} // namespace oc

#pragma once

#include <QLabel>
#include <QTimer>

namespace oc {

class LiveSource;

// "updated 3 s ago", or "stale since 14:02:11" in a warning colour when the
// database is unreachable: every panel says how old its data is.
class DataAgeLabel : public QLabel
{
    Q_OBJECT
public:
    explicit DataAgeLabel(LiveSource *feed, QWidget *parent = nullptr);
    void refresh();

private:
    LiveSource *m_feed;
    QTimer m_timer;
};

} // namespace oc

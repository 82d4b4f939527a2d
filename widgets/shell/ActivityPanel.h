#pragma once

#include <QWidget>

class QListWidget;

namespace oc {

class HubFeed;

// The audit log's recent actions (launch, flips, blasts), newest first.
class ActivityPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ActivityPanel(HubFeed *feed, QWidget *parent = nullptr);

private:
    void refresh();
    HubFeed *m_feed;
    QListWidget *m_list;
    int m_shown = 0;
};

} // namespace oc

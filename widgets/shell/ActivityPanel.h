#pragma once

#include <QWidget>

class QListWidget;

namespace oc {

class LiveSource;

// The audit log's recent actions (launch, flips, blasts), newest first.
class ActivityPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ActivityPanel(LiveSource *feed, QWidget *parent = nullptr);

private:
    void refresh();
    LiveSource *m_feed;
    QListWidget *m_list;
    int m_shown = 0;
};

} // namespace oc

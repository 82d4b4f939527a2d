#pragma once

#include <QWidget>

class QGridLayout;

namespace oc {

class ConsoleSession;
class TotalsPanel;

// Leadership's read-only wall: big totals, the map, one traffic chart. No
// action controls exist here at all (not merely hidden); it recovers from
// network loss by itself because the feed reconnects.
class WallboardWindow : public QWidget
{
    Q_OBJECT
public:
    explicit WallboardWindow(ConsoleSession *session, QWidget *parent = nullptr);
    TotalsPanel *totals() const { return m_totals; }
    void setMap(QWidget *map);
    void setChart(QWidget *chart);

private:
    ConsoleSession *m_session;
    TotalsPanel *m_totals;
    QGridLayout *m_grid;
};

} // namespace oc

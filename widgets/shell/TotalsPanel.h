#pragma once

#include <QWidget>

class QTableView;
class QGridLayout;

namespace oc {

class HubFeed;
class StatTile;
class DataAgeLabel;

// Live totals: big numbers with sparklines, per-state table, top events.
// Everything is computed from HubFeed's in-memory mirror; nothing here
// queries the database.
class TotalsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit TotalsPanel(HubFeed *feed, QWidget *parent = nullptr);

    // Wallboard: bigger numbers, fewer tiles, no tables.
    void setWallboard(bool on);
    StatTile *tile(const QString &key) const;

private:
    void refresh();

    HubFeed *m_feed;
    QHash<QString, StatTile *> m_tiles;
    QStringList m_order;
    QGridLayout *m_grid;
    QTableView *m_states;
    QTableView *m_top;
    DataAgeLabel *m_age;
};

} // namespace oc

#pragma once

#include <QWidget>

class QTableView;
class QGridLayout;

namespace oc {

class LiveSource;
class StatTile;
class DataAgeLabel;

// Live totals: big numbers with sparklines, per-state table, top events.
// Everything is computed from the live source's in-memory mirror; nothing here
// queries the database.
class TotalsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit TotalsPanel(LiveSource *feed, QWidget *parent = nullptr);

    // Wallboard: bigger numbers, fewer tiles, no tables.
    // `scale` sizes the numbers: 2.2 on a wall, less in a laptop window.
    void setWallboard(bool on, double scale = 2.2);
    StatTile *tile(const QString &key) const;

private:
    void refresh();

    LiveSource *m_feed;
    QHash<QString, StatTile *> m_tiles;
    QStringList m_order;
    QGridLayout *m_grid;
    QTableView *m_states;
    QTableView *m_top;
    DataAgeLabel *m_age;
};

} // namespace oc

#pragma once

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

namespace oc {

class LiveSource;

// Per-state totals (events live, needing review, RSVPs), sorted by state code.
// New states are inserted at their sorted row; changed rows get dataChanged.
class StateTotalsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { State, Events, NeedsReview, Rsvps, ColumnCount };

    explicit StateTotalsModel(LiveSource *feed, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void recompute();

private:
    struct Row
    {
        QString state;
        int events = 0;
        int needsReview = 0;
        qint64 rsvps = 0;
        bool operator==(const Row &) const = default;
    };
    LiveSource *m_feed;
    std::vector<Row> m_rows;
};

} // namespace oc

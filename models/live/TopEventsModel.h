#pragma once

#include <QAbstractTableModel>

#include <vector>

namespace oc {

class LiveSource;

// The N events with the most RSVPs. Rows only grow up to N; a change of rank
// is a dataChanged of the rows involved, never a reset.
class TopEventsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Title, Place, Rsvps, ColumnCount };
    enum Role { EventIdRole = Qt::UserRole + 1 };

    explicit TopEventsModel(LiveSource *feed, int limit = 10, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void recompute();

private:
    struct Row
    {
        qint64 id = 0;
        qint64 rsvps = 0;
        bool operator==(const Row &) const = default;
    };
    LiveSource *m_feed;
    int m_limit;
    std::vector<Row> m_rows;
};

} // namespace oc

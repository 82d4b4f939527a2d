#pragma once

#include <QAbstractTableModel>

namespace oc {

class LiveSource;

// All events as a table, mirroring the live source row for row: rows are appended in
// ranges and changed with role- and column-specific dataChanged, never reset
// on a tick, so views keep their selection and scroll position during a surge.
class EventTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Title, City, State, Starts, Status, Rsvps, Capacity, Host, ColumnCount };
    enum Role { EventIdRole = Qt::UserRole + 1, MarkerStateRole, HasLocationRole, SortRole };

    explicit EventTableModel(LiveSource *feed, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void onAppended(int first, int last);
    void emitRuns(const QList<int> &rows, int firstColumn, int lastColumn, const QList<int> &roles);

    LiveSource *m_feed;
    int m_rows = 0;
};

} // namespace oc

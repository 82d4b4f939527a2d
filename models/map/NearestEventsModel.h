#pragma once

#include <QAbstractListModel>

#include <vector>

namespace oc {

class MapController;

// The search results beside the map: events within the search radius,
// nearest first, followed by the filtered events that have no coordinates
// (they cannot be on the map, so they are listed here rather than dropped).
// Texts are read from the live feed, so RSVP counts stay current between
// rebuilds of the result list.
class NearestEventsModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        EventIdRole = Qt::UserRole + 1,
        DistanceMilesRole, // -1 for events without coordinates
        MarkerStateRole,
        HasLocationRole,
        FeedRowRole,
    };

    explicit NearestEventsModel(MapController *controller, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int locatedCount() const { return m_located; }

private:
    struct Row
    {
        int feedRow = 0;
        double miles = -1;
        bool operator==(const Row &) const = default;
    };
    void refresh();
    void feedRowsChanged(const QList<int> &rows);

    MapController *m_controller;
    std::vector<Row> m_rows;
    int m_located = 0;
};

} // namespace oc

#include "NearestEventsModel.h"

#include "EventRecord.h"
#include "LiveSource.h"
#include "MapController.h"
#include "MapStyle.h"

#include <QLocale>
#include <QPixmap>

namespace oc {

NearestEventsModel::NearestEventsModel(MapController *controller, QObject *parent)
    : QAbstractListModel(parent)
    , m_controller(controller)
{
    connect(m_controller, &MapController::snapshotChanged, this, &NearestEventsModel::refresh);
    if (LiveSource *feed = m_controller->feed()) {
        connect(feed, &LiveSource::eventsChanged, this, &NearestEventsModel::feedRowsChanged);
        connect(feed, &LiveSource::rsvpCountsChanged, this, &NearestEventsModel::feedRowsChanged);
    }
    refresh();
}

int NearestEventsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant NearestEventsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[std::size_t(index.row())];
    const auto &events = m_controller->feed()->events();
    if (std::size_t(r.feedRow) >= events.size())
        return {};
    const EventRecord &e = events[std::size_t(r.feedRow)];
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole: {
        QString where = e.city;
        if (!e.state.isEmpty())
            where += (where.isEmpty() ? QString() : QStringLiteral(", ")) + e.state;
        const QString distance =
            r.miles >= 0 ? tr("%1 mi").arg(locale.toString(r.miles, 'f', r.miles < 10 ? 1 : 0)) : tr("no location");
        const QString rsvps =
            e.capacity > 0 ? tr("%1/%2 RSVPs").arg(e.rsvps).arg(e.capacity) : tr("%1 RSVPs").arg(e.rsvps);
        return QStringLiteral("%1 · %2\n%3 · %4").arg(distance, e.title, where.isEmpty() ? e.address : where, rsvps);
    }
    case Qt::ToolTipRole: return QStringLiteral("%1\n%2").arg(e.title, EventRecord::markerStateLabel(e.markerState()));
    case Qt::DecorationRole: {
        QPixmap swatch(10, 10);
        swatch.fill(MapStyle::stateColor(int(e.markerState())));
        return swatch;
    }
    case EventIdRole: return e.id;
    case DistanceMilesRole: return r.miles;
    case MarkerStateRole: return int(e.markerState());
    case HasLocationRole: return e.hasLocation();
    case FeedRowRole: return r.feedRow;
    default: return {};
    }
}

QHash<int, QByteArray> NearestEventsModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(EventIdRole, "eventId");
    names.insert(DistanceMilesRole, "distanceMiles");
    names.insert(MarkerStateRole, "markerState");
    names.insert(HasLocationRole, "hasLocation");
    names.insert(FeedRowRole, "feedRow");
    return names;
}

void NearestEventsModel::refresh()
{
    const auto snapshot = m_controller->snapshot();
    std::vector<Row> rows;
    rows.reserve(snapshot->nearest.size() + snapshot->unlocatedRows.size());
    for (const auto &n : snapshot->nearest)
        rows.push_back({n.row, n.miles});
    for (int row : snapshot->unlocatedRows)
        rows.push_back({row, -1});
    if (rows == m_rows)
        return;
    // Same events in the same order (a live tick that moved nothing here):
    // refresh in place so the view keeps its selection and scroll position.
    if (rows.size() == m_rows.size()) {
        bool sameOrder = true;
        for (std::size_t i = 0; i < rows.size() && sameOrder; ++i)
            sameOrder = rows[i].feedRow == m_rows[i].feedRow;
        if (sameOrder) {
            m_rows = std::move(rows);
            m_located = int(snapshot->nearest.size());
            Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1));
            return;
        }
    }
    beginResetModel();
    m_rows = std::move(rows);
    m_located = int(snapshot->nearest.size());
    endResetModel();
}

void NearestEventsModel::feedRowsChanged(const QList<int> &rows)
{
    if (m_rows.empty() || rows.isEmpty())
        return;
    // Titles and RSVP counts of listed events changed; a linear pass is cheap
    // next to the few hundred rows a result list has.
    const QSet<int> changed(rows.begin(), rows.end());
    int first = -1, last = -1;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (changed.contains(m_rows[i].feedRow)) {
            if (first < 0)
                first = int(i);
            last = int(i);
        }
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first), index(last));
}

} // namespace oc

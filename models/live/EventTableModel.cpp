#include "EventTableModel.h"

#include "LiveSource.h"

#include <QColor>
#include <QLocale>
#include <QTimeZone>

namespace oc {

EventTableModel::EventTableModel(LiveSource *feed, QObject *parent)
    : QAbstractTableModel(parent)
    , m_feed(feed)
{
    m_rows = int(feed->events().size());
    connect(feed, &LiveSource::eventsAppended, this, &EventTableModel::onAppended);
    connect(feed, &LiveSource::eventsChanged, this,
            [this](const QList<int> &rows) { emitRuns(rows, 0, ColumnCount - 1, {}); });
    connect(feed, &LiveSource::rsvpCountsChanged, this, [this](const QList<int> &rows) {
        // Only the count and the full/approved status can move with RSVPs.
        emitRuns(rows, Status, Rsvps, {Qt::DisplayRole, SortRole, MarkerStateRole, Qt::ForegroundRole});
    });
}

void EventTableModel::onAppended(int first, int last)
{
    // The feed appends before it signals; we may already count some rows.
    if (last < m_rows)
        return;
    first = std::max(first, m_rows);
    beginInsertRows({}, first, last);
    m_rows = last + 1;
    endInsertRows();
}

void EventTableModel::emitRuns(const QList<int> &rows, int firstColumn, int lastColumn, const QList<int> &roles)
{
    // Contiguous runs of rows become one dataChanged each.
    int start = -1, prev = -2;
    for (int r : rows) {
        if (r >= m_rows)
            continue;
        if (r != prev + 1) {
            if (start >= 0)
                Q_EMIT dataChanged(index(start, firstColumn), index(prev, lastColumn), roles);
            start = r;
        }
        prev = r;
    }
    if (start >= 0)
        Q_EMIT dataChanged(index(start, firstColumn), index(prev, lastColumn), roles);
}

int EventTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}
int EventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EventRecord &e = m_feed->events()[size_t(index.row())];
    switch (role) {
    case EventIdRole: return e.id;
    case MarkerStateRole: return int(e.markerState());
    case HasLocationRole: return e.hasLocation();
    case Qt::ForegroundRole:
        if (index.column() == Status && e.markerState() == MarkerState::NeedsReview)
            return QColor(0xb3, 0x6b, 0x00);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Rsvps || index.column() == Capacity)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (index.column()) {
        case Starts: return e.startsAt;
        case Rsvps: return e.rsvps;
        case Capacity: return e.capacity;
        default: break;
        }
        [[fallthrough]];
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Title: return e.title;
        case City: return e.city;
        case State: return e.state;
        case Starts: {
            // Shown in the event's own time zone: that is the time the host announced.
            const QTimeZone tz(e.timezone.toUtf8());
            const QDateTime local = tz.isValid() ? e.startsAt.toTimeZone(tz) : e.startsAt.toLocalTime();
            return QLocale().toString(local, QStringLiteral("ddd d MMM HH:mm")) + QLatin1Char(' ') +
                (tz.isValid() ? tz.abbreviation(local) : QString());
        }
        case Status:
            return EventRecord::markerStateLabel(e.markerState()) +
                (e.hasLocation() ? QString() : tr(" (no location)"));
        case Rsvps: return e.rsvps;
        case Capacity: return e.capacity > 0 ? QVariant(e.capacity) : QVariant(tr("—"));
        case Host: return e.hostName;
        default: return {};
        }
    default: return {};
    }
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Title: return tr("Event");
    case City: return tr("City");
    case State: return tr("State");
    case Starts: return tr("Starts (local)");
    case Status: return tr("Status");
    case Rsvps: return tr("RSVPs");
    case Capacity: return tr("Capacity");
    case Host: return tr("Host");
    default: return {};
    }
}

} // namespace oc

#include "HostTrainingModel.h"

#include "DbTable.h"
#include "DisplayText.h"
#include "LiveSource.h"
#include "LogCategories.h"

#include <QLocale>
#include <QSet>

namespace oc {
namespace {

// An event that started less than this long ago still counts as upcoming:
// its host may be mid-event and still needs the training follow-up.
constexpr qint64 kUpcomingGraceMs = 12LL * 3600 * 1000;

const QByteArray kHostsSql = QByteArray("WITH w AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS hi) "
                                        "SELECT w.hi::text, ") +
    HostInfo::selectColumns() + " FROM w LEFT JOIN hosts h ON h.xact >= $1::xid8 AND h.xact < w.hi ORDER BY h.id";

} // namespace

HostTrainingModel::HostTrainingModel(DbConnection *db, LiveSource *feed, QObject *parent)
    : QAbstractTableModel(parent)
    , m_db(db)
    , m_feed(feed)
{
    if (m_feed) {
        connect(m_feed, &LiveSource::updated, this, &HostTrainingModel::onTick);
        connect(m_feed, &LiveSource::eventsAppended, this, &HostTrainingModel::onFeedAppended);
        connect(m_feed, &LiveSource::eventsChanged, this, &HostTrainingModel::onFeedChanged);
        if (!m_feed->events().empty())
            onFeedAppended(0, int(m_feed->events().size()) - 1);
    }
}

int HostTrainingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HostTrainingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

HostInfo HostTrainingModel::hostAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)].info : HostInfo {};
}

QDateTime HostTrainingModel::nextStartAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)].stats.next : QDateTime();
}

QVariant HostTrainingModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()) || index.column() >= ColumnCount)
        return {};
    const Row &r = m_rows[size_t(index.row())];
    const HostInfo &h = r.info;
    const QLocale loc;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return DisplayText::line(h.name, 80);
        case NextEventColumn:
            if (!r.stats.next.isValid())
                return QString();
            return loc.toString(r.stats.next.toLocalTime(), QStringLiteral("ddd d MMM, HH:mm")) +
                QStringLiteral(" \u2013 ") + DisplayText::line(r.stats.nextTitle, 80);
        case EventsColumn: return r.stats.upcoming;
        case PrepColumn: return HostInfo::prepLabel(h.prepStatus);
        case LastContactColumn:
            return h.lastContactAt.isValid()
                ? loc.toString(h.lastContactAt.toLocalTime(), QStringLiteral("d MMM, HH:mm"))
                : tr("never", "last contact");
        case PhoneColumn: return DisplayText::line(h.phone, 40);
        case EmailColumn: return DisplayText::line(h.email, 80);
        case NotesColumn: {
            // The latest note line is what the next caller needs to see.
            const QString last = h.notes.section(QLatin1Char('\n'), -1);
            return DisplayText::line(last, 120);
        }
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case NameColumn: return DisplayText::tooltip(h.name);
        case NextEventColumn:
            return r.stats.nextTitle.isEmpty() ? QVariant() : QVariant(DisplayText::tooltip(r.stats.nextTitle));
        case NotesColumn: return h.notes.isEmpty() ? QVariant() : QVariant(DisplayText::tooltip(h.notes, 2000));
        case EmailColumn: return DisplayText::tooltip(h.email);
        }
        return {};
    case HostIdRole: return h.id;
    case VersionRole: return h.version;
    case PrepStatusRole: return h.prepStatus;
    case NextStartRole: return r.stats.next;
    case UpcomingCountRole: return r.stats.upcoming;
    case LastContactRole: return h.lastContactAt;
    case EmailRole: return h.email;
    case PhoneRole: return h.phone;
    case NotesRole: return h.notes;
    case QueueKeyRole: return h.id;
    case ExportRole:
        switch (index.column()) {
        case NameColumn: return h.name;
        case NextEventColumn: return r.stats.next.isValid() ? r.stats.next.toString(Qt::ISODate) : QString();
        case EventsColumn: return QString::number(r.stats.upcoming);
        case PrepColumn: return h.prepStatus;
        case LastContactColumn: return h.lastContactAt.isValid() ? h.lastContactAt.toString(Qt::ISODate) : QString();
        case PhoneColumn: return h.phone;
        case EmailColumn: return h.email;
        case NotesColumn: return h.notes;
        }
        return {};
    }
    return {};
}

QVariant HostTrainingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == ExportRole) {
        // The CSV's header row is machine-readable (a call list imported
        // into a dialer or a mail merge): the same names in every language,
        // like the prep_status codes and ISO dates in the cells.
        switch (section) {
        case NameColumn: return QStringLiteral("Host");
        case NextEventColumn: return QStringLiteral("Next event");
        case EventsColumn: return QStringLiteral("Upcoming");
        case PrepColumn: return QStringLiteral("Prep state");
        case LastContactColumn: return QStringLiteral("Last contact");
        case PhoneColumn: return QStringLiteral("Phone");
        case EmailColumn: return QStringLiteral("Email");
        case NotesColumn: return QStringLiteral("Latest note");
        }
        return {};
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Host");
    case NextEventColumn: return tr("Next event");
    case EventsColumn: return tr("Upcoming", "column: how many upcoming events the host has");
    case PrepColumn: return tr("Prep state");
    case LastContactColumn: return tr("Last contact");
    case PhoneColumn: return tr("Phone");
    case EmailColumn: return tr("Email");
    case NotesColumn: return tr("Latest note");
    }
    return {};
}

void HostTrainingModel::start()
{
    m_started = true;
    pollNow();
}

void HostTrainingModel::onTick()
{
    if (!m_started)
        return;
    if (m_sincePoll.isValid() && m_sincePoll.elapsed() < m_minPollMs)
        return;
    pollNow();
}

void HostTrainingModel::pollNow()
{
    if (!m_db || m_inFlight || m_db->state() != DbConnection::State::Connected)
        return;
    m_inFlight = true;
    m_sincePoll.start();
    m_db->exec({DbQuery(kHostsSql).bind(m_hi).prepared("oc_review_hosts_tail")}, this,
               [this](const DbConnection::Outcome &o) { onHosts(o); });
}

void HostTrainingModel::onHosts(const DbConnection::Outcome &o)
{
    m_inFlight = false;
    if (const DbError *e = DbConnection::error(o)) {
        logcat::review()->warn("reading hosts failed: {}", e->message.toStdString());
        return;
    }
    const DbTable &t = (*DbConnection::tables(o))[0];
    std::vector<Row> fresh;
    QSet<qint64> freshIds;
    bool changed = false;
    for (int r = 0; r < t.rowCount(); ++r) {
        if (r == 0)
            m_hi = t.raw(r, 0);
        if (t.isNull(r, 1))
            continue; // the bare watermark row of an empty read
        const HostInfo h = HostInfo::fromTable(t, r, 1);
        const int row = m_index.value(h.id, -1);
        if (row >= 0) {
            if (h.version > m_rows[size_t(row)].info.version) {
                m_rows[size_t(row)].info = h;
                emitRowChanged(row);
                changed = true;
            }
        } else if (!freshIds.contains(h.id)) {
            freshIds.insert(h.id);
            fresh.push_back(Row {h, m_stats.value(h.id)});
        }
    }
    if (!fresh.empty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        for (Row &r : fresh) {
            m_index.insert(r.info.id, int(m_rows.size()));
            m_rows.push_back(std::move(r));
        }
        endInsertRows();
    }
    const bool first = !m_haveSnapshot;
    m_haveSnapshot = true;
    if (first)
        Q_EMIT snapshotLoaded();
    if (first || changed || !fresh.empty())
        Q_EMIT hostsChanged();
}

void HostTrainingModel::applyHost(const HostInfo &h)
{
    const int row = m_index.value(h.id, -1);
    if (row < 0 || h.version <= m_rows[size_t(row)].info.version)
        return;
    m_rows[size_t(row)].info = h;
    emitRowChanged(row);
    Q_EMIT hostsChanged();
}

void HostTrainingModel::emitRowChanged(int row)
{
    // The whole row: the queue proxy re-sorts only when the changed range
    // includes its sort column.
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1),
                       {Qt::DisplayRole, Qt::ToolTipRole, VersionRole, PrepStatusRole, NextStartRole, UpcomingCountRole,
                        LastContactRole, EmailRole, PhoneRole, NotesRole, ExportRole, QueueKeyRole});
}

void HostTrainingModel::noteFeedRow(int feedRow, QSet<qint64> &affected)
{
    const EventRecord &e = m_feed->events()[size_t(feedRow)];
    const qint64 old = m_hostOfFeedRow.value(feedRow, 0);
    if (old != e.hostId) {
        if (old != 0) {
            m_feedRowsByHost[old].removeOne(feedRow);
            affected.insert(old);
        }
        if (e.hostId != 0)
            m_feedRowsByHost[e.hostId].append(feedRow);
        m_hostOfFeedRow.insert(feedRow, e.hostId);
    }
    if (e.hostId != 0)
        affected.insert(e.hostId);
}

void HostTrainingModel::onFeedAppended(int first, int last)
{
    if (!m_feed)
        return;
    QSet<qint64> affected;
    for (int i = std::max(0, first); i <= last && i < int(m_feed->events().size()); ++i)
        noteFeedRow(i, affected);
    recomputeStats(affected);
}

void HostTrainingModel::onFeedChanged(const QList<int> &rows)
{
    if (!m_feed)
        return;
    QSet<qint64> affected;
    for (int i : rows)
        if (i >= 0 && i < int(m_feed->events().size()))
            noteFeedRow(i, affected);
    recomputeStats(affected);
}

HostTrainingModel::Stats HostTrainingModel::statsFor(qint64 hostId) const
{
    Stats s;
    const qint64 cutoff = QDateTime::currentMSecsSinceEpoch() - kUpcomingGraceMs;
    for (int fr : m_feedRowsByHost.value(hostId)) {
        const EventRecord &e = m_feed->events()[size_t(fr)];
        if (e.approval != Approval::NeedsApproval && e.approval != Approval::Approved)
            continue;
        if (!e.startsAt.isValid() || e.startsAt.toMSecsSinceEpoch() < cutoff)
            continue;
        ++s.upcoming;
        if (!s.next.isValid() || e.startsAt < s.next) {
            s.next = e.startsAt;
            s.nextTitle = e.title;
        }
    }
    return s;
}

void HostTrainingModel::recomputeStats(const QSet<qint64> &hosts)
{
    bool any = false;
    for (qint64 id : hosts) {
        const Stats s = statsFor(id);
        if (m_stats.value(id) == s)
            continue;
        m_stats.insert(id, s);
        const int row = m_index.value(id, -1);
        if (row >= 0) {
            m_rows[size_t(row)].stats = s;
            emitRowChanged(row);
            any = true;
        }
    }
    if (any)
        Q_EMIT hostsChanged();
}

} // namespace oc

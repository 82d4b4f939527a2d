#include "ReviewQueueModel.h"

#include "DbTable.h"
#include "DisplayText.h"
#include "LiveSource.h"
#include "LogCategories.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

#include <algorithm>

namespace oc {

ReviewQueueModel::ReviewQueueModel(LiveSource *feed, DbConnection *claimsDb, QObject *parent)
    : QAbstractTableModel(parent)
    , m_feed(feed)
    , m_db(claimsDb)
{
    m_claimTimer.setSingleShot(true);
    m_claimTimer.setInterval(0);
    connect(&m_claimTimer, &QTimer::timeout, this, &ReviewQueueModel::fetchClaims);
    m_expiryTimer.setInterval(10000);
    connect(&m_expiryTimer, &QTimer::timeout, this, &ReviewQueueModel::checkExpiredClaims);
    m_expiryTimer.start();
    m_lastExpiryCheck = QDateTime::currentDateTimeUtc();
    m_dupTimer.setSingleShot(true);
    m_dupTimer.setInterval(300);
    connect(&m_dupTimer, &QTimer::timeout, this, &ReviewQueueModel::recomputeDuplicates);
    if (m_feed) {
        connect(m_feed, &LiveSource::eventsAppended, this, &ReviewQueueModel::onAppended);
        connect(m_feed, &LiveSource::eventsChanged, this, &ReviewQueueModel::onChanged);
        if (!m_feed->events().empty())
            onAppended(0, int(m_feed->events().size()) - 1);
    }
}

int ReviewQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ReviewQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool ReviewQueueModel::before(const EventRecord &a, const EventRecord &b)
{
    if (a.createdAt != b.createdAt)
        return a.createdAt < b.createdAt;
    return a.id < b.id;
}

qint64 ReviewQueueModel::eventIdAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)].rec.id : 0;
}

const EventRecord *ReviewQueueModel::recordAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? &m_rows[size_t(row)].rec : nullptr;
}

ReviewEvent ReviewQueueModel::reviewEventAt(int row) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return {};
    const Row &r = m_rows[size_t(row)];
    ReviewEvent e = ReviewEvent::fromRecord(r.rec);
    if (r.claimVersion == r.rec.version) {
        e.claimedBy = r.claimedBy;
        e.claimedUntil = r.claimedUntil;
    }
    return e;
}

void ReviewQueueModel::setCurrentReviewer(const QString &name)
{
    if (name == m_reviewer)
        return;
    m_reviewer = name;
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1),
                           {Qt::DisplayRole, Qt::ForegroundRole, ClaimedByOtherRole, FilterKeyRole});
}

bool ReviewQueueModel::claimActive(const Row &r) const
{
    return !r.claimedBy.isEmpty() && r.claimedUntil.isValid() && r.claimedUntil > QDateTime::currentDateTimeUtc();
}

QTimeZone ReviewQueueModel::zoneOf(const QString &iana) const
{
    auto it = m_zones.constFind(iana);
    if (it != m_zones.cend())
        return *it;
    QTimeZone z(iana.toUtf8());
    if (!z.isValid())
        z = QTimeZone(QTimeZone::UTC);
    m_zones.insert(iana, z);
    return z;
}

QString ReviewQueueModel::startsText(const EventRecord &e) const
{
    if (!e.startsAt.isValid())
        return {};
    // The event's own wall-clock time: that is what the host typed and what
    // guests will read.
    const QDateTime local = e.startsAt.toTimeZone(zoneOf(e.timezone));
    return QLocale().toString(local, QStringLiteral("ddd d MMM, HH:mm")) + QLatin1Char(' ') +
        local.timeZoneAbbreviation();
}

QVariant ReviewQueueModel::exportValue(const Row &r, int column) const
{
    const EventRecord &e = r.rec;
    switch (column) {
    case TitleColumn: return e.title;
    case PlaceColumn: return e.state.isEmpty() ? e.city : e.city + QStringLiteral(", ") + e.state;
    case StartsColumn:
        return e.startsAt.isValid() ? e.startsAt.toTimeZone(zoneOf(e.timezone)).toString(Qt::ISODate) : QString();
    case HostColumn: return e.hostName;
    case CreatedColumn: return e.createdAt.isValid() ? e.createdAt.toString(Qt::ISODate) : QString();
    case ClaimColumn: return claimActive(r) ? r.claimedBy : QString();
    case DuplicateColumn: {
        QStringList ids;
        for (qint64 id : r.duplicates)
            ids << QString::number(id);
        return ids.join(QLatin1Char(' '));
    }
    }
    return {};
}

QVariant ReviewQueueModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()) || index.column() >= ColumnCount)
        return {};
    const Row &r = m_rows[size_t(index.row())];
    const EventRecord &e = r.rec;
    const bool active = claimActive(r);
    const bool byOther = active && r.claimedBy != m_reviewer;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn: return DisplayText::line(e.title, 160);
        case PlaceColumn:
            return DisplayText::line(e.state.isEmpty() ? e.city : e.city + QStringLiteral(", ") + e.state, 80);
        case StartsColumn: return startsText(e);
        case HostColumn: return DisplayText::line(e.hostName, 80);
        case CreatedColumn:
            return e.createdAt.isValid() ? QLocale().toString(e.createdAt.toLocalTime(), QStringLiteral("d MMM, HH:mm"))
                                         : QString();
        case ClaimColumn:
            if (!active)
                return QString();
            return r.claimedBy == m_reviewer ? tr("you", "claimed by: the reviewer at this console")
                                             : DisplayText::line(r.claimedBy, 60);
        case DuplicateColumn:
            if (r.duplicates.isEmpty())
                return QString();
            if (r.duplicates.size() == 1)
                return tr("\u2248 #%1").arg(r.duplicates.front());
            return tr("\u2248 #%1 +%2").arg(r.duplicates.front()).arg(r.duplicates.size() - 1);
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TitleColumn: return DisplayText::tooltip(e.flagged ? tr("Flagged: %1").arg(e.title) : e.title);
        case PlaceColumn: return DisplayText::tooltip(e.venue + QLatin1Char('\n') + e.address);
        case HostColumn: return DisplayText::tooltip(e.hostName + QLatin1Char('\n') + e.hostEmail);
        case ClaimColumn:
            if (!active)
                return QVariant();
            return DisplayText::tooltip(
                tr("Claimed by %1 until %2")
                    .arg(r.claimedBy, QLocale().toString(r.claimedUntil.toLocalTime().time(), QLocale::ShortFormat)));
        case DuplicateColumn: return r.dupTooltip.isEmpty() ? QVariant() : QVariant(r.dupTooltip);
        }
        return {};
    case Qt::BackgroundRole:
        if (e.flagged)
            return QBrush(QColor(255, 236, 179));
        return {};
    case Qt::ForegroundRole:
        if (byOther)
            return QBrush(QColor(120, 120, 120));
        return {};
    case EventIdRole: return e.id;
    case VersionRole: return e.version;
    case CampaignIdRole: return e.campaignId;
    case UsStateRole: return e.state;
    case StartsAtRole: return e.startsAt;
    case LocalDateRole: return e.startsAt.isValid() ? e.startsAt.toTimeZone(zoneOf(e.timezone)).date() : QDate();
    case CreatedAtRole: return e.createdAt;
    case FlaggedRole: return e.flagged;
    case ClaimedByRole: return active ? r.claimedBy : QString();
    case ClaimedByOtherRole: return byOther;
    case DuplicateIdsRole: return QVariant::fromValue(r.duplicates);
    case ExportRole: return exportValue(r, index.column());
    case FilterKeyRole: return e.id;
    default: return {};
    }
}

QVariant ReviewQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == ExportRole) {
        // The CSV's header row is machine-readable: a spreadsheet formula, a
        // mail merge or a script reads these names, so they are the same
        // (and the same as before the console spoke Spanish) in every
        // language, like the ISO dates and ids in the cells below them.
        switch (section) {
        case TitleColumn: return QStringLiteral("Title");
        case PlaceColumn: return QStringLiteral("City / state");
        case StartsColumn: return QStringLiteral("Starts");
        case HostColumn: return QStringLiteral("Host");
        case CreatedColumn: return QStringLiteral("Created");
        case ClaimColumn: return QStringLiteral("Claimed by");
        case DuplicateColumn: return QStringLiteral("Duplicate?");
        }
        return {};
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TitleColumn: return tr("Title");
    case PlaceColumn: return tr("City / state");
    case StartsColumn: return tr("Starts", "column: when the event starts");
    case HostColumn: return tr("Host");
    case CreatedColumn: return tr("Created", "column: when the host submitted the event");
    case ClaimColumn: return tr("Claimed by");
    case DuplicateColumn: return tr("Duplicate?", "column: possible duplicates of this event");
    }
    return {};
}

void ReviewQueueModel::reindex()
{
    m_index.clear();
    m_index.reserve(qsizetype(m_rows.size()));
    for (size_t i = 0; i < m_rows.size(); ++i)
        m_index.insert(m_rows[i].rec.id, int(i));
}

void ReviewQueueModel::onAppended(int firstRow, int lastRow)
{
    if (!m_feed)
        return;
    const auto &events = m_feed->events();
    std::vector<Row> fresh;
    QList<qint64> claimIds;
    for (int i = std::max(0, firstRow); i <= lastRow && i < int(events.size()); ++i) {
        const EventRecord &e = events[size_t(i)];
        if (!needsReview(e) || m_index.contains(e.id))
            continue;
        fresh.push_back(Row {e, {}, {}, 0, {}, {}});
        // Every claim bumps the version, so a first version was never claimed.
        if (e.version > 1)
            claimIds << e.id;
    }
    if (!fresh.empty()) {
        insertNew(std::move(fresh));
        m_dupTimer.start();
    }
    requestClaims(claimIds);
}

void ReviewQueueModel::onChanged(const QList<int> &feedRows)
{
    if (!m_feed)
        return;
    const auto &events = m_feed->events();
    std::vector<Row> fresh;
    std::vector<int> gone;
    QList<qint64> claimIds;
    bool dupsMoved = false;
    for (int fr : feedRows) {
        if (fr < 0 || fr >= int(events.size()))
            continue;
        const EventRecord &e = events[size_t(fr)];
        const int row = m_index.value(e.id, -1);
        if (row < 0) {
            if (needsReview(e)) {
                fresh.push_back(Row {e, {}, {}, 0, {}, {}});
                claimIds << e.id;
            }
            continue;
        }
        if (!needsReview(e)) {
            gone.push_back(row);
            dupsMoved = true;
            continue;
        }
        Row &r = m_rows[size_t(row)];
        const EventRecord old = r.rec;
        if (old.createdAt != e.createdAt) {
            // The sort key moved: take the row out and put it back in place.
            gone.push_back(row);
            fresh.push_back(Row {e, r.claimedBy, r.claimedUntil, r.claimVersion, r.duplicates, r.dupTooltip});
            continue;
        }
        r.rec = e;
        int lo = ColumnCount, hi = -1;
        QList<int> roles {VersionRole, FilterKeyRole};
        auto touch = [&](int col, std::initializer_list<int> rs) {
            lo = std::min(lo, col);
            hi = std::max(hi, col);
            for (int x : rs)
                if (!roles.contains(x))
                    roles << x;
        };
        if (old.title != e.title)
            touch(TitleColumn, {Qt::DisplayRole, Qt::ToolTipRole, ExportRole});
        if (old.city != e.city || old.state != e.state || old.venue != e.venue || old.address != e.address)
            touch(PlaceColumn, {Qt::DisplayRole, Qt::ToolTipRole, UsStateRole, ExportRole});
        if (old.startsAt != e.startsAt || old.timezone != e.timezone)
            touch(StartsColumn, {Qt::DisplayRole, StartsAtRole, LocalDateRole, ExportRole});
        if (old.hostName != e.hostName || old.hostEmail != e.hostEmail)
            touch(HostColumn, {Qt::DisplayRole, Qt::ToolTipRole, ExportRole});
        if (old.campaignId != e.campaignId)
            touch(TitleColumn, {CampaignIdRole});
        if (old.flagged != e.flagged) {
            touch(0, {Qt::BackgroundRole, FlaggedRole, Qt::ToolTipRole});
            touch(ColumnCount - 1, {});
        }
        if (hi < 0)
            touch(TitleColumn, {}); // only the version moved (a claim, a field we do not show)
        Q_EMIT dataChanged(index(row, lo), index(row, hi), roles);
        if (old.title != e.title || old.startsAt != e.startsAt || old.latitude != e.latitude ||
            old.longitude != e.longitude || old.hostId != e.hostId)
            dupsMoved = true;
        if (old.version != e.version)
            claimIds << e.id;
    }
    if (!gone.empty())
        removeModelRows(std::move(gone));
    if (!fresh.empty())
        insertNew(std::move(fresh));
    if (dupsMoved || !fresh.empty())
        m_dupTimer.start();
    requestClaims(claimIds);
}

void ReviewQueueModel::insertNew(std::vector<Row> rows)
{
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return before(a.rec, b.rec); });
    // Where each new row goes in the current list; rows with the same
    // position form one contiguous insertion.
    std::vector<std::pair<size_t, size_t>> groups; // (position, first index in rows)
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), rows[i].rec,
                                         [](const Row &a, const EventRecord &b) { return before(a.rec, b); });
        const size_t pos = size_t(it - m_rows.begin());
        if (groups.empty() || groups.back().first != pos)
            groups.emplace_back(pos, i);
    }
    // From the bottom up, so earlier positions stay valid.
    for (size_t g = groups.size(); g-- > 0;) {
        const size_t pos = groups[g].first;
        const size_t from = groups[g].second;
        const size_t to = g + 1 < groups.size() ? groups[g + 1].second : rows.size();
        beginInsertRows({}, int(pos), int(pos + (to - from) - 1));
        m_rows.insert(m_rows.begin() + qptrdiff(pos), std::make_move_iterator(rows.begin() + qptrdiff(from)),
                      std::make_move_iterator(rows.begin() + qptrdiff(to)));
        endInsertRows();
    }
    reindex();
}

void ReviewQueueModel::removeModelRows(std::vector<int> rows)
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    // Contiguous runs, removed from the bottom up.
    size_t end = rows.size();
    while (end > 0) {
        size_t start = end - 1;
        while (start > 0 && rows[start - 1] == rows[start] - 1)
            --start;
        const int first = rows[start], last = rows[end - 1];
        beginRemoveRows({}, first, last);
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
        endRemoveRows();
        end = start;
    }
    reindex();
}

void ReviewQueueModel::applyClaim(qint64 id, const QString &holder, const QDateTime &until, int version)
{
    const int row = m_index.value(id, -1);
    if (row < 0)
        return;
    Row &r = m_rows[size_t(row)];
    if (version < r.claimVersion)
        return;
    r.claimVersion = version;
    if (r.claimedBy == holder && r.claimedUntil == until)
        return;
    r.claimedBy = holder;
    r.claimedUntil = until;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1),
                       {Qt::DisplayRole, Qt::ToolTipRole, Qt::ForegroundRole, ClaimedByRole, ClaimedByOtherRole,
                        ExportRole, FilterKeyRole});
}

void ReviewQueueModel::requestClaims(const QList<qint64> &ids)
{
    if (!m_db || ids.isEmpty())
        return;
    for (qint64 id : ids)
        m_claimsWanted.insert(id);
    if (!m_claimsInFlight)
        m_claimTimer.start();
}

void ReviewQueueModel::fetchClaims()
{
    if (!m_db || m_claimsInFlight || m_claimsWanted.isEmpty())
        return;
    QByteArray arr = "{";
    bool first = true;
    for (qint64 id : std::as_const(m_claimsWanted)) {
        if (!first)
            arr += ',';
        first = false;
        arr += QByteArray::number(id);
    }
    arr += '}';
    m_claimsWanted.clear();
    m_claimsInFlight = true;
    m_db->exec({DbQuery("SELECT id, version, claimed_by, (extract(epoch FROM claimed_until) * 1000)::bigint "
                        "FROM events WHERE id = ANY($1::bigint[])")
                    .bind(arr)
                    .prepared("oc_review_claims")},
               this, [this](const DbConnection::Outcome &o) {
                   m_claimsInFlight = false;
                   if (const DbError *e = DbConnection::error(o)) {
                       logcat::review()->warn("reading claims failed: {}", e->message.toStdString());
                   } else {
                       const DbTable &t = (*DbConnection::tables(o))[0];
                       for (int r = 0; r < t.rowCount(); ++r) {
                           QDateTime until;
                           if (!t.isNull(r, 3))
                               until = QDateTime::fromMSecsSinceEpoch(t.toInt64(r, 3), QTimeZone::UTC);
                           applyClaim(t.toInt64(r, 0), t.text(r, 2), until, int(t.toInt64(r, 1)));
                       }
                       Q_EMIT claimsUpdated();
                   }
                   if (!m_claimsWanted.isEmpty())
                       m_claimTimer.start();
               });
}

void ReviewQueueModel::checkExpiredClaims()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (size_t i = 0; i < m_rows.size(); ++i) {
        const Row &r = m_rows[i];
        if (!r.claimedBy.isEmpty() && r.claimedUntil.isValid() && r.claimedUntil > m_lastExpiryCheck &&
            r.claimedUntil <= now)
            Q_EMIT dataChanged(index(int(i), 0), index(int(i), ColumnCount - 1),
                               {Qt::DisplayRole, Qt::ToolTipRole, Qt::ForegroundRole, ClaimedByRole, ClaimedByOtherRole,
                                ExportRole, FilterKeyRole});
    }
    m_lastExpiryCheck = now;
}

void ReviewQueueModel::recomputeDuplicates()
{
    m_dupTimer.stop();
    if (!m_feed)
        return;
    // Pending events are compared with each other and with approved ones:
    // the usual duplicate is a resubmission of an event already live.
    std::vector<DuplicateFinder::Candidate> cands;
    cands.reserve(m_feed->events().size());
    for (const EventRecord &e : m_feed->events()) {
        if (e.approval != Approval::NeedsApproval && e.approval != Approval::Approved)
            continue;
        DuplicateFinder::Candidate c;
        c.id = e.id;
        c.hostId = e.hostId;
        c.title = e.title;
        c.latitude = e.latitude;
        c.longitude = e.longitude;
        c.localDay = e.startsAt.isValid() ? e.startsAt.toTimeZone(zoneOf(e.timezone)).date() : QDate();
        cands.push_back(std::move(c));
    }
    const std::vector<DuplicateFinder::Pair> pairs = DuplicateFinder(m_dupOptions).find(cands);
    QHash<qint64, QList<const DuplicateFinder::Pair *>> byId;
    for (const auto &p : pairs) {
        byId[p.a] << &p;
        byId[p.b] << &p;
    }
    for (size_t i = 0; i < m_rows.size(); ++i) {
        Row &r = m_rows[i];
        QList<qint64> ids;
        QStringList why;
        for (const DuplicateFinder::Pair *p : byId.value(r.rec.id)) {
            const qint64 other = p->a == r.rec.id ? p->b : p->a;
            ids << other;
            QStringList reasons;
            if (p->reasons & DuplicateFinder::SameHost)
                reasons << tr("same host, same day");
            if (p->reasons & DuplicateFinder::SimilarTitleNearby)
                reasons << tr("title %1% alike, %2 mi apart")
                               .arg(qRound(p->titleSimilarity * 100))
                               .arg(p->miles, 0, 'f', 2);
            why << tr("#%1: %2").arg(other).arg(reasons.join(QStringLiteral("; ")));
        }
        std::sort(ids.begin(), ids.end());
        if (ids == r.duplicates)
            continue;
        r.duplicates = ids;
        r.dupTooltip = why.isEmpty()
            ? QString()
            : DisplayText::tooltip(tr("Possible duplicate of\n%1").arg(why.join(QLatin1Char('\n'))));
        Q_EMIT dataChanged(index(int(i), DuplicateColumn), index(int(i), DuplicateColumn),
                           {Qt::DisplayRole, Qt::ToolTipRole, DuplicateIdsRole, ExportRole, FilterKeyRole});
    }
    Q_EMIT duplicatesUpdated();
}

} // namespace oc

#include "PendingApprovalsModel.h"

#include "Log.h"

#include <QLocale>
#include <QSet>

#include <algorithm>
#include <limits>

namespace oc {

PendingApprovalsModel::PendingApprovalsModel(DbConnection *db, QString operatorName, QObject *parent)
    : QAbstractTableModel(parent)
    , m_db(db)
    , m_operator(std::move(operatorName))
{
    connect(&m_timer, &QTimer::timeout, this, &PendingApprovalsModel::refresh);
}

int PendingApprovalsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PendingApprovalsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const BlastRecord *PendingApprovalsModel::blast(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? &m_rows[size_t(row)] : nullptr;
}

int PendingApprovalsModel::rowOf(qint64 blastId) const
{
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), blastId,
                                     [](const BlastRecord &b, qint64 id) { return b.id < id; });
    return it != m_rows.end() && it->id == blastId ? int(it - m_rows.begin()) : -1;
}

bool PendingApprovalsModel::canDecide(int row) const
{
    const BlastRecord *b = blast(row);
    return b && b->requestedBy != m_operator;
}

QVariant PendingApprovalsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const BlastRecord &b = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Requested: return QLocale().toString(b.createdAt.toLocalTime(), QLocale::ShortFormat);
        case RequestedBy: return b.requestedBy;
        case Channel: return b.channel == QLatin1String("sms") ? tr("SMS") : tr("Email");
        case Campaign: return b.campaignSlug;
        case Audience: return QLocale().toString(b.audienceSize);
        case Message: {
            QString m = b.message.simplified();
            return m.size() > 120 ? m.left(120) + QChar(0x2026) : m;
        }
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == Message)
            return b.message;
        if (b.requestedBy == m_operator)
            return tr("You requested this blast; another operator has to approve it.");
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Audience)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case BlastIdRole: return b.id;
    case RequestedByRole: return b.requestedBy;
    case CanDecideRole: return b.requestedBy != m_operator;
    }
    return {};
}

QVariant PendingApprovalsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Requested: return tr("Requested");
    case RequestedBy: return tr("By");
    case Channel: return tr("Channel");
    case Campaign: return tr("Campaign");
    case Audience: return tr("Recipients");
    case Message: return tr("Message");
    }
    return {};
}

QHash<int, QByteArray> PendingApprovalsModel::roleNames() const
{
    auto r = QAbstractTableModel::roleNames();
    r.insert(BlastIdRole, "blastId");
    r.insert(RequestedByRole, "requestedBy");
    r.insert(CanDecideRole, "canDecide");
    return r;
}

void PendingApprovalsModel::start(int intervalMs)
{
    m_timer.start(intervalMs);
    refresh();
}

void PendingApprovalsModel::stop()
{
    m_timer.stop();
}

void PendingApprovalsModel::refresh()
{
    if (!m_db || m_inFlight)
        return;
    m_inFlight = true;
    m_db->exec({DbQuery(QByteArray(BlastRecord::selectSql()) + "WHERE b.status = 'pending_approval' ORDER BY b.id")},
               this, [this](const DbConnection::Outcome &o) {
                   m_inFlight = false;
                   if (const DbError *e = DbConnection::error(o)) {
                       Q_EMIT loadFailed(e->message);
                       return;
                   }
                   const DbTable &t = DbConnection::tables(o)->front();
                   QList<BlastRecord> fresh;
                   fresh.reserve(t.rowCount());
                   for (int r = 0; r < t.rowCount(); ++r)
                       fresh.append(BlastRecord::fromRow(t, r));
                   apply(std::move(fresh));
                   Q_EMIT refreshed();
               });
}

void PendingApprovalsModel::apply(QList<BlastRecord> fresh)
{
    std::sort(fresh.begin(), fresh.end(), [](const BlastRecord &a, const BlastRecord &b) { return a.id < b.id; });
    const int before = count();

    // 1. Rows that went away, in contiguous runs from the bottom so earlier
    //    indexes stay valid.
    QSet<qint64> keep;
    for (const BlastRecord &b : fresh)
        keep.insert(b.id);
    for (int last = int(m_rows.size()) - 1; last >= 0;) {
        if (keep.contains(m_rows[size_t(last)].id)) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !keep.contains(m_rows[size_t(first - 1)].id))
            --first;
        beginRemoveRows({}, first, last);
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
        endRemoveRows();
        last = first - 1;
    }

    // 2. What is left is a sorted subsequence of `fresh`: walk both, insert
    //    runs of new rows, report runs of changed ones.
    int changedFirst = -1, changedLast = -1;
    auto flushChanged = [&] {
        if (changedFirst >= 0)
            Q_EMIT dataChanged(index(changedFirst, 0), index(changedLast, ColumnCount - 1));
        changedFirst = changedLast = -1;
    };
    int i = 0;
    qsizetype j = 0;
    while (j < fresh.size()) {
        if (i < int(m_rows.size()) && m_rows[size_t(i)].id == fresh[j].id) {
            if (!(m_rows[size_t(i)] == fresh[j])) {
                m_rows[size_t(i)] = fresh[j];
                if (changedFirst < 0)
                    changedFirst = i;
                changedLast = i;
            } else {
                flushChanged();
            }
            ++i;
            ++j;
            continue;
        }
        flushChanged();
        qsizetype end = j;
        const qint64 stopAt = i < int(m_rows.size()) ? m_rows[size_t(i)].id : std::numeric_limits<qint64>::max();
        while (end < fresh.size() && fresh[end].id != stopAt)
            ++end;
        const int n = int(end - j);
        beginInsertRows({}, i, i + n - 1);
        m_rows.insert(m_rows.begin() + i, fresh.begin() + j, fresh.begin() + end);
        endInsertRows();
        i += n;
        j = end;
    }
    flushChanged();
    if (count() != before)
        Q_EMIT countChanged(count());
}

} // namespace oc

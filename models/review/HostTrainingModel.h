#pragma once

#include "DbConnection.h"
#include "HostInfo.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QPointer>

#include <vector>

namespace oc {

class LiveSource;

// Every host with their prep state, last contact and notes, plus when their
// next event starts (from the live feed). Hosts are read once and then
// tailed by xact on the feed's ticks, like HubFeed tails events, so a
// change made by another staffer or the backend shows within a tick or two.
// Rows are only appended or changed in place; HostQueueFilter orders them
// into the training queue.
class HostTrainingModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        NextEventColumn,
        EventsColumn,
        PrepColumn,
        LastContactColumn,
        PhoneColumn,
        EmailColumn,
        NotesColumn,
        ColumnCount
    };
    enum Role {
        HostIdRole = Qt::UserRole + 1,
        VersionRole,
        PrepStatusRole, // enum value, e.g. "invited"
        NextStartRole, // QDateTime of the soonest upcoming event, invalid if none
        UpcomingCountRole,
        LastContactRole,
        EmailRole,
        PhoneRole,
        NotesRole, // full notes
        // The raw value for CSV; as a header role, the column's CSV name,
        // which stays English whatever the operator's language.
        ExportRole,
        QueueKeyRole, // present in every dataChanged so the queue proxy re-sorts and re-filters
    };

    HostTrainingModel(DbConnection *db, LiveSource *feed, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void start();
    void pollNow();
    // The shortest time between two host reads driven by feed ticks.
    void setMinPollIntervalMs(int ms) { m_minPollMs = ms; }
    bool hasSnapshot() const { return m_haveSnapshot; }

    int rowOfHost(qint64 id) const { return m_index.value(id, -1); }
    HostInfo hostAt(int row) const;
    QDateTime nextStartAt(int row) const;
    // A host read elsewhere (a write's read-back); ignored if not newer.
    void applyHost(const HostInfo &h);

Q_SIGNALS:
    void snapshotLoaded();
    void hostsChanged();

private:
    struct Stats
    {
        QDateTime next;
        QString nextTitle;
        int upcoming = 0;
        bool operator==(const Stats &o) const
        {
            return next == o.next && nextTitle == o.nextTitle && upcoming == o.upcoming;
        }
    };
    struct Row
    {
        HostInfo info;
        Stats stats;
    };

    void onTick();
    void onHosts(const DbConnection::Outcome &o);
    void onFeedAppended(int first, int last);
    void onFeedChanged(const QList<int> &rows);
    void noteFeedRow(int feedRow, QSet<qint64> &affected);
    void recomputeStats(const QSet<qint64> &hosts);
    Stats statsFor(qint64 hostId) const;
    void emitRowChanged(int row);

    QPointer<DbConnection> m_db;
    QPointer<LiveSource> m_feed;
    std::vector<Row> m_rows;
    QHash<qint64, int> m_index;
    QByteArray m_hi = "0";
    bool m_inFlight = false;
    bool m_haveSnapshot = false;
    bool m_started = false;
    int m_minPollMs = 2000;
    QElapsedTimer m_sincePoll;

    QHash<qint64, QList<int>> m_feedRowsByHost;
    QHash<int, qint64> m_hostOfFeedRow;
    QHash<qint64, Stats> m_stats;
};

} // namespace oc

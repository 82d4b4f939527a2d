#pragma once

#include "DbConnection.h"
#include "DuplicateFinder.h"
#include "EventRecord.h"
#include "ReviewEvent.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QTimeZone>
#include <QTimer>

#include <vector>

namespace oc {

class LiveSource;

// The events waiting for approval, oldest first, mirrored from the live source in
// batches: new rows are inserted in contiguous ranges, changed rows raise
// dataChanged only for the columns and roles that moved, reviewed rows are
// removed. It never resets on a tick, so the reviewer's selection and scroll
// position survive the feed.
//
// The feed does not carry claims, so claims are read for rows whose version
// moved (one query per batch) and can be pushed in by the review service.
// Duplicate markers are recomputed shortly after each batch.
class ReviewQueueModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TitleColumn,
        PlaceColumn,
        StartsColumn,
        HostColumn,
        CreatedColumn,
        ClaimColumn,
        DuplicateColumn,
        ColumnCount
    };
    enum Role {
        EventIdRole = Qt::UserRole + 1,
        VersionRole,
        CampaignIdRole,
        UsStateRole,
        StartsAtRole, // QDateTime, UTC
        LocalDateRole, // QDate in the event's time zone
        CreatedAtRole,
        FlaggedRole,
        ClaimedByRole, // active claim holder or empty
        ClaimedByOtherRole,
        DuplicateIdsRole, // QList<qint64>
        // The raw, unshortened value for CSV; as a header role, the column's
        // CSV name, which stays English whatever the operator's language.
        ExportRole,
        FilterKeyRole, // present in every dataChanged so filtering proxies re-check
    };

    explicit ReviewQueueModel(LiveSource *feed, DbConnection *claimsDb = nullptr, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Claims held by this name show as "you".
    void setCurrentReviewer(const QString &name);
    QString currentReviewer() const { return m_reviewer; }

    int rowOfEvent(qint64 id) const { return m_index.value(id, -1); }
    qint64 eventIdAt(int row) const;
    const EventRecord *recordAt(int row) const;
    // The row as the reviewer sees it, including the claim; for writes.
    ReviewEvent reviewEventAt(int row) const;

    // A claim learned elsewhere (our own claim call); ignored if older than
    // what we know.
    void applyClaim(qint64 id, const QString &holder, const QDateTime &until, int version);

    void setDuplicateOptions(const DuplicateFinder::Options &o) { m_dupOptions = o; }
    void setDuplicateDelayMs(int ms) { m_dupTimer.setInterval(ms); }
    void recomputeDuplicates();

Q_SIGNALS:
    void duplicatesUpdated();
    void claimsUpdated();

private:
    struct Row
    {
        EventRecord rec;
        QString claimedBy;
        QDateTime claimedUntil;
        int claimVersion = 0;
        QList<qint64> duplicates;
        QString dupTooltip;
    };

    void onAppended(int firstRow, int lastRow);
    void onChanged(const QList<int> &feedRows);
    void insertNew(std::vector<Row> rows);
    void removeModelRows(std::vector<int> rows);
    void reindex();
    void requestClaims(const QList<qint64> &ids);
    void fetchClaims();
    void checkExpiredClaims();
    bool claimActive(const Row &r) const;
    QTimeZone zoneOf(const QString &iana) const;
    QString startsText(const EventRecord &e) const;
    QVariant exportValue(const Row &r, int column) const;
    static bool needsReview(const EventRecord &e) { return e.approval == Approval::NeedsApproval; }
    static bool before(const EventRecord &a, const EventRecord &b);

    QPointer<LiveSource> m_feed;
    QPointer<DbConnection> m_db;
    std::vector<Row> m_rows;
    QHash<qint64, int> m_index;
    QString m_reviewer;

    QSet<qint64> m_claimsWanted;
    bool m_claimsInFlight = false;
    QTimer m_claimTimer;
    QTimer m_expiryTimer;
    QDateTime m_lastExpiryCheck;

    DuplicateFinder::Options m_dupOptions;
    QTimer m_dupTimer;
    mutable QHash<QString, QTimeZone> m_zones;
};

} // namespace oc

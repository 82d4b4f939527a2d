#pragma once

#include "BlastRecord.h"
#include "DbConnection.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QTimer>

namespace oc {

// Blasts waiting for a second operator, oldest first, for the approvals
// list. Polls the database; each refresh is applied as a diff (removed,
// changed and new rows in contiguous batches), so selections survive and
// views repaint only what changed.
class PendingApprovalsModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Column { Requested, RequestedBy, Channel, Campaign, Audience, Message, ColumnCount };
    enum Role { BlastIdRole = Qt::UserRole + 1, RequestedByRole, CanDecideRole };

    PendingApprovalsModel(DbConnection *db, QString operatorName, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_rows.size()); }
    const BlastRecord *blast(int row) const;
    int rowOf(qint64 blastId) const;
    // This console may approve or decline it: someone else asked for it.
    bool canDecide(int row) const;

    void start(int intervalMs = 2000);
    void stop();
    void refresh();
    // Replaces the rows with `fresh` (any order) as a minimal set of changes.
    void apply(QList<BlastRecord> fresh);

Q_SIGNALS:
    void countChanged(int count);
    void refreshed();
    void loadFailed(const QString &message);

private:
    QPointer<DbConnection> m_db;
    QString m_operator;
    std::vector<BlastRecord> m_rows; // sorted by id
    QTimer m_timer;
    bool m_inFlight = false;
};

} // namespace oc

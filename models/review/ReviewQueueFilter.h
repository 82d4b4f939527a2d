#pragma once

#include <QDate>
#include <QSortFilterProxyModel>

namespace oc {

// The reviewer's view of the queue: one campaign, one state, a start-date
// range, flagged only, and whether events someone else is working on show.
// Keeps the source's oldest-first order.
class ReviewQueueFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ReviewQueueFilter(QObject *parent = nullptr);

    void setCampaignId(qint64 id); // 0 = all
    void setUsState(const QString &st); // empty = all
    void setDateRange(const QDate &from, const QDate &to); // invalid = open
    void setFlaggedOnly(bool on);
    void setHideClaimedByOthers(bool on);

    qint64 campaignId() const { return m_campaign; }
    QString usState() const { return m_state; }
    bool flaggedOnly() const { return m_flaggedOnly; }
    bool hideClaimedByOthers() const { return m_hideOthers; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    qint64 m_campaign = 0;
    QString m_state;
    QDate m_from, m_to;
    bool m_flaggedOnly = false;
    bool m_hideOthers = false;
};

} // namespace oc

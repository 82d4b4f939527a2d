#pragma once

#include "Incident.h"

#include <QAbstractListModel>
#include <QList>

namespace oc {

// The incident cards, open ones first (newest first), then the resolved ones
// of the last day. Updated in place: a changed card emits dataChanged for its
// row, new cards are inserted, nothing resets on a poll.
class IncidentListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        TitleRole,
        SeverityRole, // Alert::Severity as int
        StateRole, // Incident::State as int
        OwnerRole,
        RunbookRole,
        RemedyRole,
        OpenedRole, // epoch ms
        BreachesRole,
        RulesRole, // QStringList
        DrillRole,
        SilencedRole,
        IncidentRole, // the whole oc::Incident
    };

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Inserts or updates by id (local cards: by group and id 0).
    void upsert(const Incident &incident, bool silenced = false);
    // Drops one card (a console's own card once a shared one replaces it).
    bool remove(qint64 id);
    const Incident *find(qint64 id) const;
    int rowOf(qint64 id) const;
    const QList<Incident> &cards() const { return m_cards; }
    int openCount() const;

private:
    static bool before(const Incident &a, const Incident &b);
    QList<Incident> m_cards;
    QList<bool> m_silenced;
};

} // namespace oc

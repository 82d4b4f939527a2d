#include "IncidentListModel.h"

#include <algorithm>

namespace oc {

namespace {

// The roles whose value differs between two versions of one card, so a poll
// that changed only the owner repaints the owner and nothing else.
QList<int> changedRoles(const Incident &a, bool silencedA, const Incident &b, bool silencedB)
{
    QList<int> roles;
    if (a.id != b.id)
        roles << IncidentListModel::IdRole;
    if (a.title != b.title)
        roles << Qt::DisplayRole << IncidentListModel::TitleRole;
    if (a.severity != b.severity)
        roles << IncidentListModel::SeverityRole;
    if (a.state != b.state)
        roles << IncidentListModel::StateRole;
    if (a.owner != b.owner)
        roles << IncidentListModel::OwnerRole;
    if (a.runbookStep != b.runbookStep)
        roles << IncidentListModel::RunbookRole;
    if (a.remedyId != b.remedyId)
        roles << IncidentListModel::RemedyRole;
    if (a.openedMs != b.openedMs)
        roles << IncidentListModel::OpenedRole;
    if (a.breaches != b.breaches)
        roles << IncidentListModel::BreachesRole;
    if (a.rules != b.rules)
        roles << IncidentListModel::RulesRole;
    if (a.drill != b.drill)
        roles << IncidentListModel::DrillRole;
    if (silencedA != silencedB)
        roles << IncidentListModel::SilencedRole;
    // Fields without a role of their own (version, timestamps, group) still
    // change the whole card a delegate or the panel reads.
    const bool other = a.group != b.group || a.rootRuleId != b.rootRuleId || a.acknowledgedMs != b.acknowledgedMs ||
        a.resolvedMs != b.resolvedMs || a.version != b.version;
    if (!roles.isEmpty() || other)
        roles << IncidentListModel::IncidentRole;
    if (roles.contains(IncidentListModel::TitleRole) || roles.contains(IncidentListModel::StateRole) ||
        roles.contains(IncidentListModel::OwnerRole) || roles.contains(IncidentListModel::DrillRole))
        roles << Qt::AccessibleTextRole;
    return roles;
}

QString accessibleText(const Incident &i)
{
    QString state;
    switch (i.state) {
    case Incident::State::Firing: state = IncidentListModel::tr("firing"); break;
    case Incident::State::Acknowledged:
        state = i.owner.isEmpty() ? IncidentListModel::tr("acknowledged")
                                  : IncidentListModel::tr("acknowledged by %1").arg(i.owner);
        break;
    case Incident::State::Resolved: state = IncidentListModel::tr("resolved"); break;
    }
    QString text = QStringLiteral("%1, %2").arg(i.title, state);
    if (i.drill)
        text.prepend(IncidentListModel::tr("Drill: "));
    return text;
}

} // namespace

int IncidentListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_cards.size());
}

QVariant IncidentListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Incident &i = m_cards.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole: return i.title;
    case Qt::AccessibleTextRole: return accessibleText(i);
    case IdRole: return i.id;
    case SeverityRole: return int(i.severity);
    case StateRole: return int(i.state);
    case OwnerRole: return i.owner;
    case RunbookRole: return i.runbookStep;
    case RemedyRole: return i.remedyId;
    case OpenedRole: return i.openedMs;
    case BreachesRole: return i.breaches;
    case RulesRole: return i.rules;
    case DrillRole: return i.drill;
    case SilencedRole: return m_silenced.at(index.row());
    case IncidentRole: return QVariant::fromValue(i);
    default: return {};
    }
}

QHash<int, QByteArray> IncidentListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{IdRole, "incidentId"},
                  {TitleRole, "title"},
                  {SeverityRole, "severity"},
                  {StateRole, "state"},
                  {OwnerRole, "owner"},
                  {RunbookRole, "runbook"},
                  {RemedyRole, "remedy"},
                  {OpenedRole, "opened"},
                  {BreachesRole, "breaches"},
                  {RulesRole, "rules"},
                  {DrillRole, "drill"},
                  {SilencedRole, "silenced"},
                  {IncidentRole, "incident"}});
    return names;
}

bool IncidentListModel::before(const Incident &a, const Incident &b)
{
    // Open cards first: they are the work. Within each part the newest card
    // on top; the id keeps two cards opened in the same millisecond in a
    // stable order (a local card, id 0, after the stored ones).
    if (a.isOpen() != b.isOpen())
        return a.isOpen();
    if (a.openedMs != b.openedMs)
        return a.openedMs > b.openedMs;
    if (a.id != b.id)
        return a.id > b.id;
    return a.group < b.group;
}

void IncidentListModel::upsert(const Incident &incident, bool silenced)
{
    int row = -1;
    if (incident.id != 0)
        row = rowOf(incident.id);
    if (row < 0) {
        // A card this console showed before the database gave it an id (id
        // 0, same group and drill flag) becomes the stored card instead of
        // leaving a twin behind.
        for (int r = 0; r < m_cards.size(); ++r) {
            const Incident &c = m_cards.at(r);
            if (c.id == 0 && c.group == incident.group && c.drill == incident.drill) {
                row = r;
                break;
            }
        }
    }

    if (row < 0) {
        int at = 0;
        while (at < m_cards.size() && before(m_cards.at(at), incident))
            ++at;
        beginInsertRows({}, at, at);
        m_cards.insert(at, incident);
        m_silenced.insert(at, silenced);
        endInsertRows();
        return;
    }

    const QList<int> roles = changedRoles(m_cards.at(row), m_silenced.at(row), incident, silenced);
    if (roles.isEmpty())
        return; // a poll that changed nothing costs nothing

    // Where the card belongs now, counted without it.
    int target = 0;
    for (int r = 0; r < m_cards.size(); ++r) {
        if (r == row)
            continue;
        if (before(m_cards.at(r), incident))
            ++target;
    }
    if (target != row) {
        // beginMoveRows counts the destination in the rows before the move.
        beginMoveRows({}, row, row, {}, target > row ? target + 1 : target);
        m_cards.move(row, target);
        m_silenced.move(row, target);
        endMoveRows();
        row = target;
    }
    m_cards[row] = incident;
    m_silenced[row] = silenced;
    const QModelIndex i = index(row);
    Q_EMIT dataChanged(i, i, roles);
}

const Incident *IncidentListModel::find(qint64 id) const
{
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_cards.at(row);
}

int IncidentListModel::rowOf(qint64 id) const
{
    for (int r = 0; r < m_cards.size(); ++r)
        if (m_cards.at(r).id == id)
            return r;
    return -1;
}

bool IncidentListModel::remove(qint64 id)
{
    const int row = rowOf(id);
    if (row < 0)
        return false;
    beginRemoveRows({}, row, row);
    m_cards.removeAt(row);
    m_silenced.removeAt(row);
    endRemoveRows();
    return true;
}

int IncidentListModel::openCount() const
{
    return int(std::count_if(m_cards.cbegin(), m_cards.cend(), [](const Incident &i) { return i.isOpen(); }));
}

} // namespace oc

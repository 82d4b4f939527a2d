#include "AlertListModel.h"

#include <QDateTime>
#include <QLocale>

namespace oc {

namespace {

QString stateText(Alert::State s)
{
    switch (s) {
    case Alert::State::Ok: return AlertListModel::tr("OK");
    case Alert::State::Pending: return AlertListModel::tr("Pending");
    case Alert::State::Firing: return AlertListModel::tr("Firing");
    case Alert::State::Resolved: return AlertListModel::tr("Resolved");
    case Alert::State::NoData: return AlertListModel::tr("No data");
    case Alert::State::Error: return AlertListModel::tr("Error");
    }
    return {};
}

// A silent or failing probe has no value worth showing: a number there
// would read as a healthy metric.
bool hasValue(Alert::State s)
{
    return s != Alert::State::NoData && s != Alert::State::Error;
}

QString valueText(const Alert &a)
{
    if (!hasValue(a.state))
        return QStringLiteral("—");
    return QLocale().toString(a.value, 'g', 4);
}

QString sinceText(qint64 ms)
{
    if (ms <= 0)
        return QStringLiteral("—");
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("hh:mm:ss"));
}

} // namespace

int AlertListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_alerts.size());
}

int AlertListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(ColumnCount);
}

QVariant AlertListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Alert &a = m_alerts.at(index.row());
    switch (role) {
    case StateRole: return int(a.state);
    case SeverityRole: return int(a.severity);
    case RuleIdRole: return a.ruleId;
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (Column(index.column())) {
        case RuleColumn: return a.title.isEmpty() ? a.ruleId : a.title;
        case StateColumn: return stateText(a.state);
        case ValueColumn: return valueText(a);
        case SinceColumn: return sinceText(a.sinceMs);
        case DetailColumn: return a.detail;
        case ColumnCount: break;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == RuleColumn)
            return a.runbookStep.isEmpty() ? a.ruleId : a.runbookStep;
        if (index.column() == DetailColumn || index.column() == StateColumn)
            return a.detail;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ValueColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default: return {};
    }
}

QVariant AlertListModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    switch (Column(section)) {
    case RuleColumn: return tr("Rule");
    case StateColumn: return tr("State");
    case ValueColumn: return tr("Value");
    case SinceColumn: return tr("Since");
    case DetailColumn: return tr("Detail");
    case ColumnCount: break;
    }
    return {};
}

void AlertListModel::setAlerts(const QList<Alert> &alerts)
{
    // Only on a plan change (rules added, removed or reordered), so a reset
    // is honest here; evaluations go through update().
    beginResetModel();
    m_alerts = alerts;
    endResetModel();
}

void AlertListModel::update(const Alert &alert)
{
    int row = -1;
    for (int r = 0; r < m_alerts.size(); ++r) {
        if (m_alerts.at(r).ruleId == alert.ruleId) {
            row = r;
            break;
        }
    }
    if (row < 0) {
        // A rule the plan gained between two plan loads: appended, so the
        // rows above keep their place under the user's selection.
        const int at = int(m_alerts.size());
        beginInsertRows({}, at, at);
        m_alerts.append(alert);
        endInsertRows();
        return;
    }

    const Alert &old = m_alerts.at(row);
    int first = ColumnCount, last = -1;
    QList<int> roles;
    auto touch = [&](int column) {
        first = std::min(first, column);
        last = std::max(last, column);
    };
    const bool stateChanged = old.state != alert.state;
    if (old.title != alert.title || old.runbookStep != alert.runbookStep)
        touch(RuleColumn);
    if (stateChanged)
        touch(StateColumn);
    // The value column shows "—" in No data and Error, so it follows the state too.
    if (old.value != alert.value || (stateChanged && hasValue(old.state) != hasValue(alert.state)))
        touch(ValueColumn);
    if (old.sinceMs != alert.sinceMs)
        touch(SinceColumn);
    if (old.detail != alert.detail)
        touch(DetailColumn);
    if (last >= 0)
        roles << Qt::DisplayRole << Qt::AccessibleTextRole << Qt::ToolTipRole;
    if (stateChanged) {
        // Every cell is coloured by the state.
        roles << StateRole;
        first = RuleColumn;
        last = DetailColumn;
    }
    if (old.severity != alert.severity) {
        roles << SeverityRole;
        first = RuleColumn;
        last = DetailColumn;
    }
    m_alerts[row] = alert;
    if (roles.isEmpty())
        return; // acknowledgement fields: not shown in this table
    Q_EMIT dataChanged(index(row, first), index(row, last), roles);
}

} // namespace oc

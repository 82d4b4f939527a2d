#include "VendorListModel.h"

#include "DisplayText.h"
#include "VendorStatusProbe.h"

#include <QLocale>

namespace oc {

namespace {

QString levelText(int level)
{
    switch (level) {
    case 0: return VendorListModel::tr("Operational");
    case 1: return VendorListModel::tr("Degraded");
    case 2: return VendorListModel::tr("Partial outage");
    default: break;
    }
    return VendorListModel::tr("Major outage");
}

} // namespace

VendorListModel::VendorListModel(VendorStatusProbe *probe, QObject *parent)
    : QAbstractTableModel(parent)
    , m_probe(probe)
{
    if (probe) {
        connect(probe, &VendorStatusProbe::statusPolled, this, [this](const QString &n, qint64) { probeAnswered(n); });
        connect(probe, &VendorStatusProbe::quotaPolled, this, [this](const QString &n, qint64) { probeAnswered(n); });
        connect(probe, &VendorStatusProbe::endpointsChanged, this, [this] {
            if (!m_vendors.isEmpty())
                Q_EMIT dataChanged(index(0, StatusColumn), index(int(m_vendors.size()) - 1, QuotaColumn));
        });
    }
}

int VendorListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_vendors.size());
}

int VendorListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int VendorListModel::rowOf(const QString &name) const
{
    for (int i = 0; i < m_vendors.size(); ++i)
        if (m_vendors.at(i).name == name)
            return i;
    return -1;
}

QString VendorListModel::statusText(const QString &name) const
{
    const int row = rowOf(name);
    if (row < 0)
        return {};
    const auto &v = m_vendors.at(row);
    if (v.statusUrl.isEmpty())
        return tr("No status page");
    if (!m_probe || !m_probe->isWatching(name))
        return tr("Not watched yet");
    if (const auto level = m_probe->lastStatus(name))
        return levelText(int(*level));
    if (!m_probe->detail(name).isEmpty())
        return tr("Failing");
    return tr("Waiting for the first answer");
}

QVariant VendorListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &v = m_vendors.at(index.row());
    const bool watched = m_probe && m_probe->isWatching(v.name);
    switch (role) {
    case NameRole: return v.name;
    case BuiltInRole: return v.builtIn;
    case StatusLevelRole: {
        if (!watched || v.statusUrl.isEmpty())
            return {};
        if (const auto level = m_probe->lastStatus(v.name))
            return int(*level);
        return m_probe->detail(v.name).isEmpty() ? QVariant() : QVariant(-1);
    }
    case DetailRole: {
        if (!watched)
            return QString();
        QStringList parts;
        if (const QString d = m_probe->detail(v.name); !d.isEmpty())
            parts << d;
        if (const QString q = m_probe->quotaError(v.name); !q.isEmpty())
            parts << tr("quota: %1").arg(q);
        return DisplayText::line(parts.join(QStringLiteral("; ")), 500);
    }
    case Qt::DisplayRole: break;
    case Qt::TextAlignmentRole:
        return index.column() == QuotaColumn || index.column() == IntervalColumn
            ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
            : QVariant();
    default: return {};
    }
    switch (Column(index.column())) {
    case NameColumn: return DisplayText::line(v.name, 100);
    case StatusColumn: return statusText(v.name);
    case QuotaColumn: {
        if (!watched || v.quotaUrl.isEmpty())
            return QStringLiteral("—");
        if (const auto used = m_probe->lastQuotaUsed(v.name))
            return QLocale().toString(*used * 100, 'f', 0) + QStringLiteral(" %");
        return m_probe->quotaError(v.name).isEmpty() ? QStringLiteral("—") : tr("Failing");
    }
    case StatusUrlColumn: return v.statusUrl.isEmpty() ? QStringLiteral("—") : DisplayText::line(v.statusUrl, 120);
    case QuotaUrlColumn: return v.quotaUrl.isEmpty() ? QStringLiteral("—") : DisplayText::line(v.quotaUrl, 120);
    case IntervalColumn: return tr("%n s", nullptr, v.intervalS);
    case ChangedByColumn: return v.builtIn ? tr("this console (demo)") : DisplayText::line(v.updatedBy, 60);
    case ColumnCount: break;
    }
    return {};
}

QVariant VendorListModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    switch (Column(section)) {
    case NameColumn: return tr("Vendor");
    case StatusColumn: return tr("Status");
    case QuotaColumn: return tr("Quota used");
    case StatusUrlColumn: return tr("Status page");
    case QuotaUrlColumn: return tr("Quota address");
    case IntervalColumn: return tr("Every");
    case ChangedByColumn: return tr("Changed by");
    case ColumnCount: break;
    }
    return {};
}

void VendorListModel::setVendors(const QList<VendorRegistry::Vendor> &vendors)
{
    const bool sameRows = vendors.size() == m_vendors.size() &&
        std::equal(vendors.cbegin(), vendors.cend(), m_vendors.cbegin(),
                   [](const auto &a, const auto &b) { return a.name == b.name; });
    if (!sameRows) {
        // Rows came or went (or were renamed): views keep their selection by
        // name, not by row.
        beginResetModel();
        m_vendors = vendors;
        endResetModel();
        return;
    }
    m_vendors = vendors;
    if (!m_vendors.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_vendors.size()) - 1, ColumnCount - 1));
}

void VendorListModel::probeAnswered(const QString &name)
{
    const int row = rowOf(name);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, StatusColumn), index(row, QuotaColumn));
}

} // namespace oc

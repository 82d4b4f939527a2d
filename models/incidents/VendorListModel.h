#pragma once

#include "VendorRegistry.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

namespace oc {

class VendorStatusProbe;

// The watched vendors with what the probes last found: name, status (the
// worst component of its status page, or why the poll failed), quota used,
// the two addresses, the interval and who changed it last. Every text is one
// plain line (DisplayText: controls and bidi overrides out, long values
// cut); the status cells follow the probe's answers as they come.
class VendorListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        StatusColumn,
        QuotaColumn,
        StatusUrlColumn,
        QuotaUrlColumn,
        IntervalColumn,
        ChangedByColumn,
        ColumnCount
    };
    enum Role {
        NameRole = Qt::UserRole + 1,
        BuiltInRole,
        // 0 operational … 3 major outage; -1 failing; invalid: no answer yet.
        StatusLevelRole,
        // The probe's words for the status (degraded components, or the failure).
        DetailRole
    };

    explicit VendorListModel(VendorStatusProbe *probe, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    void setVendors(const QList<VendorRegistry::Vendor> &vendors);
    const QList<VendorRegistry::Vendor> &vendors() const { return m_vendors; }
    int rowOf(const QString &name) const;
    // What the status cell says, in words.
    QString statusText(const QString &name) const;

private:
    void probeAnswered(const QString &name);

    QPointer<VendorStatusProbe> m_probe;
    QList<VendorRegistry::Vendor> m_vendors;
};

} // namespace oc

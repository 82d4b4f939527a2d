#pragma once

#include "FieldChange.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace oc {

class DbTable;

// A host as host-training staff work with them.
struct HostInfo
{
    qint64 id = 0;
    int version = 0;
    QString name;
    QString email;
    QString phone;
    QString postalCode;
    QString prepStatus = QStringLiteral("not_contacted"); // the prep_status enum's value
    QDateTime lastContactAt;
    QString notes;
    QDateTime updatedAt;

    bool isFullyPrepped() const { return prepStatus == QLatin1String("fully_prepped"); }

    // SELECT list matching fromTable(); hosts aliased as h.
    static const char *selectColumns();
    static HostInfo fromTable(const DbTable &t, int row, int firstColumn = 0);
    static QList<FieldChange> diff(const HostInfo &before, const HostInfo &after);
    // The prep_status enum in workflow order.
    static QStringList prepStatuses();
    static QString prepLabel(const QString &status);
};

} // namespace oc

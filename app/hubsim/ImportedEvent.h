#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace oc {

// One event row as read from an import file, already validated.
struct ImportedEvent
{
    QString title;
    QString description;
    QDateTime startsAt;
    QString timezone;
    QString venue;
    QString address;
    QString city;
    QString state;
    QString postalCode;
    double latitude = 0;
    double longitude = 0;
    int capacity = 0;
    QString hostName;
    QString hostEmail;
};

} // namespace oc

#pragma once

#include <QDateTime>
#include <QString>

namespace oc::sim {

// One event row as read from an import file, already validated.
struct ImportedEvent
{
    QString title;
    QString description;
    QDateTime startsAt;
    // The source gave a date without a time: startsAt is the start of that
    // day in `timezone` and the event lasts the day.
    bool allDay = false;
    QString timezone;
    QString venue;
    QString address;
    QString city;
    QString state;
    QString postalCode;
    double latitude = 0;
    double longitude = 0;
    int capacity = 0; // 0 = unknown: stored as NULL, like the console's "no capacity limit"
    QString hostName;
    QString hostEmail;
    bool placedByZip = false; // the row had no usable coordinates: placed at its ZIP centroid
    int sourceRow = 0; // 1-based data row in the file, for the report
};

} // namespace oc::sim

#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace oc::sim {

// One approved upcoming event as the public site lists it; also the shape of
// an entry in /events.json and in an uploaded static snapshot.
struct SiteEvent
{
    qint64 id = 0;
    QString title;
    QDateTime startsAt;
    QString timezone;
    QString venue;
    QString address;
    QString city;
    QString state;
    QString postalCode;
    bool hasLocation = false;
    double latitude = 0;
    double longitude = 0;

    QJsonObject toJson() const;
    // Lenient: a snapshot comes from the console and may carry more or fewer fields.
    static SiteEvent fromJson(const QJsonObject &o);
};

} // namespace oc::sim

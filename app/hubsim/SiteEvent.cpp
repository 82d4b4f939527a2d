#include "SiteEvent.h"

namespace oc::sim {

QJsonObject SiteEvent::toJson() const
{
    QJsonObject o {{QStringLiteral("id"), id},
                   {QStringLiteral("title"), title},
                   {QStringLiteral("starts_at"), startsAt.toUTC().toString(Qt::ISODate)},
                   {QStringLiteral("timezone"), timezone},
                   {QStringLiteral("venue"), venue},
                   {QStringLiteral("address"), address},
                   {QStringLiteral("city"), city},
                   {QStringLiteral("state"), state},
                   {QStringLiteral("postal_code"), postalCode}};
    if (hasLocation) {
        o.insert(QStringLiteral("latitude"), latitude);
        o.insert(QStringLiteral("longitude"), longitude);
    }
    return o;
}

SiteEvent SiteEvent::fromJson(const QJsonObject &o)
{
    SiteEvent e;
    const QJsonValue id = o.value(QStringLiteral("id"));
    e.id = id.isString() ? id.toString().toLongLong() : id.toInteger();
    e.title = o.value(QStringLiteral("title")).toString();
    e.startsAt = QDateTime::fromString(o.value(QStringLiteral("starts_at")).toString(), Qt::ISODateWithMs);
    e.timezone = o.value(QStringLiteral("timezone")).toString();
    e.venue = o.value(QStringLiteral("venue")).toString();
    e.address = o.value(QStringLiteral("address")).toString();
    e.city = o.value(QStringLiteral("city")).toString();
    e.state = o.value(QStringLiteral("state")).toString();
    e.postalCode = o.value(QStringLiteral("postal_code")).toString();
    const QJsonValue lat = o.value(QStringLiteral("latitude")), lng = o.value(QStringLiteral("longitude"));
    if (lat.isDouble() && lng.isDouble()) {
        e.hasLocation = true;
        e.latitude = lat.toDouble();
        e.longitude = lng.toDouble();
    }
    return e;
}

} // namespace oc::sim

#include "HostInfo.h"

#include "DbTable.h"

#include <QCoreApplication>
#include <QTimeZone>

namespace oc {

const char *HostInfo::selectColumns()
{
    return "h.id, h.version, h.name, h.email, h.phone, h.postal_code, h.prep_status, "
           "(extract(epoch FROM h.last_contact_at) * 1000)::bigint, h.notes, "
           "(extract(epoch FROM h.updated_at) * 1000)::bigint";
}

HostInfo HostInfo::fromTable(const DbTable &t, int r, int c)
{
    HostInfo h;
    h.id = t.toInt64(r, c + 0);
    h.version = int(t.toInt64(r, c + 1));
    h.name = t.text(r, c + 2);
    h.email = t.text(r, c + 3);
    h.phone = t.text(r, c + 4);
    h.postalCode = t.text(r, c + 5);
    h.prepStatus = t.text(r, c + 6);
    if (!t.isNull(r, c + 7))
        h.lastContactAt = QDateTime::fromMSecsSinceEpoch(t.toInt64(r, c + 7), QTimeZone::UTC);
    h.notes = t.text(r, c + 8);
    if (!t.isNull(r, c + 9))
        h.updatedAt = QDateTime::fromMSecsSinceEpoch(t.toInt64(r, c + 9), QTimeZone::UTC);
    return h;
}

QList<FieldChange> HostInfo::diff(const HostInfo &a, const HostInfo &b)
{
    QList<FieldChange> out;
    auto cmp = [&](const char *name, const QString &x, const QString &y) {
        if (x != y)
            out.append({QString::fromLatin1(name), x, y});
    };
    cmp("prep_status", a.prepStatus, b.prepStatus);
    cmp("last_contact_at", a.lastContactAt.isValid() ? a.lastContactAt.toString(Qt::ISODate) : QString(),
        b.lastContactAt.isValid() ? b.lastContactAt.toString(Qt::ISODate) : QString());
    cmp("notes", a.notes, b.notes);
    cmp("name", a.name, b.name);
    cmp("email", a.email, b.email);
    cmp("phone", a.phone, b.phone);
    cmp("postal_code", a.postalCode, b.postalCode);
    return out;
}

QStringList HostInfo::prepStatuses()
{
    return {QStringLiteral("not_contacted"), QStringLiteral("invited"), QStringLiteral("attended_training"),
            QStringLiteral("fully_prepped"), QStringLiteral("unable_to_contact")};
}

QString HostInfo::prepLabel(const QString &s)
{
    if (s == QLatin1String("not_contacted"))
        return QCoreApplication::translate("oc::HostInfo", "Not contacted");
    if (s == QLatin1String("invited"))
        return QCoreApplication::translate("oc::HostInfo", "Invited to training");
    if (s == QLatin1String("attended_training"))
        return QCoreApplication::translate("oc::HostInfo", "Attended training");
    if (s == QLatin1String("fully_prepped"))
        return QCoreApplication::translate("oc::HostInfo", "Fully prepped");
    if (s == QLatin1String("unable_to_contact"))
        return QCoreApplication::translate("oc::HostInfo", "Unable to contact");
    return s;
}

} // namespace oc

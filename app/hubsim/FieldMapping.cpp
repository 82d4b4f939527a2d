#include "FieldMapping.h"

#include <QSet>

namespace oc::sim {

QList<FieldMapping::Field> FieldMapping::fields()
{
    return {Field::Title,    Field::Description, Field::Start, Field::Time,     Field::Timezone,
            Field::Venue,    Field::Address,     Field::City,  Field::State,    Field::Zip,
            Field::Latitude, Field::Longitude,   Field::Size,  Field::HostName, Field::HostEmail};
}

QString FieldMapping::name(Field f)
{
    switch (f) {
    case Field::Title: return QStringLiteral("title");
    case Field::Description: return QStringLiteral("description");
    case Field::Start: return QStringLiteral("start");
    case Field::Time: return QStringLiteral("time");
    case Field::Timezone: return QStringLiteral("timezone");
    case Field::Venue: return QStringLiteral("venue");
    case Field::Address: return QStringLiteral("address");
    case Field::City: return QStringLiteral("city");
    case Field::State: return QStringLiteral("state");
    case Field::Zip: return QStringLiteral("zip");
    case Field::Latitude: return QStringLiteral("latitude");
    case Field::Longitude: return QStringLiteral("longitude");
    case Field::Size: return QStringLiteral("size");
    case Field::HostName: return QStringLiteral("host_name");
    case Field::HostEmail: return QStringLiteral("host_email");
    }
    return {};
}

QStringList FieldMapping::synonyms(Field f)
{
    // Column names seen in exported lists: Mobilize's and ActionKit's event
    // exports (starts_at, max_attendees, postal_code, host_email), Action
    // Network (start_date, location), spreadsheets compiled by hand (Name,
    // Date, Size, Lat/Lon) and GIS tools (x/y). A column is matched once; the
    // earlier synonym wins when a file has several.
    switch (f) {
    case Field::Title: return {"title", "name", "event_title", "event_name", "event"};
    case Field::Description: return {"description", "details", "summary", "about"};
    case Field::Start:
        return {"starts_at", "start_time", "start_datetime", "start", "datetime",
                "date",      "start_date", "event_date",     "when"};
    case Field::Time: return {"time", "local_time", "start_hour"};
    case Field::Timezone: return {"timezone", "time_zone", "tz"};
    case Field::Venue: return {"venue", "venue_name", "location_name", "location", "place"};
    case Field::Address: return {"address", "address1", "address_line1", "street", "street_address"};
    case Field::City: return {"city", "town", "locality"};
    case Field::State: return {"state", "state_code", "region", "province"};
    case Field::Zip: return {"zip", "postal_code", "zipcode", "zip_code", "postcode"};
    case Field::Latitude: return {"latitude", "lat", "y"};
    case Field::Longitude: return {"longitude", "lon", "lng", "long", "x"};
    case Field::Size:
        return {"size",
                "capacity",
                "max_attendees",
                "attendees",
                "expected",
                "expected_attendance",
                "expected_attendees",
                "estimated_size",
                "crowd_size",
                "attendance",
                "estimate"};
    case Field::HostName: return {"host_name", "host", "organizer", "organizer_name", "contact_name"};
    case Field::HostEmail: return {"host_email", "email", "organizer_email", "contact_email"};
    }
    return {};
}

QString FieldMapping::normalized(const QString &column)
{
    QString out;
    const QString folded = column.toCaseFolded();
    out.reserve(folded.size());
    for (const QChar c : folded)
        if (c.isLetterOrNumber())
            out += c;
    return out;
}

std::optional<FieldMapping::Field> FieldMapping::fieldNamed(const QString &text)
{
    const QString key = normalized(text);
    for (const Field f : fields()) {
        if (normalized(name(f)) == key)
            return f;
    }
    for (const Field f : fields()) {
        for (const QString &s : synonyms(f))
            if (normalized(s) == key)
                return f;
    }
    return std::nullopt;
}

bool FieldMapping::addOverride(const QString &spec, QString *error)
{
    const qsizetype eq = spec.indexOf(QLatin1Char('='));
    if (eq <= 0 || eq == spec.size() - 1) {
        if (error)
            *error = QStringLiteral("--map wants FIELD=COLUMN, got '%1'").arg(spec);
        return false;
    }
    const auto field = fieldNamed(spec.left(eq));
    if (!field) {
        QStringList names;
        for (const Field f : fields())
            names << name(f);
        if (error)
            *error = QStringLiteral("--map %1: unknown field '%2' (fields: %3)")
                         .arg(spec, spec.left(eq), names.join(QStringLiteral(", ")));
        return false;
    }
    m_overrides.append({*field, spec.mid(eq + 1)});
    return true;
}

std::optional<FieldMapping::Resolved> FieldMapping::resolve(const QStringList &columns, QString *error) const
{
    Resolved r;
    r.columns = columns;
    QHash<QString, int> byKey; // first column of each normalized name
    for (int i = 0; i < columns.size(); ++i)
        byKey.insert(normalized(columns.at(i)), byKey.value(normalized(columns.at(i)), i));
    QSet<int> taken;
    for (const auto &[field, column] : m_overrides) {
        int idx = int(columns.indexOf(column)); // exact name first, then forgiving
        if (idx < 0)
            idx = byKey.value(normalized(column), -1);
        if (idx < 0) {
            if (error)
                *error = QStringLiteral("--map %1=%2: the file has no column '%2' (columns: %3)")
                             .arg(name(field), column, columns.join(QStringLiteral(", ")));
            return std::nullopt;
        }
        r.column.insert(field, idx);
        r.overridden.insert(field, true);
        taken.insert(idx);
    }
    for (const Field f : fields()) {
        if (r.column.contains(f))
            continue;
        for (const QString &s : synonyms(f)) {
            const int idx = byKey.value(normalized(s), -1);
            if (idx < 0 || taken.contains(idx))
                continue;
            if (!r.column.contains(f)) {
                r.column.insert(f, idx);
                taken.insert(idx);
            } else {
                r.alsoMatched[f].append(idx);
            }
        }
    }
    return r;
}

} // namespace oc::sim

#pragma once

#include <QHash>
#include <QMap>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace oc::sim {

// Which column of an event list becomes which event field. One mapping for
// both formats: CSV headers and GeoJSON property names are matched against
// the same synonyms, ignoring case and separators ("Start Time",
// "start_time" and "start-time" are the same column), because volunteers'
// lists name the same thing a dozen ways. `--map field=column` covers the
// rest and wins over the synonyms.
class FieldMapping
{
public:
    enum class Field {
        Title,
        Description,
        Start,
        Time,
        Timezone,
        Venue,
        Address,
        City,
        State,
        Zip,
        Latitude,
        Longitude,
        Size,
        HostName,
        HostEmail
    };

    // The result for one file: field -> column index into `columns`.
    struct Resolved
    {
        QStringList columns;
        QMap<Field, int> column;
        QMap<Field, bool> overridden; // set by --map
        // Other columns that matched a field's synonyms, read where the first
        // is empty: merged lists have "size" in some rows and "attendees" in
        // others, or the start spread over "date" and "start_time" ("18:00").
        QMap<Field, QList<int>> alsoMatched;
        int indexOf(Field f) const { return column.value(f, -1); }
        bool has(Field f) const { return column.contains(f); }
    };

    static QList<Field> fields();
    // The canonical name used in the report and in --map: "title", "size", ...
    static QString name(Field f);
    // The synonyms, most specific first (the first matching column wins).
    static QStringList synonyms(Field f);
    // "Start Time" -> "starttime": case and separators do not matter.
    static QString normalized(const QString &column);
    // A field by its canonical name or any synonym, normalized.
    static std::optional<Field> fieldNamed(const QString &text);

    // "size=Expected Attendance"; false with `error` for an unknown field or
    // a malformed spec.
    bool addOverride(const QString &spec, QString *error);
    bool hasOverrides() const { return !m_overrides.isEmpty(); }

    // Fails (nullopt, `error`) only when an override names a column the file
    // does not have: silently ignoring a user's explicit mapping would import
    // the wrong data.
    std::optional<Resolved> resolve(const QStringList &columns, QString *error) const;

private:
    QList<std::pair<Field, QString>> m_overrides;
};

} // namespace oc::sim

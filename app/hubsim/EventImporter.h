#pragma once

#include "FieldMapping.h"
#include "ImportedEvent.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace oc::sim {

// Reads event lists as organizers really have them: a GeoJSON
// FeatureCollection of points, or CSV with latitude/longitude columns, with
// the columns named however the volunteer who compiled it named them
// (FieldMapping). Bad rows are rejected one by one with a reason, good rows
// are kept, and rows that needed a repair (size unknown, placed by ZIP, time
// zone guessed) are kept with a warning. Reads only: nothing here writes.
class EventImporter
{
public:
    struct Rejection
    {
        int row = 0; // 1-based data row (CSV: excluding the header) or feature index
        QString reason;
        QString excerpt; // a short, sanitized copy of the row for the report
    };
    struct Report
    {
        QString format; // "CSV" or "GeoJSON"
        int rows = 0; // data rows read
        QStringList mapping; // report lines: which column became which field
        QList<ImportedEvent> events;
        QList<Rejection> rejected;
        QList<Rejection> duplicates; // same title, place and day as an earlier row: imported once
        QList<Rejection> warnings; // kept rows, repaired
        QString fatal; // the whole file was unreadable
        QString summary() const;
        // The mapping first, then one line per rejected, duplicate or
        // repaired row in row order.
        QStringList lines() const;
        int allDayCount() const;
        int placedByZipCount() const;
        int withoutSizeCount() const;
    };

    static Report importFile(const QString &path, const FieldMapping &mapping = {});
    static Report importGeoJson(const QByteArray &data, const FieldMapping &mapping = {});
    static Report importCsv(const QByteArray &data, const FieldMapping &mapping = {});

    // Parses RFC 4180 CSV (quoted fields, doubled quotes, embedded newlines).
    static QList<QStringList> parseCsv(const QByteArray &data, QString *error = nullptr, QChar delimiter = u',');
    // One line, no control or bidi characters, at most 80 characters, and a
    // leading = + - @ defused (OWASP "CSV injection"): the report is read on
    // terminals and pasted into spreadsheets.
    static QString sanitizedExcerpt(const QString &text);
};

} // namespace oc::sim

#pragma once

#include "ImportedEvent.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace oc {

// Reads event lists as organizers really have them: a GeoJSON
// FeatureCollection of points, or CSV with latitude/longitude columns. Bad
// rows are rejected one by one with a reason; good rows are kept.
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
        QList<ImportedEvent> events;
        QList<Rejection> rejected;
        QString fatal; // the whole file was unreadable
        QString summary() const;
    };

    static Report importFile(const QString &path);
    static Report importGeoJson(const QByteArray &data);
    static Report importCsv(const QByteArray &data);

    // Parses RFC 4180 CSV (quoted fields, doubled quotes, embedded newlines).
    static QList<QStringList> parseCsv(const QByteArray &data, QString *error = nullptr);
};

} // namespace oc

#pragma once

#include "Incident.h"
#include "TimelineEntry.h"

#include <QByteArray>
#include <QList>
#include <QString>

class QIODevice;

namespace oc {

// An incident and its timeline for the post-incident review, as Markdown (to
// paste into the review document) and CSV (for a spreadsheet). Every text in
// them can come from a stranger or an operator's typing (notes, rule titles,
// vendor messages), so both neutralise it: the CSV through CsvWriter (a cell
// starting with = + - @ becomes text, quotes doubled), the Markdown by
// escaping what would change the table or the page (| ` < > & * _ [ ] ~ \ and
// line breaks). In both, bidirectional controls (U+202A–U+202E, U+2066–U+2069,
// U+200E/F, U+061C) and other control characters are shown as "<U+202E>"
// instead of silently reordering the text around them (CVE-2021-42574,
// "Trojan Source"). Times are UTC, ISO 8601 with milliseconds.
class TimelineExport
{
public:
    static QString markdown(const Incident &incident, const QList<TimelineEntry> &timeline);

    static bool writeCsv(QIODevice *device, const Incident &incident, const QList<TimelineEntry> &timeline);
    static QByteArray csv(const Incident &incident, const QList<TimelineEntry> &timeline);
    static QStringList csvHeader();

    // "2024-11-05T21:14:03.250Z"; empty for 0 (not happened).
    static QString isoUtc(qint64 ms);
    // Text with invisible or reordering characters made visible.
    static QString neutralise(const QString &text);
    // One table cell or heading of Markdown text showing `text` literally.
    static QString escapeMarkdown(const QString &text);
};

} // namespace oc

#pragma once

#include <QString>
#include <QStringList>

#include <functional>

class QIODevice;

namespace oc {

// RFC 4180 CSV written straight to a device, row by row, so a large export
// never sits in memory twice. Cells that a spreadsheet would run as a formula
// (leading = + - @, tab or CR) get a leading apostrophe: an event title typed
// by a stranger must not become a live formula on a staffer's machine.
class CsvWriter
{
public:
    struct Options
    {
        bool byteOrderMark = false; // Excel only detects UTF-8 with a BOM
        bool protectFormulas = true;
        QChar separator = QLatin1Char(',');
    };
    // done, total -> false to cancel.
    using Progress = std::function<bool(qint64 done, qint64 total)>;
    // Fills `cells` with row `row`'s values.
    using RowSource = std::function<void(qint64 row, QStringList &cells)>;

    explicit CsvWriter(QIODevice *device)
        : CsvWriter(device, Options())
    {
    }
    CsvWriter(QIODevice *device, Options options);

    bool writeRow(const QStringList &cells);
    // Streams `rows` rows from `source`, reporting every `progressEvery` rows
    // and at the end. Returns false when cancelled or the device failed.
    bool writeRows(qint64 rows, const RowSource &source, const Progress &progress = {}, int progressEvery = 256);

    qint64 rowsWritten() const { return m_rows; }
    bool hasError() const { return m_error; }

    // One cell as it appears in the file (quoted and protected as needed).
    static QString encodeCell(const QString &cell, const Options &options);
    static QString encodeCell(const QString &cell) { return encodeCell(cell, Options()); }

private:
    bool put(const QByteArray &bytes);

    QIODevice *m_device;
    Options m_options;
    qint64 m_rows = 0;
    bool m_error = false;
    bool m_started = false;
};

} // namespace oc

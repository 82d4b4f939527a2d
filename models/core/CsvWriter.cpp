#include "CsvWriter.h"

#include <QIODevice>

namespace oc {

CsvWriter::CsvWriter(QIODevice *device, Options options)
    : m_device(device)
    , m_options(options)
{
}

QString CsvWriter::encodeCell(const QString &cell, const Options &options)
{
    QString v = cell;
    if (options.protectFormulas && !v.isEmpty()) {
        const QChar c = v.front();
        if (c == QLatin1Char('=') || c == QLatin1Char('+') || c == QLatin1Char('-') || c == QLatin1Char('@') ||
            c == QLatin1Char('\t') || c == QLatin1Char('\r'))
            v.prepend(QLatin1Char('\''));
    }
    bool quote = false;
    for (const QChar c : std::as_const(v)) {
        if (c == options.separator || c == QLatin1Char('"') || c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            quote = true;
            break;
        }
    }
    // Leading or trailing spaces survive every reader only when quoted.
    if (!quote && !v.isEmpty() && (v.front().isSpace() || v.back().isSpace()))
        quote = true;
    if (!quote)
        return v;
    v.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + v + QLatin1Char('"');
}

bool CsvWriter::put(const QByteArray &bytes)
{
    if (m_error || !m_device)
        return false;
    if (m_device->write(bytes) != bytes.size()) {
        m_error = true;
        return false;
    }
    return true;
}

bool CsvWriter::writeRow(const QStringList &cells)
{
    if (!m_started) {
        m_started = true;
        if (m_options.byteOrderMark && !put(QByteArray("\xEF\xBB\xBF")))
            return false;
    }
    QString line;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            line += m_options.separator;
        line += encodeCell(cells[i], m_options);
    }
    line += QLatin1String("\r\n");
    if (!put(line.toUtf8()))
        return false;
    ++m_rows;
    return true;
}

bool CsvWriter::writeRows(qint64 rows, const RowSource &source, const Progress &progress, int progressEvery)
{
    if (progressEvery < 1)
        progressEvery = 1;
    QStringList cells;
    for (qint64 r = 0; r < rows; ++r) {
        cells.clear();
        source(r, cells);
        if (!writeRow(cells))
            return false;
        if (progress && (r + 1) % progressEvery == 0 && !progress(r + 1, rows))
            return false;
    }
    if (progress && !progress(rows, rows))
        return false;
    return !m_error;
}

} // namespace oc

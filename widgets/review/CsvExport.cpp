#include "CsvExport.h"

#include "CsvWriter.h"
#include "LogCategories.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QProgressDialog>
#include <QSaveFile>

namespace oc {

QList<QStringList> CsvExport::snapshot(const QAbstractItemModel *model, int role)
{
    QList<QStringList> rows;
    const int n = model->rowCount(), cols = model->columnCount();
    rows.reserve(n);
    for (int r = 0; r < n; ++r) {
        QStringList cells;
        cells.reserve(cols);
        for (int c = 0; c < cols; ++c)
            cells << model->index(r, c).data(role).toString();
        rows << cells;
    }
    return rows;
}

QStringList CsvExport::headers(const QAbstractItemModel *model, int role)
{
    QStringList h;
    for (int c = 0; c < model->columnCount(); ++c)
        h << model->headerData(c, Qt::Horizontal, role).toString();
    return h;
}

bool CsvExport::write(QWidget *parent, const QString &path, const QStringList &header, const QList<QStringList> &rows,
                      QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    QProgressDialog progress(tr("Writing CSV\u2026"), tr("Cancel", "stop writing the CSV file"), 0, int(rows.size()),
                             parent);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(400);
    CsvWriter::Options opt;
    opt.byteOrderMark = true; // spreadsheet apps read UTF-8 names correctly only with it
    CsvWriter w(&file, opt);
    bool ok = w.writeRow(header);
    ok = ok &&
        w.writeRows(
            rows.size(), [&](qint64 r, QStringList &cells) { cells = rows[r]; },
            [&](qint64 done, qint64) {
                progress.setValue(int(done));
                return !progress.wasCanceled();
            });
    if (!ok) {
        const bool cancelled = progress.wasCanceled();
        if (error)
            *error = cancelled ? tr("Export cancelled.") : file.errorString();
        file.cancelWriting();
        logcat::review()->info("CSV export to {} {}", path.toStdString(), cancelled ? "cancelled" : "failed");
        return false;
    }
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    logcat::review()->info("CSV export: {} rows to {}", rows.size(), path.toStdString());
    return true;
}

} // namespace oc

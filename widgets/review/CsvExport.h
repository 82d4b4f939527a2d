#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

class QAbstractItemModel;
class QWidget;

namespace oc {

// Writes a table to a CSV file behind a cancellable progress dialog. The rows
// are copied first so the live feed can keep changing the model while the
// file is written; the file only replaces an existing one when complete.
class CsvExport
{
    Q_DECLARE_TR_FUNCTIONS(oc::CsvExport)
public:
    // Every row of `model` as the strings its `role` gives, column by column.
    static QList<QStringList> snapshot(const QAbstractItemModel *model, int role);
    // The horizontal header's texts for `role` (a model's export role gives
    // its CSV names, which do not follow the operator's language).
    static QStringList headers(const QAbstractItemModel *model, int role);
    // False when cancelled or on error (`error` says which).
    static bool write(QWidget *parent, const QString &path, const QStringList &header, const QList<QStringList> &rows,
                      QString *error = nullptr);
};

} // namespace oc

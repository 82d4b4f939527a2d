#pragma once

#include "ReviewConflict.h"

#include <QDialog>
#include <QList>

class QListWidget;
class QTreeWidget;
class QLabel;

namespace oc {

// Shows why a write was refused: who changed the event or host, when, and
// each field as the reviewer saw it next to what it is now. Accepting means
// "reload and look again"; nothing is retried automatically.
class ConflictDialog : public QDialog
{
    Q_OBJECT
public:
    // finished() codes: Rejected = close, Accepted = reload, KeepMine = keep
    // the unsaved edits and take the current version as the new base.
    enum { KeepMine = 2 };

    explicit ConflictDialog(const QList<ReviewConflict> &conflicts, bool offerKeepMine = false,
                            QWidget *parent = nullptr);

    static QString summary(const ReviewConflict &c);
    static QString fieldLabel(const QString &field);
    static QString actionLabel(const QString &action);

    const QList<ReviewConflict> &conflicts() const { return m_conflicts; }

private:
    void showConflict(int index);

    QList<ReviewConflict> m_conflicts;
    QListWidget *m_list = nullptr;
    QLabel *m_summary;
    QTreeWidget *m_fields;
    QListWidget *m_history;
};

} // namespace oc

#pragma once

#include <QDialog>

class QPlainTextEdit;
class QPushButton;

namespace oc {

// Asks for the message the host will receive with a rejection. Opened with
// open(), never exec(), so the live feed keeps running behind it.
class RejectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RejectDialog(const QString &eventTitle, QWidget *parent = nullptr);

    QString message() const;
    QPlainTextEdit *editor() const { return m_edit; }

private:
    QPlainTextEdit *m_edit;
    QPushButton *m_ok;
};

} // namespace oc

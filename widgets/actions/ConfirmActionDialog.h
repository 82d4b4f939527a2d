#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace oc {

// "Here is exactly what will happen" before an action runs. Cancel is the
// default button, so a stray Enter never acts. Opened with open() (window
// modal, not a nested event loop), so tests and automation drive it by
// calling accept()/reject() or clicking confirmButton().
class ConfirmActionDialog : public QDialog
{
    Q_OBJECT
public:
    ConfirmActionDialog(const QString &title, const QString &heading, const QString &explanation,
                        const QString &confirmText, QWidget *parent = nullptr);

    // Adds a free-text field (e.g. the reason for declining).
    void addReasonField(const QString &label, const QString &placeholder = {});
    QString reason() const;

    QPushButton *confirmButton() const { return m_confirm; }
    QPushButton *cancelButton() const { return m_cancel; }
    QString explanation() const;

private:
    QLabel *m_explanation = nullptr;
    QLineEdit *m_reason = nullptr;
    QPushButton *m_confirm = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace oc

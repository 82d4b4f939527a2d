#include "ConfirmActionDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace oc {

ConfirmActionDialog::ConfirmActionDialog(const QString &title, const QString &heading, const QString &explanation,
                                         const QString &confirmText, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(title);
    setObjectName(QStringLiteral("confirmActionDialog"));
    setAccessibleName(title);
    auto *l = new QVBoxLayout(this);
    auto *head = new QLabel(heading, this);
    // Campaign titles and messages come from the database: never rich text.
    head->setTextFormat(Qt::PlainText);
    head->setWordWrap(true);
    QFont f = head->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    head->setFont(f);
    l->addWidget(head);
    m_explanation = new QLabel(explanation, this);
    m_explanation->setTextFormat(Qt::PlainText);
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_explanation->setMinimumWidth(380);
    l->addWidget(m_explanation);

    auto *buttons = new QDialogButtonBox(this);
    m_confirm = buttons->addButton(confirmText, QDialogButtonBox::AcceptRole);
    m_confirm->setProperty("ocAction", true);
    m_confirm->setAccessibleName(confirmText);
    m_confirm->setAutoDefault(false);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setDefault(true);
    m_cancel->setFocus();
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    l->addWidget(buttons);
}

void ConfirmActionDialog::addReasonField(const QString &label, const QString &placeholder)
{
    if (m_reason)
        return;
    auto *form = new QFormLayout;
    m_reason = new QLineEdit(this);
    m_reason->setPlaceholderText(placeholder);
    m_reason->setAccessibleName(label);
    m_reason->setMaxLength(500);
    form->addRow(label, m_reason);
    auto *l = static_cast<QVBoxLayout *>(layout());
    l->insertLayout(l->count() - 1, form);
}

QString ConfirmActionDialog::reason() const
{
    return m_reason ? m_reason->text().trimmed() : QString();
}

QString ConfirmActionDialog::explanation() const
{
    return m_explanation->text();
}

} // namespace oc

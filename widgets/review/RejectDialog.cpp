#include "RejectDialog.h"

#include "ElidedLabel.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace oc {

RejectDialog::RejectDialog(const QString &eventTitle, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("rejectDialog"));
    setWindowTitle(tr("Reject event"));
    auto *lay = new QVBoxLayout(this);
    auto *title = new ElidedLabel(eventTitle, this);
    QFont f = title->font();
    f.setBold(true);
    title->setFont(f);
    lay->addWidget(title);
    auto *hint = new QLabel(tr("Message to the host (they will read this):"), this);
    hint->setTextFormat(Qt::PlainText);
    lay->addWidget(hint);
    m_edit = new QPlainTextEdit(this);
    m_edit->setObjectName(QStringLiteral("rejectMessage"));
    hint->setBuddy(m_edit);
    m_edit->setTabChangesFocus(true);
    m_edit->setPlaceholderText(tr("e.g. Please add a street address so guests can find you."));
    lay->addWidget(m_edit);
    auto *box = new QDialogButtonBox(this);
    m_ok = box->addButton(tr("Reject event [Ctrl+Enter]"), QDialogButtonBox::AcceptRole);
    m_ok->setToolTip(tr("Reject and send this message to the host (Ctrl+Enter)"));
    box->addButton(QDialogButtonBox::Cancel);
    lay->addWidget(box);
    m_ok->setEnabled(false);
    connect(m_edit, &QPlainTextEdit::textChanged, this,
            [this] { m_ok->setEnabled(!m_edit->toPlainText().trimmed().isEmpty()); });
    connect(box, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (const QKeySequence &k : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *sc = new QShortcut(k, this);
        connect(sc, &QShortcut::activated, this, [this] {
            if (m_ok->isEnabled())
                accept();
        });
    }
    m_edit->setFocus();
    resize(480, 260);
}

QString RejectDialog::message() const
{
    return m_edit->toPlainText().trimmed();
}

} // namespace oc

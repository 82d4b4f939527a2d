#include "ConflictDialog.h"

#include "DisplayText.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace oc {
namespace {

QString when(const QDateTime &d)
{
    return d.isValid() ? QLocale().toString(d.toLocalTime(), QStringLiteral("ddd d MMM, HH:mm:ss")) : QString();
}

} // namespace

QString ConflictDialog::fieldLabel(const QString &f)
{
    static const QHash<QString, const char *> labels {
        {QStringLiteral("approval_status"), QT_TR_NOOP("Review state")},
        {QStringLiteral("flagged"), QT_TR_NOOP("Flagged")},
        {QStringLiteral("reviewed_by"), QT_TR_NOOP("Reviewed by")},
        {QStringLiteral("rejection_message"), QT_TR_NOOP("Message to host")},
        {QStringLiteral("claimed_by"), QT_TR_NOOP("Claimed by")},
        {QStringLiteral("title"), QT_TR_NOOP("Title")},
        {QStringLiteral("description"), QT_TR_NOOP("Description")},
        {QStringLiteral("starts_at"), QT_TR_NOOP("Starts")},
        {QStringLiteral("ends_at"), QT_TR_NOOP("Ends")},
        {QStringLiteral("venue"), QT_TR_NOOP("Venue")},
        {QStringLiteral("address"), QT_TR_NOOP("Address")},
        {QStringLiteral("city"), QT_TR_NOOP("City")},
        {QStringLiteral("state"), QT_TR_NOOP("State")},
        {QStringLiteral("postal_code"), QT_TR_NOOP("ZIP")},
        {QStringLiteral("capacity"), QT_TR_NOOP("Capacity")},
        {QStringLiteral("host_id"), QT_TR_NOOP("Host")},
        {QStringLiteral("prep_status"), QT_TR_NOOP("Prep state")},
        {QStringLiteral("last_contact_at"), QT_TR_NOOP("Last contact")},
        {QStringLiteral("notes"), QT_TR_NOOP("Notes")},
        {QStringLiteral("name"), QT_TR_NOOP("Name")},
        {QStringLiteral("email"), QT_TR_NOOP("Email")},
        {QStringLiteral("phone"), QT_TR_NOOP("Phone")},
    };
    const auto it = labels.constFind(f);
    return it == labels.cend() ? f : tr(*it);
}

QString ConflictDialog::actionLabel(const QString &a)
{
    // Nouns: "Your %1 was not saved", "Saved: %1 of #2" and a log line's
    // last word. The audit codes are compared, never these words.
    if (a == QLatin1String("review.approve"))
        return tr("approval", "audit action");
    if (a == QLatin1String("review.reject"))
        return tr("rejection", "audit action");
    if (a == QLatin1String("review.flag"))
        return tr("flag", "audit action: marking an event for a second look");
    if (a == QLatin1String("review.unflag"))
        return tr("unflag", "audit action: removing that mark");
    if (a == QLatin1String("review.edit"))
        return tr("edit", "audit action: a change to the event's details");
    if (a == QLatin1String("review.edit_approve"))
        return tr("edit and approval", "audit action");
    if (a == QLatin1String("review.note"))
        return tr("note", "audit action: a note on the review log");
    if (a == QLatin1String("host.prep_status"))
        return tr("prep state change", "audit action");
    if (a == QLatin1String("host.contact"))
        return tr("contact note", "audit action");
    // An action the console does not know (the backend's): its code.
    return a;
}

QString ConflictDialog::summary(const ReviewConflict &c)
{
    const QString title = DisplayText::line(c.targetTitle, 120);
    const QString what = actionLabel(c.action);
    const QString who = c.changedBy.isEmpty() ? tr("someone outside the console (host or backend)")
                                              : DisplayText::line(c.changedBy, 60);
    switch (c.reason) {
    case ReviewConflict::Reason::Missing:
        return tr("#%1 no longer exists. Your %2 was not saved.").arg(c.targetId).arg(what);
    case ReviewConflict::Reason::ClaimedByOther:
        return tr("\u201c%1\u201d (#%2) is claimed by %3 until %4. Your %5 was not saved.")
            .arg(title)
            .arg(c.targetId)
            .arg(DisplayText::line(c.claimedBy, 60), when(c.claimedUntil), what);
    case ReviewConflict::Reason::Changed: break;
    }
    return tr("\u201c%1\u201d (#%2) was changed by %3 at %4 (version %5 \u2192 %6). Your %7 was not saved.")
        .arg(title)
        .arg(c.targetId)
        .arg(who, when(c.changedAt))
        .arg(c.expectedVersion)
        .arg(c.currentVersion)
        .arg(what);
}

ConflictDialog::ConflictDialog(const QList<ReviewConflict> &conflicts, bool offerKeepMine, QWidget *parent)
    : QDialog(parent)
    , m_conflicts(conflicts)
{
    setObjectName(QStringLiteral("conflictDialog"));
    setWindowTitle(tr("Changed by someone else"));
    auto *lay = new QVBoxLayout(this);
    if (m_conflicts.size() > 1) {
        auto *head = new QLabel(
            tr("%n event(s) were not saved because they changed meanwhile:", nullptr, int(m_conflicts.size())), this);
        head->setTextFormat(Qt::PlainText);
        lay->addWidget(head);
        m_list = new QListWidget(this);
        head->setBuddy(m_list);
        m_list->setTextElideMode(Qt::ElideRight);
        m_list->setUniformItemSizes(true);
        for (const ReviewConflict &c : m_conflicts)
            m_list->addItem(tr("#%1 %2").arg(c.targetId).arg(DisplayText::line(c.targetTitle, 100)));
        m_list->setMaximumHeight(120);
        lay->addWidget(m_list);
        connect(m_list, &QListWidget::currentRowChanged, this, &ConflictDialog::showConflict);
    }
    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    lay->addWidget(m_summary);

    m_fields = new QTreeWidget(this);
    m_fields->setColumnCount(3);
    m_fields->setAccessibleName(tr("Fields as you saw them and as they are now"));
    m_fields->setHeaderLabels({tr("Field"), tr("You saw"), tr("Now")});
    m_fields->setRootIsDecorated(false);
    m_fields->setUniformRowHeights(true);
    m_fields->setTextElideMode(Qt::ElideRight);
    m_fields->header()->setSectionResizeMode(QHeaderView::Stretch);
    lay->addWidget(m_fields, 2);

    auto *histLabel = new QLabel(tr("Changes recorded since your version:"), this);
    histLabel->setTextFormat(Qt::PlainText);
    lay->addWidget(histLabel);
    m_history = new QListWidget(this);
    histLabel->setBuddy(m_history);
    m_history->setTextElideMode(Qt::ElideRight);
    m_history->setUniformItemSizes(true);
    lay->addWidget(m_history, 1);

    auto *box = new QDialogButtonBox(this);
    auto *reload = box->addButton(tr("Reload and review again"), QDialogButtonBox::AcceptRole);
    reload->setDefault(true);
    if (offerKeepMine) {
        auto *keep = box->addButton(tr("Keep my edits"), QDialogButtonBox::ActionRole);
        keep->setToolTip(
            tr("Keep what you typed; saving again will replace the other change, which you have seen here."));
        connect(keep, &QPushButton::clicked, this, [this] { done(KeepMine); });
    }
    box->addButton(QDialogButtonBox::Close);
    connect(box, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    lay->addWidget(box);

    if (m_list)
        m_list->setCurrentRow(0);
    else
        showConflict(0);
    resize(640, 420);
}

void ConflictDialog::showConflict(int index)
{
    if (index < 0 || index >= m_conflicts.size())
        return;
    const ReviewConflict &c = m_conflicts[index];
    m_summary->setText(summary(c));
    m_fields->clear();
    for (const FieldChange &f : c.changes) {
        auto *item = new QTreeWidgetItem(
            m_fields, {fieldLabel(f.field), DisplayText::line(f.before, 300), DisplayText::line(f.after, 300)});
        item->setToolTip(1, DisplayText::tooltip(f.before));
        item->setToolTip(2, DisplayText::tooltip(f.after));
    }
    if (c.changes.isEmpty())
        new QTreeWidgetItem(m_fields, {tr("(no field differs from what you saw; see the reason above)")});
    m_history->clear();
    for (const ReviewLogEntry &e : c.history) {
        //: history line: when, who, what they did
        QString line = tr("%1  %2  %3").arg(when(e.at), DisplayText::line(e.actor, 40), actionLabel(e.action));
        if (!e.note.isEmpty())
            line += QStringLiteral(" \u2014 ") + DisplayText::line(e.note, 200);
        m_history->addItem(line);
    }
    if (c.history.isEmpty())
        m_history->addItem(tr("(none recorded by the console)"));
}

} // namespace oc

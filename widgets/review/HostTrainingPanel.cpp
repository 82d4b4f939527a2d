#include "HostTrainingPanel.h"

#include "HostTrainingController.h"
#include "ConflictDialog.h"
#include "CsvExport.h"
#include "DbConnection.h"
#include "DisplayText.h"
#include "ElidedLabel.h"
#include "HostQueueFilter.h"
#include "HostTrainingModel.h"
#include "HostTrainingService.h"
#include "LiveSource.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace oc {
namespace {

QString when(const QDateTime &d)
{
    return d.isValid() ? QLocale().toString(d.toLocalTime(), QStringLiteral("ddd d MMM, HH:mm")) : QString();
}

} // namespace

HostTrainingPanel::HostTrainingPanel(HostTrainingController *hosts, QWidget *parent)
    : QWidget(parent)
    , m_hosts(hosts)
    , m_service(hosts->service())
    , m_model(hosts->model())
    , m_filter(hosts->filter())
{
    setObjectName(QStringLiteral("hostTrainingPanel"));
    buildUi();
    if (const QString why = m_hosts->unavailableReason(); !why.isEmpty()) {
        setStatus(why);
        setEnabled(false);
    }
}

HostTrainingPanel::~HostTrainingPanel() = default;

std::optional<HostInfo> HostTrainingPanel::currentHost() const
{
    return m_hosts->current();
}

void HostTrainingPanel::buildUi()
{
    auto addKey = [this](const QKeySequence &key, auto fn) {
        auto *a = new QAction(this);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, fn);
        addAction(a);
        return a;
    };
    addKey(QKeySequence(Qt::Key_J), [this] { moveBy(1); });
    addKey(QKeySequence(Qt::Key_K), [this] { moveBy(-1); });
    addKey(QKeySequence(Qt::Key_P), [this] {
        m_prep->setFocus();
        m_prep->showPopup();
    });
    addKey(QKeySequence(Qt::Key_L), [this] { m_note->setFocus(); });
    addKey(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), [this] { exportCsvInteractive(); });

    auto *root = new QVBoxLayout(this);
    root->setContentsMargins(4, 4, 4, 4);
    auto *top = new QHBoxLayout;
    m_showAll = new QCheckBox(tr("Show all hosts"), this);
    m_showAll->setToolTip(tr("Also list hosts who are fully prepped or have no upcoming event"));
    top->addWidget(m_showAll);
    top->addStretch(1);
    m_count = new QLabel(this);
    m_count->setTextFormat(Qt::PlainText);
    top->addWidget(m_count);
    auto *exportButton = new QPushButton(tr("Export CSV\u2026 [Ctrl+Shift+E]"), this);
    exportButton->setToolTip(tr("Export the host queue as CSV, e.g. for a call list (Ctrl+Shift+E)"));
    exportButton->setFocusPolicy(Qt::NoFocus);
    connect(exportButton, &QPushButton::clicked, this, &HostTrainingPanel::exportCsvInteractive);
    top->addWidget(exportButton);
    root->addLayout(top);

    auto *split = new QSplitter(Qt::Horizontal, this);
    root->addWidget(split, 1);
    m_table = new QTableView(split);
    m_table->setObjectName(QStringLiteral("hostQueue"));
    m_table->setAccessibleName(tr("Hosts to prepare"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    const int em = m_table->fontMetrics().averageCharWidth();
    const QFontMetrics hfm(m_table->horizontalHeader()->font());
    auto width = [&](int column, int chars) {
        const int header = hfm.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString()) + 3 * em;
        m_table->setColumnWidth(column, std::max(em * chars, header));
    };
    width(HostTrainingModel::NameColumn, 20);
    width(HostTrainingModel::NextEventColumn, 34);
    width(HostTrainingModel::EventsColumn, 6);
    width(HostTrainingModel::PrepColumn, 20);
    width(HostTrainingModel::LastContactColumn, 16);
    width(HostTrainingModel::PhoneColumn, 18);
    width(HostTrainingModel::EmailColumn, 24);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setMinimumWidth(em * 40);

    auto *scroll = new QScrollArea(split);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *detail = new QWidget(scroll);
    scroll->setWidget(detail);
    auto *dl = new QVBoxLayout(detail);
    m_name = new ElidedLabel(detail);
    QFont f = m_name->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_name->setFont(f);
    dl->addWidget(m_name);
    m_next = new ElidedLabel(detail);
    dl->addWidget(m_next);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // The row's label names the field (a layout cannot be a buddy); the two
    // "Copy" buttons say what they copy.
    auto copyRow = [&](QLineEdit *&edit, const QString &name, const QString &buttonText, const QString &tip,
                       void (HostTrainingPanel::*slot)()) {
        auto *row = new QHBoxLayout;
        edit = new QLineEdit(detail);
        edit->setReadOnly(true);
        edit->setAccessibleName(name);
        row->addWidget(edit, 1);
        auto *b = new QToolButton(detail);
        b->setText(buttonText);
        b->setToolTip(tip);
        b->setAccessibleName(tip);
        connect(b, &QToolButton::clicked, this, slot);
        row->addWidget(b);
        return row;
    };
    form->addRow(tr("Phone"),
                 copyRow(m_phone, tr("Phone"), tr("Copy"), tr("Copy the phone number to the clipboard"),
                         &HostTrainingPanel::copyPhone));
    form->addRow(tr("Email"),
                 copyRow(m_email, tr("Email"), tr("Copy"), tr("Copy the email address to the clipboard"),
                         &HostTrainingPanel::copyEmail));
    m_prep = new QComboBox(detail);
    m_prep->setToolTip(tr("Prep state; choosing one saves it (P)"));
    for (const QString &s : HostInfo::prepStatuses())
        m_prep->addItem(HostInfo::prepLabel(s), s);
    connect(m_prep, &QComboBox::activated, this, &HostTrainingPanel::onPrepChosen);
    form->addRow(tr("Prep state [P]"), m_prep);
    m_lastContact = new ElidedLabel(detail);
    form->addRow(tr("Last contact"), m_lastContact);
    dl->addLayout(form);

    auto *noteRow = new QHBoxLayout;
    m_note = new QLineEdit(detail);
    m_note->setMaxLength(2000);
    m_note->setPlaceholderText(tr("What happened on the call (L), Enter logs the contact"));
    m_note->setAccessibleName(tr("Contact note"));
    noteRow->addWidget(m_note, 1);
    auto *logButton = new QPushButton(tr("Log contact"), detail);
    logButton->setToolTip(tr("Record a contact now with this note (Enter in the note field)"));
    connect(logButton, &QPushButton::clicked, this, &HostTrainingPanel::logContact);
    connect(m_note, &QLineEdit::returnPressed, this, &HostTrainingPanel::logContact);
    noteRow->addWidget(logButton);
    dl->addLayout(noteRow);

    auto *notesLabel = new QLabel(tr("Notes"), detail);
    notesLabel->setTextFormat(Qt::PlainText);
    dl->addWidget(notesLabel);
    m_notes = new QPlainTextEdit(detail);
    notesLabel->setBuddy(m_notes);
    m_notes->setReadOnly(true);
    m_notes->setMaximumHeight(m_notes->fontMetrics().height() * 8);
    m_notes->setFocusPolicy(Qt::ClickFocus);
    dl->addWidget(m_notes);
    auto *logLabel = new QLabel(tr("History"), detail);
    logLabel->setTextFormat(Qt::PlainText);
    dl->addWidget(logLabel);
    m_log = new QListWidget(detail);
    logLabel->setBuddy(m_log);
    m_log->setTextElideMode(Qt::ElideRight);
    m_log->setUniformItemSizes(true);
    m_log->setFocusPolicy(Qt::NoFocus);
    dl->addWidget(m_log, 1);

    split->addWidget(m_table);
    split->addWidget(scroll);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    m_status = new ElidedLabel(this);
    root->addWidget(m_status);

    connect(m_showAll, &QCheckBox::toggled, m_filter, &HostQueueFilter::setShowAll);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &HostTrainingPanel::onCurrentRowChanged);
    auto sync = [this] {
        m_count->setText(tr("%1 hosts, %2 in the queue").arg(m_model->rowCount()).arg(m_filter->rowCount()));
        if (!m_table->currentIndex().isValid() && m_filter->rowCount() > 0)
            m_table->setCurrentIndex(m_filter->index(0, 0));
    };
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, sync);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, sync);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, sync);
    connect(m_filter, &QAbstractItemModel::modelReset, this, sync);
    // A newer version of the host on screen (another staffer, the backend,
    // or our own write's read-back) replaces what is shown.
    connect(m_filter, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &tl, const QModelIndex &br) {
        const QModelIndex cur = m_table->currentIndex();
        if (!m_hosts->current() || !cur.isValid() || cur.row() < tl.row() || cur.row() > br.row())
            return;
        const HostInfo h = m_model->hostAt(m_filter->mapToSource(cur).row());
        if (h.id == m_hosts->current()->id && h.version > m_hosts->current()->version) {
            m_hosts->setCurrent(h);
            displayHost(h);
        }
    });
    setFocusProxy(m_table);
}

void HostTrainingPanel::moveBy(int delta)
{
    const int n = m_filter->rowCount();
    if (n == 0)
        return;
    const QModelIndex cur = m_table->currentIndex();
    const int row = cur.isValid() ? std::clamp(cur.row() + delta, 0, n - 1) : 0;
    m_table->setCurrentIndex(m_filter->index(row, 0));
    m_table->scrollTo(m_filter->index(row, 0));
    m_table->setFocus();
}

void HostTrainingPanel::onCurrentRowChanged()
{
    const QModelIndex src = m_filter->mapToSource(m_table->currentIndex());
    if (!src.isValid()) {
        m_hosts->setCurrent(std::nullopt);
        displayHost(HostInfo {});
        m_log->clear();
        return;
    }
    const HostInfo h = m_model->hostAt(src.row());
    if (m_hosts->current() && m_hosts->current()->id == h.id && m_hosts->current()->version >= h.version)
        return;
    const bool otherHost = !m_hosts->current() || m_hosts->current()->id != h.id;
    m_hosts->setCurrent(h);
    displayHost(h);
    if (otherHost) {
        m_note->clear();
        loadHistory(h.id);
    }
    const QDateTime next = m_model->nextStartAt(src.row());
    m_next->setText(next.isValid() ? tr("Next event starts %1").arg(when(next)) : tr("No upcoming event"));
}

void HostTrainingPanel::displayHost(const HostInfo &h)
{
    //: heading: the host's number and name
    m_name->setText(h.id ? tr("#%1  %2").arg(h.id).arg(h.name) : tr("No host selected"));
    // Shown sanitized (no bidi tricks); the copy buttons copy the stored value.
    m_phone->setText(DisplayText::line(h.phone, 100));
    m_email->setText(DisplayText::line(h.email, 400));
    m_phone->setCursorPosition(0);
    m_email->setCursorPosition(0);
    const int idx = m_prep->findData(h.prepStatus);
    m_prep->setCurrentIndex(idx);
    m_prep->setEnabled(h.id != 0 && !m_hosts->isBusy());
    m_lastContact->setText(h.lastContactAt.isValid() ? when(h.lastContactAt) : tr("never", "last contact"));
    m_notes->setPlainText(h.notes);
}

void HostTrainingPanel::loadHistory(qint64 id)
{
    const int gen = m_hosts->beginLoad();
    m_service->loadHost(
        id, [this, id, gen](const std::optional<HostInfo> &, const QList<ReviewLogEntry> &log, const QString &error) {
            if (!m_hosts->isLatestLoad(gen, id))
                return;
            m_log->clear();
            if (!error.isEmpty()) {
                setStatus(tr("Could not load the history: %1").arg(error));
                return;
            }
            for (const ReviewLogEntry &l : log) {
                //: history line: when, who, what they did
                QString line =
                    tr("%1  %2  %3")
                        .arg(when(l.at), DisplayText::line(l.actor, 40), ConflictDialog::actionLabel(l.action));
                if (!l.note.isEmpty())
                    line += QStringLiteral(" \u2014 ") + DisplayText::line(l.note, 200);
                m_log->addItem(line);
            }
        });
}

void HostTrainingPanel::setStatus(const QString &text)
{
    m_status->setText(text);
    Q_EMIT statusMessage(text);
}

void HostTrainingPanel::copyPhone()
{
    if (!m_hosts->current() || m_hosts->current()->phone.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(m_hosts->current()->phone);
    setStatus(tr("Phone number copied."));
}

void HostTrainingPanel::copyEmail()
{
    if (!m_hosts->current() || m_hosts->current()->email.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(m_hosts->current()->email);
    setStatus(tr("Email address copied."));
}

void HostTrainingPanel::onPrepChosen(int index)
{
    if (!m_hosts->current() || m_hosts->isBusy())
        return;
    const QString status = m_prep->itemData(index).toString();
    if (status == m_hosts->current()->prepStatus)
        return;
    m_hosts->setBusy(true);
    m_prep->setEnabled(false);
    m_service->setPrepStatus(*m_hosts->current(), status, {}, [this](const ReviewOutcome &o) { onWriteDone(o); });
}

void HostTrainingPanel::logContact()
{
    if (!m_hosts->current() || m_hosts->isBusy())
        return;
    const QString note = m_note->text().trimmed();
    if (note.isEmpty()) {
        setStatus(tr("Write what happened first."));
        m_note->setFocus();
        return;
    }
    m_hosts->setBusy(true);
    m_prep->setEnabled(false);
    m_service->logContact(*m_hosts->current(), note, {}, [this](const ReviewOutcome &o) {
        if (o.ok())
            m_note->clear();
        onWriteDone(o);
    });
}

void HostTrainingPanel::onWriteDone(const ReviewOutcome &o)
{
    m_hosts->setBusy(false);
    m_prep->setEnabled(m_hosts->current().has_value());
    switch (o.status) {
    case ReviewOutcome::Status::Ok:
        setStatus(tr("Saved: %1 for host #%2.").arg(ConflictDialog::actionLabel(o.action)).arg(o.targetId));
        break;
    case ReviewOutcome::Status::Conflict:
        setStatus(tr("Not saved: host #%1 changed meanwhile.").arg(o.targetId));
        if (o.conflict) {
            auto *dlg = new ConflictDialog({*o.conflict}, false, this);
            dlg->setAttribute(Qt::WA_DeleteOnClose);
            dlg->setWindowModality(Qt::WindowModal);
            connect(dlg, &QDialog::finished, this, [this] {
                activateWindow();
                m_table->setFocus();
            });
            dlg->open();
        }
        break;
    case ReviewOutcome::Status::Error: setStatus(HostTrainingController::refusalText(o)); break;
    }
    // The read-back (hostRead) has already updated the model; show it, and
    // put the combo back if the write was refused.
    if (m_hosts->current() && m_hosts->current()->id == o.targetId) {
        const int row = m_model->rowOfHost(o.targetId);
        if (row >= 0)
            m_hosts->setCurrent(m_model->hostAt(row));
        displayHost(*m_hosts->current());
        loadHistory(o.targetId);
    }
}

bool HostTrainingPanel::exportCsv(const QString &path, QString *error)
{
    // Machine-readable, not translated: the header names stay the same in
    // every language (see HostTrainingModel::ExportRole), as do the cells.
    QStringList header {QStringLiteral("Host ID")};
    header += CsvExport::headers(m_filter, HostTrainingModel::ExportRole);
    QList<QStringList> rows = CsvExport::snapshot(m_filter, HostTrainingModel::ExportRole);
    for (int r = 0; r < rows.size(); ++r)
        rows[r].prepend(QString::number(m_filter->index(r, 0).data(HostTrainingModel::HostIdRole).toLongLong()));
    QString err;
    const bool ok = CsvExport::write(this, path, header, rows, &err);
    setStatus(ok ? tr("Exported %n host(s) to %1.", nullptr, int(rows.size())).arg(QDir::toNativeSeparators(path))
                 : tr("Export failed: %1").arg(err));
    if (error)
        *error = err;
    return ok;
}

void HostTrainingPanel::exportCsvInteractive()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export host queue"),
        QDir::home().filePath(QStringLiteral("host-queue-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate))),
        tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportCsv(path);
}

} // namespace oc

#include "ReviewPanel.h"

#include "ReviewDeskController.h"
#include "ConflictDialog.h"
#include "CsvExport.h"
#include "DbConnection.h"
#include "DisplayText.h"
#include "ElidedLabel.h"
#include "LiveSource.h"
#include "Log.h"
#include "RejectDialog.h"
#include "ReviewQueueFilter.h"
#include "ReviewQueueModel.h"
#include "ReviewService.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTimeEdit>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTimeZone>
#include <QToolButton>
#include <QVBoxLayout>

namespace oc {
namespace {

QToolButton *buttonFor(QAction *a, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setDefaultAction(a);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    b->setFocusPolicy(Qt::NoFocus); // keys belong to the queue, not to the buttons
    return b;
}

QLineEdit *plainField(QWidget *parent, int maxLength)
{
    auto *e = new QLineEdit(parent);
    e->setReadOnly(true);
    e->setMaxLength(maxLength);
    e->setMinimumWidth(60);
    return e;
}

QString when(const QDateTime &d)
{
    return d.isValid() ? QLocale().toString(d.toLocalTime(), QStringLiteral("ddd d MMM, HH:mm:ss")) : QString();
}

} // namespace

ReviewPanel::ReviewPanel(ReviewDeskController *desk, QWidget *parent)
    : QWidget(parent)
    , m_desk(desk)
    , m_feed(desk->feed())
    , m_service(desk->service())
    , m_model(desk->model())
    , m_filter(desk->filter())
{
    setObjectName(QStringLiteral("reviewPanel"));
    buildUi();
    connectModel();
    connect(m_desk, &ReviewDeskController::busyChanged, this, &ReviewPanel::updateActions);
    connect(m_desk, &ReviewDeskController::claimWarningChanged, this, &ReviewPanel::claimWarningChanged);
    if (m_feed) {
        connect(m_feed, &LiveSource::campaignsChanged, this, &ReviewPanel::refreshCampaigns);
        refreshCampaigns();
    }
    applyFilters();
    updateActions();
    if (m_desk->isReadOnly()) {
        setBanner({});
        for (QAction *a : {m_actClaim, m_actApprove, m_actReject, m_actFlag, m_actEdit, m_actBulk, m_actNote})
            a->setToolTip(m_desk->readOnlyReason());
    }
}

ReviewPanel::~ReviewPanel() = default;

qint64 ReviewPanel::currentEventId() const
{
    return m_desk->currentEventId();
}

std::optional<ReviewEvent> ReviewPanel::currentEvent() const
{
    return m_desk->current();
}

bool ReviewPanel::isEditing() const
{
    return m_desk->isEditing();
}

bool ReviewPanel::hasWritesInFlight() const
{
    return m_desk->hasWritesInFlight();
}

QAction *ReviewPanel::addShortcutAction(const QString &text, const QString &tip, const QList<QKeySequence> &keys,
                                        void (ReviewPanel::*slot)())
{
    auto *a = new QAction(text, this);
    a->setToolTip(tip);
    a->setShortcuts(keys);
    // Only while focus is in this panel: the single-letter keys must not
    // fire from other docks, and text fields claim their own letters.
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(a, &QAction::triggered, this, slot);
    addAction(a);
    return a;
}

void ReviewPanel::buildUi()
{
    m_actPrev = addShortcutAction(tr("Previous [K]"), tr("Previous event (K or Up)"), {QKeySequence(Qt::Key_K)},
                                  &ReviewPanel::selectPrevious);
    m_actNext = addShortcutAction(tr("Next [J]"), tr("Next event (J or Down)"), {QKeySequence(Qt::Key_J)},
                                  &ReviewPanel::selectNext);
    m_actClaim = addShortcutAction(tr("Claim [C]"), tr("Claim this event for 15 minutes so nobody else reviews it (C)"),
                                   {QKeySequence(Qt::Key_C)}, &ReviewPanel::claimCurrent);
    m_actApprove = addShortcutAction(tr("Approve [A]"), tr("Approve this event (A)"), {QKeySequence(Qt::Key_A)},
                                     &ReviewPanel::approveCurrent);
    m_actReject = addShortcutAction(tr("Reject\u2026 [R]"), tr("Reject this event with a message to the host (R)"),
                                    {QKeySequence(Qt::Key_R)}, &ReviewPanel::rejectCurrent);
    m_actFlag = addShortcutAction(tr("Flag [F]", "button: mark the event for a second look"),
                                  tr("Flag or unflag this event for a second look (F)"), {QKeySequence(Qt::Key_F)},
                                  &ReviewPanel::toggleFlagCurrent);
    m_actEdit = addShortcutAction(tr("Edit [E]"), tr("Claim and edit this event's details (E)"),
                                  {QKeySequence(Qt::Key_E)}, &ReviewPanel::editCurrent);
    m_actSaveApprove =
        addShortcutAction(tr("Save && approve [Ctrl+Enter]"), tr("Save your edits and approve (Ctrl+Enter)"),
                          {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)},
                          &ReviewPanel::saveAndApprove);
    m_actSave = addShortcutAction(tr("Save [Ctrl+S]"), tr("Save your edits without approving (Ctrl+S)"),
                                  {QKeySequence(Qt::CTRL | Qt::Key_S)}, &ReviewPanel::saveEdits);
    m_actCancel = addShortcutAction(tr("Cancel edit [Esc]"), tr("Discard your edits (Esc)"),
                                    {QKeySequence(Qt::Key_Escape)}, &ReviewPanel::cancelEdit);
    m_actBulk =
        addShortcutAction(tr("Approve selected [Ctrl+Shift+A]"),
                          tr("Approve every selected event that has not changed since you saw it (Ctrl+Shift+A)"),
                          {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A)}, &ReviewPanel::bulkApproveSelection);
    m_actExport =
        addShortcutAction(tr("Export CSV\u2026 [Ctrl+Shift+E]"), tr("Export the filtered queue as CSV (Ctrl+Shift+E)"),
                          {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E)}, &ReviewPanel::exportCsvInteractive);
    m_actNote = addShortcutAction(tr("Note [N]"), tr("Write a note on this event's review log (N)"),
                                  {QKeySequence(Qt::Key_N)}, &ReviewPanel::focusNote);
    m_actOpen = addShortcutAction(tr("Open in Mobilize [O]"), tr("Open this event's page in Mobilize (O)"),
                                  {QKeySequence(Qt::Key_O)}, &ReviewPanel::openInBrowser);

    auto *root = new QVBoxLayout(this);
    root->setContentsMargins(4, 4, 4, 4);

    // Filters
    auto *filters = new QHBoxLayout;
    m_campaign = new QComboBox(this);
    m_campaign->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_campaign->setMinimumContentsLength(14);
    m_campaign->setToolTip(tr("Only events of this campaign"));
    // The filters have no visible labels (the row must fit a laptop's dock):
    // a screen reader reads these names instead of the tooltips.
    m_campaign->setAccessibleName(tr("Campaign filter"));
    filters->addWidget(m_campaign);
    m_state = new QLineEdit(this);
    m_state->setMaxLength(2);
    m_state->setPlaceholderText(tr("State"));
    m_state->setToolTip(tr("Only events in this state (two-letter code)"));
    m_state->setAccessibleName(tr("State filter (two-letter code)"));
    m_state->setFixedWidth(m_state->fontMetrics().horizontalAdvance(QStringLiteral("WWWW")) + 12);
    filters->addWidget(m_state);
    m_useDates = new QCheckBox(tr("Starts", "filter: only events starting between the two dates that follow"), this);
    m_useDates->setToolTip(tr("Only events starting between these dates (in the event's time zone)"));
    filters->addWidget(m_useDates);
    m_from = new QDateEdit(QDate::currentDate(), this);
    m_from->setCalendarPopup(true);
    m_to = new QDateEdit(QDate::currentDate().addDays(30), this);
    m_to->setCalendarPopup(true);
    m_from->setAccessibleName(tr("Starts on or after"));
    m_to->setAccessibleName(tr("Starts on or before"));
    filters->addWidget(m_from);
    filters->addWidget(new QLabel(QStringLiteral("\u2013"), this));
    filters->addWidget(m_to);
    filters->addStretch(1);
    root->addLayout(filters);
    // A second row: one row of every filter is wider than a laptop's dock.
    filters = new QHBoxLayout;
    m_flaggedOnly = new QCheckBox(tr("Flagged only"), this);
    filters->addWidget(m_flaggedOnly);
    m_hideOthers = new QCheckBox(tr("Hide others' claims"), this);
    m_hideOthers->setToolTip(tr("Hide events another reviewer is working on"));
    m_hideOthers->setChecked(true);
    filters->addWidget(m_hideOthers);
    filters->addStretch(1);
    m_count = new QLabel(this);
    m_count->setTextFormat(Qt::PlainText);
    filters->addWidget(m_count);
    filters->addWidget(buttonFor(m_actExport, this));
    root->addLayout(filters);

    auto *split = new QSplitter(Qt::Horizontal, this);
    root->addWidget(split, 1);

    // Queue
    m_table = new QTableView(split);
    m_table->setObjectName(QStringLiteral("reviewQueue"));
    m_table->setAccessibleName(tr("Events waiting for review"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setSortingEnabled(false);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(ReviewQueueModel::TitleColumn, QHeaderView::Stretch);
    // Fixed widths (never ResizeToContents, which measures every row on
    // every change), at least as wide as the header text.
    const int em = m_table->fontMetrics().averageCharWidth();
    const QFontMetrics hfm(m_table->horizontalHeader()->font());
    auto width = [&](int column, int chars) {
        const int header = hfm.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString()) + 3 * em;
        m_table->setColumnWidth(column, std::max(em * chars, header));
    };
    width(ReviewQueueModel::PlaceColumn, 16);
    width(ReviewQueueModel::StartsColumn, 26);
    width(ReviewQueueModel::HostColumn, 14);
    width(ReviewQueueModel::CreatedColumn, 16);
    width(ReviewQueueModel::ClaimColumn, 10);
    width(ReviewQueueModel::DuplicateColumn, 10);
    m_table->setMinimumWidth(em * 40);

    // Details. The decisions sit above the scrolling part: on a laptop
    // screen the form scrolls, Claim / Approve / Reject never do.
    auto *detailColumn = new QWidget(split);
    auto *dc = new QVBoxLayout(detailColumn);
    dc->setContentsMargins(0, 0, 0, 0);
    // Short rows so the detail side stays narrow enough for a laptop's dock.
    const QList<QList<QAction *>> rows = {
        {m_actClaim, m_actApprove, m_actReject}, {m_actFlag, m_actEdit, m_actPrev, m_actNext}, {m_actBulk, m_actOpen}};
    for (const QList<QAction *> &row : rows) {
        auto *buttons = new QHBoxLayout;
        for (QAction *a : row)
            buttons->addWidget(buttonFor(a, detailColumn));
        buttons->addStretch(1);
        dc->addLayout(buttons);
    }
    m_editButtons = new QWidget(detailColumn);
    auto *eb = new QHBoxLayout(m_editButtons);
    eb->setContentsMargins(0, 0, 0, 0);
    for (QAction *a : {m_actSaveApprove, m_actSave, m_actCancel})
        eb->addWidget(buttonFor(a, m_editButtons));
    eb->addStretch(1);
    m_editButtons->hide();
    dc->addWidget(m_editButtons);
    auto *scroll = new QScrollArea(detailColumn);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    dc->addWidget(scroll, 1);
    auto *detail = new QWidget(scroll);
    scroll->setWidget(detail);
    auto *dl = new QVBoxLayout(detail);
    m_heading = new ElidedLabel(detail);
    QFont hf = m_heading->font();
    hf.setBold(true);
    hf.setPointSizeF(hf.pointSizeF() * 1.15);
    m_heading->setFont(hf);
    dl->addWidget(m_heading);
    m_reviewState = new ElidedLabel(detail);
    dl->addWidget(m_reviewState);
    m_banner = new ElidedLabel(detail);
    m_banner->setObjectName(QStringLiteral("reviewBanner"));
    m_banner->setAutoFillBackground(true);
    m_banner->setPalette(bannerPalette(palette()));
    m_banner->hide();
    dl->addWidget(m_banner);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_title = plainField(detail, 500);
    m_title->setObjectName(QStringLiteral("titleEdit"));
    form->addRow(tr("Title"), m_title);
    m_starts = new QDateTimeEdit(detail);
    m_starts->setReadOnly(true);
    m_starts->setCalendarPopup(true);
    m_starts->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm t"));
    form->addRow(tr("Starts", "field: when the event starts"), m_starts);
    m_ends = new ElidedLabel(detail);
    form->addRow(tr("Ends"), m_ends);
    m_venue = plainField(detail, 500);
    form->addRow(tr("Venue"), m_venue);
    m_address = plainField(detail, 500);
    form->addRow(tr("Address"), m_address);
    auto *cityRow = new QHBoxLayout;
    m_city = plainField(detail, 200);
    m_usState = plainField(detail, 2);
    m_usState->setFixedWidth(m_usState->fontMetrics().horizontalAdvance(QStringLiteral("WWWW")) + 12);
    m_zip = plainField(detail, 12);
    m_zip->setFixedWidth(m_zip->fontMetrics().horizontalAdvance(QStringLiteral("00000-00000")) + 12);
    cityRow->addWidget(m_city, 1);
    cityRow->addWidget(m_usState);
    cityRow->addWidget(m_zip);
    // A layout cannot be a buddy: the row's label points at its first field,
    // and each field says which part it is.
    auto *cityLabel = new QLabel(tr("City / state / ZIP"), detail);
    cityLabel->setBuddy(m_city);
    m_city->setAccessibleName(tr("City"));
    m_usState->setAccessibleName(tr("State"));
    m_zip->setAccessibleName(tr("ZIP code"));
    form->addRow(cityLabel, cityRow);
    m_capacity = new QSpinBox(detail);
    m_capacity->setRange(0, 1000000);
    m_capacity->setSpecialValueText(tr("unlimited"));
    m_capacity->setReadOnly(true);
    form->addRow(tr("Capacity"), m_capacity);
    m_host = new ElidedLabel(detail);
    form->addRow(tr("Host"), m_host);
    dl->addLayout(form);
    auto *descLabel = new QLabel(tr("Description"), detail);
    descLabel->setTextFormat(Qt::PlainText);
    dl->addWidget(descLabel);
    m_description = new QPlainTextEdit(detail);
    descLabel->setBuddy(m_description);
    m_description->setReadOnly(true);
    m_description->setTabChangesFocus(true);
    m_description->setMaximumHeight(m_description->fontMetrics().height() * 8);
    dl->addWidget(m_description);

    auto *logLabel = new QLabel(tr("Review log"), detail);
    logLabel->setTextFormat(Qt::PlainText);
    dl->addWidget(logLabel);
    m_log = new QListWidget(detail);
    m_log->setObjectName(QStringLiteral("reviewLog"));
    logLabel->setBuddy(m_log);
    m_log->setTextElideMode(Qt::ElideRight);
    m_log->setUniformItemSizes(true);
    m_log->setWordWrap(false);
    m_log->setFocusPolicy(Qt::NoFocus);
    m_log->setMinimumHeight(m_log->fontMetrics().height() * 4);
    dl->addWidget(m_log, 1);
    auto *noteRow = new QHBoxLayout;
    m_note = new QLineEdit(detail);
    m_note->setPlaceholderText(tr("Add a note to the review log (N), Enter to save"));
    m_note->setAccessibleName(tr("Note for the review log"));
    m_note->setMaxLength(2000);
    noteRow->addWidget(m_note, 1);
    dl->addLayout(noteRow);
    connect(m_note, &QLineEdit::returnPressed, this, &ReviewPanel::addNote);

    split->addWidget(m_table);
    split->addWidget(detailColumn);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({600, 400});

    m_status = new ElidedLabel(this);
    m_status->setObjectName(QStringLiteral("reviewStatus"));
    root->addWidget(m_status);

    connect(m_campaign, &QComboBox::currentIndexChanged, this, &ReviewPanel::applyFilters);
    connect(m_state, &QLineEdit::textChanged, this, &ReviewPanel::applyFilters);
    connect(m_useDates, &QCheckBox::toggled, this, &ReviewPanel::applyFilters);
    connect(m_from, &QDateEdit::dateChanged, this, &ReviewPanel::applyFilters);
    connect(m_to, &QDateEdit::dateChanged, this, &ReviewPanel::applyFilters);
    connect(m_flaggedOnly, &QCheckBox::toggled, this, &ReviewPanel::applyFilters);
    connect(m_hideOthers, &QCheckBox::toggled, this, &ReviewPanel::applyFilters);
    setFocusProxy(m_table);
}

void ReviewPanel::connectModel()
{
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ReviewPanel::onCurrentRowChanged);
    auto ensureCurrent = [this] {
        updateCount();
        if (!m_table->currentIndex().isValid() && m_filter->rowCount() > 0 && !m_desk->isEditing())
            m_table->setCurrentIndex(m_filter->index(0, 0));
    };
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, ensureCurrent);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, ensureCurrent);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, ensureCurrent);
    connect(m_filter, &QAbstractItemModel::modelReset, this, ensureCurrent);
    // Someone else changed the event on screen: show the new version (or,
    // while editing, warn that saving will report a conflict).
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &tl, const QModelIndex &br, const QList<int> &roles) {
                const auto &current = m_desk->current();
                if (!current || (!roles.isEmpty() && !roles.contains(ReviewQueueModel::VersionRole)))
                    return;
                const int row = m_model->rowOfEvent(current->id);
                if (row < tl.row() || row > br.row() || m_desk->isBusy(current->id))
                    return;
                const EventRecord *rec = m_model->recordAt(row);
                if (!rec || !m_desk->isOutdatedBy(*rec))
                    return;
                if (m_desk->isEditing()) {
                    setBanner(tr("Someone else changed this event while you edit it. Saving will show what changed."));
                } else {
                    setBanner(tr("This event was just changed by someone else; showing the new version."));
                    loadDetails(current->id);
                }
            });
}

void ReviewPanel::refreshCampaigns()
{
    if (!m_feed)
        return;
    const qint64 selected = m_campaign->currentData().toLongLong();
    QList<QPair<qint64, QString>> items;
    for (const LiveSource::Campaign &c : m_feed->campaigns())
        items.append({c.id, DisplayText::line(c.title, 60)});
    // Rebuilding on every tick would close an open popup; only on change.
    bool same = m_campaign->count() == items.size() + 1;
    for (qsizetype i = 0; same && i < items.size(); ++i)
        same = m_campaign->itemData(int(i) + 1).toLongLong() == items[i].first &&
            m_campaign->itemText(int(i) + 1) == items[i].second;
    if (same)
        return;
    const QSignalBlocker block(m_campaign);
    m_campaign->clear();
    m_campaign->addItem(tr("All campaigns"), qint64(0));
    for (const auto &[id, title] : items)
        m_campaign->addItem(title, id);
    const int idx = m_campaign->findData(selected);
    m_campaign->setCurrentIndex(idx >= 0 ? idx : 0);
}

void ReviewPanel::applyFilters()
{
    m_filter->setCampaignId(m_campaign->currentData().toLongLong());
    m_filter->setUsState(m_state->text());
    m_from->setEnabled(m_useDates->isChecked());
    m_to->setEnabled(m_useDates->isChecked());
    if (m_useDates->isChecked())
        m_filter->setDateRange(m_from->date(), m_to->date());
    else
        m_filter->setDateRange({}, {});
    m_filter->setFlaggedOnly(m_flaggedOnly->isChecked());
    m_filter->setHideClaimedByOthers(m_hideOthers->isChecked());
    updateCount();
}

void ReviewPanel::updateCount()
{
    m_count->setText(tr("%1 waiting, %2 shown").arg(m_model->rowCount()).arg(m_filter->rowCount()));
}

void ReviewPanel::onCurrentRowChanged()
{
    if (m_desk->isEditing())
        return; // the event being edited stays on screen until saved or cancelled
    const QModelIndex src = m_filter->mapToSource(m_table->currentIndex());
    if (!src.isValid()) {
        m_desk->setCurrent(std::nullopt);
        displayEvent(ReviewEvent {});
        displayHistory({});
        updateActions();
        return;
    }
    const ReviewEvent e = m_model->reviewEventAt(src.row());
    if (m_desk->isCurrent(e.id) && m_desk->current()->version >= e.version)
        return;
    m_desk->setCurrent(e);
    setBanner({});
    displayEvent(e);
    displayHistory({});
    loadDetails(e.id);
    updateActions();
}

void ReviewPanel::loadDetails(qint64 id)
{
    // A read-only source has no review log or details beyond its rows.
    if (m_desk->isReadOnly())
        return;
    const int gen = m_desk->beginLoad();
    m_service->loadEvent(
        id,
        [this, id, gen](const std::optional<ReviewEvent> &e, const QList<ReviewLogEntry> &log, const QString &error) {
            if (!m_desk->isLatestLoad(gen, id))
                return; // the reviewer has moved on
            if (!error.isEmpty()) {
                setStatus(tr("Could not load event #%1: %2").arg(id).arg(error));
                return;
            }
            if (!e) {
                setStatus(tr("Event #%1 no longer exists.").arg(id));
                return;
            }
            if (m_desk->isEditing())
                return; // never replace what the reviewer is typing
            m_desk->setCurrent(*e);
            m_model->applyClaim(e->id, e->claimedBy, e->claimedUntil, e->version);
            displayEvent(*e);
            displayHistory(log);
            updateActions();
        });
}

void ReviewPanel::displayEvent(const ReviewEvent &e)
{
    //: heading: the event's number and title
    m_heading->setText(e.id ? tr("#%1  %2").arg(e.id).arg(e.title) : tr("No event selected"));
    QStringList state;
    if (e.id) {
        state << EventRecord::approvalLabel(e.approval);
        if (e.flagged)
            state << tr("flagged", "review state of the event");
        if (e.isClaimActive())
            state << (e.claimedBy == m_service->reviewerName()
                          ? tr("claimed by you until %1").arg(when(e.claimedUntil))
                          : tr("claimed by %1 until %2").arg(e.claimedBy, when(e.claimedUntil)));
        if (!e.reviewedBy.isEmpty())
            state << tr("last reviewed by %1 %2").arg(e.reviewedBy, when(e.reviewedAt));
        if (e.createdAt.isValid())
            state << tr("submitted %1").arg(when(e.createdAt));
    }
    m_reviewState->setText(state.join(QStringLiteral(" \u00b7 ")));
    m_title->setText(e.title);
    m_title->setCursorPosition(0);
    QTimeZone zone(e.timezone.toUtf8());
    if (!zone.isValid())
        zone = QTimeZone::systemTimeZone();
    m_starts->setTimeZone(zone);
    m_starts->setDateTime(e.startsAt.isValid() ? e.startsAt.toTimeZone(zone) : QDateTime::currentDateTime());
    m_ends->setText(e.endsAt.isValid() ? QLocale().toString(e.endsAt.toTimeZone(zone), QLocale::ShortFormat)
                                       : QString());
    m_venue->setText(e.venue);
    m_address->setText(e.address);
    m_city->setText(e.city);
    m_usState->setText(e.state);
    m_zip->setText(e.postalCode);
    m_capacity->setValue(e.capacity);
    for (QLineEdit *l : {m_venue, m_address, m_city})
        l->setCursorPosition(0);
    QStringList host;
    for (const QString &s : {e.hostName, e.hostEmail, e.hostPhone})
        if (!s.isEmpty())
            host << s;
    m_host->setText(host.join(QStringLiteral(" \u00b7 ")));
    m_description->setPlainText(e.hasDetails ? e.description : QString());
}

void ReviewPanel::displayHistory(const QList<ReviewLogEntry> &entries)
{
    m_log->clear();
    for (const ReviewLogEntry &l : entries) {
        //: review log line: when, who, what they did
        QString line =
            tr("%1  %2  %3").arg(when(l.at), DisplayText::line(l.actor, 40), ConflictDialog::actionLabel(l.action));
        if (l.result == QLatin1String("conflict"))
            line += tr(" (refused: changed meanwhile)");
        if (!l.note.isEmpty())
            line += QStringLiteral(" \u2014 ") + DisplayText::line(l.note, 200);
        auto *item = new QListWidgetItem(line, m_log);
        if (!l.note.isEmpty())
            item->setToolTip(DisplayText::tooltip(l.note));
    }
}

void ReviewPanel::setStatus(const QString &text)
{
    m_status->setText(text);
    Q_EMIT statusMessage(text);
}

QPalette ReviewPanel::bannerPalette(const QPalette &window)
{
    QPalette p = window;
    const bool dark = window.color(QPalette::Window).lightness() < 128;
    // WCAG contrast of text on background: light 7.2:1, dark 8.7:1.
    p.setColor(QPalette::Window, dark ? QColor(0x4A, 0x3B, 0x0E) : QColor(255, 243, 205));
    p.setColor(QPalette::WindowText, dark ? QColor(0xFF, 0xE3, 0x9A) : QColor(102, 77, 3));
    return p;
}

void ReviewPanel::changeEvent(QEvent *event)
{
    // The scheme can change while the console runs (the desktop's, or
    // --color-scheme at the next start): the banner follows the window.
    if (event->type() == QEvent::PaletteChange && m_banner)
        m_banner->setPalette(bannerPalette(palette()));
    QWidget::changeEvent(event);
}

void ReviewPanel::setBanner(const QString &text)
{
    // On a read-only source the reason stays up whenever nothing else is.
    const QString shown = text.isEmpty() ? m_desk->readOnlyReason() : text;
    m_banner->setText(shown);
    m_banner->setVisible(!shown.isEmpty());
}

bool ReviewPanel::canDecide() const
{
    return m_desk->canDecide();
}

void ReviewPanel::updateActions()
{
    const auto &current = m_desk->current();
    const bool editing = m_desk->isEditing();
    const bool have = current && current->id != 0;
    const bool writable = !m_desk->isReadOnly();
    const bool idle = have && !m_desk->isBusy(current->id) && writable;
    for (QAction *a : {m_actNext, m_actPrev, m_actExport})
        a->setEnabled(!editing);
    m_actBulk->setEnabled(!editing && writable);
    for (QAction *a : {m_actClaim, m_actApprove, m_actReject, m_actFlag, m_actEdit})
        a->setEnabled(!editing && idle);
    m_actNote->setEnabled(!editing && have && writable);
    // Only events that have a page elsewhere (a Mobilize mirror's browser_url).
    m_actOpen->setVisible(m_desk->isReadOnly());
    m_actOpen->setEnabled(have && !current->browserUrl.isEmpty());
    for (QAction *a : {m_actSaveApprove, m_actSave, m_actCancel})
        a->setEnabled(editing && idle);
    m_actFlag->setText(have && current->flagged ? tr("Unflag [F]")
                                                : tr("Flag [F]", "button: mark the event for a second look"));
}

void ReviewPanel::restoreFocus()
{
    activateWindow();
    if (m_desk->isEditing())
        m_title->setFocus();
    else
        m_table->setFocus();
}

void ReviewPanel::moveBy(int delta)
{
    const int n = m_filter->rowCount();
    if (n == 0)
        return;
    const QModelIndex cur = m_table->currentIndex();
    const int row = cur.isValid() ? std::clamp(cur.row() + delta, 0, n - 1) : 0;
    const QModelIndex next = m_filter->index(row, 0);
    m_table->selectionModel()->setCurrentIndex(next, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(next);
}

void ReviewPanel::selectNext()
{
    moveBy(1);
}

void ReviewPanel::selectPrevious()
{
    moveBy(-1);
}

void ReviewPanel::advanceAfterDecision(qint64 decidedId)
{
    // The decided row stays until the feed reports it; step past it now so
    // the reviewer can go on without waiting for the round trip.
    const QModelIndex cur = m_table->currentIndex();
    if (!cur.isValid() || cur.data(ReviewQueueModel::EventIdRole).toLongLong() != decidedId)
        return;
    if (cur.row() + 1 < m_filter->rowCount())
        moveBy(1);
    else if (cur.row() > 0)
        moveBy(-1);
}

void ReviewPanel::keyPressEvent(QKeyEvent *event)
{
    if (!m_desk->isEditing() && event->modifiers() == Qt::NoModifier) {
        if (event->key() == Qt::Key_Down) {
            selectNext();
            return;
        }
        if (event->key() == Qt::Key_Up) {
            selectPrevious();
            return;
        }
    }
    QWidget::keyPressEvent(event);
}

void ReviewPanel::onWriteDone(const ReviewOutcome &o, bool decision)
{
    m_desk->markDone(o.targetId);
    const bool isCurrent = m_desk->isCurrent(o.targetId);
    switch (o.status) {
    case ReviewOutcome::Status::Ok:
        setStatus(tr("Saved: %1 of #%2.").arg(ConflictDialog::actionLabel(o.action)).arg(o.targetId));
        if (isCurrent && o.current && !m_desk->isEditing()) {
            m_desk->setCurrent(*o.current);
            displayEvent(*o.current);
            loadDetails(o.targetId); // the log has a new line
        }
        if (decision && m_feed)
            m_feed->pollNow();
        break;
    case ReviewOutcome::Status::Conflict:
        setStatus(tr("Not saved: #%1 changed meanwhile.").arg(o.targetId));
        if (o.conflict)
            showConflicts({*o.conflict}, m_desk->isEditing() && isCurrent);
        break;
    case ReviewOutcome::Status::Error: setStatus(ReviewDeskController::refusalText(o)); break;
    }
    updateActions();
}

void ReviewPanel::showConflicts(const QList<ReviewConflict> &conflicts, bool offerKeepMine)
{
    if (conflicts.isEmpty())
        return;
    auto *dlg = new ConflictDialog(conflicts, offerKeepMine, this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setWindowModality(Qt::WindowModal);
    const qint64 id = conflicts.front().targetId;
    connect(dlg, &QDialog::finished, this, [this, id](int result) {
        if (result == ConflictDialog::KeepMine && m_desk->isEditing() && m_desk->isCurrent(id)) {
            // The reviewer has seen the other change and chose their edits;
            // the next save is checked against the version they just saw.
            m_service->loadEvent(
                id, [this, id](const std::optional<ReviewEvent> &e, const QList<ReviewLogEntry> &, const QString &) {
                    if (e && m_desk->isEditing() && m_desk->isCurrent(id)) {
                        m_desk->setCurrent(*e);
                        setBanner(tr("Your edits are kept; saving now replaces the other change."));
                    }
                });
        } else if (result == QDialog::Accepted) {
            if (m_desk->isEditing())
                setEditing(false);
            if (m_desk->isCurrent(id))
                loadDetails(id);
            setBanner({});
        }
        restoreFocus();
    });
    dlg->open();
}

void ReviewPanel::claimCurrent()
{
    if (!canDecide() || m_desk->isEditing())
        return;
    const ReviewEvent seen = *m_desk->current();
    m_service->claim(seen.id, [this, seen](const ReviewService::Claim &c) {
        m_model->applyClaim(c.eventId, c.holder, c.until, c.version);
        if (!c.error.isEmpty()) {
            setStatus(tr("Could not claim #%1: %2").arg(c.eventId).arg(c.error));
            return;
        }
        if (!c.won) {
            setStatus(c.holder.isEmpty() ? tr("#%1 is no longer waiting for review.").arg(c.eventId)
                                         : tr("#%1 is claimed by %2 until %3.")
                                               .arg(c.eventId)
                                               .arg(DisplayText::line(c.holder, 60), when(c.until)));
            return;
        }
        setStatus(tr("You hold #%1 until %2.").arg(c.eventId).arg(when(c.until)));
        if (m_desk->isCurrent(c.eventId)) {
            // Otherwise the reviewer must see the other change first.
            if (!m_desk->recordClaim(seen, c.holder, c.until, c.version) && !m_desk->isEditing())
                loadDetails(c.eventId);
            if (!m_desk->isEditing())
                displayEvent(*m_desk->current());
        }
    });
}

void ReviewPanel::approveCurrent()
{
    if (!canDecide() || m_desk->isEditing())
        return;
    const ReviewEvent seen = *m_desk->current();
    m_desk->markBusy(seen.id);
    setStatus(tr("Approving #%1\u2026").arg(seen.id));
    m_service->approve(seen, {}, [this](const ReviewOutcome &o) { onWriteDone(o, true); });
    advanceAfterDecision(seen.id);
    updateActions();
}

void ReviewPanel::rejectCurrent()
{
    if (!canDecide() || m_desk->isEditing())
        return;
    const ReviewEvent seen = *m_desk->current();
    auto *dlg = new RejectDialog(seen.title, this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setWindowModality(Qt::WindowModal);
    connect(dlg, &QDialog::accepted, this, [this, dlg, seen] {
        const QString message = dlg->message();
        m_desk->markBusy(seen.id);
        setStatus(tr("Rejecting #%1\u2026").arg(seen.id));
        m_service->reject(seen, message, [this](const ReviewOutcome &o) { onWriteDone(o, true); });
        advanceAfterDecision(seen.id);
        updateActions();
    });
    connect(dlg, &QDialog::finished, this, &ReviewPanel::restoreFocus);
    dlg->open();
}

void ReviewPanel::toggleFlagCurrent()
{
    if (!canDecide() || m_desk->isEditing())
        return;
    const ReviewEvent seen = *m_desk->current();
    m_desk->markBusy(seen.id);
    m_service->setFlagged(seen, !seen.flagged, {}, [this](const ReviewOutcome &o) { onWriteDone(o, false); });
    updateActions();
}

void ReviewPanel::editCurrent()
{
    if (!canDecide() || m_desk->isEditing())
        return;
    const ReviewEvent &e = *m_desk->current();
    if (e.claimedBy != m_desk->reviewerName() || !e.isClaimActive())
        claimCurrent();
    setEditing(true);
}

void ReviewPanel::setEditing(bool on)
{
    m_desk->setEditing(on);
    for (QLineEdit *l : {m_title, m_venue, m_address, m_city, m_usState, m_zip})
        l->setReadOnly(!on);
    m_starts->setReadOnly(!on);
    m_capacity->setReadOnly(!on);
    m_description->setReadOnly(!on || !(m_desk->current() && m_desk->current()->hasDetails));
    m_table->setEnabled(!on);
    m_editButtons->setVisible(on);
    if (on) {
        setStatus(tr("Editing #%1: Ctrl+Enter saves and approves, Ctrl+S saves, Esc cancels.").arg(currentEventId()));
        m_title->setFocus();
        m_title->selectAll();
    } else {
        setBanner({});
        m_table->setFocus();
    }
    updateActions();
}

ReviewEvent ReviewPanel::editedEvent() const
{
    const ReviewEvent &shown = *m_desk->current();
    ReviewEvent e = shown;
    e.title = m_title->text().trimmed();
    e.venue = m_venue->text().trimmed();
    e.address = m_address->text().trimmed();
    e.city = m_city->text().trimmed();
    e.state = m_usState->text().trimmed().toUpper();
    e.postalCode = m_zip->text().trimmed();
    e.capacity = m_capacity->value();
    if (e.hasDetails)
        e.description = m_description->toPlainText();
    const QDateTime starts = m_starts->dateTime().toUTC();
    // Minutes are what the editor shows; seconds must not count as an edit.
    if (shown.startsAt.isValid() && starts.secsTo(shown.startsAt.toUTC()) / 60 == 0)
        return e;
    if (shown.endsAt.isValid() && shown.startsAt.isValid())
        e.endsAt = shown.endsAt.addSecs(shown.startsAt.secsTo(starts));
    e.startsAt = starts;
    return e;
}

void ReviewPanel::save(bool approve)
{
    if (!m_desk->isEditing() || !m_desk->canDecide())
        return;
    const ReviewEvent seen = *m_desk->current();
    const ReviewEvent edited = editedEvent();
    if (const QString problem = ReviewDeskController::checkEdits(edited); !problem.isEmpty()) {
        setStatus(problem);
        return;
    }
    m_desk->markBusy(seen.id);
    updateActions();
    m_service->saveEdits(seen, edited, approve, [this, approve, id = seen.id](const ReviewOutcome &o) {
        const bool stillEditing = m_desk->isEditing() && m_desk->isCurrent(id);
        if (o.ok() && stillEditing) {
            if (o.current)
                m_desk->setCurrent(*o.current);
            setEditing(false);
            if (approve) {
                // The table was frozen while editing; sync to its current row
                // before stepping past the decided one.
                onWriteDone(o, true);
                advanceAfterDecision(id);
                onCurrentRowChanged();
                return;
            }
            displayEvent(*m_desk->current());
        }
        onWriteDone(o, approve);
    });
}

void ReviewPanel::saveAndApprove()
{
    save(true);
}

void ReviewPanel::saveEdits()
{
    save(false);
}

void ReviewPanel::cancelEdit()
{
    if (!m_desk->isEditing())
        return;
    setEditing(false);
    if (m_desk->current())
        displayEvent(*m_desk->current());
    setStatus(tr("Edit cancelled."));
    onCurrentRowChanged();
}

void ReviewPanel::bulkApproveSelection()
{
    if (m_desk->isEditing())
        return;
    QList<ReviewEvent> seen;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows()) {
        const QModelIndex src = m_filter->mapToSource(i);
        ReviewEvent e = m_model->reviewEventAt(src.row());
        if (m_desk->isCurrent(e.id) && m_desk->current()->version >= e.version)
            e = *m_desk->current();
        if (e.id && !m_desk->isBusy(e.id))
            seen << e;
    }
    if (seen.isEmpty()) {
        setStatus(tr("Select events first (Shift+click or Ctrl+click in the queue)."));
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, tr("Approve selected events"),
                                tr("Approve %n selected event(s)?", nullptr, int(seen.size())),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setTextFormat(Qt::PlainText);
    box->setDefaultButton(QMessageBox::Yes);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    connect(box, &QMessageBox::finished, this, [this, box, seen](int) {
        const bool yes = box->clickedButton() == box->button(QMessageBox::Yes);
        restoreFocus();
        if (!yes)
            return;
        for (const ReviewEvent &e : seen)
            m_desk->markBusy(e.id);
        updateActions();
        setStatus(tr("Approving %n event(s)\u2026", nullptr, int(seen.size())));
        m_service->bulkApprove(seen, [this, seen](const ReviewOutcome &o) {
            for (const ReviewEvent &e : seen)
                m_desk->markDone(e.id);
            if (o.status == ReviewOutcome::Status::Error) {
                setStatus(tr("Bulk approval failed, nothing was approved: %1").arg(o.error));
            } else {
                setStatus(tr("Approved %1 of %2; %3 changed meanwhile and were left alone.")
                              .arg(o.succeeded.size())
                              .arg(seen.size())
                              .arg(o.conflicts.size()));
                if (m_feed)
                    m_feed->pollNow();
                showConflicts(o.conflicts, false);
            }
            updateActions();
        });
    });
    box->open();
}

void ReviewPanel::openInBrowser()
{
    const auto &current = m_desk->current();
    if (!current || current->browserUrl.isEmpty())
        return;
    // Only web pages: a mirror's text is untrusted, and a file: or custom
    // scheme must not launch anything on this machine.
    const QUrl url(current->browserUrl, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
        setStatus(tr("#%1 has no web address to open.").arg(current->id));
        return;
    }
    QDesktopServices::openUrl(url);
}

void ReviewPanel::focusNote()
{
    if (!m_desk->current())
        return;
    m_note->setFocus();
}

void ReviewPanel::addNote()
{
    const QString text = m_note->text().trimmed();
    if (text.isEmpty() || !m_desk->current()) {
        m_table->setFocus();
        return;
    }
    const qint64 id = m_desk->currentEventId();
    m_service->addNote(id, text, [this, id](const ReviewOutcome &o) {
        if (o.ok()) {
            setStatus(tr("Note saved on #%1.").arg(id));
            if (m_desk->isCurrent(id) && !m_desk->isEditing())
                loadDetails(id);
        } else {
            setStatus(tr("Could not save the note: %1").arg(o.error));
        }
    });
    m_note->clear();
    m_table->setFocus();
}

bool ReviewPanel::exportCsv(const QString &path, QString *error)
{
    // Machine-readable, not translated: the header names stay the same in
    // every language (see ReviewQueueModel::ExportRole), as do the cells.
    QStringList header {QStringLiteral("ID")};
    header += CsvExport::headers(m_filter, ReviewQueueModel::ExportRole);
    header << QStringLiteral("Flagged") << QStringLiteral("Campaign ID");
    QList<QStringList> rows = CsvExport::snapshot(m_filter, ReviewQueueModel::ExportRole);
    for (int r = 0; r < rows.size(); ++r) {
        const QModelIndex i = m_filter->index(r, 0);
        rows[r].prepend(QString::number(i.data(ReviewQueueModel::EventIdRole).toLongLong()));
        rows[r] << (i.data(ReviewQueueModel::FlaggedRole).toBool() ? QStringLiteral("yes") : QStringLiteral("no"))
                << QString::number(i.data(ReviewQueueModel::CampaignIdRole).toLongLong());
    }
    QString err;
    const bool ok = CsvExport::write(this, path, header, rows, &err);
    setStatus(ok ? tr("Exported %n event(s) to %1.", nullptr, int(rows.size())).arg(QDir::toNativeSeparators(path))
                 : tr("Export failed: %1").arg(err));
    if (error)
        *error = err;
    return ok;
}

void ReviewPanel::exportCsvInteractive()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export review queue"),
        QDir::home().filePath(QStringLiteral("review-queue-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate))),
        tr("CSV files (*.csv)"));
    restoreFocus();
    if (!path.isEmpty())
        exportCsv(path);
}

} // namespace oc

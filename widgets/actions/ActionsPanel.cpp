#include "ActionsPanel.h"

#include "ActionsController.h"
#include "BlastDialog.h"
#include "BlastService.h"
#include "CampaignLauncher.h"
#include "ConfirmActionDialog.h"
#include "ConsoleSession.h"
#include "LiveSource.h"
#include "LogCategories.h"
#include "PendingApprovalsModel.h"
#include "SiteFlipper.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTableView>
#include <QVBoxLayout>

namespace oc {

namespace {

// Mnemonics avoid the main window's Alt+letter panel toggles (A, C, E, H, R, T, Y).
QPushButton *actionButton(const QString &text, const QString &accessible, const QKeySequence &shortcut, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    // The wallboard test asserts no control carrying this exists there.
    b->setProperty("ocAction", true);
    b->setAccessibleName(accessible);
    if (!shortcut.isEmpty()) {
        b->setShortcut(shortcut);
        b->setToolTip(QStringLiteral("%1 (%2)").arg(accessible, shortcut.toString(QKeySequence::NativeText)));
    }
    return b;
}

QString channelName(const QString &c)
{
    return c == QLatin1String("sms") ? ActionsPanel::tr("SMS") : ActionsPanel::tr("email");
}

QString preview(const QString &message)
{
    const QString m = message.simplified();
    return m.size() > 160 ? m.left(160) + QChar(0x2026) : m;
}

} // namespace

ActionsPanel::ActionsPanel(ConsoleSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("actionsPanel"));
    setAccessibleName(tr("Actions"));
    // The services and the rules live in the session's ActionsController;
    // this panel shows its state and forwards the user's clicks.
    m_controller = session->actions();
    m_api = m_controller->api();
    m_permissions = m_controller->permissions();
    m_launcher = m_controller->launcher();
    m_flipper = m_controller->flipper();
    m_blasts = m_controller->blasts();
    m_approvals = m_controller->approvals();

    auto *l = new QVBoxLayout(this);
    m_roleLabel = new QLabel(this);
    m_roleLabel->setWordWrap(true);
    l->addWidget(m_roleLabel);

    // Campaign
    auto *campaignBox = new QGroupBox(tr("Campaign"), this);
    auto *cl = new QVBoxLayout(campaignBox);
    auto *crow = new QHBoxLayout;
    m_campaign = new QComboBox(campaignBox);
    m_campaign->setAccessibleName(tr("Campaign"));
    m_campaign->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_campaign->setMinimumContentsLength(16);
    crow->addWidget(m_campaign, 1);
    m_campaignStatus = new QLabel(campaignBox);
    crow->addWidget(m_campaignStatus);
    cl->addLayout(crow);
    m_launch = actionButton(tr("&Launch campaign…"), tr("Launch campaign"),
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L), campaignBox);
    cl->addWidget(m_launch);
    l->addWidget(campaignBox);

    // Public site
    auto *siteBox = new QGroupBox(tr("Public site"), this);
    auto *sl = new QVBoxLayout(siteBox);
    m_siteLabel = new QLabel(siteBox);
    m_siteLabel->setWordWrap(true);
    sl->addWidget(m_siteLabel);
    auto *srow = new QHBoxLayout;
    m_flipStatic = actionButton(tr("Flip to &static"), tr("Flip to static"),
                                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), siteBox);
    m_flipDynamic = actionButton(tr("Flip back to &dynamic"), tr("Flip back to dynamic"),
                                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D), siteBox);
    srow->addWidget(m_flipStatic);
    srow->addWidget(m_flipDynamic);
    sl->addLayout(srow);
    m_progress = new QProgressBar(siteBox);
    m_progress->setAccessibleName(tr("Flip progress"));
    m_progress->setVisible(false);
    sl->addWidget(m_progress);
    l->addWidget(siteBox);

    // Blasts
    auto *blastBox = new QGroupBox(tr("Blasts"), this);
    auto *bl = new QVBoxLayout(blastBox);
    m_blast = actionButton(tr("Trigger &blast…"), tr("Trigger blast"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B),
                           blastBox);
    bl->addWidget(m_blast);
    m_blastStatus = new QLabel(blastBox);
    m_blastStatus->setWordWrap(true);
    m_blastStatus->setTextFormat(Qt::PlainText);
    m_blastStatus->setAccessibleName(tr("Blast status"));
    bl->addWidget(m_blastStatus);
    auto *brow = new QHBoxLayout;
    m_retry = actionButton(tr("Retry &now"), tr("Retry blast with the same key"), {}, blastBox);
    m_cancelBlast = actionButton(tr("Cancel blast…"), tr("Cancel blast"), {}, blastBox);
    brow->addWidget(m_retry);
    brow->addWidget(m_cancelBlast);
    brow->addStretch(1);
    bl->addLayout(brow);
    l->addWidget(blastBox);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setAccessibleName(tr("Action status"));
    m_status->setMinimumHeight(m_status->fontMetrics().lineSpacing() * 3);
    m_status->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    l->addWidget(m_status);

    // Everything above is the panel's minimum height, so launch, flip and
    // blast are never scrolled away; the approvals list below scrolls when
    // a laptop screen leaves it little room.
    auto *more = new QScrollArea(this);
    more->setWidgetResizable(true);
    more->setFrameShape(QFrame::NoFrame);
    more->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *moreBox = new QWidget(more);
    auto *ml = new QVBoxLayout(moreBox);
    ml->setContentsMargins(0, 0, 0, 0);
    more->setWidget(moreBox);
    more->setMinimumHeight(fontMetrics().lineSpacing() * 4);
    l->addWidget(more, 1);

    // Approvals
    auto *apBox = new QGroupBox(tr("Waiting for a second operator"), moreBox);
    auto *al = new QVBoxLayout(apBox);
    m_approvalsView = new QTableView(apBox);
    m_approvalsView->setModel(m_approvals);
    m_approvalsView->setAccessibleName(tr("Blasts waiting for approval"));
    m_approvalsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_approvalsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_approvalsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_approvalsView->verticalHeader()->hide();
    m_approvalsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_approvalsView->horizontalHeader()->setStretchLastSection(true);
    m_approvalsView->setMinimumHeight(90);
    al->addWidget(m_approvalsView);
    auto *arow = new QHBoxLayout;
    m_approve = actionButton(tr("A&pprove…"), tr("Approve blast"), {}, apBox);
    m_decline = actionButton(tr("Decl&ine…"), tr("Decline blast"), {}, apBox);
    arow->addWidget(m_approve);
    arow->addWidget(m_decline);
    arow->addStretch(1);
    al->addLayout(arow);
    ml->addWidget(apBox, 1);

    connect(m_launch, &QPushButton::clicked, this, &ActionsPanel::askLaunch);
    connect(m_flipStatic, &QPushButton::clicked, this, &ActionsPanel::askFlipStatic);
    connect(m_flipDynamic, &QPushButton::clicked, this, &ActionsPanel::askFlipDynamic);
    connect(m_blast, &QPushButton::clicked, this, &ActionsPanel::openBlastDialog);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        if (!currentBlast().isNull()) {
            showStatus(tr("Retrying with the same idempotency key…"), false);
            m_blasts->retry(currentBlast());
        }
    });
    connect(m_cancelBlast, &QPushButton::clicked, this, &ActionsPanel::askCancelBlast);
    connect(m_approve, &QPushButton::clicked, this, &ActionsPanel::askApprove);
    connect(m_decline, &QPushButton::clicked, this, &ActionsPanel::askDecline);
    connect(m_approvalsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_controller->setSelectedApproval(selectedApprovalRow()); });
    connect(m_approvals, &PendingApprovalsModel::countChanged, this, [apBox](int n) {
        apBox->setTitle(n > 0 ? tr("Waiting for a second operator (%1)").arg(n) : tr("Waiting for a second operator"));
    });
    connect(m_controller, &ActionsController::enablementChanged, this, &ActionsPanel::updateControls);
    connect(m_launcher, &CampaignLauncher::progress, this, [this](const QString &t) { showStatus(t, false); });
    connect(m_launcher, &CampaignLauncher::finished, this,
            [this](bool ok, const QString &message) { showStatus(message, !ok); });
    connect(m_flipper, &SiteFlipper::modeChanged, this, &ActionsPanel::updateSiteMode);
    connect(m_flipper, &SiteFlipper::progress, this, [this](int step, int steps, const QString &text) {
        m_progress->setVisible(true);
        m_progress->setRange(0, steps);
        m_progress->setValue(step);
        m_progress->setFormat(text);
        showStatus(text, false);
    });
    connect(m_flipper, &SiteFlipper::finished, this, [this](bool ok, const QString &message) {
        m_progress->setValue(ok ? m_progress->maximum() : m_progress->value());
        m_progress->setVisible(false);
        showStatus(message, !ok);
    });
    connect(m_blasts, &BlastService::rejected, this, [this](const QString &m) { showStatus(m, true); });
    connect(m_blasts, &BlastService::intentRecorded, this, [this](const BlastRecord &b) {
        m_controller->setCurrentBlast(b.key);
        showBlast(b);
        showStatus(b.state() == BlastRecord::State::PendingApproval
                       ? tr("Blast #%1 is recorded and waits for a second operator's approval.").arg(b.id)
                       : tr("Blast #%1 is recorded; sending it to the backend…").arg(b.id),
                   false);
    });
    connect(m_blasts, &BlastService::blastUpdated, this, [this](const BlastRecord &b) {
        if (b.key == currentBlast() || currentBlast().isNull()) {
            m_controller->setCurrentBlast(b.key);
            showBlast(b);
        }
    });
    connect(m_blasts, &BlastService::attemptFailed, this, [this](const QUuid &key, const QString &m) {
        m_controller->setCurrentBlast(key);
        if (const auto b = m_blasts->record(key))
            showBlast(*b);
        showStatus(m, true);
    });
    connect(m_blasts, &BlastService::decisionFinished, this,
            [this](qint64, bool ok, const QString &m) { showStatus(m, !ok); });
    connect(m_blasts, &BlastService::cancelFinished, this,
            [this](const QUuid &, bool ok, const QString &m) { showStatus(m, !ok); });
    connect(m_blasts, &BlastService::resumed, this, [this](int n) {
        if (n > 0)
            showStatus(tr("Resumed %n unfinished blast(s) with their original keys.", nullptr, n), false);
    });

    connect(session->feed(), &LiveSource::campaignsChanged, this, &ActionsPanel::updateCampaigns);
    connect(session->feed(), &LiveSource::updated, this, &ActionsPanel::updateSiteMode);
    connect(m_campaign, &QComboBox::currentIndexChanged, this,
            [this] { m_controller->setSelectedCampaign(m_campaign->currentData().toLongLong()); });

    updateCampaigns();
    updateSiteMode();
    updateControls();
    if (!m_controller->apiUsable() || m_controller->inputs().readOnlySource)
        showStatus(m_controller->disabledReason(), true);
}

ActionsPanel::~ActionsPanel() = default;

QUuid ActionsPanel::currentBlast() const
{
    return m_controller->currentBlast();
}

QString ActionsPanel::statusText() const
{
    return m_status->text();
}

void ActionsPanel::showStatus(const QString &text, bool error)
{
    m_statusIsError = error;
    m_status->setText(text);
    // A darker red on light windows, a lighter one on dark windows: either
    // alone is unreadable on the other scheme.
    const bool darkWindow = palette().color(QPalette::Window).lightness() < 128;
    m_status->setStyleSheet(error ? (darkWindow ? QStringLiteral("color: #ff8a80;") : QStringLiteral("color: #b00020;"))
                                  : QString());
    if (error)
        logcat::actions()->warn("shown to the operator: {}", text.toStdString());
}

void ActionsPanel::showBlast(const BlastRecord &b)
{
    QString status;
    switch (b.state()) {
    case BlastRecord::State::PendingApproval: status = tr("waiting for a second operator"); break;
    case BlastRecord::State::Sent: status = tr("sent to %1").arg(QLocale().toString(b.sentCount)); break;
    case BlastRecord::State::Approved: status = tr("approved by %1").arg(b.approvedBy); break;
    case BlastRecord::State::Queued:
        if (b.remoteId.isEmpty()) {
            status = b.lastError.isEmpty() ? tr("recorded, sending") : tr("recorded, not confirmed by the backend");
            break;
        }
        [[fallthrough]];
    default: status = b.status;
    }
    m_blastStatus->setText(
        tr("Blast #%1 · %2 to %3 · %4")
            .arg(QString::number(b.id), channelName(b.channel), QLocale().toString(b.audienceSize), status));
    updateControls();
}

void ActionsPanel::updateCampaigns()
{
    const qint64 selected = m_campaign->currentData().toLongLong();
    const auto &list = m_session->feed()->campaigns();
    QSignalBlocker block(m_campaign);
    m_campaign->clear();
    for (const LiveSource::Campaign &c : list)
        m_campaign->addItem(c.title, c.id);
    int i = m_campaign->findData(selected);
    if (i < 0 && m_session->feed()->currentCampaign())
        i = m_campaign->findData(m_session->feed()->currentCampaign()->id);
    m_campaign->setCurrentIndex(std::max(0, i));
    m_controller->setSelectedCampaign(m_campaign->currentData().toLongLong());
    updateControls();
}

void ActionsPanel::updateSiteMode()
{
    switch (m_controller->siteMode()) {
    case SiteMode::Static:
        m_siteLabel->setText(tr("Serving the STATIC fallback page. RSVPs are queued and written when you flip back."));
        break;
    case SiteMode::Dynamic: m_siteLabel->setText(tr("Serving the live (dynamic) event finder.")); break;
    case SiteMode::Unknown: m_siteLabel->setText(tr("Site mode unknown.")); break;
    }
    updateControls();
}

void ActionsPanel::updateControls()
{
    const ActionsController::Enablement &e = m_controller->enablement();
    QString roles =
        tr("Operator %1 · database role: %2%3")
            .arg(m_session->operatorName(), m_permissions->roleName(),
                 m_permissions->databaseUser().isEmpty() ? QString()
                                                         : QStringLiteral(" (%1)").arg(m_permissions->databaseUser()));
    if (m_controller->tokenRole() != ActionPermissions::Role::Unknown)
        roles += tr(" · ops-API token: %1").arg(ActionPermissions::name(m_controller->tokenRole()));
    m_roleLabel->setText(roles);
    // Said once, up front, when the roles turn out to disagree.
    if (e.roleMismatch != m_shownMismatch) {
        m_shownMismatch = e.roleMismatch;
        if (!e.roleMismatch.isEmpty())
            showStatus(e.roleMismatch, true);
    }
    const qint64 cid = m_campaign->currentData().toLongLong();
    QString campaignStatus;
    for (const LiveSource::Campaign &c : m_session->feed()->campaigns())
        if (c.id == cid)
            campaignStatus = c.status;
    m_campaignStatus->setText(campaignStatus);

    m_launch->setEnabled(e.launch);
    m_flipStatic->setEnabled(e.flipToStatic);
    m_flipDynamic->setEnabled(e.flipToDynamic);
    m_blast->setEnabled(e.blast);
    m_retry->setVisible(e.retryShown);
    m_retry->setEnabled(e.retry);
    m_cancelBlast->setEnabled(e.cancelBlast);
    m_approve->setEnabled(e.decide);
    m_decline->setEnabled(e.decide);
    m_approve->setToolTip(e.decideHint);
    m_decline->setToolTip(e.decideHint);
    for (QPushButton *b : {m_launch, m_flipStatic, m_flipDynamic, m_blast})
        b->setStatusTip(e.disabledReason);
}

int ActionsPanel::selectedApprovalRow() const
{
    const auto rows = m_approvalsView->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void ActionsPanel::confirm(const QString &title, const QString &heading, const QString &explanation,
                           const QString &confirmText, std::function<void(ConfirmActionDialog *)> onAccept,
                           const QString &reasonLabel)
{
    if (m_dialog)
        m_dialog->reject();
    auto *d = new ConfirmActionDialog(title, heading, explanation, confirmText, this);
    if (!reasonLabel.isEmpty())
        d->addReasonField(reasonLabel);
    d->setAttribute(Qt::WA_DeleteOnClose);
    connect(d, &QDialog::accepted, this, [d, onAccept] { onAccept(d); });
    m_dialog = d;
    d->open();
}

void ActionsPanel::askLaunch()
{
    const qint64 cid = m_campaign->currentData().toLongLong();
    const LiveSource::Campaign *campaign = nullptr;
    for (const LiveSource::Campaign &c : m_session->feed()->campaigns())
        if (c.id == cid)
            campaign = &c;
    if (!campaign)
        return;
    const QString slug = campaign->slug;
    confirm(tr("Launch campaign"), tr("Launch “%1” now?").arg(campaign->title),
            tr("The campaign goes live: hosts can create events, supporters can find them and RSVP, and the backend "
               "starts its launch flow. Expect a surge of traffic within minutes.\n\nThis is recorded in the audit "
               "log as %1 and marked on the charts.")
                .arg(m_session->operatorName()),
            tr("Launch now"), [this, slug](ConfirmActionDialog *) { m_launcher->launch(slug); });
}

void ActionsPanel::askFlipStatic()
{
    // The same "approved upcoming" the snapshot uses, from the live mirror.
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addSecs(-3 * 3600);
    int approved = 0;
    for (const EventRecord &e : m_session->feed()->events())
        approved += e.approval == Approval::Approved && e.startsAt > cutoff ? 1 : 0;
    confirm(tr("Flip to static"), tr("Switch the public site to the static fallback page?"),
            tr("The console builds one static page listing every approved upcoming event (about %1 now) with a ZIP "
               "code search that runs in the visitor's browser, uploads it, and then switches the site over. "
               "Visitors are served throughout; RSVPs made meanwhile are queued and written when you flip back.\n\n"
               "Use this when the live site is failing under load.")
                .arg(QLocale().toString(approved)),
            tr("Flip to static"), [this](ConfirmActionDialog *) { m_flipper->flipToStatic(); });
}

void ActionsPanel::askFlipDynamic()
{
    confirm(tr("Flip back to dynamic"), tr("Switch the public site back to the live event finder?"),
            tr("The site reads the database again for every visitor, and the RSVPs queued while it was static are "
               "written. If the surge is still on, the live site may start failing again."),
            tr("Flip back"), [this](ConfirmActionDialog *) { m_flipper->flipToDynamic(); });
}

void ActionsPanel::openBlastDialog()
{
    if (m_dialog)
        m_dialog->reject();
    m_blasts->loadPolicy();
    auto *d = new BlastDialog(m_blasts, m_session->feed()->campaigns(), m_campaign->currentData().toLongLong(), this);
    d->setAttribute(Qt::WA_DeleteOnClose);
    connect(d, &BlastDialog::sendRequested, this, [this](const BlastRequest &r) {
        showStatus(tr("Recording the blast…"), false);
        m_blasts->send(r);
    });
    m_dialog = d;
    d->open();
}

void ActionsPanel::askCancelBlast()
{
    const auto b = m_blasts->record(currentBlast());
    if (!b)
        return;
    const QUuid key = b->key;
    confirm(tr("Cancel blast"), tr("Cancel blast #%1?").arg(b->id),
            tr("The %1 to %2 recipients will not be sent, if the backend has not started sending it yet.")
                .arg(channelName(b->channel), QLocale().toString(b->audienceSize)),
            tr("Cancel the blast"), [this, key](ConfirmActionDialog *) { m_blasts->cancel(key); });
}

void ActionsPanel::askApprove()
{
    const int row = selectedApprovalRow();
    const BlastRecord *b = m_approvals->blast(row);
    if (!b || !m_approvals->canDecide(row))
        return;
    const qint64 id = b->id;
    confirm(tr("Approve blast"), tr("Approve and send blast #%1?").arg(id),
            tr("This sends the %1 to %2 supporters now. Requested by %3.\n\nMessage: %4")
                .arg(channelName(b->channel), QLocale().toString(b->audienceSize), b->requestedBy, preview(b->message)),
            tr("Approve and send"), [this, id](ConfirmActionDialog *) { m_blasts->approve(id); });
}

void ActionsPanel::askDecline()
{
    const int row = selectedApprovalRow();
    const BlastRecord *b = m_approvals->blast(row);
    if (!b || !m_approvals->canDecide(row))
        return;
    const qint64 id = b->id;
    confirm(
        tr("Decline blast"), tr("Decline blast #%1?").arg(id),
        tr("The %1 to %2 supporters requested by %3 will not be sent. %3 can request a new one.")
            .arg(channelName(b->channel), QLocale().toString(b->audienceSize), b->requestedBy),
        tr("Decline"), [this, id](ConfirmActionDialog *d) { m_blasts->decline(id, d->reason()); },
        tr("Reason (shown to the requester)"));
}

} // namespace oc

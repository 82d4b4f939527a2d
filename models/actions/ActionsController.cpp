#include "ActionsController.h"

#include "ActionAudit.h"
#include "BlastService.h"
#include "CampaignLauncher.h"
#include "DbConnection.h"
#include "LiveSource.h"
#include "LogCategories.h"
#include "OpsApiClient.h"
#include "PendingApprovalsModel.h"
#include "SiteFlipper.h"
#include "StaticSnapshotBuilder.h"

namespace oc {

ActionsController::Enablement ActionsController::evaluate(const Inputs &in)
{
    Enablement e;
    // The database records an action and the backend carries it out: both
    // must let this console operate, or the action fails halfway.
    using Role = ActionPermissions::Role;
    if (in.apiUsable && !in.readOnlySource) {
        if (in.tokenRole == Role::None) {
            e.roleMismatch = tr("The backend does not accept this console's ops-API token, so it would refuse every "
                                "action. Check ORGANIZER_HUB_TOKEN or the token in the connection dialog.");
        } else if (in.tokenRole != Role::Unknown && in.role != Role::Unknown) {
            const bool dbOperates = in.role == Role::Operator, tokenOperates = in.tokenRole == Role::Operator;
            if (dbOperates && !tokenOperates)
                e.roleMismatch =
                    tr("Your database role is operator, but the ops-API token is a %1's: the backend would refuse "
                       "launching, flipping and sending. Use an operator's token (ORGANIZER_HUB_TOKEN, or the token "
                       "in the connection dialog).")
                        .arg(ActionPermissions::name(in.tokenRole));
            else if (!dbOperates && tokenOperates)
                e.roleMismatch =
                    tr("The ops-API token is an operator's, but your database role is %1: launching, flipping and "
                       "sending stay off, because the database would not record them. Log in with an operator's "
                       "database role, or use a token of your own role.")
                        .arg(in.roleName);
        }
    }
    if (in.readOnlySource)
        e.disabledReason = tr("This source is read-only (a Mobilize SQL mirror): launching, flipping and blasts "
                              "record their intent in the hub database, which this console is not connected to.");
    else if (!in.apiUsable)
        e.disabledReason = in.apiProblem;
    else if (in.role == ActionPermissions::Role::Unknown)
        e.disabledReason = tr("Checking what your database role may do…");
    else if (!e.roleMismatch.isEmpty())
        e.disabledReason = e.roleMismatch;
    else if (in.role != ActionPermissions::Role::Operator)
        e.disabledReason =
            tr("Your database role (%1) may not launch, flip or send; ask for an operator login.").arg(in.roleName);
    const bool may = e.disabledReason.isEmpty();

    e.launch = may && in.selectedCampaign && isLaunchable(*in.selectedCampaign) && !in.launching;
    // Unknown mode: offering the flip to static is the safe default on the
    // worst day; the backend says if the site is static already.
    e.flipToStatic = may && !in.flipping && in.siteMode != SiteMode::Static;
    e.flipToDynamic = may && !in.flipping && in.siteMode == SiteMode::Static;
    e.blast = may && in.hasCampaigns;

    const auto &b = in.currentBlast;
    e.retryShown = b && b->awaitsDispatch() && !b->lastError.isEmpty();
    e.retry = may && b && b->awaitsDispatch() && !in.currentBlastBusy;
    e.cancelBlast = may && b && !b->isFinal() && b->state() != BlastRecord::State::Sending;

    e.decide = may && in.approvalSelected && in.approvalDecidable;
    if (!may)
        e.decideHint = e.disabledReason;
    else if (in.approvalSelected && !in.approvalDecidable)
        e.decideHint = tr("You requested this blast; another operator has to decide.");
    return e;
}

ActionsController::ActionsController(DbConnection *writeDb, LiveSource *feed, Settings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_writeDb(writeDb)
    , m_feed(feed)
{
    m_api = new OpsApiClient(m_settings.apiUrl, m_settings.apiToken, this);
    m_api->setActor(m_settings.operatorName);
    m_apiUsable = m_api->isUsable(&m_apiProblem);
    // Writes and the reads they depend on go to the primary.
    m_audit = new ActionAudit(writeDb, m_settings.operatorName, this);
    m_permissions = new ActionPermissions(writeDb, this);
    m_launcher = new CampaignLauncher(m_audit, m_api, this);
    m_builder = new StaticSnapshotBuilder(writeDb, this);
    m_flipper = new SiteFlipper(m_audit, m_api, m_builder, this);
    m_blasts = new BlastService(writeDb, m_api, m_settings.operatorName, this);
    m_approvals = new PendingApprovalsModel(writeDb, m_settings.operatorName, this);

    connect(m_permissions, &ActionPermissions::roleChanged, this, &ActionsController::update);
    connect(m_launcher, &CampaignLauncher::busyChanged, this, &ActionsController::update);
    connect(m_launcher, &CampaignLauncher::finished, this, [this] { m_feed->pollNow(); });
    connect(m_flipper, &SiteFlipper::busyChanged, this, &ActionsController::update);
    connect(m_flipper, &SiteFlipper::modeChanged, this, &ActionsController::update);
    connect(m_flipper, &SiteFlipper::finished, this, [this] { m_feed->pollNow(); });
    connect(m_blasts, &BlastService::busyChanged, this, &ActionsController::update);
    connect(m_blasts, &BlastService::blastUpdated, this, [this] { m_approvals->refresh(); });
    connect(m_blasts, &BlastService::decisionFinished, this, [this] { m_approvals->refresh(); });
    connect(m_approvals, &PendingApprovalsModel::countChanged, this, &ActionsController::update);
    connect(m_approvals, &QAbstractItemModel::dataChanged, this, &ActionsController::update);
    connect(m_feed, &LiveSource::campaignsChanged, this, &ActionsController::update);
    connect(m_feed, &LiveSource::updated, this, &ActionsController::onFeedUpdated);

    connect(writeDb, &DbConnection::connected, this, &ActionsController::onConnected);
    if (writeDb->state() == DbConnection::State::Connected)
        onConnected();
    if (m_apiUsable && m_feed->has(LiveSource::Capability::Writable))
        checkTokenRole();
    m_enablement = evaluate(inputs());
}

void ActionsController::checkTokenRole()
{
    m_api->whoAmI(this, [this](const ApiResult &r) {
        using Role = ActionPermissions::Role;
        Role role = Role::Unknown;
        if (r.ok()) {
            const QString name = r.json.value(QStringLiteral("role")).toString();
            role = name == QLatin1String("operator") ? Role::Operator
                : name == QLatin1String("trainer")   ? Role::Trainer
                : name == QLatin1String("viewer")    ? Role::Viewer
                                                     : Role::Unknown;
        } else if (r.httpStatus == 401) {
            role = Role::None;
        }
        // A backend without whoami (404), or none reachable yet: no verdict,
        // the actions say what the backend answers when they are used.
        logcat::actions()->info("ops-API token role: {}{}", ActionPermissions::name(role).toStdString(),
                                r.ok() ? std::string() : " (" + r.message.toStdString() + ")");
        m_tokenRole = role;
        update();
    });
}

ActionsController::~ActionsController() = default;

void ActionsController::onConnected()
{
    // A read-only source (a Mobilize mirror) has no blasts, policy or
    // approvals to read: asking would only fill the log with errors.
    if (!m_feed->has(LiveSource::Capability::Writable))
        return;
    m_blasts->loadPolicy();
    if (m_started)
        return;
    m_started = true;
    m_approvals->start();
    if (m_apiUsable) {
        m_flipper->refreshMode();
        // A blast recorded before a crash or restart goes out under its own key.
        m_blasts->resumeUnfinished();
    }
}

void ActionsController::onFeedUpdated()
{
    // site_state changed elsewhere (another console, the backend).
    const SiteMode mirrored = parseSiteMode(m_feed->siteMode());
    if (m_apiUsable && !m_flipper->isBusy() && mirrored != SiteMode::Unknown &&
        mirrored != parseSiteMode(m_flipper->mode()))
        m_flipper->refreshMode();
    update();
}

SiteMode ActionsController::siteMode() const
{
    const SiteMode fromFlipper = parseSiteMode(m_flipper->mode());
    return fromFlipper != SiteMode::Unknown ? fromFlipper : parseSiteMode(m_feed->siteMode());
}

ActionsController::Inputs ActionsController::inputs() const
{
    Inputs in;
    in.apiUsable = m_apiUsable;
    in.apiProblem = m_apiProblem;
    in.readOnlySource = !m_feed->has(LiveSource::Capability::Writable);
    in.role = m_permissions->role();
    in.roleName = m_permissions->roleName();
    in.tokenRole = m_tokenRole;
    in.hasCampaigns = !m_feed->campaigns().isEmpty();
    for (const LiveSource::Campaign &c : m_feed->campaigns())
        if (c.id == m_campaignId)
            in.selectedCampaign = parseCampaignStatus(c.status);
    in.launching = m_launcher->isBusy();
    in.siteMode = siteMode();
    in.flipping = m_flipper->isBusy();
    if (!m_currentBlast.isNull()) {
        in.currentBlast = m_blasts->record(m_currentBlast);
        in.currentBlastBusy = in.currentBlast && m_blasts->isBusy(m_currentBlast);
    }
    in.approvalSelected = m_approvalRow >= 0 && m_approvalRow < m_approvals->rowCount();
    in.approvalDecidable = in.approvalSelected && m_approvals->canDecide(m_approvalRow);
    return in;
}

void ActionsController::setSelectedCampaign(qint64 campaignId)
{
    m_campaignId = campaignId;
    update();
}

void ActionsController::setCurrentBlast(const QUuid &key)
{
    m_currentBlast = key;
    update();
}

void ActionsController::setSelectedApproval(int row)
{
    m_approvalRow = row;
    update();
}

void ActionsController::update()
{
    Enablement e = evaluate(inputs());
    if (e == m_enablement)
        return;
    m_enablement = std::move(e);
    Q_EMIT enablementChanged();
}

} // namespace oc

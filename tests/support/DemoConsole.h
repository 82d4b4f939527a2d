#pragma once

#include "ConsoleSession.h"
#include "DemoEnvironment.h"

#include <memory>

class QScreen;

namespace oc {
class MainWindow;
class WallboardWindow;
} // namespace oc

namespace oc::test {

// The console's windows on the demo (the real simulator and a private
// PostgreSQL, as --demo starts them) for the GUI tests on the offscreen
// platform: connected as an operator with an ops-API token, so the actions
// are enabled as an operator sees them, and polling fast so a test waits
// less.
class DemoConsole
{
public:
    template<typename W> struct Opened
    {
        std::unique_ptr<ConsoleSession> session;
        std::unique_ptr<W> window;
    };

    DemoConsole();
    ~DemoConsole();

    // Blocking (a few seconds); QVERIFY2 it with `error`.
    bool start(const DemoEnvironment::Options &options, QString *error);
    const DemoEnvironment &demo() const { return m_demo; }

    // Operator "tester", the demo's ops API, polls every 300 ms / 1 s.
    ConsoleSession::Config operatorConfig() const;
    // The main window, shown and exposed, its session started. On `screen`
    // where a window manager would put it (near its top left corner, at the
    // size the window chooses); without one at 1600x1000.
    Opened<MainWindow> openMainWindow(QScreen *screen = nullptr) const;
    // The wallboard at 1920x1080, shown, its session started (no operator
    // and no ops API: a wallboard reads only).
    Opened<WallboardWindow> openWallboard() const;

private:
    DemoEnvironment m_demo;
};

} // namespace oc::test

#pragma once

#include <QString>

namespace oc::test {

// Settings of this test process's own. Tests run in parallel (and some run
// twice at once, tst_screenfit at two scale factors): under one shared
// application name each would read what another saved, so the name carries
// the process id.
class PrivateSettings
{
public:
    // In initTestCase: QStandardPaths' test mode, the application name
    // `testName`-<pid>, and the settings under it empty.
    static void use(const QString &testName);
    // In cleanupTestCase: the settings file is removed, not left behind per pid.
    static void remove();
};

} // namespace oc::test

#include "PrivateSettings.h"

#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>

namespace oc::test {

void PrivateSettings::use(const QString &testName)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("OrganizerConsoleTest"));
    QCoreApplication::setApplicationName(QStringLiteral("%1-%2").arg(testName).arg(QCoreApplication::applicationPid()));
    QSettings().clear();
}

void PrivateSettings::remove()
{
    QSettings s;
    s.clear();
    s.sync();
    QFile::remove(s.fileName());
}

} // namespace oc::test

#include "ConnectionProfile.h"

#include <QSettings>

namespace oc {

namespace {
const QString kDemoKey = QStringLiteral("connection/demo");
const QString kConninfoKey = QStringLiteral("connection/conninfo");
// Only whether the password is in the keychain; the password itself never
// goes into the settings.
const QString kKeychainKey = QStringLiteral("connection/passwordInKeychain");
} // namespace

ConnectionProfile ConnectionProfile::load(const QSettings &s)
{
    ConnectionProfile p;
    p.demo = s.value(kDemoKey).toBool();
    p.conninfo = s.value(kConninfoKey).toString();
    p.passwordInKeychain = s.value(kKeychainKey).toBool();
    return p;
}

ConnectionProfile ConnectionProfile::load()
{
    return load(QSettings());
}

void ConnectionProfile::save() const
{
    QSettings s;
    s.setValue(kDemoKey, demo);
    if (demo)
        return;
    s.setValue(kConninfoKey, conninfo);
    s.setValue(kKeychainKey, passwordInKeychain);
}

} // namespace oc

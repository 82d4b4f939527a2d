#pragma once

#include <QString>

class QSettings;

namespace oc {

// The connection the user chose in the dialog, remembered for the next
// start: the demo, or a connection string (never with its password) and
// whether the password is in the desktop keychain.
struct ConnectionProfile
{
    bool demo = false;
    QString conninfo;
    bool passwordInKeychain = false;

    bool isEmpty() const { return !demo && conninfo.isEmpty(); }
    static ConnectionProfile load(const QSettings &settings);
    static ConnectionProfile load();
    void save() const;
};

} // namespace oc

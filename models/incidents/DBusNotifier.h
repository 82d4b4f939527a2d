#pragma once

#include "Notifier.h"

#include <QDBusConnection>
#include <QHash>
#include <QObject>

namespace oc {

// Notifier over the freedesktop Desktop Notifications Specification (version
// 1.2, https://specifications.freedesktop.org/notification-spec/latest/):
// org.freedesktop.Notifications.Notify on /org/freedesktop/Notifications of
// the session bus, with the standard hints "urgency" (byte: 1 normal, 2
// critical: a page does not expire by itself), "sound-name" (a name from the
// freedesktop Sound Naming Specification) and "desktop-entry" (the .desktop
// file's id, so the service shows our name and icon). No service on the bus
// (a bare X session, a CI machine) reports `delivered` false and the caller
// falls back to the tray or a beep.
class DBusNotifier : public QObject, public Notifier
{
    Q_OBJECT
public:
    static constexpr const char *kService = "org.freedesktop.Notifications";
    static constexpr const char *kPath = "/org/freedesktop/Notifications";
    static constexpr const char *kInterface = "org.freedesktop.Notifications";
    // Sound Naming Specification: the sound of a message that wants an answer now.
    static constexpr const char *kSoundName = "message-new-instant";

    // `desktopEntry`: the .desktop file's name without ".desktop".
    DBusNotifier(const QDBusConnection &bus, const QString &appName, const QString &desktopEntry,
                 QObject *parent = nullptr);

    void notify(const Message &message, Done done) override;
    void remind(const Message &message, Done done) override;

private:
    void send(const Message &message, quint32 replaces, bool transient, Done done);

    QDBusConnection m_bus;
    QString m_appName;
    QString m_desktopEntry;
    // The service's id of the last notification per key, for replaces_id.
    QHash<qint64, quint32> m_ids;
};

} // namespace oc

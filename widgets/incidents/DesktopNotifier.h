#pragma once

#include "Notifier.h"

#include <QObject>
#include <QPointer>

#include <memory>

class QSystemTrayIcon;

namespace oc {

class IncidentController;
struct Incident;

// Says out loud that an incident needs someone: one desktop notification with
// its sound when a card begins firing (not on every evaluation), and the
// sound again while an unacknowledged page keeps firing. Through the
// notification service (Notifier, by default the freedesktop one over D-Bus);
// where there is none, a tray balloon if the desktop has a tray, and a beep.
class DesktopNotifier : public QObject
{
    Q_OBJECT
public:
    // `notifier` empty: DBusNotifier on the session bus, opened on first use.
    explicit DesktopNotifier(IncidentController *controller, std::unique_ptr<Notifier> notifier = {},
                             QObject *parent = nullptr);
    ~DesktopNotifier() override;

    // The notifier in use (made on the first notification when none was given).
    Notifier *notifier() const { return m_notifier.get(); }
    // Messages no service showed (the tray or a beep did).
    int fallbacks() const { return m_fallbacks; }

    static Notifier::Message messageFor(const Incident &incident, bool reminder);

Q_SIGNALS:
    void fellBack(const QString &summary);

private:
    Notifier *service();
    void fallBack(const Notifier::Message &m, bool showMessage);

    QPointer<IncidentController> m_controller;
    std::unique_ptr<Notifier> m_notifier;
    QSystemTrayIcon *m_tray = nullptr;
    int m_fallbacks = 0;
};

} // namespace oc

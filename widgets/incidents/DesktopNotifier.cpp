#include "DesktopNotifier.h"

#include "DBusNotifier.h"
#include "IncidentCardDelegate.h"
#include "IncidentController.h"
#include "LogCategories.h"

#include <QApplication>
#include <QDBusConnection>
#include <QGuiApplication>
#include <QSystemTrayIcon>

namespace oc {

DesktopNotifier::DesktopNotifier(IncidentController *controller, std::unique_ptr<Notifier> notifier, QObject *parent)
    : QObject(parent)
    , m_controller(controller)
    , m_notifier(std::move(notifier))
{
    connect(controller, &IncidentController::incidentFiring, this, [this](const Incident &incident) {
        const Notifier::Message m = messageFor(incident, false);
        service()->notify(m, [self = QPointer(this), m](bool delivered) {
            if (self && !delivered)
                self->fallBack(m, true);
        });
    });
    connect(controller, &IncidentController::repeatSound, this, [this](const Incident &incident) {
        const Notifier::Message m = messageFor(incident, true);
        service()->remind(m, [self = QPointer(this), m](bool delivered) {
            if (self && !delivered)
                self->fallBack(m, false);
        });
    });
}

DesktopNotifier::~DesktopNotifier() = default;

Notifier *DesktopNotifier::service()
{
    // On first use, not at start: a console that never has an incident never
    // opens the session bus (nor waits for it on a desktop without one).
    if (!m_notifier) {
        // desktop-entry: the .desktop file's id (QGuiApplication::desktopFileName,
        // set by main from installer/package/org.organizerconsole.OrganizerConsole.desktop).
        m_notifier = std::make_unique<DBusNotifier>(QDBusConnection::sessionBus(), tr("Organizer Console"),
                                                    QGuiApplication::desktopFileName());
    }
    return m_notifier.get();
}

Notifier::Message DesktopNotifier::messageFor(const Incident &incident, bool reminder)
{
    Notifier::Message m;
    m.key = incident.id;
    m.urgency = incident.severity == Alert::Severity::Page ? Notifier::Urgency::Critical : Notifier::Urgency::Normal;
    QString title = incident.title;
    if (incident.drill)
        title = tr("DRILL: %1").arg(title);
    m.summary = reminder ? tr("Still firing: %1").arg(title) : title;
    QStringList body;
    if (!incident.runbookStep.isEmpty())
        body << incident.runbookStep;
    body << IncidentCardDelegate::factsText(incident);
    m.body = body.join(QLatin1Char('\n'));
    return m;
}

void DesktopNotifier::fallBack(const Notifier::Message &m, bool showMessage)
{
    ++m_fallbacks;
    if (showMessage && QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(QGuiApplication::windowIcon(), this);
            m_tray->setToolTip(tr("Organizer Console"));
            m_tray->show();
        }
        m_tray->showMessage(m.summary, m.body,
                            m.urgency == Notifier::Urgency::Critical ? QSystemTrayIcon::Critical
                                                                     : QSystemTrayIcon::Information);
    }
    // No notification service played the sound: the desktop's bell does.
    QApplication::beep();
    logcat::ui()->info("incident notice without a notification service: {}", m.summary.toStdString());
    Q_EMIT fellBack(m.summary);
}

} // namespace oc

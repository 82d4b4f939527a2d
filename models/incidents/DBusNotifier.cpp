#include "DBusNotifier.h"

#include "LogCategories.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QMetaObject>
#include <QPointer>
#include <QVariantMap>

namespace oc {

DBusNotifier::DBusNotifier(const QDBusConnection &bus, const QString &appName, const QString &desktopEntry,
                           QObject *parent)
    : QObject(parent)
    , m_bus(bus)
    , m_appName(appName)
    , m_desktopEntry(desktopEntry)
{
}

void DBusNotifier::notify(const Message &message, Done done)
{
    send(message, 0, false, std::move(done));
}

void DBusNotifier::remind(const Message &message, Done done)
{
    // The specification has no "sound only" call; replacing our own earlier
    // popup (replaces_id) plays its sound again without stacking a second one.
    send(message, m_ids.value(message.key), true, std::move(done));
}

void DBusNotifier::send(const Message &message, quint32 replaces, bool transient, Done done)
{
    if (!m_bus.isConnected()) {
        QMetaObject::invokeMethod(this, [done] { done(false); }, Qt::QueuedConnection);
        return;
    }
    QVariantMap hints;
    // "urgency" is a BYTE in the specification; an int would be ignored by
    // strict services.
    hints.insert(QStringLiteral("urgency"), QVariant::fromValue(uchar(message.urgency == Urgency::Critical ? 2 : 1)));
    hints.insert(QStringLiteral("sound-name"), QString::fromLatin1(kSoundName));
    if (!m_desktopEntry.isEmpty())
        hints.insert(QStringLiteral("desktop-entry"), m_desktopEntry);
    if (transient)
        hints.insert(QStringLiteral("transient"), true);

    QDBusMessage call = QDBusMessage::createMethodCall(QString::fromLatin1(kService), QString::fromLatin1(kPath),
                                                       QString::fromLatin1(kInterface), QStringLiteral("Notify"));
    // Notify (STRING app_name, UINT32 replaces_id, STRING app_icon, STRING
    // summary, STRING body, as actions, a{sv} hints, INT32 expire_timeout);
    // -1: the service's own timeout (critical ones stay until dismissed).
    call << m_appName << replaces << QString() << message.summary << message.body << QStringList() << hints
         << qint32(-1);
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call, 5000), this);
    const qint64 key = message.key;
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, key, done] {
        watcher->deleteLater();
        QDBusPendingReply<quint32> reply = *watcher;
        if (reply.isError()) {
            logcat::alerts()->info("no desktop notification ({}: {}); falling back", reply.error().name().toStdString(),
                                   reply.error().message().toStdString());
            done(false);
            return;
        }
        if (key != 0)
            m_ids.insert(key, reply.value());
        done(true);
    });
}

} // namespace oc

// DBusNotifier against a notification service on a private D-Bus session bus
// (issue 15): the Notify call the freedesktop Desktop Notifications
// Specification 1.2 defines, its hints (urgency as a byte, sound-name,
// desktop-entry), a reminder replacing its own popup, and the fallback answer
// when no service owns org.freedesktop.Notifications.

#include "DBusNotifier.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace oc;
using namespace Qt::Literals::StringLiterals;

// The service end, as a notification daemon exposes it.
class FakeNotifications : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Call
    {
        QString app;
        uint replaces = 0;
        QString icon;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
        int timeout = 0;
    };
    QList<Call> calls;
    uint nextId = 41;

public Q_SLOTS:
    uint Notify(const QString &app, uint replaces, const QString &icon, const QString &summary, const QString &body,
                const QStringList &actions, const QVariantMap &hints, int timeout)
    {
        calls << Call {app, replaces, icon, summary, body, actions, hints, timeout};
        return replaces != 0 ? replaces : nextId++;
    }
};

class TestDBusNotifier : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QProcess m_bus;
    QString m_address;
    FakeNotifications m_service;

    std::optional<bool> send(DBusNotifier &n, const Notifier::Message &m, bool reminder)
    {
        std::optional<bool> result;
        auto done = [&result](bool delivered) { result = delivered; };
        if (reminder)
            n.remind(m, done);
        else
            n.notify(m, done);
        // nullopt (a failed comparison) if no answer came.
        (void)QTest::qWaitFor([&result] { return result.has_value(); }, 10000);
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString daemon = QStandardPaths::findExecutable(u"dbus-daemon"_s);
        if (daemon.isEmpty())
            QSKIP("dbus-daemon is not installed");
        // A bus of our own: no service files, so nothing is activated behind
        // the test's back, and the user's session is never touched.
        QFile conf(m_dir.filePath(u"bus.conf"_s));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write(QStringLiteral("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" "
                                  "\"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                                  "<busconfig><type>session</type><listen>unix:dir=%1</listen>"
                                  "<auth>EXTERNAL</auth><policy context=\"default\">"
                                  "<allow send_destination=\"*\" eavesdrop=\"true\"/><allow eavesdrop=\"true\"/>"
                                  "<allow own=\"*\"/></policy></busconfig>\n")
                       .arg(m_dir.path())
                       .toUtf8());
        conf.close();
        m_bus.start(daemon, {u"--config-file=%1"_s.arg(conf.fileName()), u"--nofork"_s, u"--print-address=1"_s});
        QVERIFY(m_bus.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(m_bus.canReadLine(), 10000);
        m_address = QString::fromUtf8(m_bus.readLine()).trimmed();
        QVERIFY2(m_address.startsWith(u"unix:"_s), qPrintable(m_address));
    }

    void cleanupTestCase()
    {
        QDBusConnection::disconnectFromBus(u"service"_s);
        QDBusConnection::disconnectFromBus(u"client"_s);
        if (m_bus.state() != QProcess::NotRunning) {
            m_bus.terminate();
            m_bus.waitForFinished(5000);
        }
    }

    void noServiceFallsBack()
    {
        QDBusConnection client = QDBusConnection::connectToBus(m_address, u"client"_s);
        QVERIFY2(client.isConnected(), qPrintable(client.lastError().message()));
        DBusNotifier n(client, u"Organizer Console"_s, u"org.organizerconsole.OrganizerConsole"_s);
        QCOMPARE(send(n, {u"Site failing"_s, {}, Notifier::Urgency::Critical, 7}, false), std::optional<bool>(false));
        // And without any bus at all.
        DBusNotifier nowhere(QDBusConnection(u"not-connected"_s), u"Organizer Console"_s, {});
        QCOMPARE(send(nowhere, {u"Site failing"_s, {}, Notifier::Urgency::Critical, 7}, false),
                 std::optional<bool>(false));
    }

    void notifiesThroughTheService()
    {
        QDBusConnection service = QDBusConnection::connectToBus(m_address, u"service"_s);
        QVERIFY(service.isConnected());
        QVERIFY(service.registerObject(QString::fromLatin1(DBusNotifier::kPath), &m_service,
                                       QDBusConnection::ExportAllSlots));
        QVERIFY(service.registerService(QString::fromLatin1(DBusNotifier::kService)));

        QDBusConnection client = QDBusConnection::connectToBus(m_address, u"client"_s);
        DBusNotifier n(client, u"Organizer Console"_s, u"org.organizerconsole.OrganizerConsole"_s);
        QCOMPARE(send(n, {u"Site failing"_s, u"Check: open the public site"_s, Notifier::Urgency::Critical, 7}, false),
                 std::optional<bool>(true));
        QCOMPARE(m_service.calls.size(), 1);
        const auto page = m_service.calls.first();
        QCOMPARE(page.app, u"Organizer Console"_s);
        QCOMPARE(page.replaces, 0u);
        QCOMPARE(page.summary, u"Site failing"_s);
        QCOMPARE(page.body, u"Check: open the public site"_s);
        QVERIFY(page.actions.isEmpty());
        QCOMPARE(page.timeout, -1);
        // The specification's types: urgency is a BYTE.
        QCOMPARE(page.hints.value(u"urgency"_s).metaType(), QMetaType::fromType<uchar>());
        QCOMPARE(page.hints.value(u"urgency"_s).value<uchar>(), uchar(2));
        QCOMPARE(page.hints.value(u"sound-name"_s).toString(), u"message-new-instant"_s);
        QCOMPARE(page.hints.value(u"desktop-entry"_s).toString(), u"org.organizerconsole.OrganizerConsole"_s);
        QVERIFY(!page.hints.contains(u"transient"_s));

        // A ticket is of normal urgency.
        QCOMPARE(send(n, {u"Map tiles slow"_s, {}, Notifier::Urgency::Normal, 8}, false), std::optional<bool>(true));
        QCOMPARE(m_service.calls.last().hints.value(u"urgency"_s).value<uchar>(), uchar(1));

        // The reminder replaces the page's own popup (its id), so the sound
        // plays again without a second bubble.
        QCOMPARE(send(n, {u"Still firing: Site failing"_s, {}, Notifier::Urgency::Critical, 7}, true),
                 std::optional<bool>(true));
        const auto again = m_service.calls.last();
        QCOMPARE(again.replaces, 41u);
        QVERIFY(again.hints.value(u"transient"_s).toBool());
        QCOMPARE(again.hints.value(u"sound-name"_s).toString(), u"message-new-instant"_s);
        QCOMPARE(m_service.calls.size(), 3);

        service.unregisterService(QString::fromLatin1(DBusNotifier::kService));
        QCOMPARE(send(n, {u"Site failing"_s, {}, Notifier::Urgency::Critical, 9}, false), std::optional<bool>(false));
    }
};

QTEST_GUILESS_MAIN(TestDBusNotifier)
#include "tst_dbusnotifier.moc"

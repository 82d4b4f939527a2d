#include "KeychainSecretStore.h"

#include "LogCategories.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QPointer>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <iterator>

namespace oc {
namespace {

// Services QtKeychain can use on Linux: the freedesktop Secret Service (GNOME
// Keyring, KeePassXC, recent KWallet) and KWallet's own interface. A method
// call to an activatable name starts the daemon, which is what we want.
const char *const kKeychainServices[] = {"org.freedesktop.secrets", "org.kde.kwalletd6", "org.kde.kwalletd5"};
constexpr int kProbeTimeoutMs = 5000;

SecretStore::Result resultOf(const QKeychain::Job *job, const QString &secret = {})
{
    SecretStore::Result r;
    r.message = job->errorString();
    switch (job->error()) {
    case QKeychain::NoError:
        r.status = SecretStore::Status::Ok;
        r.secret = secret;
        r.message.clear();
        break;
    case QKeychain::EntryNotFound: r.status = SecretStore::Status::NotFound; break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented: r.status = SecretStore::Status::Unavailable; break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser: r.status = SecretStore::Status::Denied; break;
    default: r.status = SecretStore::Status::Failed; break;
    }
    return r;
}

QString noBusMessage()
{
    return KeychainSecretStore::tr("There is no desktop session bus (D-Bus), so there is no keychain to keep the "
                                   "password in. Type it for each session, or use ~/.pgpass.");
}

// Pings the candidate services one after the other; the first that answers
// means a keychain is there.
void probe(QDBusConnection bus, int index, QPointer<QObject> context, SecretStore::AvailabilityCallback done)
{
    if (index >= int(std::size(kKeychainServices))) {
        if (context)
            done(false,
                 KeychainSecretStore::tr("No desktop keychain (GNOME Keyring, KWallet or another Secret "
                                         "Service) is running in this session. Type the password for each "
                                         "session, or use ~/.pgpass."));
        return;
    }
    const QString name = QString::fromLatin1(kKeychainServices[index]);
    const QDBusMessage ping = QDBusMessage::createMethodCall(
        name, QStringLiteral("/"), QStringLiteral("org.freedesktop.DBus.Peer"), QStringLiteral("Ping"));
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(ping, kProbeTimeoutMs));
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, watcher,
                     [bus, index, context, done, name](QDBusPendingCallWatcher *w) {
                         w->deleteLater();
                         if (!context)
                             return;
                         if (!w->isError()) {
                             logcat::secrets()->info("desktop keychain available through {}", name.toStdString());
                             done(true, {});
                             return;
                         }
                         logcat::secrets()->debug("{} does not answer: {}", name.toStdString(),
                                                  w->error().message().toStdString());
                         probe(bus, index + 1, context, done);
                     });
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QObject *parent, const QString &service)
    : SecretStore(parent)
    , m_service(service)
{
}

void KeychainSecretStore::checkAvailable(QObject *context, AvailabilityCallback done)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        logcat::secrets()->info("no desktop keychain: no session bus ({})", bus.lastError().message().toStdString());
        QTimer::singleShot(0, context, [done] { done(false, noBusMessage()); });
        return;
    }
    probe(bus, 0, QPointer<QObject>(context), std::move(done));
}

void KeychainSecretStore::answerLater(QObject *context, Callback done, Result r)
{
    QTimer::singleShot(0, context, [done = std::move(done), r = std::move(r)] { done(r); });
}

void KeychainSecretStore::run(QKeychain::Job *job, const QString &key, QObject *context, Callback done,
                              const char *what)
{
    job->setInsecureFallback(false);
    job->setKey(key);
    QPointer<QObject> ctx(context);
    connect(job, &QKeychain::Job::finished, this, [ctx, done = std::move(done), key, what](QKeychain::Job *j) {
        const auto *rj = qobject_cast<QKeychain::ReadPasswordJob *>(j);
        const Result r = rj ? resultOf(j, rj->textData()) : resultOf(j);
        logcat::secrets()->info("{} '{}': {}", what, key.toStdString(),
                                r.ok() ? std::string("ok") : j->errorString().toStdString());
        if (ctx)
            done(r);
    });
    job->start();
}

void KeychainSecretStore::read(const QString &key, QObject *context, Callback done)
{
    if (!QDBusConnection::sessionBus().isConnected()) {
        answerLater(context, std::move(done), {Status::Unavailable, {}, noBusMessage()});
        return;
    }
    run(new QKeychain::ReadPasswordJob(m_service, this), key, context, std::move(done), "keychain read");
}

void KeychainSecretStore::write(const QString &key, const QString &secret, QObject *context, Callback done)
{
    if (!QDBusConnection::sessionBus().isConnected()) {
        answerLater(context, std::move(done), {Status::Unavailable, {}, noBusMessage()});
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setTextData(secret);
    run(job, key, context, std::move(done), "keychain store");
}

void KeychainSecretStore::remove(const QString &key, QObject *context, Callback done)
{
    if (!QDBusConnection::sessionBus().isConnected()) {
        answerLater(context, std::move(done), {Status::Unavailable, {}, noBusMessage()});
        return;
    }
    run(new QKeychain::DeletePasswordJob(m_service, this), key, context, std::move(done), "keychain remove");
}

} // namespace oc

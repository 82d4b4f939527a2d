#pragma once

#include "SecretStore.h"

namespace QKeychain {
class Job;
}

namespace oc {

// SecretStore in the desktop keychain (Secret Service: GNOME Keyring, KWallet,
// KeePassXC...) through QtKeychain. QtKeychain's plain-text fallback stays off:
// without a keychain, nothing is stored and the caller is told why.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    static constexpr const char *kService = "organizer-console";

    explicit KeychainSecretStore(QObject *parent = nullptr, const QString &service = QString::fromLatin1(kService));

    void checkAvailable(QObject *context, AvailabilityCallback done) override;
    void read(const QString &key, QObject *context, Callback done) override;
    void write(const QString &key, const QString &secret, QObject *context, Callback done) override;
    void remove(const QString &key, QObject *context, Callback done) override;

private:
    // Answers later, from the event loop, as the interface promises.
    void answerLater(QObject *context, Callback done, Result r);
    // Starts a read, write or delete job and answers `done` (if `context` lives).
    void run(QKeychain::Job *job, const QString &key, QObject *context, Callback done, const char *what);

    QString m_service;
};

} // namespace oc

#pragma once

#include "SecretStore.h"

#include <QHash>
#include <QTimer>

namespace oc::test {

// The SecretStore seam for tests that are about what the console does with
// a keychain, not the keychain itself (tests/secrets runs the real one under
// a private GNOME Keyring): an in-memory store that answers later, from the
// event loop, as the interface promises, and counts what it was asked.
class MemorySecretStore : public SecretStore
{
public:
    QHash<QString, QString> secrets;
    bool available = true;
    int reads = 0;
    int writes = 0;

    void checkAvailable(QObject *context, AvailabilityCallback done) override
    {
        QTimer::singleShot(0, context, [this, done] {
            done(available, available ? QString() : QStringLiteral("no keychain in this test"));
        });
    }
    void read(const QString &key, QObject *context, Callback done) override
    {
        ++reads;
        answer(context, done, [this, key] {
            if (!available)
                return Result {Status::Unavailable, {}, QStringLiteral("no keychain in this test")};
            if (!secrets.contains(key))
                return Result {Status::NotFound, {}, QStringLiteral("nothing stored")};
            return Result {Status::Ok, secrets.value(key), {}};
        });
    }
    void write(const QString &key, const QString &secret, QObject *context, Callback done) override
    {
        ++writes;
        answer(context, done, [this, key, secret] {
            if (!available)
                return Result {Status::Unavailable, {}, QStringLiteral("no keychain in this test")};
            secrets.insert(key, secret);
            return Result {Status::Ok, {}, {}};
        });
    }
    void remove(const QString &key, QObject *context, Callback done) override
    {
        answer(context, done, [this, key] {
            return secrets.remove(key) ? Result {Status::Ok, {}, {}} : Result {Status::NotFound, {}, {}};
        });
    }

private:
    template<typename Fn> void answer(QObject *context, const Callback &done, Fn result)
    {
        QTimer::singleShot(0, context, [done, result] { done(result()); });
    }
};

} // namespace oc::test

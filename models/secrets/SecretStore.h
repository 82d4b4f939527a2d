#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace oc {

// Where a database password may be remembered between sessions. Every call is
// asynchronous and answers through the callback, never before it returns: a
// desktop keychain may have to ask the user to unlock it, and the UI thread
// must not wait for that. A callback whose `context` is gone is not called.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    enum class Status {
        Ok,
        NotFound, // nothing stored under that key
        Unavailable, // no keychain in this session (no D-Bus, no Secret Service)
        Denied, // the user or the keychain refused (e.g. unlock cancelled)
        Failed,
    };
    struct Result
    {
        Status status = Status::Failed;
        QString secret; // read: the secret, only when status is Ok
        QString message; // otherwise: why, in words for the user
        bool ok() const { return status == Status::Ok; }
    };
    using Callback = std::function<void(const Result &)>;
    // `why` is a sentence for the user when there is no keychain.
    using AvailabilityCallback = std::function<void(bool available, const QString &why)>;

    explicit SecretStore(QObject *parent = nullptr)
        : QObject(parent)
    {
    }

    virtual void checkAvailable(QObject *context, AvailabilityCallback done) = 0;
    virtual void read(const QString &key, QObject *context, Callback done) = 0;
    virtual void write(const QString &key, const QString &secret, QObject *context, Callback done) = 0;
    virtual void remove(const QString &key, QObject *context, Callback done) = 0;
};

} // namespace oc

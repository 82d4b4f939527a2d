#pragma once

#include "DbError.h"
#include "DbQuery.h"
#include "DbTable.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <variant>
#include <vector>

namespace oc {

// Our seam over the database driver: the UI and the live models talk to this,
// never to libpq. All calls return at once; results arrive on the event loop.
class DbConnection : public QObject
{
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Connected, Backoff };
    Q_ENUM(State)

    // Either the tables of every statement in the batch, or the first error.
    using Outcome = std::variant<std::vector<DbTable>, DbError>;
    using Callback = std::function<void(const Outcome &)>;

    using QObject::QObject;
    ~DbConnection() override = default;

    virtual void open(const QString &conninfo) = 0;
    virtual void close() = 0;
    virtual State state() const = 0;
    virtual QString lastError() const = 0;
    // Whether the server we are connected to is a hot standby.
    virtual bool isStandby() const = 0;
    // Number of batches queued or in flight.
    virtual int pending() const = 0;

    // Runs the statements as one batch in one round trip (pipeline). The
    // callback is dropped if `context` is destroyed first.
    virtual void exec(std::vector<DbQuery> batch, QObject *context, Callback cb) = 0;

    static const DbError *error(const Outcome &o) { return std::get_if<DbError>(&o); }
    static const std::vector<DbTable> *tables(const Outcome &o) { return std::get_if<std::vector<DbTable>>(&o); }

Q_SIGNALS:
    void stateChanged(oc::DbConnection::State state);
    void connected();
    void connectionLost(const QString &reason);
};

} // namespace oc

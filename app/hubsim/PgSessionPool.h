#pragma once

#include "PgSession.h"

#include <QFuture>
#include <QMutex>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>
#include <optional>
#include <type_traits>
#include <vector>

namespace oc::sim {

// A few blocking sessions behind a small thread pool. QHttpServer calls its
// handlers on the main thread, so a handler that waited on libpq would stall
// every other connection; handlers hand the work here and answer when the
// future completes.
class PgSessionPool
{
public:
    // Database failures come back as values: an exception inside a pooled
    // job would surface as QUnhandledException and lose the SQLSTATE.
    template<typename T> struct Outcome
    {
        std::optional<T> value;
        DbError error;
        bool ok() const { return value.has_value(); }
    };

    explicit PgSessionPool(QString conninfo, int size = 4,
                           QString applicationName = QStringLiteral("organizer-hubsim-http"));
    ~PgSessionPool();
    PgSessionPool(const PgSessionPool &) = delete;
    PgSessionPool &operator=(const PgSessionPool &) = delete;

    const QString &conninfo() const { return m_conninfo; }

    // `fn(PgSession &)` runs on a pool thread and must return a value (not void).
    template<typename Fn> auto run(Fn fn) -> QFuture<Outcome<std::invoke_result_t<Fn &, PgSession &>>>
    {
        using T = std::invoke_result_t<Fn &, PgSession &>;
        return QtConcurrent::run(&m_threads, [this, fn = std::move(fn)]() mutable {
            Outcome<T> out;
            std::unique_ptr<PgSession> s;
            try {
                s = acquire();
                out.value.emplace(fn(*s));
            } catch (const DbException &e) {
                out.error = e.error;
            }
            release(std::move(s), out.error);
            return out;
        });
    }

    // Blocks until every queued job has finished.
    void waitForDone() { m_threads.waitForDone(); }

private:
    std::unique_ptr<PgSession> acquire();
    void release(std::unique_ptr<PgSession> s, const DbError &error);

    QString m_conninfo;
    QString m_applicationName;
    QMutex m_mutex;
    std::vector<std::unique_ptr<PgSession>> m_idle;
    QThreadPool m_threads;
};

} // namespace oc::sim

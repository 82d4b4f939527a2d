#pragma once

#include "SourceDetector.h"

#include <QObject>

#include <memory>

namespace oc {

class PgAsyncConnection;

// Looks at a database once, before the session starts, to tell which live
// source it can feed (--source auto): the hub schema, a Mobilize SQL
// mirror, or neither. Asynchronous like every connection; the caller runs
// the event loop meanwhile. A database that cannot be reached yet is not a
// verdict: `reached` is false and the console starts as it always has,
// reconnecting by itself.
class SourceProbe : public QObject
{
    Q_OBJECT
public:
    explicit SourceProbe(QObject *parent = nullptr);
    ~SourceProbe() override;

    void start(const QString &conninfo);

Q_SIGNALS:
    void finished(bool reached, const oc::SourceDetector::Result &result, const QString &error);

private:
    std::unique_ptr<PgAsyncConnection> m_conn;
};

} // namespace oc

#pragma once

#include "HostInfo.h"
#include "ReviewOutcome.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace oc {

class DbConnection;
class HostQueueFilter;
class HostTrainingModel;
class HostTrainingService;
class LiveSource;

// Host training below the widgets: the hosts queue (model and filter), the
// service that records prep status and contacts under the console's one
// operator name, the host on screen, whether a write is in flight, and what
// a refusal means. HostTrainingPanel presents this.
class HostTrainingController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)
public:
    HostTrainingController(DbConnection *db, LiveSource *feed, const QString &operatorName = {},
                           QObject *parent = nullptr);
    ~HostTrainingController() override;

    HostTrainingService *service() const { return m_service; }
    HostTrainingModel *model() const { return m_model; }
    HostQueueFilter *filter() const { return m_filter; }

    const std::optional<HostInfo> &current() const { return m_current; }
    bool isCurrent(qint64 hostId) const { return m_current && m_current->id == hostId; }
    void setCurrent(std::optional<HostInfo> h) { m_current = std::move(h); }

    // One write at a time: prep status and contact notes are short and the
    // next one should see the last one's read-back.
    bool isBusy() const { return m_busy; }
    void setBusy(bool busy);
    bool canWrite() const { return m_current && !m_busy; }

    int beginLoad() { return ++m_loadGeneration; }
    bool isLatestLoad(int generation, qint64 hostId) const
    {
        return generation == m_loadGeneration && isCurrent(hostId);
    }

    static QString refusalText(const ReviewOutcome &o);
    // Host training lives in the hub's tables; on a read-only source (a
    // Mobilize mirror) there is nothing to track here, and this says why.
    QString unavailableReason() const { return m_unavailable; }

Q_SIGNALS:
    void busyChanged(bool busy);

private:
    QPointer<DbConnection> m_db;
    HostTrainingService *m_service;
    HostTrainingModel *m_model;
    HostQueueFilter *m_filter;
    std::optional<HostInfo> m_current;
    bool m_busy = false;
    int m_loadGeneration = 0;
    QString m_unavailable;
};

} // namespace oc

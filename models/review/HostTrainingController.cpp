#include "HostTrainingController.h"

#include "DbConnection.h"
#include "HostQueueFilter.h"
#include "HostTrainingModel.h"
#include "HostTrainingService.h"
#include "LiveSource.h"

namespace oc {

HostTrainingController::HostTrainingController(DbConnection *db, LiveSource *feed, const QString &operatorName,
                                               QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_service(new HostTrainingService(db, this))
    , m_model(new HostTrainingModel(db, feed, this))
    , m_filter(new HostQueueFilter(this))
{
    m_filter->setSourceModel(m_model);
    m_service->setOperatorName(operatorName);
    if (feed && !feed->has(LiveSource::Capability::Writable)) {
        m_unavailable = tr("Host training is tracked in the campaign hub's database; this source (a Mobilize SQL "
                           "mirror) has no hosts to train.");
        return;
    }
    connect(m_service, &HostTrainingService::hostRead, m_model, &HostTrainingModel::applyHost);
    if (m_db)
        connect(m_db, &DbConnection::connected, m_model, &HostTrainingModel::pollNow);
    m_model->start();
}

HostTrainingController::~HostTrainingController() = default;

void HostTrainingController::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

QString HostTrainingController::refusalText(const ReviewOutcome &o)
{
    if (o.refusedByRole())
        return tr("Not saved: your database role may not update hosts (ask for the trainer role).");
    return tr("Could not save host #%1: %2").arg(o.targetId).arg(o.error);
}

} // namespace oc

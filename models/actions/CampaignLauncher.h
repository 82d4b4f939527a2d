#pragma once

#include <QJsonObject>
#include <QObject>
#include <QPointer>

namespace oc {

class ActionAudit;
class OpsApiClient;

// Launch: record the intent (which needs UPDATE on campaigns, so only an
// operator's intent is accepted), ask the backend to launch, record the
// outcome. The backend's launch is idempotent, so launching a live campaign
// again is harmless.
class CampaignLauncher : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)
public:
    CampaignLauncher(ActionAudit *audit, OpsApiClient *api, QObject *parent = nullptr);

    bool isBusy() const { return m_busy; }
    // Ignored while a launch is in flight (a double-click launches once).
    void launch(const QString &slug);

Q_SIGNALS:
    void busyChanged(bool busy);
    void progress(const QString &text);
    // `campaign` is the backend's answer (slug, status, previous_status, ...).
    void finished(bool ok, const QString &message, const QJsonObject &campaign);

private:
    void setBusy(bool b);
    void fail(const QString &slug, const QString &message, qint64 intentId);

    QPointer<ActionAudit> m_audit;
    QPointer<OpsApiClient> m_api;
    bool m_busy = false;
};

} // namespace oc

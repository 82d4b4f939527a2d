#include "CampaignLauncher.h"

#include "ActionAudit.h"
#include "LogCategories.h"
#include "OpsApiClient.h"

namespace oc {

CampaignLauncher::CampaignLauncher(ActionAudit *audit, OpsApiClient *api, QObject *parent)
    : QObject(parent)
    , m_audit(audit)
    , m_api(api)
{
}

void CampaignLauncher::setBusy(bool b)
{
    if (b == m_busy)
        return;
    m_busy = b;
    Q_EMIT busyChanged(b);
}

void CampaignLauncher::fail(const QString &slug, const QString &message, qint64 intentId)
{
    if (intentId > 0 && m_audit)
        m_audit->outcome(QStringLiteral("launch"), QStringLiteral("campaign"), slug, {},
                         ActionAudit::errorResult(message), intentId);
    setBusy(false);
    Q_EMIT finished(false, message, {});
}

void CampaignLauncher::launch(const QString &slug)
{
    if (m_busy) {
        logcat::actions()->info("launch {}: already in progress, ignored", slug.toStdString());
        return;
    }
    if (!m_audit || !m_api)
        return;
    setBusy(true);
    Q_EMIT progress(tr("Recording the launch in the audit log…"));
    // FOR UPDATE needs UPDATE on campaigns: a role that may not launch cannot
    // record the intent, and without an intent we never call the backend.
    DbQuery guard = DbQuery("SELECT id, status::text FROM campaigns WHERE slug = $1 FOR UPDATE").bind(slug);
    m_audit->intent(
        QStringLiteral("launch"), QStringLiteral("campaign"), slug, {{QStringLiteral("slug"), slug}}, {guard}, this,
        [this, slug](qint64 intentId, const DbError *e) {
            if (e) {
                fail(slug,
                     e->isPermissionDenied()
                         ? tr("Your database role may not launch campaigns (operators only). Nothing was done.")
                         : tr("The launch could not be recorded in the audit log, so nothing was done: %1")
                               .arg(e->message),
                     0);
                return;
            }
            Q_EMIT progress(tr("Asking the backend to launch %1…").arg(slug));
            m_api->launchCampaign(slug, this, [this, slug, intentId](const ApiResult &r) {
                if (!r.ok()) {
                    fail(slug, tr("Launching %1 failed. %2").arg(slug, r.message), intentId);
                    return;
                }
                const QString status = r.json.value(QStringLiteral("status")).toString();
                const QString previous = r.json.value(QStringLiteral("previous_status")).toString();
                const QString detail = previous.isEmpty() || previous == status
                    ? status
                    : QStringLiteral("%1 (was %2)").arg(status, previous);
                m_audit->outcome(QStringLiteral("launch"), QStringLiteral("campaign"), slug,
                                 {{QStringLiteral("status"), status}, {QStringLiteral("previous_status"), previous}},
                                 ActionAudit::okResult(detail), intentId);
                setBusy(false);
                Q_EMIT finished(true,
                                previous == QLatin1String("live")
                                    ? tr("%1 was already live; the backend confirmed it.").arg(slug)
                                    : tr("%1 is live.").arg(slug),
                                r.json);
            });
        });
}

} // namespace oc

#include "SiteFlipper.h"

#include "ActionAudit.h"
#include "Log.h"
#include "OpsApiClient.h"
#include "StaticSnapshotBuilder.h"

#include <QJsonArray>

namespace oc {

namespace {

const QString kStatic = QStringLiteral("static");
const QString kDynamic = QStringLiteral("dynamic");

// Needs UPDATE on site_state: only a role allowed to flip can record the intent.
DbQuery guard()
{
    return DbQuery("SELECT site FROM site_state FOR UPDATE");
}

} // namespace

SiteFlipper::SiteFlipper(ActionAudit *audit, OpsApiClient *api, StaticSnapshotBuilder *builder, QObject *parent)
    : QObject(parent)
    , m_audit(audit)
    , m_api(api)
    , m_builder(builder)
{
}

void SiteFlipper::setBusy(bool b)
{
    if (b == m_busy)
        return;
    m_busy = b;
    Q_EMIT busyChanged(b);
}

void SiteFlipper::setMode(const QString &m)
{
    if (m == m_mode)
        return;
    m_mode = m;
    Q_EMIT modeChanged(m);
}

void SiteFlipper::refreshMode()
{
    if (!m_api)
        return;
    m_api->getSite(this, [this](const ApiResult &r) {
        if (!r.ok())
            return;
        m_snapshotId = r.json.value(QStringLiteral("snapshot_id")).toString();
        setMode(r.json.value(QStringLiteral("mode")).toString());
    });
}

void SiteFlipper::fail(const QString &action, const QString &message, qint64 intentId)
{
    if (intentId > 0 && m_audit)
        m_audit->outcome(action, QStringLiteral("site"), QString(), {}, ActionAudit::errorResult(message), intentId);
    setBusy(false);
    Q_EMIT finished(false, message);
}

void SiteFlipper::flipToStatic()
{
    if (m_busy || !m_audit || !m_api || !m_builder)
        return;
    setBusy(true);
    Q_EMIT progress(1, kStaticSteps, tr("Recording the flip in the audit log…"));
    m_audit->intent(QStringLiteral("flip_static"), QStringLiteral("site"), QString(), {}, {guard()}, this,
                    [this](qint64 intentId, const DbError *e) {
                        if (e) {
                            fail(QStringLiteral("flip_static"),
                                 e->isPermissionDenied()
                                     ? tr("Your database role may not switch the public site (operators only). "
                                          "Nothing was changed.")
                                     : tr("The flip could not be recorded in the audit log, so nothing was changed: %1")
                                           .arg(e->message),
                                 0);
                            return;
                        }
                        upload(intentId);
                    });
}

void SiteFlipper::upload(qint64 intentId)
{
    Q_EMIT progress(2, kStaticSteps, tr("Building the static page from the database…"));
    m_builder->build(this, [this, intentId](const std::optional<StaticSnapshot> &snap, const QString &error) {
        if (!snap) {
            fail(QStringLiteral("flip_static"), tr("The static page could not be built: %1").arg(error), intentId);
            return;
        }
        const int count = int(snap->events.size());
        Q_EMIT progress(
            3, kStaticSteps,
            tr("Uploading the static page (%n events, %1 KB)…", nullptr, count).arg(snap->html.size() / 1024));
        m_api->uploadSnapshot(snap->events, snap->html, this, [this, intentId, count](const ApiResult &r) {
            if (!r.ok()) {
                fail(QStringLiteral("flip_static"),
                     tr("Uploading the static page failed; the site was not switched. %1").arg(r.message), intentId);
                return;
            }
            const QString id = r.json.value(QStringLiteral("snapshot_id")).toString();
            const int stored = r.json.value(QStringLiteral("event_count")).toInt(-1);
            if (id.isEmpty() || stored != count) {
                fail(QStringLiteral("flip_static"),
                     tr("The backend did not confirm the static page (it holds %1 of %2 events); the site was not "
                        "switched.")
                         .arg(stored)
                         .arg(count),
                     intentId);
                return;
            }
            switchToStatic(intentId, id, count);
        });
    });
}

void SiteFlipper::switchToStatic(qint64 intentId, const QString &snapshotId, int eventCount)
{
    Q_EMIT progress(4, kStaticSteps, tr("Switching the public site to the static page…"));
    m_api->setSiteMode(kStatic, snapshotId, this, [this, intentId, snapshotId, eventCount](const ApiResult &r) {
        if (!r.ok()) {
            fail(QStringLiteral("flip_static"), tr("Switching to the static page failed. %1").arg(r.message), intentId);
            return;
        }
        Q_EMIT progress(5, kStaticSteps, tr("Confirming…"));
        const QString mode = r.json.value(QStringLiteral("mode")).toString();
        const QString served = r.json.value(QStringLiteral("snapshot_id")).toString();
        if (mode != kStatic || served != snapshotId) {
            fail(QStringLiteral("flip_static"),
                 tr("The backend reports mode \"%1\" with snapshot \"%2\" after the switch; expected the static "
                    "snapshot %3.")
                     .arg(mode, served, snapshotId),
                 intentId);
            return;
        }
        m_snapshotId = snapshotId;
        setMode(kStatic);
        m_audit->outcome(QStringLiteral("flip_static"), QStringLiteral("site"), QString(),
                         {{QStringLiteral("snapshot_id"), snapshotId}, {QStringLiteral("event_count"), eventCount}},
                         ActionAudit::okResult(tr("static, %n events", nullptr, eventCount)), intentId);
        setBusy(false);
        Q_EMIT finished(true, tr("The public site now serves the static page (%n events).", nullptr, eventCount));
    });
}

void SiteFlipper::flipToDynamic()
{
    if (m_busy || !m_audit || !m_api)
        return;
    setBusy(true);
    Q_EMIT progress(1, kDynamicSteps, tr("Recording the flip back in the audit log…"));
    m_audit->intent(
        QStringLiteral("flip_dynamic"), QStringLiteral("site"), QString(), {}, {guard()}, this,
        [this](qint64 intentId, const DbError *e) {
            if (e) {
                fail(
                    QStringLiteral("flip_dynamic"),
                    e->isPermissionDenied()
                        ? tr("Your database role may not switch the public site (operators only). Nothing was changed.")
                        : tr("The flip could not be recorded in the audit log, so nothing was changed: %1")
                              .arg(e->message),
                    0);
                return;
            }
            Q_EMIT progress(2, kDynamicSteps, tr("Switching the public site back to dynamic…"));
            m_api->setSiteMode(kDynamic, QString(), this, [this, intentId](const ApiResult &r) {
                if (!r.ok()) {
                    fail(QStringLiteral("flip_dynamic"), tr("Switching back to dynamic failed. %1").arg(r.message),
                         intentId);
                    return;
                }
                const QString mode = r.json.value(QStringLiteral("mode")).toString();
                if (mode != kDynamic) {
                    fail(QStringLiteral("flip_dynamic"),
                         tr("The backend reports mode \"%1\" after the switch back.").arg(mode), intentId);
                    return;
                }
                const int pending = r.json.value(QStringLiteral("pending_rsvps")).toInt();
                setMode(kDynamic);
                m_audit->outcome(QStringLiteral("flip_dynamic"), QStringLiteral("site"), QString(),
                                 {{QStringLiteral("pending_rsvps"), pending}}, ActionAudit::okResult(kDynamic),
                                 intentId);
                setBusy(false);
                Q_EMIT finished(true,
                                pending > 0 ? tr("The public site is dynamic again; %n RSVPs taken while static are "
                                                 "being written.",
                                                 nullptr, pending)
                                            : tr("The public site is dynamic again."));
            });
        });
}

} // namespace oc

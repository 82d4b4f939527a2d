#include "ActionsRemedyRunner.h"

#include "ActionsController.h"
#include "BlastService.h"
#include "CampaignLauncher.h"
#include "LiveSource.h"
#include "SiteFlipper.h"

#include <QJsonObject>
#include <QTimer>

#include <memory>

namespace oc {

ActionsRemedyRunner::ActionsRemedyRunner(ActionsController *actions, LiveSource *source, QObject *parent)
    : QObject(parent)
    , m_actions(actions)
    , m_source(source)
{
}

QString ActionsRemedyRunner::unavailableReason(const QString &remedyId) const
{
    if (remedyId.isEmpty())
        return tr("This rule has no one-click remedy; follow the runbook step.");
    if (!m_actions)
        return tr("The one-click actions are not available in this console.");
    const auto &e = m_actions->enablement();
    const QString why = e.disabledReason.isEmpty() ? tr("not possible right now") : e.disabledReason;
    if (remedyId == u"flip-to-static")
        return e.flipToStatic ? QString() : why;
    if (remedyId == u"flip-to-live")
        return e.flipToDynamic ? QString() : why;
    if (remedyId == u"cancel-blast")
        return e.cancelBlast ? QString() : tr("No blast that can be cancelled is selected.");
    if (remedyId == u"launch")
        return e.launch ? QString() : why;
    return tr("Unknown remedy \"%1\".").arg(remedyId);
}

void ActionsRemedyRunner::run(const QString &remedyId, Done done)
{
    const QString why = unavailableReason(remedyId);
    if (!why.isEmpty()) {
        QTimer::singleShot(0, this, [done, why] { done(false, tr("refused: %1").arg(why)); });
        return;
    }
    // One connection per run, dropped after its first answer, so `done` is
    // called exactly once even if the user also clicks the panel's button.
    auto conn = std::make_shared<QMetaObject::Connection>();
    auto finish = [conn, done](bool ok, const QString &message) {
        QObject::disconnect(*conn);
        done(ok, ok ? (message.isEmpty() ? tr("ok") : tr("ok: %1").arg(message)) : tr("failed: %1").arg(message));
    };
    if (remedyId == u"flip-to-static" || remedyId == u"flip-to-live") {
        auto *flipper = m_actions->flipper();
        *conn = connect(flipper, &SiteFlipper::finished, this, finish);
        if (remedyId == u"flip-to-static")
            flipper->flipToStatic();
        else
            flipper->flipToDynamic();
    } else if (remedyId == u"cancel-blast") {
        auto *blasts = m_actions->blasts();
        const QUuid key = m_actions->currentBlast();
        *conn = connect(blasts, &BlastService::cancelFinished, this,
                        [finish, key](const QUuid &k, bool ok, const QString &message) {
                            if (k == key)
                                finish(ok, message);
                        });
        blasts->cancel(key);
    } else if (remedyId == u"launch") {
        auto *launcher = m_actions->launcher();
        *conn = connect(launcher, &CampaignLauncher::finished, this,
                        [finish](bool ok, const QString &message, const QJsonObject &) { finish(ok, message); });
        // The campaign the actions panel has in hand, else the live one.
        QString slug;
        if (m_source) {
            for (const auto &c : m_source->campaigns())
                if (c.id == m_actions->selectedCampaign())
                    slug = c.slug;
            if (slug.isEmpty())
                if (const auto *c = m_source->currentCampaign())
                    slug = c->slug;
        }
        launcher->launch(slug);
    }
}

} // namespace oc

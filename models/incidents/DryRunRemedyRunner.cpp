#include "DryRunRemedyRunner.h"

#include "LogCategories.h"

#include <QTimer>

namespace oc {

QString DryRunRemedyRunner::unavailableReason(const QString &remedyId) const
{
    return remedyId.isEmpty() ? tr("This rule has no one-click remedy; follow the runbook step.") : QString();
}

void DryRunRemedyRunner::run(const QString &remedyId, Done done)
{
    m_ran << remedyId;
    logcat::alerts()->info("drill: remedy {} recorded as a dry run", remedyId.toStdString());
    Q_EMIT ranRemedy(remedyId);
    QTimer::singleShot(0, this, [done] { done(true, tr("dry run (drill): nothing was sent")); });
}

} // namespace oc

#pragma once

#include "RemedyRunner.h"

#include <QObject>
#include <QPointer>

namespace oc {

class ActionsController;
class LiveSource;

// Remedies through the console's own one-click actions, so a remedy from an
// incident card goes through exactly the same checks, audit and
// exactly-once machinery as the button in the actions panel.
class ActionsRemedyRunner : public QObject, public RemedyRunner
{
    Q_OBJECT
public:
    ActionsRemedyRunner(ActionsController *actions, LiveSource *source, QObject *parent = nullptr);

    QString unavailableReason(const QString &remedyId) const override;
    void run(const QString &remedyId, Done done) override;

private:
    QPointer<ActionsController> m_actions;
    QPointer<LiveSource> m_source;
};

} // namespace oc

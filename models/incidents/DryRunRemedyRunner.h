#pragma once

#include "RemedyRunner.h"

#include <QObject>
#include <QStringList>

namespace oc {

// A drill on a real database: remedies are recorded, never run. Nothing here
// can reach the network, which is what lets a team rehearse on the day's
// real database without touching the real site.
class DryRunRemedyRunner : public QObject, public RemedyRunner
{
    Q_OBJECT
public:
    using QObject::QObject;

    QString unavailableReason(const QString &remedyId) const override;
    void run(const QString &remedyId, Done done) override;
    // What a drill would have done, in order.
    const QStringList &ran() const { return m_ran; }

Q_SIGNALS:
    void ranRemedy(const QString &remedyId);

private:
    QStringList m_ran;
};

} // namespace oc

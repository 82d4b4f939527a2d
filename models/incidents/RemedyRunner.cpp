#include "RemedyRunner.h"

#include <QCoreApplication>

namespace oc {

QString RemedyRunner::label(const QString &remedyId)
{
    if (remedyId == u"flip-to-static")
        return QCoreApplication::translate("oc::RemedyRunner", "Flip the site to static");
    if (remedyId == u"flip-to-live")
        return QCoreApplication::translate("oc::RemedyRunner", "Flip the site back to live");
    if (remedyId == u"cancel-blast")
        return QCoreApplication::translate("oc::RemedyRunner", "Cancel the blast");
    if (remedyId == u"launch")
        return QCoreApplication::translate("oc::RemedyRunner", "Launch the campaign");
    return {};
}

} // namespace oc

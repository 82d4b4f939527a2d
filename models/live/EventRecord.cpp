#include "EventRecord.h"

#include <QCoreApplication>

namespace oc {

Approval EventRecord::approvalFromDb(const QByteArray &s)
{
    if (s == "approved")
        return Approval::Approved;
    if (s == "rejected")
        return Approval::Rejected;
    if (s == "cancelled")
        return Approval::Cancelled;
    return Approval::NeedsApproval;
}

QString EventRecord::approvalLabel(Approval a)
{
    switch (a) {
    case Approval::NeedsApproval: return QCoreApplication::translate("oc", "Needs review");
    case Approval::Approved: return QCoreApplication::translate("oc", "Approved");
    case Approval::Rejected: return QCoreApplication::translate("oc", "Rejected");
    case Approval::Cancelled: return QCoreApplication::translate("oc", "Cancelled");
    }
    return {};
}

QString EventRecord::markerStateLabel(MarkerState s)
{
    switch (s) {
    case MarkerState::NeedsReview: return QCoreApplication::translate("oc", "Needs review");
    case MarkerState::Approved: return QCoreApplication::translate("oc", "Approved");
    case MarkerState::Full: return QCoreApplication::translate("oc", "Full");
    case MarkerState::Cancelled: return QCoreApplication::translate("oc", "Cancelled / rejected");
    }
    return {};
}

} // namespace oc

#pragma once

#include <QJsonObject>
#include <QString>
#include <QUuid>

namespace oc {

// What the operator asked for in the blast dialog. The key is made once per
// dialog, so every click, retry and resume of this request carries the same
// one.
struct BlastRequest
{
    QUuid key;
    qint64 campaignId = 0;
    QString channel = QStringLiteral("email"); // "email" or "sms"
    double radiusMiles = 25; // around any approved upcoming event
    QString message;
    qint64 audienceSize = 0; // the live count the operator confirmed

    // Stored in blasts.audience and sent to the backend as is.
    QJsonObject audience() const
    {
        return {{QStringLiteral("kind"), QStringLiteral("near_approved_events_not_rsvped")},
                {QStringLiteral("radius_miles"), radiusMiles},
                {QStringLiteral("opted_in"), channel}};
    }
};

} // namespace oc

#pragma once

#include <QDateTime>
#include <QString>

namespace oc {

// One line of an event's or host's review log (a row of audit_log).
struct ReviewLogEntry
{
    qint64 id = 0;
    QDateTime at;
    QString actor;
    QString action; // e.g. "review.approve", "host.contact"
    QString phase; // intent / outcome / note
    QString result; // ok / conflict / ...
    QString note; // params->>'note' or the rejection message
    QString paramsJson;
    int toVersion = 0; // params->>'to_version', 0 if none
};

} // namespace oc

#pragma once

#include <QList>
#include <QString>
#include <QUrl>

namespace oc {

// One vendor the console watches: its Statuspage summary.json and any of its
// endpoints whose answers carry rate-limit headers. Either URL may be empty.
struct VendorEndpoint
{
    QString name; // the metric ids use it: vendor.<name>.status, vendor.<name>.quota_used
    QUrl statusUrl;
    QUrl quotaUrl;
    qint64 intervalMs = 60000;

    bool operator==(const VendorEndpoint &) const = default;
};

} // namespace oc

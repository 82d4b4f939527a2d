#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QList>

namespace oc {

// The static fallback: every approved upcoming event as JSON (the shape of
// the site's /events.json entries) and one self-contained HTML page.
struct StaticSnapshot
{
    QJsonArray events;
    QByteArray html;
    QList<qint64> eventIds; // in page order
    QDateTime generatedAt;
    int exactZips = 0; // 5-digit ZIPs embedded for the in-page search
    int zipAreas = 0; // 3-digit ZIP areas embedded as the fallback
};

} // namespace oc

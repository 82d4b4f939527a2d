#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QList>

namespace oc {

// The static fallback: every approved upcoming event as JSON (the shape of
// the site's /events.json entries) and the first page a visitor loads, which
// lists the soonest of them and fetches the rest from /events.json.
struct StaticSnapshot
{
    QJsonArray events;
    QByteArray html;
    QList<qint64> eventIds; // in page order
    QDateTime generatedAt;
};

} // namespace oc

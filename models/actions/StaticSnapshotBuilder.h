#pragma once

#include "DbConnection.h"
#include "StaticSnapshot.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace oc {

class ZipDirectory;

// Builds the static fallback from the database: the same "approved upcoming"
// definition the dynamic site uses, read in one statement (one snapshot of
// the data), rendered off the UI thread.
//
// The page needs nothing from the network: its ZIP search runs in the
// browser against an embedded ZIP -> location table restricted to ZIPs near
// an event (plus 3-digit ZIP-area centroids as a coarse fallback), so the
// page stays small. All event text is HTML-escaped and none of it reaches
// the script; a Content-Security-Policy with hashes of our own script and
// style keeps even a missed escape from running anything.
class StaticSnapshotBuilder : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        double exactZipRadiusMiles = 30; // embed 5-digit ZIPs this close to an event
        int maxExactZips = 6000; // nearest first when there are more
        QString title; // page heading; empty = "Find an event near you"
    };
    using Done = std::function<void(const std::optional<StaticSnapshot> &snapshot, const QString &error)>;

    explicit StaticSnapshotBuilder(DbConnection *db, QObject *parent = nullptr);

    void setOptions(const Options &o) { m_options = o; }
    const Options &options() const { return m_options; }

    void build(QObject *context, Done done);

    // The statement build() runs: id, title, starts_at (UTC ISO), timezone,
    // venue, address, city, state, postal_code, latitude, longitude.
    static DbQuery eventsQuery();
    // Pure and thread-safe: the snapshot for rows of eventsQuery().
    static StaticSnapshot fromTable(const DbTable &rows, const ZipDirectory &zips, const Options &o,
                                    const QDateTime &generatedAt);
    static QString escapeHtml(const QString &text);

private:
    QPointer<DbConnection> m_db;
    Options m_options;
};

} // namespace oc

#pragma once

#include "DbConnection.h"
#include "StaticSnapshot.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace oc {

// Builds the static fallback from the database: the same "approved upcoming"
// definition the dynamic site uses, read in one statement (one snapshot of
// the data), rendered off the UI thread.
//
// The page needs nothing from another origin and is small: it lists the
// soonest events and fetches the full list, with the backend's ZIP tables
// (ZipLookupTable, models/core), from the same site's /events.json only when
// the visitor searches or asks for all. All event text is HTML-escaped in
// the page and only ever set with textContent by the script; a
// Content-Security-Policy with hashes of our own script and style (and
// connect-src 'self' for the one fetch) keeps even a missed escape from
// running anything.
class StaticSnapshotBuilder : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString title; // page heading; empty = "Find an event near you"
        // Events listed in the page itself, soonest first; the page fetches
        // the rest (/events.json, same origin) when the visitor searches or
        // asks for all, so the first load stays small.
        int firstPageEvents = 25;
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
    static StaticSnapshot fromTable(const DbTable &rows, const Options &o, const QDateTime &generatedAt);
    static QString escapeHtml(const QString &text);

private:
    QPointer<DbConnection> m_db;
    Options m_options;
};

} // namespace oc

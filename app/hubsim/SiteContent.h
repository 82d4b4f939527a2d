#pragma once

#include "ContentCoding.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QObject>
#include <QSet>
#include <QString>

#include <deque>
#include <memory>

namespace oc::sim {

// What the public site serves right now: dynamic (rendered from the
// database) or static (an uploaded snapshot held in memory). Shared by the
// ops API, which changes it, and the site, which reads it on every request.
// Main thread only: both HTTP servers run their handlers there, so a mode
// switch is one assignment between two requests and none is dropped.
class SiteContent : public QObject
{
    Q_OBJECT
public:
    struct Snapshot
    {
        QString id;
        QByteArray html;
        QByteArray eventsJson; // body of /events.json in static mode
        // Both bodies compressed once per upload, never per request. The
        // upload returns at once with the identity bodies; gzip and br follow
        // from a worker thread (brotli's best level takes about a second for
        // a large list, which would stall every request on this thread).
        ContentCoding::Encoded page;
        ContentCoding::Encoded events;
        bool encoded() const { return !page.brotli.isEmpty() && !events.brotli.isEmpty(); }
        QSet<qint64> eventIds; // RSVPs for other events are refused in static mode
        int eventCount = 0;
        QDateTime uploadedAt;
    };

    explicit SiteContent(QString site, QObject *parent = nullptr);

    const QString &site() const { return m_site; }
    bool isStatic() const { return m_static; }
    // The snapshot served in static mode (null in dynamic mode).
    std::shared_ptr<const Snapshot> active() const { return m_static ? m_active : nullptr; }
    // The last snapshot id applied, kept across a return to dynamic mode.
    QString snapshotId() const { return m_active ? m_active->id : QString(); }
    QDateTime changedAt() const { return m_changedAt; }

    // Content-addressed: uploading the same events and HTML again gives the
    // same id, so a retried upload is harmless.
    std::shared_ptr<const Snapshot> addSnapshot(const QJsonArray &events, QByteArray html);
    std::shared_ptr<const Snapshot> snapshot(const QString &id) const;

    // Returns false (and changes nothing) when going static with an unknown snapshot.
    bool setStatic(const QString &snapshotId);
    void setDynamic();

    // RSVPs accepted in static mode and not yet written to the database.
    int pendingRsvps() const { return m_pendingRsvps; }
    void setPendingRsvps(int n) { m_pendingRsvps = n; }

Q_SIGNALS:
    void modeChanged(bool isStatic);
    // The compressed bodies of a snapshot are ready.
    void snapshotEncoded(const QString &id);

private:
    void encodeInBackground(const std::shared_ptr<const Snapshot> &s);
    void replace(const std::shared_ptr<const Snapshot> &old, std::shared_ptr<const Snapshot> updated);

    QString m_site;
    bool m_static = false;
    std::shared_ptr<const Snapshot> m_active;
    std::deque<std::shared_ptr<const Snapshot>> m_snapshots; // newest last, a few kept
    QDateTime m_changedAt = QDateTime::currentDateTimeUtc();
    int m_pendingRsvps = 0;
};

} // namespace oc::sim

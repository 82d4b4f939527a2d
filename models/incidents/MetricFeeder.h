#pragma once

#include "LiveSource.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <deque>
#include <functional>
#include <map>
#include <optional>

namespace oc {

class DbConnection;
class RuleEngine;

// Turns what the console already reads (the live source, its database
// connection, the blasts table) into the rule engine's per-second metrics
// (models/alerts/MetricIds.h): site requests/s, 5xx ratio and p95 latency,
// RSVPs per minute, feed staleness, reconnects, standby lag, failed and
// waiting blasts.
//
// When: right after every read of the source (LiveSource::updated), so a
// breach is fed the moment the console can see it, and on a 1 s timer that
// is restarted by every sample, so it fires only while the source is silent
// (the staleness then keeps growing and the gaps become No data). The feeder
// never evaluates: it emits sampled(now) and the controller calls
// RuleEngine::evaluate once for everything fed (probes included), so one
// evaluation sees one instant and the controller decides what to persist.
//
// Honesty: a metric the source cannot provide (no Traffic capability, no
// snapshot yet, a stale feed, a traffic gap, a bucket with no requests) is
// fed as missing, never as a zero that would look like a real figure.
//
// Traffic buckets are 10 s (TrafficSeries::kBucketMs):
//  * 5xx ratio and p95 use the newest bucket even while it is still filling.
//    Both are shares/percentiles, not totals, so a partial bucket is a fair
//    estimate, and waiting for it to close would add up to 10 s to the
//    issue's 3 s detection budget. A bucket with fewer than
//    minRequestsForRatio requests is pooled with the ones before it (up to
//    ratioPoolMs back): a ratio over 3 requests is noise. No requests at all
//    is missing (0/0 is not 0 %).
//  * requests/s is a total, so it uses the newest closed bucket (its
//    requests / 10 s); a half-filled bucket would read as a traffic drop.
//  * the newest bucket older than trafficGapMs means the collector reported
//    nothing: missing.
// RSVPs per minute are a trailing minute ending when the source last heard
// from the database (not the wall clock: a slow read is not an RSVP drop):
// the current minute so far plus the prorated rest of the previous one.
class MetricFeeder : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>;

    struct Options
    {
        int intervalMs = 1000; // the fallback timer
        qint64 minRequestsForRatio = 50;
        qint64 ratioPoolMs = 60000;
        qint64 trafficGapMs = 30000;
        qint64 reconnectWindowMs = 5 * 60000;
        int blastPollMs = 5000; // the blasts query; its figures move slowly
        int blastFailureWindowS = 300;
    };

    struct SiteReading
    {
        std::optional<double> requestsPerSecond;
        std::optional<double> ratio5xx; // 0..1
        std::optional<double> p95Ms;
    };

    MetricFeeder(RuleEngine *engine, LiveSource *source, DbConnection *db, QObject *parent = nullptr);
    ~MetricFeeder() override;

    void setClock(Clock clock);
    void setOptions(const Options &o);
    const Options &options() const { return m_o; }

    void start();
    void stop();
    bool isRunning() const { return m_running; }

    // Feeds every metric for `nowMs` and emits sampled(nowMs).
    void sample(qint64 nowMs);
    // Starts a blasts read now (it also runs every blastPollMs while started).
    void pollBlasts();

    // The pure parts, public for tests.
    static SiteReading siteReading(const std::map<qint64, LiveSource::TrafficSample> &traffic, qint64 nowMs,
                                   const Options &o);
    static std::optional<double> rsvpsPerMinute(const std::map<qint64, qint64> &minutes, qint64 knownUntilMs);
    int reconnectsWithin(qint64 nowMs) const;

Q_SIGNALS:
    void sampled(qint64 nowMs);
    void blastsRead();

private:
    qint64 now() const;
    void feedSite(qint64 nowMs);
    void feedRsvps(qint64 nowMs);
    void feedDatabase(qint64 nowMs);
    void feedBlasts(qint64 nowMs);
    void value(const QString &metric, qint64 t, const std::optional<double> &v);

    QPointer<RuleEngine> m_engine;
    QPointer<LiveSource> m_source;
    QPointer<DbConnection> m_db;
    Clock m_clock;
    Options m_o;
    QTimer m_timer;
    QTimer m_blastTimer;
    bool m_running = false;
    qint64 m_startedMs = 0;
    std::deque<qint64> m_lost; // connectionLost times within the window

    // The last blasts read: figures as of m_blastReadMs (feeder clock).
    enum class BlastState { Unknown, Read, Error, Absent };
    BlastState m_blastState = BlastState::Unknown;
    bool m_blastInFlight = false;
    qint64 m_blastReadMs = 0;
    qint64 m_blastFailures = 0;
    std::optional<double> m_blastQueueAgeS; // at m_blastReadMs; nullopt = nothing waiting
    QString m_blastError;
};

} // namespace oc

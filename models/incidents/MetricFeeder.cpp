#include "MetricFeeder.h"

#include "DbConnection.h"
#include "LogCategories.h"
#include "MetricIds.h"
#include "RuleEngine.h"
#include "TrafficSeries.h"

#include <QDateTime>

#include <algorithm>

namespace oc {

namespace {

// Failed sends over the window, and how long the oldest blast that waits to
// go out has waited: 'queued' (ours or the backend's queue) and 'approved'
// (cleared by the second operator, not yet handed over). pending_approval
// waits on a person, not on the system, and is left out. An approved blast
// waits since its approval (the audit row), not since it was requested, or
// the approval wait would read as a stuck queue; updated_at cannot say it
// because following a blast rewrites the row every poll.
constexpr const char *kBlastsSql =
    "SELECT (SELECT count(*) FROM blasts WHERE status = 'failed' "
    "          AND updated_at > now() - make_interval(secs => $1::int)) AS failures, "
    "       (SELECT extract(epoch FROM now() - min(coalesce( "
    "          (SELECT max(a.at) FROM audit_log a WHERE a.action = 'blast_approved' "
    "             AND a.target_type = 'blast' AND a.target_id = b.id::text), b.created_at)))::float8 "
    "          FROM blasts b WHERE b.status IN ('queued', 'approved')) AS queue_age";

constexpr qint64 kBucketMs = TrafficSeries::kBucketMs;

} // namespace

MetricFeeder::MetricFeeder(RuleEngine *engine, LiveSource *source, DbConnection *db, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_source(source)
    , m_db(db)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { sample(now()); });
    connect(&m_blastTimer, &QTimer::timeout, this, &MetricFeeder::pollBlasts);
    if (m_source)
        connect(m_source, &LiveSource::updated, this, [this] {
            if (m_running)
                sample(now());
        });
    if (m_db)
        connect(m_db, &DbConnection::connectionLost, this, [this] { m_lost.push_back(now()); });
}

MetricFeeder::~MetricFeeder() = default;

void MetricFeeder::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void MetricFeeder::setOptions(const Options &o)
{
    m_o = o;
    if (m_running)
        m_blastTimer.start(m_o.blastPollMs);
}

qint64 MetricFeeder::now() const
{
    return m_clock();
}

void MetricFeeder::start()
{
    if (m_running)
        return;
    m_running = true;
    m_startedMs = now();
    m_blastTimer.start(m_o.blastPollMs);
    pollBlasts();
    sample(m_startedMs);
}

void MetricFeeder::stop()
{
    m_running = false;
    m_timer.stop();
    m_blastTimer.stop();
}

void MetricFeeder::sample(qint64 nowMs)
{
    if (m_engine) {
        feedSite(nowMs);
        feedRsvps(nowMs);
        feedDatabase(nowMs);
        feedBlasts(nowMs);
    }
    if (m_running)
        m_timer.start(m_o.intervalMs); // a fallback: only fires while the source is silent
    Q_EMIT sampled(nowMs);
}

void MetricFeeder::value(const QString &metric, qint64 t, const std::optional<double> &v)
{
    if (v)
        m_engine->feed(metric, t, *v);
    else
        m_engine->feedMissing(metric, t);
}

MetricFeeder::SiteReading MetricFeeder::siteReading(const std::map<qint64, LiveSource::TrafficSample> &traffic,
                                                    qint64 nowMs, const Options &o)
{
    SiteReading r;
    if (traffic.empty())
        return r;
    // Closed buckets only for the total; the newest one must be recent.
    auto closed = traffic.upper_bound(nowMs - kBucketMs);
    if (closed != traffic.begin()) {
        --closed;
        if (nowMs - (closed->first + kBucketMs) <= o.trafficGapMs)
            r.requestsPerSecond = double(closed->second.requests) * 1000.0 / double(kBucketMs);
    }
    // Shares and percentiles from the newest bucket, filling or not, pooled
    // with older ones until there are enough requests to mean something.
    auto newest = std::prev(traffic.end());
    if (nowMs - newest->first > o.trafficGapMs)
        return r;
    qint64 requests = 0, errors = 0;
    double p95Weighted = 0;
    for (auto it = traffic.rbegin(); it != traffic.rend(); ++it) {
        if (it->first <= newest->first - o.ratioPoolMs)
            break;
        const auto &s = it->second;
        requests += s.requests;
        errors += s.errors;
        p95Weighted += s.p95ms * double(s.requests);
        if (requests >= o.minRequestsForRatio)
            break;
    }
    if (requests > 0) {
        r.ratio5xx = std::clamp(double(errors) / double(requests), 0.0, 1.0);
        r.p95Ms = p95Weighted / double(requests);
    }
    return r;
}

std::optional<double> MetricFeeder::rsvpsPerMinute(const std::map<qint64, qint64> &minutes, qint64 knownUntilMs)
{
    if (knownUntilMs <= 0)
        return std::nullopt;
    const qint64 minute = knownUntilMs / 60000 * 60000;
    const double intoMinute = double(knownUntilMs - minute) / 60000.0;
    auto count = [&](qint64 m) -> double {
        const auto it = minutes.find(m);
        return it == minutes.end() ? 0.0 : double(it->second);
    };
    // A minute without rows really had no RSVPs (they are counted rows, not samples).
    return count(minute) + (1.0 - intoMinute) * count(minute - 60000);
}

int MetricFeeder::reconnectsWithin(qint64 nowMs) const
{
    return int(std::count_if(m_lost.begin(), m_lost.end(),
                             [&](qint64 t) { return t > nowMs - m_o.reconnectWindowMs && t <= nowMs; }));
}

void MetricFeeder::feedSite(qint64 nowMs)
{
    SiteReading r;
    if (m_source && m_source->has(LiveSource::Capability::Traffic) && m_source->hasSnapshot())
        r = siteReading(m_source->traffic(), nowMs, m_o);
    value(metric::siteRequestsPerSecond, nowMs, r.requestsPerSecond);
    value(metric::site5xxRatio, nowMs, r.ratio5xx);
    value(metric::siteLatencyP95Ms, nowMs, r.p95Ms);
}

void MetricFeeder::feedRsvps(qint64 nowMs)
{
    std::optional<double> perMinute;
    // A stale source's minute counts are old news, not a drop in sign-ups.
    if (m_source && m_source->hasSnapshot() && !m_source->isStale() && m_source->lastUpdate().isValid())
        perMinute =
            rsvpsPerMinute(m_source->rsvpsPerMinute(), std::min(nowMs, m_source->lastUpdate().toMSecsSinceEpoch()));
    value(metric::rsvpsPerMinute, nowMs, perMinute);
}

void MetricFeeder::feedDatabase(qint64 nowMs)
{
    if (m_source) {
        // Never read yet: stale since the feeder started, a real and growing figure.
        const qint64 since =
            m_source->lastUpdate().isValid() ? m_source->lastUpdate().toMSecsSinceEpoch() : m_startedMs;
        m_engine->feed(metric::feedStalenessSeconds, nowMs, std::max<qint64>(0, nowMs - since) / 1000.0);
    } else {
        m_engine->feedMissing(metric::feedStalenessSeconds, nowMs);
    }

    while (!m_lost.empty() && m_lost.front() <= nowMs - m_o.reconnectWindowMs)
        m_lost.pop_front();
    if (m_db)
        m_engine->feed(metric::dbReconnects, nowMs, reconnectsWithin(nowMs));
    else
        m_engine->feedMissing(metric::dbReconnects, nowMs);

    // Reading from the primary the console sees no lag: a real zero.
    if (m_source && m_source->has(LiveSource::Capability::ReplicationLag))
        m_engine->feed(metric::standbyLagSeconds, nowMs,
                       m_source->readingFromStandby() ? m_source->replicationLagSeconds() : 0.0);
    else
        m_engine->feedMissing(metric::standbyLagSeconds, nowMs);
}

void MetricFeeder::feedBlasts(qint64 nowMs)
{
    // Figures older than three polls are not current any more.
    const bool fresh = nowMs - m_blastReadMs <= 3LL * m_o.blastPollMs;
    switch (m_blastState) {
    case BlastState::Read:
        if (fresh) {
            m_engine->feed(metric::blastSendFailures, nowMs, double(m_blastFailures));
            m_engine->feed(metric::blastQueueAgeSeconds, nowMs,
                           m_blastQueueAgeS ? *m_blastQueueAgeS + std::max<qint64>(0, nowMs - m_blastReadMs) / 1000.0
                                            : 0.0);
            return;
        }
        break;
    case BlastState::Error:
        if (fresh) {
            m_engine->feedError(metric::blastSendFailures, nowMs, m_blastError);
            m_engine->feedError(metric::blastQueueAgeSeconds, nowMs, m_blastError);
            return;
        }
        break;
    case BlastState::Absent:
    case BlastState::Unknown: break;
    }
    m_engine->feedMissing(metric::blastSendFailures, nowMs);
    m_engine->feedMissing(metric::blastQueueAgeSeconds, nowMs);
}

void MetricFeeder::pollBlasts()
{
    // A source without blasts (a read-only mirror) has none to watch.
    if (!m_db || !m_source || !m_source->has(LiveSource::Capability::Writable)) {
        m_blastState = BlastState::Absent;
        return;
    }
    if (m_blastInFlight || m_db->state() != DbConnection::State::Connected)
        return;
    m_blastInFlight = true;
    const qint64 asked = now();
    m_db->exec({DbQuery(kBlastsSql).bind(m_o.blastFailureWindowS)}, this,
               [this, asked](const DbConnection::Outcome &o) {
                   m_blastInFlight = false;
                   m_blastReadMs = asked;
                   if (const DbError *e = DbConnection::error(o)) {
                       if (e->sqlState == QLatin1String("42P01")) { // undefined_table: no blasts here
                           m_blastState = BlastState::Absent;
                       } else {
                           if (m_blastState != BlastState::Error)
                               logcat::alerts()->warn("blasts read failed: {}", e->message.toStdString());
                           m_blastState = BlastState::Error;
                           m_blastError = tr("cannot read the blasts: %1").arg(e->message);
                       }
                       Q_EMIT blastsRead();
                       return;
                   }
                   const DbTable &t = DbConnection::tables(o)->front();
                   m_blastState = BlastState::Read;
                   m_blastFailures = t.rowCount() ? t.toInt64(0, t.column(QStringLiteral("failures"))) : 0;
                   const int ageCol = t.column(QStringLiteral("queue_age"));
                   if (t.rowCount() && !t.isNull(0, ageCol))
                       m_blastQueueAgeS = std::max(0.0, t.toDouble(0, ageCol));
                   else
                       m_blastQueueAgeS.reset();
                   Q_EMIT blastsRead();
               });
}

} // namespace oc

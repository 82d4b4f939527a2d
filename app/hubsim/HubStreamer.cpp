#include "HubStreamer.h"

#include "LogCategories.h"
#include "PgArray.h"
#include "UsTimeZones.h"
#include "ZipDirectory.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace oc::sim {

HubStreamer::HubStreamer(Options o, Scenario scenario)
    : m_o(std::move(o))
    , m_scenario(scenario)
    , m_rng(m_o.seed)
{
}

double HubStreamer::simulatedHours() const
{
    return m_clock.simulatedHours(m_scenario.options().compression);
}

void HubStreamer::start()
{
    m_clock.start(this, m_o.tickMs, [this] { tick(); });
}

void HubStreamer::stop()
{
    m_clock.stop();
    m_session.close();
}

void HubStreamer::launchNow()
{
    // Idempotent, like the ops API call that triggers it: a launch that has
    // already happened is not restarted, so a retried call leaves the surge
    // curve alone.
    const double h = simulatedHours();
    const double at = m_scenario.launchedAt();
    if (at >= 0 && at <= h)
        return;
    m_scenario.launchAt(h);
}

void HubStreamer::mentionNow()
{
    // Idempotent like launchNow: a second "surge" during one keeps its curve
    // (the mention's own half hour; its long tail may be surged again).
    const double h = simulatedHours();
    if (m_scenario.mentionActive(h) && h - m_scenario.mentionedAt() < 0.5)
        return;
    m_scenario.mentionAt(h);
    logcat::sim()->info("mention now (simulated {:.2f} h)", h);
}

void HubStreamer::calmNow()
{
    const double h = simulatedHours();
    m_scenario.calmAt(h);
    logcat::sim()->info("mention over (simulated {:.2f} h)", h);
}

void HubStreamer::ensureConnected()
{
    if (!m_session.isOpen()) {
        m_session.connect(m_o.conninfo);
        m_session.exec("SET application_name = 'organizer-hubsim'");
        m_supporters = std::max<qint64>(1, m_session.exec("SELECT count(*) FROM supporters").toInt64(0, 0));
    }
}

void HubStreamer::tick()
{
    const double dt = m_clock.secondsSinceLastTick();
    const double h = simulatedHours();
    try {
        ensureConnected();
        const QString phase = m_scenario.phase(h);
        if (phase != m_phase) {
            m_phase = phase;
            logcat::sim()->info("scenario phase: {} (simulated {:.2f} h)", phase.toStdString(), h);
            if (phase != QLatin1String("quiet") && !m_launchedWritten) {
                m_launchedWritten = true;
                m_session.exec(DbQuery("UPDATE campaigns SET status = 'live', launch_at = coalesce(launch_at, now()) "
                                       "WHERE id = $1 AND status = 'draft'")
                                   .bind(m_o.campaignId));
            }
            Q_EMIT phaseChanged(phase);
        }
        if (m_clock.elapsedMs() - m_lastRefreshMs > 3000)
            refreshEventIds();
        m_rsvpDebt += m_scenario.rsvpsPerSecond(h) * dt;
        const int rsvps = int(m_rsvpDebt);
        m_rsvpDebt -= rsvps;
        if (rsvps > 0 && !m_eventIds.empty())
            writeRsvps(rsvps);
        const double mult = m_scenario.multiplier(h);
        m_eventDebt += m_o.eventsPerSimDay * m_scenario.options().compression / 86400.0 * (1 + (mult - 1) * 0.1) * dt;
        const int events = int(m_eventDebt);
        m_eventDebt -= events;
        if (events > 0)
            writeEvents(events);
        if (m_clock.elapsedMs() - m_lastBucketMs >= 10000) {
            m_lastBucketMs = m_clock.elapsedMs() / 10000 * 10000;
            writeTraffic();
        }
        writeServedTraffic();
    } catch (const DbException &e) {
        // The backend keeps trying; a dead database must not kill the simulator.
        logcat::sim()->warn("write failed: {}", e.error.message.toStdString());
        m_session.close();
        Q_EMIT failed(e.error.message);
    }
}

void HubStreamer::refreshEventIds()
{
    m_lastRefreshMs = m_clock.elapsedMs();
    const DbTable t = m_session.exec(
        DbQuery("SELECT id FROM events WHERE campaign_id = $1 AND approval_status = 'approved' ORDER BY id")
            .bind(m_o.campaignId));
    m_eventIds.clear();
    m_eventIds.reserve(size_t(t.rowCount()));
    for (int r = 0; r < t.rowCount(); ++r)
        m_eventIds.push_back(t.toInt64(r, 0));
}

void HubStreamer::writeRsvps(int n)
{
    static const char *const sources[] = {"web", "web", "web", "email", "sms", "social"};
    std::vector<qint64> events, supporters;
    QStringList src;
    events.reserve(size_t(n));
    supporters.reserve(size_t(n));
    for (int i = 0; i < n; ++i) {
        // Skewed popularity: a few events draw most RSVPs, as in real campaigns.
        const double u = m_rng.generateDouble();
        events.push_back(m_eventIds[size_t(u * u * u * double(m_eventIds.size()))]);
        supporters.push_back(1 + qint64(m_rng.bounded(quint32(m_supporters))));
        src << QString::fromLatin1(sources[m_rng.bounded(6)]);
    }
    m_session.exec(
        DbQuery("INSERT INTO rsvps (event_id, supporter_id, source, utm_source) "
                "SELECT e, s, src::rsvp_source, 'hubsim' FROM unnest($1::bigint[], $2::bigint[], $3::text[]) "
                "AS u(e, s, src)")
            .bind(PgArray::numbers(events))
            .bind(PgArray::numbers(supporters))
            .bind(PgArray::text(src)));
    m_rsvpsWritten += n;
}

void HubStreamer::writeEvents(int n)
{
    const ZipDirectory &zips = ZipDirectory::builtIn();
    const auto &places = zips.places();
    if (places.empty())
        return;
    for (int i = 0; i < n; ++i) {
        const auto &p = places[m_rng.bounded(quint32(places.size()))];
        if (!p.residential)
            continue;
        const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(3600 * (6 + m_rng.bounded(24 * 10)));
        m_session.exec(
            DbQuery("WITH h AS (INSERT INTO hosts (name, email, postal_code) VALUES ($1, $2, $3) RETURNING id) "
                    "INSERT INTO events (campaign_id, host_id, title, description, starts_at, ends_at, timezone, "
                    "  venue, address, city, state, postal_code, latitude, longitude, capacity) "
                    "SELECT $4, h.id, $5, $6, $7::timestamptz, $7::timestamptz + interval '2 hours', $8, $9, "
                    "  $10, $11, $12, $3, $13, $14, $15 FROM h")
                .bind(QStringLiteral("Volunteer host %1").arg(m_rng.bounded(100000)))
                .bind(QStringLiteral("host-%1@example.org").arg(m_rng.bounded(1000000)))
                .bind(p.zip)
                .bind(m_o.campaignId)
                .bind(QStringLiteral("Community rally — %1").arg(p.city))
                .bind(QStringLiteral("A crowd-sourced event in %1, %2.").arg(p.city, p.state))
                .bind(start.toString(Qt::ISODate))
                .bind(UsTimeZones::forState(p.state))
                .bind(QStringLiteral("Public square"))
                .bind(QStringLiteral("%1 Main St").arg(1 + m_rng.bounded(999)))
                .bind(p.city)
                .bind(p.state)
                .bind(p.lat + (m_rng.generateDouble() - 0.5) * 0.02)
                .bind(p.lng + (m_rng.generateDouble() - 0.5) * 0.02)
                .bind(int(10 + m_rng.bounded(300))));
        ++m_eventsWritten;
    }
}

void HubStreamer::addServedRequests(int requests, int errors5xx, double p95ms)
{
    if (requests <= 0)
        return;
    // Half a bucket back: lands in the bucket that just closed even if the
    // report comes a few seconds late.
    const qint64 bucket = (QDateTime::currentSecsSinceEpoch() - 5) / 10 * 10;
    std::lock_guard lock(m_servedMutex);
    Served &s = m_served[bucket];
    s.requests += requests;
    s.errors5xx += errors5xx;
    s.p95ms = std::max(s.p95ms, p95ms);
    s.written = false;
}

void HubStreamer::writeServedTraffic()
{
    std::vector<std::pair<qint64, Served>> pending;
    {
        std::lock_guard lock(m_servedMutex);
        for (auto &[bucket, s] : m_served)
            if (!s.written)
                pending.emplace_back(bucket, s);
        // Totals stay around a while so a second report for the same bucket
        // (another server) still replaces the row with the sum, not a part.
        const qint64 horizon = QDateTime::currentSecsSinceEpoch() - 300;
        std::erase_if(m_served, [&](const auto &kv) { return kv.first < horizon && kv.second.written; });
    }
    for (const auto &[bucket, s] : pending) {
        // Overwrites whatever the model wrote for the bucket: what the site
        // really served is the better answer.
        m_session.exec(
            DbQuery("INSERT INTO traffic_samples (site, bucket, requests, errors_5xx, p95_ms) "
                    "VALUES ($1, to_timestamp($2), $3, $4, $5) "
                    "ON CONFLICT (site, bucket) DO UPDATE SET requests = EXCLUDED.requests, "
                    "errors_5xx = EXCLUDED.errors_5xx, p95_ms = EXCLUDED.p95_ms, xact = pg_current_xact_id()")
                .bind(m_o.site)
                .bind(bucket)
                .bind(s.requests)
                .bind(s.errors5xx)
                .bind(s.p95ms));
        std::lock_guard lock(m_servedMutex);
        auto it = m_served.find(bucket);
        if (it != m_served.end() && it->second.requests == s.requests)
            it->second.written = true;
    }
}

void HubStreamer::writeTraffic()
{
    const double h = simulatedHours();
    const double perMin = m_scenario.viewsPerMinute(h);
    const int requests = int(perMin / 6.0);
    int errors = 0;
    double p95 = 90 + m_rng.generateDouble() * 30;
    if (!m_static && perMin > m_o.siteCapacityPerMin) {
        // Past capacity the dynamic site sheds load: the overflow fails and
        // the rest waits in queues.
        const double overload = perMin / m_o.siteCapacityPerMin;
        errors = int(requests * std::min(0.9, (overload - 1) / overload));
        p95 = std::min(30000.0, p95 * overload * overload);
    }
    m_session.exec(
        DbQuery("INSERT INTO traffic_samples (site, bucket, requests, errors_5xx, p95_ms) "
                "VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / 10) * 10), $2, $3, $4) "
                "ON CONFLICT (site, bucket) DO UPDATE SET requests = traffic_samples.requests + EXCLUDED.requests, "
                "errors_5xx = traffic_samples.errors_5xx + EXCLUDED.errors_5xx, "
                "p95_ms = greatest(traffic_samples.p95_ms, EXCLUDED.p95_ms), xact = pg_current_xact_id()")
            .bind(m_o.site)
            .bind(requests)
            .bind(errors)
            .bind(p95));
}

} // namespace oc::sim

#include "MirrorStreamer.h"

#include "LogCategories.h"
#include "MirrorSeeder.h"
#include "PgArray.h"
#include "UsTimeZones.h"
#include "ZipDirectory.h"

#include <QDateTime>

#include <algorithm>

namespace oc::sim {
namespace {

// Status changes pick among this many recent participations: what changes in
// a surge is mostly what was signed up for during it.
constexpr size_t kRecentCap = 20000;

} // namespace

MirrorStreamer::MirrorStreamer(Options o, Scenario scenario)
    : m_o(std::move(o))
    , m_scenario(scenario)
    , m_rng(m_o.seed)
{
}

double MirrorStreamer::simulatedHours() const
{
    return m_clock.simulatedHours(m_scenario.options().compression);
}

void MirrorStreamer::start()
{
    m_clock.start(this, m_o.tickMs, [this] { tick(); });
}

void MirrorStreamer::stop()
{
    m_clock.stop();
    m_session.close();
}

void MirrorStreamer::ensureConnected()
{
    if (m_session.isOpen())
        return;
    m_session.connect(m_o.conninfo);
    m_session.exec("SET application_name = 'organizer-hubsim mirror'");
    const DbTable u = m_session.exec("SELECT min(id), max(id) FROM mobilize_private.users");
    m_firstUser = u.toInt64(0, 0, 1);
    m_userCount = std::max<qint64>(1, u.toInt64(0, 1, 1) - m_firstUser + 1);
    const DbTable c = m_session.exec(DbQuery("SELECT id FROM mobilize_private.event_campaigns "
                                             "WHERE organization_id = $1 ORDER BY slug = $2 DESC, id")
                                         .bind(MirrorSeeder::kOwnOrganization)
                                         .bind(m_o.campaignSlug));
    m_campaigns.clear();
    for (int r = 0; r < c.rowCount(); ++r)
        m_campaigns.push_back(c.toInt64(r, 0));
    if (m_recent.empty()) {
        const DbTable p = m_session.exec("SELECT id FROM mobilize_private.participations WHERE status <> "
                                         "'CANCELLED' AND NOT cross_firewall ORDER BY id DESC LIMIT 5000");
        for (int r = p.rowCount() - 1; r >= 0; --r)
            m_recent.push_back(p.toInt64(r, 0));
    }
}

double MirrorStreamer::lag()
{
    if (m_rng.generateDouble() >= m_o.lateShare)
        return 0;
    return m_o.lateMinSeconds + m_rng.generateDouble() * std::max(0.0, m_o.lateMaxSeconds - m_o.lateMinSeconds);
}

void MirrorStreamer::tick()
{
    const double dt = m_clock.secondsSinceLastTick();
    const double h = simulatedHours();
    try {
        ensureConnected();
        const QString phase = m_scenario.phase(h);
        if (phase != m_phase) {
            m_phase = phase;
            logcat::sim()->info("scenario phase: {} (simulated {:.2f} h)", phase.toStdString(), h);
            Q_EMIT phaseChanged(phase);
        }
        if (m_clock.elapsedMs() - m_lastRefreshMs > 3000)
            refresh();
        const double rate = m_scenario.rsvpsPerSecond(h);
        m_rsvpDebt += rate * dt;
        m_confirmDebt += rate * m_o.confirmShare * dt;
        m_cancelDebt += rate * m_o.cancelShare * dt;
        if (const int n = int(m_rsvpDebt); n > 0 && !m_slots.empty()) {
            m_rsvpDebt -= n;
            writeParticipations(n);
        }
        if (const int n = int(m_confirmDebt); n > 0) {
            m_confirmDebt -= n;
            changeStatus("CONFIRMED", n);
        }
        if (const int n = int(m_cancelDebt); n > 0) {
            m_cancelDebt -= n;
            changeStatus("CANCELLED", n);
        }
        const double mult = m_scenario.multiplier(h);
        m_eventDebt += m_o.eventsPerSimDay * m_scenario.options().compression / 86400.0 * (1 + (mult - 1) * 0.1) * dt;
        if (const int n = int(m_eventDebt); n > 0) {
            m_eventDebt -= n;
            writeEvents(n);
        }
        if (m_o.veryLateEverySeconds > 0 && m_clock.elapsedMs() - m_lastVeryLateMs >= m_o.veryLateEverySeconds * 1000 &&
            !m_slots.empty()) {
            m_lastVeryLateMs = m_clock.elapsedMs();
            writeParticipations(1, true);
        }
        if (m_o.deleteEverySeconds > 0 && m_clock.elapsedMs() - m_lastDeleteMs >= m_o.deleteEverySeconds * 1000) {
            m_lastDeleteMs = m_clock.elapsedMs();
            deleteSomething();
        }
    } catch (const DbException &e) {
        // The application behind a mirror keeps going; so does the simulator.
        logcat::sim()->warn("mirror write failed: {}", e.error.message.toStdString());
        m_session.close();
        Q_EMIT failed(e.error.message);
    }
}

void MirrorStreamer::refresh()
{
    m_lastRefreshMs = m_clock.elapsedMs();
    const DbTable t =
        m_session.exec(DbQuery("SELECT t.id, t.event_id, e.organization_id = $1 FROM mobilize_private.timeslots t "
                               "JOIN mobilize_private.events e ON e.id = t.event_id WHERE t.deleted_date IS NULL AND "
                               "e.deleted_date IS NULL AND e.approval_status = 'APPROVED' ORDER BY t.id")
                           .bind(MirrorSeeder::kPartnerOrganization));
    m_slots.clear();
    m_partnerSlots.clear();
    for (int r = 0; r < t.rowCount(); ++r) {
        const Slot s {t.toInt64(r, 0), t.toInt64(r, 1)};
        m_slots.push_back(s);
        if (t.toBool(r, 2))
            m_partnerSlots.push_back(s);
    }
}

void MirrorStreamer::writeParticipations(int n, bool forceVeryLate)
{
    static const char *const sources[] = {"email", "email", "sms", "facebook", "twitter", ""};
    std::vector<qint64> events, timeslotIds, users;
    QStringList crossFirewall, lags, src;
    std::vector<bool> srcNull;
    for (int i = 0; i < n; ++i) {
        const bool cf = !m_partnerSlots.empty() && m_rng.generateDouble() < m_o.crossFirewallShare;
        const auto &pool = cf ? m_partnerSlots : m_slots;
        // Skewed popularity: a few events draw most sign-ups.
        const double u = m_rng.generateDouble();
        const Slot &s = pool[size_t(u * u * u * double(pool.size()))];
        events.push_back(s.event);
        timeslotIds.push_back(s.timeslot);
        users.push_back(m_firstUser + qint64(m_rng.bounded(quint32(m_userCount))));
        crossFirewall << (cf ? QStringLiteral("t") : QStringLiteral("f"));
        const double l = forceVeryLate ? 600 + m_rng.generateDouble() * 600 : lag();
        if (l > 0)
            ++m_lateWritten;
        lags << QString::number(l, 'f', 3);
        src << QString::fromLatin1(sources[m_rng.bounded(int(std::size(sources)))]);
        srcNull.push_back(src.last().isEmpty());
    }
    const DbTable t = m_session.exec(
        DbQuery("INSERT INTO mobilize_private.participations (created_date, modified_date, user_id, event_id, "
                "  timeslot_id, affiliation_id, cross_firewall, status, referrer__utm_source, email_at_signup, "
                "  given_name_at_signup, family_name_at_signup, postal_code_at_signup) "
                "SELECT now() - make_interval(secs => s.lag), now() - make_interval(secs => s.lag), u.id, s.e, "
                "  s.t, $1, s.cf, 'REGISTERED', s.src, u.email_address, u.given_name, u.family_name, u.postal_code "
                "FROM unnest($2::int[], $3::int[], $4::int[], $5::boolean[], $6::float8[], $7::text[]) "
                "  AS s(e, t, uid, cf, lag, src) JOIN mobilize_private.users u ON u.id = s.uid "
                "RETURNING id, cross_firewall")
            .bind(MirrorSeeder::kOwnOrganization)
            .bind(PgArray::numbers(events))
            .bind(PgArray::numbers(timeslotIds))
            .bind(PgArray::numbers(users))
            .bind(PgArray::text(crossFirewall))
            .bind(PgArray::text(lags))
            .bind(PgArray::textOrNull(src, srcNull)));
    for (int r = 0; r < t.rowCount(); ++r)
        if (!t.toBool(r, 1))
            m_recent.push_back(t.toInt64(r, 0));
    while (m_recent.size() > kRecentCap)
        m_recent.pop_front();
    m_participationsWritten += t.rowCount();
}

void MirrorStreamer::changeStatus(const char *status, int n)
{
    if (m_recent.empty())
        return;
    std::vector<qint64> ids;
    QStringList lags;
    for (int i = 0; i < n; ++i) {
        ids.push_back(m_recent[m_rng.bounded(quint32(m_recent.size()))]);
        lags << QString::number(lag(), 'f', 3);
    }
    // Never before the row's own modified_date: the application stamps each
    // write when it makes it; only its visibility is late.
    const DbTable t = m_session.exec(
        DbQuery("UPDATE mobilize_private.participations p SET status = $1, modified_date = "
                "  greatest(p.modified_date + interval '1 millisecond', now() - make_interval(secs => s.lag)) "
                "FROM (SELECT DISTINCT ON (id) * FROM unnest($2::int[], $3::float8[]) AS u(id, lag)) s "
                "WHERE p.id = s.id AND p.status NOT IN ('CANCELLED', $1) AND NOT p.cross_firewall RETURNING p.id")
            .bind(status)
            .bind(PgArray::numbers(ids))
            .bind(PgArray::text(lags)));
    if (qstrcmp(status, "CANCELLED") == 0 && t.rowCount() > 0) {
        // A cancelled sign-up does not change again.
        std::vector<qint64> gone;
        for (int r = 0; r < t.rowCount(); ++r)
            gone.push_back(t.toInt64(r, 0));
        std::sort(gone.begin(), gone.end());
        std::erase_if(m_recent, [&](qint64 id) { return std::binary_search(gone.begin(), gone.end(), id); });
    }
}

void MirrorStreamer::writeEvents(int n)
{
    static const char *const types[] = {"COMMUNITY", "CANVASS", "PHONE_BANK", "MEETING", "VOTER_REG"};
    const auto &places = ZipDirectory::builtIn().places();
    if (places.empty())
        return;
    for (int i = 0; i < n; ++i) {
        const auto &p = places[m_rng.bounded(quint32(places.size()))];
        if (!p.residential)
            continue;
        const bool geocoded = m_rng.generateDouble() >= m_o.noCoordinatesShare;
        const double u = m_rng.generateDouble();
        const qint64 campaign = m_campaigns.empty()
            ? 0
            : (u < 0.7 ? m_campaigns.front() : m_campaigns[m_rng.bounded(quint32(m_campaigns.size()))]);
        // Volunteer-hosted: most wait for approval, the rest are trusted hosts'.
        const bool pending = m_rng.generateDouble() < 0.4;
        const double l = lag();
        if (l > 0)
            ++m_lateWritten;
        const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(3600 * (6 + m_rng.bounded(24 * 10)));
        // The id comes first so browser_url is written with the row: a
        // statement cannot see what its own WITH clauses inserted.
        DbQuery q("WITH t AS (SELECT now() - make_interval(secs => $14::float8) AS m, "
                  "  nextval(pg_get_serial_sequence('mobilize_private.events', 'id'))::int AS id), "
                  "e AS (INSERT INTO mobilize_private.events (id, title, summary, description, organization_id, "
                  "  location__venue, location__address_line_1, location__locality, location__region, "
                  "  location__postal_code, location__lat, location__lon, location__modified_date, timezone, "
                  "  event_type, created_date, modified_date, created_by_volunteer_host, approval_status, owner_id, "
                  "  creator_id, event_campaign_id, contact__name, contact__email_address, browser_url) "
                  "  SELECT t.id, $1, $1, $2, $3, 'Public square', $4, $5, $6, $7, $8::numeric, $9::numeric, m, $10, "
                  "    $11, m, m, true, $12, u.id, u.id, $13::int, u.given_name || ' ' || u.family_name, "
                  "    u.email_address, 'https://www.mobilize.us/' || o.slug || '/event/' || t.id || '/' "
                  "  FROM t, mobilize_private.users u, mobilize_private.organizations o "
                  "  WHERE u.id = $15 AND o.id = $3 RETURNING id, created_date) "
                  "INSERT INTO mobilize_private.timeslots (start_date, end_date, event_id, created_date, "
                  "  modified_date, max_attendees) "
                  "SELECT $16::timestamptz + k * interval '1 day', $16::timestamptz + k * interval '1 day' + "
                  "  interval '2 hours', e.id, e.created_date, e.created_date, $17 FROM e, generate_series(0, $18) k");
        q.bind(QStringLiteral("Community rally — %1").arg(p.city).left(100))
            .bind(QStringLiteral("<p>A volunteer-hosted event in %1, %2.</p>").arg(p.city.toHtmlEscaped(), p.state))
            .bind(MirrorSeeder::kOwnOrganization)
            .bind(QStringLiteral("%1 Main St").arg(1 + m_rng.bounded(999)))
            .bind(p.city)
            .bind(p.state)
            .bind(p.zip);
        if (geocoded)
            q.bind(QString::number(p.lat + (m_rng.generateDouble() - 0.5) * 0.02, 'f', 7))
                .bind(QString::number(p.lng + (m_rng.generateDouble() - 0.5) * 0.02, 'f', 7));
        else
            q.bindNull().bindNull();
        q.bind(UsTimeZones::forState(p.state))
            .bind(types[m_rng.bounded(int(std::size(types)))])
            .bind(pending ? "NEEDS_APPROVAL" : "APPROVED");
        if (campaign > 0)
            q.bind(campaign);
        else
            q.bindNull();
        q.bind(l)
            .bind(m_firstUser + qint64(m_rng.bounded(quint32(m_userCount))))
            .bind(start.toString(Qt::ISODate))
            .bind(int(10 + m_rng.bounded(300)))
            .bind(int(m_rng.bounded(2)));
        m_session.exec(q);
        ++m_eventsWritten;
    }
}

void MirrorStreamer::deleteSomething()
{
    if (m_slots.size() < 2)
        return;
    const Slot s = m_slots[m_rng.bounded(quint32(m_slots.size()))];
    ++m_deletes;
    if (m_deletes % 3 == 0) {
        // The host cancels the whole event: it leaves the map and its sign-ups
        // stop counting, though the participations themselves stay.
        m_session.exec(DbQuery("UPDATE mobilize_private.events SET deleted_date = now(), modified_date = now() "
                               "WHERE id = $1 AND deleted_date IS NULL")
                           .bind(s.event));
        logcat::sim()->debug("deleted event {}", s.event);
    } else {
        m_session.exec(DbQuery("UPDATE mobilize_private.timeslots SET deleted_date = now(), modified_date = now() "
                               "WHERE id = $1 AND deleted_date IS NULL")
                           .bind(s.timeslot));
        logcat::sim()->debug("deleted timeslot {} of event {}", s.timeslot, s.event);
    }
    std::erase_if(
        m_slots, [&](const Slot &x) { return x.timeslot == s.timeslot || (m_deletes % 3 == 0 && x.event == s.event); });
    // An admin works through the review queue meanwhile.
    m_session.exec("UPDATE mobilize_private.events SET approval_status = 'APPROVED', reviewed_date = now(), "
                   "modified_date = now() WHERE id = (SELECT min(id) FROM mobilize_private.events WHERE "
                   "approval_status = 'NEEDS_APPROVAL' AND deleted_date IS NULL)");
}

} // namespace oc::sim

#include "Seeder.h"

#include "LogCategories.h"
#include "PgArray.h"
#include "PgSession.h"
#include "UsTimeZones.h"
#include "ZipDirectory.h"

#include <QDateTime>
#include <QTimeZone>
#include <QRandomGenerator>

namespace oc::sim {
namespace {

const char *const kTitles[] = {"Rally for Democracy",     "Town Hall Vigil",      "Community Walk",
                               "Solidarity Picnic",       "Phone Bank Party",     "Rally at City Hall",
                               "Candlelight Vigil",       "Neighborhood Canvass", "Teach-in",
                               "March to the Courthouse", "Letter-writing Night", "Protest at the Capitol"};
const char *const kFirst[] = {"Alex",  "Maria", "Jamal", "Priya", "Chen", "Fatima", "Diego", "Emily",
                              "Kwame", "Sofia", "Noah",  "Aisha", "Liam", "Mei",    "Omar",  "Grace"};
const char *const kLast[] = {"Garcia", "Johnson", "Nguyen",   "Patel", "Smith",  "Kim", "Okafor",
                             "Rossi",  "Cohen",   "Martinez", "Brown", "Haddad", "Lee", "Walker"};

constexpr int kBatch = 5000;

} // namespace

int Seeder::insertImported(qint64 campaignId, const QList<ImportedEvent> &events)
{
    int inserted = 0;
    for (qsizetype start = 0; start < events.size(); start += kBatch) {
        QStringList titles, descs, starts, ends, allDays, tzs, venues, addrs, cities, states, zips, hostZips, lats,
            lngs, caps, hostNames, hostEmails;
        std::vector<bool> capNull, hostZipNull, emailNull;
        for (qsizetype i = start; i < std::min<qsizetype>(events.size(), start + kBatch); ++i) {
            const ImportedEvent &e = events.at(i);
            titles << e.title;
            descs << e.description;
            starts << e.startsAt.toUTC().toString(Qt::ISODateWithMs);
            // An all-day event ends at the next midnight where it happens
            // (23 or 25 hours on a DST change), otherwise after two hours.
            const QDateTime end = e.allDay
                ? QDateTime(e.startsAt.toTimeZone(QTimeZone(e.timezone.toUtf8())).date().addDays(1), QTime(0, 0),
                            QTimeZone(e.timezone.toUtf8()))
                : e.startsAt.addSecs(2 * 3600);
            ends << end.toUTC().toString(Qt::ISODateWithMs);
            allDays << (e.allDay ? QStringLiteral("t") : QStringLiteral("f"));
            tzs << e.timezone;
            venues << e.venue;
            addrs << e.address;
            cities << e.city;
            states << e.state;
            zips << e.postalCode;
            // hosts.postal_code is at most 12 characters; the event keeps the text as given.
            hostZips << e.postalCode;
            hostZipNull.push_back(e.postalCode.isEmpty() || e.postalCode.size() > 12);
            lats << QString::number(e.latitude, 'g', 12);
            lngs << QString::number(e.longitude, 'g', 12);
            caps << QString::number(e.capacity);
            capNull.push_back(e.capacity <= 0);
            // A host row only for events that name one: an "Unnamed host"
            // per imported event would be invented data.
            hostNames << (e.hostName.trimmed().isEmpty() && !e.hostEmail.isEmpty() ? QStringLiteral("Unnamed host")
                                                                                   : e.hostName.trimmed());
            hostEmails << e.hostEmail;
            emailNull.push_back(e.hostEmail.isEmpty());
        }
        const DbTable t = m_session.exec(
            DbQuery(
                "WITH src AS (SELECT * FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], "
                "  $6::boolean[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], "
                "  $13::text[], $14::float8[], $15::float8[], $16::int[], $17::text[], $18::text[]) WITH ORDINALITY "
                "  AS s(title, description, starts_at, ends_at, all_day, tz, venue, address, city, state, zip, "
                "       host_zip, lat, lng, cap, host_name, host_email, n)), "
                "hs AS (SELECT n, row_number() OVER (ORDER BY n) AS k FROM src WHERE host_name <> ''), "
                "h AS (INSERT INTO hosts (name, email, postal_code) SELECT host_name, host_email, host_zip "
                "      FROM src WHERE host_name <> '' ORDER BY n RETURNING id), "
                "hn AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM h) "
                "INSERT INTO events (campaign_id, host_id, title, description, starts_at, ends_at, all_day, "
                "  timezone, venue, address, city, state, postal_code, latitude, longitude, capacity) "
                "SELECT $1, hn.id, title, description, starts_at, ends_at, all_day, tz, venue, "
                "  address, city, state, zip, lat, lng, cap FROM src LEFT JOIN hs USING (n) LEFT JOIN hn USING (k) "
                "ORDER BY n")
                .bind(campaignId)
                .bind(PgArray::text(titles))
                .bind(PgArray::text(descs))
                .bind(PgArray::text(starts))
                .bind(PgArray::text(ends))
                .bind(PgArray::text(allDays))
                .bind(PgArray::text(tzs))
                .bind(PgArray::text(venues))
                .bind(PgArray::text(addrs))
                .bind(PgArray::text(cities))
                .bind(PgArray::text(states))
                .bind(PgArray::text(zips))
                .bind(PgArray::textOrNull(hostZips, hostZipNull))
                .bind(PgArray::text(lats))
                .bind(PgArray::text(lngs))
                .bind(PgArray::textOrNull(caps, capNull))
                .bind(PgArray::text(hostNames))
                .bind(PgArray::textOrNull(hostEmails, emailNull)));
        inserted += int(t.affectedRows);
    }
    return inserted;
}

qint64 Seeder::seed(const Options &o)
{
    auto log = logcat::sim();
    const DbTable existing = m_session.exec(DbQuery("SELECT id FROM campaigns WHERE slug = $1").bind(o.campaignSlug));
    if (existing.rowCount() > 0)
        return existing.toInt64(0, 0);

    const ZipDirectory &zips = ZipDirectory::builtIn();
    std::vector<const ZipDirectory::Place *> residential;
    for (const auto &p : zips.places())
        if (p.residential)
            residential.push_back(&p);
    if (residential.empty())
        throw DbException(DbError {QStringLiteral("the ZIP centroid resource is empty"), {}, false});

    QRandomGenerator rng(o.seed);
    const qint64 campaignId = m_session
                                  .exec(DbQuery("INSERT INTO campaigns (slug, title, status, event_goal, rsvp_goal) "
                                                "VALUES ($1, $2, 'draft', $3, $4) RETURNING id")
                                            .bind(o.campaignSlug)
                                            .bind(o.campaignTitle)
                                            .bind(std::max(1, o.events * 2))
                                            .bind(qint64(std::max<qint64>(1000, o.rsvps * 5))))
                                  .toInt64(0, 0);
    m_session.exec("INSERT INTO site_state (site, mode) VALUES ('events', 'dynamic') ON CONFLICT DO NOTHING");

    // Supporters, server-side (cheap even at millions), spread over a sample of ZIPs.
    QStringList sZip, sLat, sLng;
    for (int i = 0; i < 500; ++i) {
        const ZipDirectory::Place &p = *residential[rng.bounded(quint32(residential.size()))];
        sZip << p.zip;
        sLat << QString::number(p.lat, 'f', 4);
        sLng << QString::number(p.lng, 'f', 4);
    }
    m_session.exec(
        DbQuery("WITH z AS (SELECT * FROM unnest($2::text[], $3::float8[], $4::float8[]) "
                "           WITH ORDINALITY AS u(zip, lat, lng, n)) "
                "INSERT INTO supporters (email, phone, email_opt_in, sms_opt_in, postal_code, latitude, longitude) "
                "SELECT 'supporter' || g || '@example.org', '+1555' || lpad(g::text, 7, '0'), "
                "       random() < 0.8, random() < 0.4, z.zip, z.lat + (random() - 0.5) * 0.1, "
                "       z.lng + (random() - 0.5) * 0.1 "
                "FROM generate_series(1, $1) g JOIN z ON z.n = 1 + (g * 7919) % 500")
            .bind(o.supporters)
            .bind(PgArray::text(sZip))
            .bind(PgArray::text(sLat))
            .bind(PgArray::text(sLng)));

    // Events with hosts, in batches.
    QList<ImportedEvent> events;
    events.reserve(o.events);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < o.events; ++i) {
        const ZipDirectory::Place &p = *residential[rng.bounded(quint32(residential.size()))];
        ImportedEvent e;
        e.title = QString::fromLatin1(kTitles[rng.bounded(int(std::size(kTitles)))]) + QStringLiteral(" — ") + p.city;
        e.description = QStringLiteral("Join neighbors in %1 to stand up and be counted.").arg(p.city);
        e.startsAt = now.addSecs(3600 * (24 + rng.bounded(24 * 14))).addSecs(-(now.time().minute() * 60));
        e.timezone = UsTimeZones::forState(p.state);
        e.venue = QStringLiteral("%1 Community Center").arg(p.city);
        e.address = QStringLiteral("%1 Main St").arg(100 + rng.bounded(9000));
        e.city = p.city;
        e.state = p.state;
        e.postalCode = p.zip;
        e.latitude = p.lat + (rng.generateDouble() - 0.5) * 0.04;
        e.longitude = p.lng + (rng.generateDouble() - 0.5) * 0.04;
        e.capacity = 20 + rng.bounded(480);
        e.hostName = QString::fromLatin1(kFirst[rng.bounded(int(std::size(kFirst)))]) + QLatin1Char(' ') +
            QString::fromLatin1(kLast[rng.bounded(int(std::size(kLast)))]);
        e.hostEmail = QStringLiteral("host%1@example.org").arg(i + 1);
        events << e;
    }
    insertImported(campaignId, events);
    // A realistic mix of review states, and a few failed geocodes.
    m_session.exec(
        DbQuery("UPDATE events SET approval_status = CASE WHEN r < $2 THEN 'approved' "
                "  WHEN r < $2 + $3 THEN 'needs_approval' ELSE 'cancelled' END::approval_status, "
                "  reviewed_by = CASE WHEN r < $2 THEN 'seed' END, "
                "  reviewed_at = CASE WHEN r < $2 THEN now() END, "
                "  latitude = CASE WHEN r2 < $4 THEN NULL ELSE latitude END, "
                "  longitude = CASE WHEN r2 < $4 THEN NULL ELSE longitude END "
                "FROM (SELECT id AS eid, random() AS r, random() AS r2 FROM events WHERE campaign_id = $1) x "
                "WHERE id = x.eid")
            .bind(campaignId)
            .bind(o.approvedShare)
            .bind(o.needsReviewShare)
            .bind(o.noCoordinatesShare));
    m_session.exec(DbQuery("UPDATE hosts SET prep_status = (ARRAY['not_contacted','invited','attended_training',"
                           "'fully_prepped','unable_to_contact'])[1 + floor(random() * 5)::int]::prep_status, "
                           "phone = '+1555' || lpad(id::text, 7, '0')"));
    // RSVP history, skewed so that some events are popular.
    if (o.rsvps > 0)
        m_session.exec(
            DbQuery("INSERT INTO rsvps (event_id, supporter_id, source, created_at) "
                    "SELECT e.ids[1 + floor(power(random(), 2) * array_length(e.ids, 1))::int], "
                    "       1 + floor(random() * $3)::bigint, "
                    "       (ARRAY['web','email','sms','social'])[1 + floor(random() * 4)::int]::rsvp_source, "
                    "       now() - random() * interval '3 days' "
                    "FROM (SELECT array_agg(id ORDER BY random()) AS ids FROM events "
                    "      WHERE campaign_id = $1 AND approval_status = 'approved') e, "
                    "     generate_series(1, $2) "
                    // No approved event (--events 0, or all drawn as not
                    // approved): no RSVP history, not a NULL event_id.
                    "WHERE e.ids IS NOT NULL")
                .bind(campaignId)
                .bind(o.rsvps)
                .bind(std::max(1, o.supporters)));
    m_session.exec("ANALYZE");
    log->info("seeded campaign {} with {} events, {} supporters, {} RSVPs", campaignId, o.events, o.supporters,
              o.rsvps);
    return campaignId;
}

} // namespace oc::sim

#include "MirrorSeeder.h"

#include "LogCategories.h"
#include "PgArray.h"
#include "PgSession.h"
#include "UsTimeZones.h"
#include "ZipDirectory.h"

#include <QDateTime>
#include <QFile>
#include <QRandomGenerator>

#include <vector>

namespace oc::sim {
namespace {

const char *const kTitles[] = {"Rally for Democracy",     "Town Hall Vigil",      "Community Walk",
                               "Solidarity Picnic",       "Phone Bank Party",     "Rally at City Hall",
                               "Candlelight Vigil",       "Neighborhood Canvass", "Teach-in",
                               "March to the Courthouse", "Letter-writing Night", "Voter Registration Drive"};
const char *const kTypes[] = {"COMMUNITY", "CANVASS", "PHONE_BANK", "MEETING", "VOTER_REG", "HOUSE_PARTY", "TRAINING"};

// What a mirror of real customer data contains sooner or later; the console
// must show it as plain text. Titles stay within varchar(100).
const char *const kHostileTitles[] = {
    "<script>alert('x')</script> Rally",
    "\xE2\x80\xAE"
    "ylla\xD8\xB1 \xD8\xAA\xD8\xAC\xD9\x85\xD8\xB9 right-to-left title",
    "<b>Bold</b> &amp; <i>broken</i> <a href=\"javascript:alert(1)\">link</a>",
    "=HYPERLINK(\"http://example.invalid\",\"csv injection\")",
};

QString hostileDescription(int i)
{
    switch (i % 3) {
    case 0:
        return QStringLiteral("<p>Bring <b>signs</b>!</p><script>document.location='http://example.invalid'</script>"
                              "<img src=x onerror=alert(1)>");
    case 1: return QStringLiteral("\u202Bمرحبا\u202C ") + QStringLiteral("very long text ").repeated(400);
    default: return QStringLiteral("line one\nline two\r\n\ttabbed <style>body{display:none}</style>");
    }
}

} // namespace

bool MirrorSeeder::ensureSchema()
{
    // The views are what a customer's mirror has; the private schema is ours.
    // Both present: nothing to do (the simulator may be restarted on the same
    // demo database).
    const DbTable t = m_session.exec("SELECT to_regclass('events') IS NOT NULL AND to_regclass('participations') "
                                     "IS NOT NULL, to_regclass('mobilize_private.events') IS NOT NULL");
    if (t.toBool(0, 0) && t.toBool(0, 1))
        return false;
    QFile f(QStringLiteral(":/oc/sql/mobilize/mirror.sql"));
    if (!f.open(QIODevice::ReadOnly))
        throw DbException(DbError {QStringLiteral("the mirror schema resource is missing"), {}, false});
    m_session.transaction([&] { m_session.execScript(f.readAll()); });
    logcat::sim()->info("created the Mobilize mirror schema (views over mobilize_private)");
    return true;
}

qint64 MirrorSeeder::seed(const Options &o)
{
    auto log = logcat::sim();
    const qint64 existing = m_session.exec("SELECT count(*) FROM mobilize_private.events").toInt64(0, 0);
    if (existing > 0)
        return existing;

    const ZipDirectory &zips = ZipDirectory::builtIn();
    std::vector<const ZipDirectory::Place *> residential;
    for (const auto &p : zips.places())
        if (p.residential)
            residential.push_back(&p);
    if (residential.empty())
        throw DbException(DbError {QStringLiteral("the ZIP centroid resource is empty"), {}, false});
    QRandomGenerator rng(o.seed);

    m_session.transaction([&] {
        m_session.exec(DbQuery("INSERT INTO mobilize_private.organizations (id, name, slug, is_coordinated, state) "
                               "VALUES ($1, 'Day of Action Coalition', 'day-of-action-coalition', true, ''), "
                               "($2, 'Neighbors United', 'neighbors-united', false, '') ON CONFLICT DO NOTHING")
                           .bind(kOwnOrganization)
                           .bind(kPartnerOrganization));
        m_session.exec(DbQuery("INSERT INTO mobilize_private.mirror_settings (viewing_organization_id) VALUES ($1) "
                               "ON CONFLICT (singleton) DO UPDATE SET viewing_organization_id = EXCLUDED."
                               "viewing_organization_id")
                           .bind(kOwnOrganization));
        // Campaign slugs are unique per organization: the partner's events
        // come with the partner's campaign.
        QStringList slugs {o.campaignSlug};
        slugs << o.otherSlugs;
        m_session.exec(
            DbQuery("INSERT INTO mobilize_private.event_campaigns (organization_id, slug) "
                    "SELECT $1::int, s FROM unnest($2::text[]) s UNION ALL SELECT $3::int, 'partner-weekend'")
                .bind(kOwnOrganization)
                .bind(PgArray::text(slugs))
                .bind(kPartnerOrganization));
        const DbTable camps =
            m_session.exec("SELECT id, slug::text, organization_id FROM mobilize_private.event_campaigns ORDER BY id");
        qint64 mainCampaign = 0, partnerCampaign = 0;
        std::vector<qint64> otherCampaigns;
        for (int r = 0; r < camps.rowCount(); ++r) {
            if (camps.toInt64(r, 2) == kPartnerOrganization)
                partnerCampaign = camps.toInt64(r, 0);
            else if (camps.text(r, 1) == o.campaignSlug)
                mainCampaign = camps.toInt64(r, 0);
            else
                otherCampaigns.push_back(camps.toInt64(r, 0));
        }

        // Users: members of the organization (the users view shows members);
        // a few admins and organizers, the rest volunteers and hosts.
        QStringList uZip;
        for (int i = 0; i < 500; ++i)
            uZip << residential[rng.bounded(quint32(residential.size()))]->zip;
        m_session.exec(
            DbQuery("WITH z AS (SELECT * FROM unnest($2::text[]) WITH ORDINALITY AS u(zip, n)), "
                    "g AS (SELECT g, now() - random() * interval '400 days' AS created FROM generate_series(1, $1) g) "
                    "INSERT INTO mobilize_private.users (created_date, modified_date, given_name, family_name, "
                    "  email_address, phone_number, postal_code, membership_id, membership__created_date, "
                    "  membership__modified_date, membership__permission_tier, membership__organization_id) "
                    "SELECT created, created, (ARRAY['Alex','Maria','Jamal','Priya','Chen','Fatima','Diego','Emily',"
                    "  'Kwame','Sofia','Noah','Aisha','Liam','Mei','Omar','Grace'])[1 + g % 16], "
                    "  (ARRAY['Garcia','Johnson','Nguyen','Patel','Smith','Kim','Okafor','Rossi','Cohen',"
                    "  'Martinez','Brown','Haddad','Lee','Walker'])[1 + (g / 16) % 14], "
                    "  'Volunteer' || g || '@Example.org', '+1555' || lpad(g::text, 7, '0'), z.zip, g, created, "
                    "  created, CASE WHEN g <= 5 THEN 'ADMIN' WHEN g <= 25 THEN 'ORGANIZER' "
                    "  WHEN g <= 200 THEN 'TRUSTED_HOST' END, $3 "
                    "FROM g JOIN z ON z.n = 1 + (g * 7919) % 500")
                .bind(std::max(1, o.users))
                .bind(PgArray::text(uZip))
                .bind(kOwnOrganization));
        const DbTable ur = m_session.exec("SELECT min(id), max(id) FROM mobilize_private.users");
        const qint64 firstUser = ur.toInt64(0, 0), lastUser = ur.toInt64(0, 1);

        // Events, at residential ZIP centroids like the hub seeder's.
        QStringList titles, descs, venues, addrs, cities, states, zips_, lats, lngs, tzs, types, approvals, hosts,
            startsAt;
        std::vector<bool> noGeo, noCampaign;
        std::vector<qint64> orgs, campaigns, owners;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto addEvent = [&](const ZipDirectory::Place &p, const QString &title, const QString &desc,
                            const QString &approval, bool promoted, const QDateTime &start) {
            titles << title;
            descs << desc;
            venues << QStringLiteral("%1 Community Center").arg(p.city);
            addrs << QStringLiteral("%1 Main St").arg(100 + rng.bounded(9000));
            cities << p.city;
            states << p.state;
            zips_ << p.zip;
            lats << QString::number(p.lat + (rng.generateDouble() - 0.5) * 0.04, 'f', 7);
            lngs << QString::number(p.lng + (rng.generateDouble() - 0.5) * 0.04, 'f', 7);
            noGeo.push_back(rng.generateDouble() < o.noCoordinatesShare);
            tzs << UsTimeZones::forState(p.state);
            types << QString::fromLatin1(kTypes[rng.bounded(int(std::size(kTypes)))]);
            approvals << approval;
            hosts << (approval == QLatin1String("APPROVED") && rng.generateDouble() < 0.5 ? QStringLiteral("f")
                                                                                          : QStringLiteral("t"));
            orgs.push_back(promoted ? kPartnerOrganization : kOwnOrganization);
            const double u = rng.generateDouble();
            campaigns.push_back(promoted ? partnerCampaign
                                         : (u < o.mainCampaignShare || otherCampaigns.empty()
                                                ? mainCampaign
                                                : otherCampaigns[rng.bounded(quint32(otherCampaigns.size()))]));
            noCampaign.push_back(campaigns.back() == 0);
            owners.push_back(firstUser + qint64(rng.bounded(quint32(std::max<qint64>(1, lastUser - firstUser + 1)))));
            startsAt << start.toString(Qt::ISODate);
        };
        for (int i = 0; i < o.events; ++i) {
            const ZipDirectory::Place &p = *residential[rng.bounded(quint32(residential.size()))];
            const double a = rng.generateDouble();
            const QString approval = a < o.needsApprovalShare ? QStringLiteral("NEEDS_APPROVAL")
                : a < o.needsApprovalShare + 0.02             ? QStringLiteral("NEEDS_HOST_VERIFICATION")
                : a < o.needsApprovalShare + 0.04             ? QStringLiteral("REJECTED")
                                                              : QStringLiteral("APPROVED");
            const bool promoted = rng.generateDouble() < o.promotedShare;
            const QDateTime start =
                now.addSecs(3600 * (24 + rng.bounded(24 * 14))).addSecs(-(now.time().minute() * 60));
            const bool hostile = i % 250 == 17;
            const QString title = hostile
                ? QString::fromUtf8(kHostileTitles[(i / 250) % int(std::size(kHostileTitles))])
                : QString::fromLatin1(kTitles[rng.bounded(int(std::size(kTitles)))]) + QStringLiteral(" — ") + p.city;
            const QString desc = hostile
                ? hostileDescription(i / 250)
                : QStringLiteral("<p>Join neighbors in %1 to stand up and be counted.</p>").arg(p.city.toHtmlEscaped());
            addEvent(p, title.left(100), desc, approval, promoted, start);
            // A host who submits the same event twice: the review queue marks
            // the second as a duplicate.
            if (approval == QLatin1String("NEEDS_APPROVAL") && i % 10 == 3) {
                addEvent(p, title.left(100), desc, approval, promoted, start);
                lats.last() = lats.at(lats.size() - 2);
                lngs.last() = lngs.at(lngs.size() - 2);
                noGeo.back() = noGeo[noGeo.size() - 2];
            }
        }
        if (!titles.isEmpty()) {
            m_session.exec(
                DbQuery(
                    "INSERT INTO mobilize_private.events (title, summary, description, organization_id, "
                    "  location__venue, location__address_line_1, location__locality, location__region, "
                    "  location__postal_code, location__lat, location__lon, location__modified_date, timezone, "
                    "  event_type, created_date, modified_date, created_by_volunteer_host, contact__name, "
                    "  contact__email_address, approval_status, owner_id, creator_id, reviewed_date, "
                    "  accessibility_status, event_campaign_id) "
                    "SELECT title, left(title, 100), d, org, venue, addr, city, st, zip, lat, lng, c, tz, typ, c, c, "
                    "  host, u.given_name || ' ' || u.family_name, u.email_address, appr, owner, owner, "
                    "  CASE WHEN appr IN ('APPROVED', 'REJECTED') THEN c END, "
                    "  (ARRAY['ACCESSIBLE','NOT_SURE','UNKNOWN'])[1 + n % 3], camp "
                    "FROM (SELECT *, now() - random() * interval '20 days' AS c FROM unnest($1::text[], $2::text[], "
                    "  $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::numeric[], "
                    "  $10::numeric[], $11::text[], $12::text[], $13::boolean[], $14::text[], $15::int[], "
                    "  $16::int[]) WITH ORDINALITY AS s(title, d, org, venue, addr, city, st, zip, lat, lng, tz, "
                    "  typ, host, appr, owner, camp, n)) s "
                    "JOIN mobilize_private.users u ON u.id = s.owner ORDER BY n")
                    .bind(PgArray::text(titles))
                    .bind(PgArray::text(descs))
                    .bind(PgArray::numbers(orgs))
                    .bind(PgArray::text(venues))
                    .bind(PgArray::text(addrs))
                    .bind(PgArray::text(cities))
                    .bind(PgArray::text(states))
                    .bind(PgArray::text(zips_))
                    .bind(PgArray::textOrNull(lats, noGeo))
                    .bind(PgArray::textOrNull(lngs, noGeo))
                    .bind(PgArray::text(tzs))
                    .bind(PgArray::text(types))
                    .bind(PgArray::text(hosts))
                    .bind(PgArray::text(approvals))
                    .bind(PgArray::numbers(owners))
                    .bind(PgArray::textOrNull(
                        [&] {
                            QStringList c;
                            for (qint64 id : campaigns)
                                c << QString::number(id);
                            return c;
                        }(),
                        noCampaign)));
        }
        m_session.exec("UPDATE mobilize_private.events e SET browser_url = 'https://www.mobilize.us/' || o.slug || "
                       "'/event/' || e.id || '/' FROM mobilize_private.organizations o "
                       "WHERE o.id = e.organization_id AND e.browser_url IS NULL");
        // One to three timeslots a day apart, from the event's start.
        m_session.exec(DbQuery("INSERT INTO mobilize_private.timeslots (start_date, end_date, event_id, created_date, "
                               "  modified_date, max_attendees) "
                               "SELECT st, st + interval '2 hours', e.id, e.created_date, e.created_date, "
                               "  CASE WHEN random() < 0.2 THEN NULL ELSE 20 + floor(random() * 480)::int END "
                               "FROM mobilize_private.events e, "
                               "  LATERAL (SELECT date_trunc('hour', now()) + make_interval(hours => 24 + "
                               "    (e.id * 7919) % (24 * 14)) AS base) b, "
                               "  LATERAL generate_series(0, (e.id % 3)) k, "
                               "  LATERAL (SELECT b.base + k * interval '1 day' AS st) s"));
        m_session.exec("INSERT INTO mobilize_private.tags (name) SELECT unnest(ARRAY['Rally','Canvass','Youth',"
                       "'Accessible','Climate','Voting Rights']) ON CONFLICT DO NOTHING");
        m_session.exec("INSERT INTO mobilize_private.event_tags (created_date, modified_date, event_id, tag_id) "
                       "SELECT e.created_date, e.created_date, e.id, t.id FROM mobilize_private.events e "
                       "JOIN mobilize_private.tags t ON t.id = (SELECT min(id) FROM mobilize_private.tags) + e.id % 6 "
                       "WHERE e.id % 2 = 0");

        // Participation history on approved events, skewed so that some
        // events are popular; confirmations and cancellations happened since.
        if (o.participations > 0) {
            m_session.exec(
                DbQuery("WITH slots AS (SELECT array_agg(t.id ORDER BY random()) AS ids "
                        "  FROM mobilize_private.timeslots t JOIN mobilize_private.events e ON e.id = t.event_id "
                        "  WHERE e.approval_status = 'APPROVED'), "
                        "pick AS (SELECT slots.ids[1 + floor(power(random(), 2) * array_length(slots.ids, 1))"
                        "  ::int] AS ts, $2 + floor(random() * $3)::int AS uid, random() AS r, "
                        "  now() - random() * interval '3 days' AS c "
                        "  FROM slots, generate_series(1, $1) WHERE slots.ids IS NOT NULL) "
                        "INSERT INTO mobilize_private.participations (created_date, modified_date, user_id, "
                        "  event_id, timeslot_id, affiliation_id, status, referrer__utm_source, email_at_signup, "
                        "  given_name_at_signup, family_name_at_signup, postal_code_at_signup) "
                        "SELECT c, CASE WHEN r < 0.3 THEN c + (now() - c) * random() ELSE c END, u.id, "
                        "  t.event_id, t.id, $4, CASE WHEN r < 0.1 THEN 'CANCELLED' WHEN r < 0.3 THEN "
                        "  'CONFIRMED' ELSE 'REGISTERED' END, (ARRAY['email','sms','facebook',NULL])"
                        "  [1 + floor(random() * 4)::int], u.email_address, u.given_name, u.family_name, "
                        "  u.postal_code "
                        "FROM pick JOIN mobilize_private.timeslots t ON t.id = pick.ts "
                        "JOIN mobilize_private.users u ON u.id = pick.uid")
                    .bind(o.participations)
                    .bind(firstUser)
                    .bind(std::max<qint64>(1, lastUser - firstUser + 1))
                    .bind(kOwnOrganization));
            // Sign-ups through our feed for the partner's events, across the
            // campaign finance firewall: the view hides event, timeslot and status.
            m_session.exec(
                DbQuery("INSERT INTO mobilize_private.participations (created_date, modified_date, user_id, "
                        "  event_id, timeslot_id, affiliation_id, cross_firewall, email_at_signup) "
                        "SELECT c, c, u.id, t.event_id, t.id, $3, true, u.email_address "
                        "FROM (SELECT now() - random() * interval '3 days' AS c, "
                        "  $2 + floor(random() * $4)::int AS uid, "
                        "  (SELECT t.id FROM mobilize_private.timeslots t JOIN mobilize_private.events e "
                        "   ON e.id = t.event_id WHERE e.organization_id = $5 AND g > 0 ORDER BY random() LIMIT 1) "
                        "  AS ts FROM generate_series(1, $1) g) p "
                        "JOIN mobilize_private.timeslots t ON t.id = p.ts JOIN mobilize_private.users u "
                        "ON u.id = p.uid")
                    .bind(qint64(std::max<double>(1, double(o.participations) * o.crossFirewallShare)))
                    .bind(firstUser)
                    .bind(kOwnOrganization)
                    .bind(std::max<qint64>(1, lastUser - firstUser + 1))
                    .bind(kPartnerOrganization));
        }
        // Some history of deletions: a cancelled event and dropped shifts.
        m_session.exec("UPDATE mobilize_private.events SET deleted_date = now() - interval '1 day', "
                       "modified_date = now() - interval '1 day' WHERE id IN (SELECT id FROM mobilize_private.events "
                       "WHERE approval_status = 'APPROVED' ORDER BY id DESC LIMIT 3)");
        m_session.exec("UPDATE mobilize_private.timeslots SET deleted_date = now() - interval '2 days', "
                       "modified_date = now() - interval '2 days' WHERE id IN (SELECT max(id) FROM "
                       "mobilize_private.timeslots GROUP BY event_id HAVING count(*) > 2 ORDER BY 1 LIMIT 10)");
    });
    m_session.exec("ANALYZE mobilize_private.events, mobilize_private.timeslots, mobilize_private.participations, "
                   "mobilize_private.users");
    const qint64 events = m_session.exec("SELECT count(*) FROM mobilize_private.events").toInt64(0, 0);
    log->info("seeded the Mobilize mirror with {} events, {} users, {} participations", events, o.users,
              o.participations);
    return events;
}

} // namespace oc::sim

#include "MobilizeRows.h"

#include <QRegularExpression>

namespace oc {
namespace {

using S = MobilizeRows::Statement;

#define OC_US(col) "(extract(epoch FROM " col ") * 1000000)::bigint"
#define OC_SINCE "modified_date > 'epoch'::timestamptz + $1::bigint * interval '1 microsecond'"
#define OC_COUNTED "status <> 'CANCELLED' AND event_id IS NOT NULL AND timeslot_id IS NOT NULL"

// Coordinates are numeric(10,7) and null when geocoding failed: float8 keeps
// the null a null, never a 0 that would put the event off the coast of Africa.
const QByteArray kEventsSelect =
    "SELECT id, title, organization_id, contact__name, contact__email_address, contact__phone_number, "
    "location__venue, location__address_line_1, location__locality, location__region, location__postal_code, "
    "location__lat::float8 AS lat, location__lon::float8 AS lon, timezone, browser_url, approval_status, "
    "event_campaign__slug::text AS campaign_slug, " OC_US("created_date") " AS created_us, " OC_US(
        "modified_date") " AS modified_us, deleted_date IS NOT NULL AS deleted FROM events";

const QByteArray kTimeslotsSelect = "SELECT id, event_id, " OC_US("start_date") " AS start_us, max_attendees, " OC_US(
    "modified_date") " AS modified_us, deleted_date IS NOT NULL AS deleted FROM timeslots";

// The narrow columns only, never the personal ones. The times go out as
// they are: in binary a timestamptz is the server's own int64 of
// microseconds, no conversion on either side (see the header).
const QByteArray kParticipationRows =
    "SELECT 'p' AS tag, id, event_id, timeslot_id, coalesce(" OC_COUNTED ", false) AS active, "
    "created_date AS created_us, modified_date AS modified_us, NULL::bigint AS n FROM participations";

// What psql would compute for the totals, one level finer: per timeslot, so
// that a deleted timeslot or event un-counts its share without a re-read.
const QByteArray kSlotCounts =
    "SELECT 'c' AS tag, max(id) AS id, NULL::integer AS event_id, timeslot_id, true AS active, "
    "NULL::timestamptz AS created_us, NULL::timestamptz AS modified_us, count(*) AS n FROM participations "
    "WHERE " OC_COUNTED " GROUP BY timeslot_id";

const char *const kExactCounts = "SELECT p.event_id, count(*) AS rsvps FROM participations p "
                                 "JOIN timeslots t ON t.id = p.timeslot_id AND t.deleted_date IS NULL "
                                 "JOIN events e ON e.id = p.event_id AND e.deleted_date IS NULL "
                                 "WHERE p.status <> 'CANCELLED' GROUP BY p.event_id";

} // namespace

QByteArray MobilizeRows::sql(Statement s)
{
    switch (s) {
    case S::Clock: return "SELECT " OC_US("now()") " AS now_us";
    case S::BatchEnd: return "SELECT " OC_US("clock_timestamp()") " AS now_us";
    case S::Events: return kEventsSelect;
    case S::TailEvents: return kEventsSelect + " WHERE " OC_SINCE;
    case S::Timeslots: return kTimeslotsSelect;
    case S::TailTimeslots: return kTimeslotsSelect + " WHERE " OC_SINCE;
    case S::SlotCounts: return kSlotCounts;
    // Cancelled and cross-firewall rows never count, so the state load leaves
    // them out: the per-participation state holds counted rows only. A range
    // of the primary key, so each chunk is an index range scan.
    case S::ParticipationChunk:
        return kParticipationRows + " WHERE id >= $1::bigint AND id < $2::bigint AND " OC_COUNTED;
    case S::TailParticipations: return kParticipationRows + " WHERE " OC_SINCE;
    // One statement, so the rows and the counts come from one snapshot: once
    // the rows are applied, any difference in the counts is real drift.
    case S::SweepAndCount: return kParticipationRows + " WHERE " OC_SINCE " UNION ALL " + kSlotCounts;
    case S::ParticipationsOfTimeslots: return kParticipationRows + " WHERE timeslot_id = ANY ($1::int[])";
    }
    return {};
}

const char *MobilizeRows::exactCountsSql()
{
    return kExactCounts;
}

DbQuery MobilizeRows::query(Statement s)
{
    DbQuery q(sql(s));
    switch (s) {
    // The statements read in volume: binary results (see the header).
    case S::SlotCounts:
    case S::ParticipationChunk:
    case S::TailParticipations:
    case S::SweepAndCount:
    case S::ParticipationsOfTimeslots: q.binary(); break;
    default: break;
    }
    return q;
}

const char *MobilizeRows::name(Statement s)
{
    switch (s) {
    case S::Clock: return "mobilize clock";
    case S::BatchEnd: return "mobilize batch end";
    case S::Events: return "mobilize events";
    case S::TailEvents: return "mobilize events tail";
    case S::Timeslots: return "mobilize timeslots";
    case S::TailTimeslots: return "mobilize timeslots tail";
    case S::SlotCounts: return "mobilize counts per timeslot";
    case S::ParticipationChunk: return "mobilize participations chunk";
    case S::TailParticipations: return "mobilize participations tail";
    case S::SweepAndCount: return "mobilize participations sweep and counts";
    case S::ParticipationsOfTimeslots: return "mobilize participations of timeslots";
    }
    return "?";
}

const ColumnList &MobilizeRows::columns(Statement s)
{
    static const ColumnList events(QStringLiteral("mobilize events"),
                                   {"id",
                                    "title",
                                    "organization_id",
                                    "contact__name",
                                    "contact__email_address",
                                    "contact__phone_number",
                                    "location__venue",
                                    "location__address_line_1",
                                    "location__locality",
                                    "location__region",
                                    "location__postal_code",
                                    "lat",
                                    "lon",
                                    "timezone",
                                    "browser_url",
                                    "approval_status",
                                    "campaign_slug",
                                    "created_us",
                                    "modified_us",
                                    "deleted"});
    static const ColumnList timeslots(QStringLiteral("mobilize timeslots"),
                                      {"id", "event_id", "start_us", "max_attendees", "modified_us", "deleted"});
    static const ColumnList participations(
        QStringLiteral("mobilize participations"),
        {"tag", "id", "event_id", "timeslot_id", "active", "created_us", "modified_us", "n"});
    static const ColumnList clock(QStringLiteral("mobilize clock"), {"now_us"});
    switch (s) {
    case S::Clock:
    case S::BatchEnd: return clock;
    case S::Events:
    case S::TailEvents: return events;
    case S::Timeslots:
    case S::TailTimeslots: return timeslots;
    case S::SlotCounts:
    case S::ParticipationChunk:
    case S::TailParticipations:
    case S::SweepAndCount:
    case S::ParticipationsOfTimeslots: return participations;
    }
    return clock;
}

bool MobilizeRows::planScansFor(const QStringList &planLines, const QString &column, QString *relation)
{
    // Text EXPLAIN: a "Seq Scan on X" node whose own "Filter:" line (more
    // indented, before the next node) tests the column.
    static const QRegularExpression seq(QStringLiteral("^(\\s*)(?:->\\s*)?(?:Parallel )?Seq Scan on (\\S+)"));
    const QRegularExpression word(QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(column)));
    for (int i = 0; i < planLines.size(); ++i) {
        const auto m = seq.match(planLines[i]);
        if (!m.hasMatch())
            continue;
        const qsizetype indent = m.capturedLength(1);
        for (int j = i + 1; j < planLines.size(); ++j) {
            const QString &l = planLines[j];
            const QString t = l.trimmed();
            if (t.startsWith(QLatin1String("->")) || l.indexOf(t) <= indent)
                break;
            if (t.startsWith(QLatin1String("Filter:")) && t.contains(word)) {
                if (relation)
                    *relation = m.captured(2);
                return true;
            }
        }
    }
    return false;
}

} // namespace oc

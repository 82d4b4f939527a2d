#include "MobilizeRows.h"

#include <QRegularExpression>

namespace oc {
namespace {

using S = MobilizeRows::Statement;

#define OC_US(col) "(extract(epoch FROM " col ") * 1000000)::bigint"
#define OC_SINCE "modified_date > 'epoch'::timestamptz + $1::bigint * interval '1 microsecond'"

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

const QByteArray kParticipationsSelect =
    "SELECT id, event_id, timeslot_id, "
    "coalesce(status <> 'CANCELLED' AND event_id IS NOT NULL AND timeslot_id IS NOT NULL, false) AS active, " OC_US(
        "created_date") " AS created_us, " OC_US("modified_date") " AS modified_us FROM participations";

const char *const kExactCounts = "SELECT p.event_id, count(*) AS rsvps FROM participations p "
                                 "JOIN timeslots t ON t.id = p.timeslot_id AND t.deleted_date IS NULL "
                                 "JOIN events e ON e.id = p.event_id AND e.deleted_date IS NULL "
                                 "WHERE p.status <> 'CANCELLED' GROUP BY p.event_id";

} // namespace

QByteArray MobilizeRows::sql(Statement s)
{
    switch (s) {
    case S::Events: return kEventsSelect;
    case S::TailEvents: return kEventsSelect + " WHERE " OC_SINCE;
    case S::Timeslots: return kTimeslotsSelect;
    case S::TailTimeslots: return kTimeslotsSelect + " WHERE " OC_SINCE;
    // Cancelled and cross-firewall rows never count, so the snapshot leaves
    // them out: the per-participation state holds counted rows only.
    case S::Participations:
        return kParticipationsSelect +
            " WHERE status <> 'CANCELLED' AND event_id IS NOT NULL AND timeslot_id IS NOT NULL";
    case S::TailParticipations: return kParticipationsSelect + " WHERE " OC_SINCE;
    case S::ParticipationsOfEvents: return kParticipationsSelect + " WHERE event_id = ANY ($1::int[])";
    case S::Reconcile: return kExactCounts;
    }
    return {};
}

const char *MobilizeRows::exactCountsSql()
{
    return kExactCounts;
}

DbQuery MobilizeRows::query(Statement s)
{
    return DbQuery(sql(s));
}

const char *MobilizeRows::name(Statement s)
{
    switch (s) {
    case S::Events: return "mobilize events";
    case S::TailEvents: return "mobilize events tail";
    case S::Timeslots: return "mobilize timeslots";
    case S::TailTimeslots: return "mobilize timeslots tail";
    case S::Participations: return "mobilize participations";
    case S::TailParticipations: return "mobilize participations tail";
    case S::ParticipationsOfEvents: return "mobilize participations of events";
    case S::Reconcile: return "mobilize reconciliation";
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
    static const ColumnList participations(QStringLiteral("mobilize participations"),
                                           {"id", "event_id", "timeslot_id", "active", "created_us", "modified_us"});
    static const ColumnList reconcile(QStringLiteral("mobilize reconciliation"), {"event_id", "rsvps"});
    switch (s) {
    case S::Events:
    case S::TailEvents: return events;
    case S::Timeslots:
    case S::TailTimeslots: return timeslots;
    case S::Participations:
    case S::TailParticipations:
    case S::ParticipationsOfEvents: return participations;
    case S::Reconcile: return reconcile;
    }
    return reconcile;
}

bool MobilizeRows::planScansForModifiedDate(const QStringList &planLines, QString *relation)
{
    // Text EXPLAIN: a "Seq Scan on X" node whose own "Filter:" line (more
    // indented, before the next node) tests modified_date.
    static const QRegularExpression seq(QStringLiteral("^(\\s*)(?:->\\s*)?(?:Parallel )?Seq Scan on (\\S+)"));
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
            if (t.startsWith(QLatin1String("Filter:")) && t.contains(QLatin1String("modified_date"))) {
                if (relation)
                    *relation = m.captured(2);
                return true;
            }
        }
    }
    return false;
}

} // namespace oc

#include "HubRows.h"

#include <QTimeZone>

#include <array>

namespace oc {
namespace {

using S = HubRows::Statement;
using E = HubRows::EventCol;

// The event columns, each once: its name (what the decoder asks for), the
// expression that reads it and its type (for the 'h' row's NULL of the same
// column, which a UNION needs). Snapshot and tail are generated from it.
struct EventColumn
{
    E col;
    const char *name;
    const char *expr;
    const char *type;
};
constexpr EventColumn kEventColumns[] = {
    {E::Id, "id", "e.id", "bigint"},
    {E::CampaignId, "campaign_id", "e.campaign_id", "bigint"},
    {E::HostId, "host_id", "e.host_id", "bigint"},
    {E::Title, "title", "e.title", "text"},
    {E::HostName, "host_name", "h.name", "text"},
    {E::HostEmail, "host_email", "h.email", "text"},
    {E::HostPhone, "host_phone", "h.phone", "text"},
    {E::HostPrep, "host_prep", "h.prep_status", "prep_status"},
    {E::StartsAt, "starts_at_ms", "(extract(epoch FROM e.starts_at) * 1000)::bigint", "bigint"},
    {E::Timezone, "timezone", "e.timezone", "text"},
    {E::Venue, "venue", "e.venue", "text"},
    {E::Address, "address", "e.address", "text"},
    {E::City, "city", "e.city", "text"},
    {E::State, "state", "e.state", "text"},
    {E::PostalCode, "postal_code", "e.postal_code", "text"},
    {E::Latitude, "latitude", "e.latitude", "float8"},
    {E::Longitude, "longitude", "e.longitude", "float8"},
    {E::Capacity, "capacity", "e.capacity", "int"},
    {E::Approval, "approval_status", "e.approval_status", "approval_status"},
    {E::Flagged, "flagged", "e.flagged", "bool"},
    {E::ReviewedBy, "reviewed_by", "e.reviewed_by", "text"},
    {E::CreatedAt, "created_at_ms", "(extract(epoch FROM e.created_at) * 1000)::bigint", "bigint"},
    {E::UpdatedAt, "updated_at_ms", "(extract(epoch FROM e.updated_at) * 1000)::bigint", "bigint"},
    {E::Version, "version", "e.version", "int"},
};

// The enum is the decoder's view of the list: same order, nothing left out.
constexpr bool eventColumnsMatchEnum()
{
    for (size_t i = 0; i < std::size(kEventColumns); ++i)
        if (size_t(kEventColumns[i].col) != i + 2) // after tag, hi
            return false;
    return std::size(kEventColumns) + 2 == size_t(E::ColumnCount);
}
static_assert(eventColumnsMatchEnum(), "kEventColumns and HubRows::EventCol disagree");

QByteArray eventHead()
{
    QByteArray head = "WITH w AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS hi) "
                      "SELECT 'h' AS tag, (SELECT hi FROM w)::text AS hi";
    for (const EventColumn &c : kEventColumns)
        head += QByteArray(", NULL::") + c.type + " AS " + c.name;
    head += " UNION ALL SELECT 'e', NULL";
    for (const EventColumn &c : kEventColumns)
        head += QByteArray(", ") + c.expr;
    return head + " FROM events e LEFT JOIN hosts h ON h.id = e.host_id";
}

QStringList eventColumnNames()
{
    QStringList names {QStringLiteral("tag"), QStringLiteral("hi")};
    for (const EventColumn &c : kEventColumns)
        names << QString::fromLatin1(c.name);
    return names;
}

const QByteArray kSnapshotEvents = eventHead();
const QByteArray kTailEvents = eventHead() + " WHERE e.xact >= $1::xid8 AND e.xact < (SELECT hi FROM w)";

// RSVPs: counts per event and per minute, never the rows themselves; one
// scan feeds both groupings. Rows group on the timestamp; the (numeric)
// epoch conversion runs once per group, not once per row.
constexpr const char *kTailRsvps =
    "WITH w AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS hi), "
    "t AS (SELECT event_id, CASE WHEN created_at > now() - interval '24 hours' "
    "             THEN date_trunc('minute', created_at) END AS m "
    "      FROM rsvps WHERE xact >= $1::xid8 AND xact < (SELECT hi FROM w)) "
    "SELECT 'h' AS tag, (SELECT hi FROM w)::text AS hi, NULL::bigint AS k, NULL::bigint AS n "
    "UNION ALL SELECT CASE WHEN GROUPING(event_id) = 0 THEN 'e' ELSE 'm' END, NULL, "
    "  CASE WHEN GROUPING(event_id) = 0 THEN event_id ELSE (extract(epoch FROM m) * 1000)::bigint END, count(*) "
    "FROM t GROUP BY GROUPING SETS ((event_id), (m)) HAVING GROUPING(event_id) = 0 OR m IS NOT NULL";

// First totals as fast as a plain GROUP BY: per-event counts only. The
// per-minute history for the charts follows in a second batch bounded by the
// same xid, so together they are still one consistent snapshot.
//
// The snapshot counts rows below the bound (the tail reads from it) as every
// visible row minus the visible rows at or above it: the plain GROUP BY is
// psql's plan (an index-only scan of rsvps_event_idx, sorted, no spill), and
// the few rows of transactions that finished above xmin come from a range of
// rsvps_xact_idx. `WHERE xact < (SELECT hi FROM w)` instead let the planner
// guess a third of the table behind the InitPlan: a parallel index scan of
// all 5M rows by xact and a hash aggregate spilling to disk, 2.6x psql's
// time (bench/totals). The bound is written out rather than taken from a CTE
// so the planner estimates it; both uses see the statement's one snapshot.
constexpr const char *kSnapshotRsvps =
    "SELECT 'h' AS tag, pg_snapshot_xmin(pg_current_snapshot())::text AS hi, NULL::bigint AS k, NULL::bigint AS n "
    "UNION ALL SELECT 'e', NULL, event_id, count(*) FROM rsvps GROUP BY event_id "
    "UNION ALL SELECT 'e', NULL, event_id, -count(*) FROM rsvps WHERE xact >= pg_snapshot_xmin(pg_current_snapshot()) "
    "GROUP BY event_id";
constexpr const char *kRsvpHistory =
    "SELECT 'm' AS tag, NULL::text AS hi, (extract(epoch FROM date_trunc('minute', created_at)) * 1000)::bigint AS k, "
    "count(*) AS n FROM rsvps WHERE xact < $1::xid8 AND created_at > now() - interval '24 hours' "
    "GROUP BY date_trunc('minute', created_at)";
// The steady-state tick: per-event counts only, and the server's clock in the
// 'h' row. The rows of one tick all committed within that tick, so they are
// put in the minute of the server's clock at the read, at most one tick late;
// the per-minute grouping would double the statement's cost. After any gap
// (start, reconnect, a slow tick) the exact query above runs instead.
constexpr const char *kTailRsvpsLight =
    "WITH w AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS hi) "
    "SELECT 'h' AS tag, (SELECT hi FROM w)::text AS hi, (extract(epoch FROM now()) * 1000)::bigint AS k, "
    "NULL::bigint AS n "
    "UNION ALL SELECT 'e', NULL, event_id, count(*) FROM rsvps "
    "WHERE xact >= $1::xid8 AND xact < (SELECT hi FROM w) GROUP BY event_id";

constexpr const char *kTraffic =
    "WITH w AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS hi) "
    "SELECT 'h' AS tag, (SELECT hi FROM w)::text AS hi, NULL::bigint AS bucket, NULL::bigint AS requests, "
    "NULL::bigint AS errors, NULL::float8 AS p95 "
    "UNION ALL SELECT 's', NULL, (extract(epoch FROM bucket) * 1000)::bigint, sum(requests), sum(errors_5xx), "
    "max(p95_ms) "
    "FROM traffic_samples WHERE xact >= $1::xid8 AND xact < (SELECT hi FROM w) AND bucket > now() - interval '25 "
    "hours' "
    "GROUP BY bucket";

constexpr const char *kAudit =
    "WITH w AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS hi) "
    "SELECT 'h' AS tag, (SELECT hi FROM w)::text AS hi, NULL::bigint AS id, NULL::bigint AS at, NULL::text AS action, "
    "NULL::text AS phase, NULL::text AS actor, NULL::text AS result "
    "UNION ALL SELECT 'a', NULL, id, (extract(epoch FROM at) * 1000)::bigint, action, phase, actor, result "
    "FROM audit_log WHERE xact >= $1::xid8 AND xact < (SELECT hi FROM w) AND at > now() - interval '25 hours'";

constexpr const char *kCampaigns =
    "SELECT id, slug, title, status, event_goal, rsvp_goal, (extract(epoch FROM launch_at) * 1000)::bigint AS "
    "launch_at_ms, (SELECT mode::text FROM site_state ORDER BY site LIMIT 1) AS site_mode, "
    "CASE WHEN pg_is_in_recovery() THEN extract(epoch FROM now() - pg_last_xact_replay_timestamp()) END AS lag "
    "FROM campaigns ORDER BY id";

// The other statements' columns: name by enum, in enum order (checked).
template<typename Col> struct Named
{
    Col col;
    const char *name;
};
template<typename Col, size_t N> constexpr bool inEnumOrder(const Named<Col> (&cols)[N])
{
    for (size_t i = 0; i < N; ++i)
        if (size_t(cols[i].col) != i)
            return false;
    return N == size_t(Col::ColumnCount);
}

using CC = HubRows::CampaignCol;
constexpr Named<CC> kCampaignColumns[] = {
    {CC::Id, "id"},
    {CC::Slug, "slug"},
    {CC::Title, "title"},
    {CC::Status, "status"},
    {CC::EventGoal, "event_goal"},
    {CC::RsvpGoal, "rsvp_goal"},
    {CC::LaunchAt, "launch_at_ms"},
    {CC::SiteMode, "site_mode"},
    {CC::Lag, "lag"},
};
static_assert(inEnumOrder(kCampaignColumns));

using RC = HubRows::RsvpCol;
constexpr Named<RC> kRsvpColumns[] = {{RC::Tag, "tag"}, {RC::Hi, "hi"}, {RC::Key, "k"}, {RC::Count, "n"}};
static_assert(inEnumOrder(kRsvpColumns));

using TC = HubRows::TrafficCol;
constexpr Named<TC> kTrafficColumns[] = {
    {TC::Tag, "tag"},           {TC::Hi, "hi"},         {TC::Bucket, "bucket"},
    {TC::Requests, "requests"}, {TC::Errors, "errors"}, {TC::P95, "p95"},
};
static_assert(inEnumOrder(kTrafficColumns));

using AC = HubRows::AuditCol;
constexpr Named<AC> kAuditColumns[] = {
    {AC::Tag, "tag"},       {AC::Hi, "hi"},       {AC::Id, "id"},       {AC::At, "at"},
    {AC::Action, "action"}, {AC::Phase, "phase"}, {AC::Actor, "actor"}, {AC::Result, "result"},
};
static_assert(inEnumOrder(kAuditColumns));

// HeadCol reads the 'h' row of every tailed statement.
static_assert(size_t(HubRows::HeadCol::Tag) == size_t(RC::Tag) && size_t(HubRows::HeadCol::Hi) == size_t(RC::Hi) &&
              size_t(HubRows::HeadCol::Tag) == size_t(E::Tag) && size_t(HubRows::HeadCol::Hi) == size_t(E::Hi) &&
              size_t(HubRows::HeadCol::Hi) == size_t(TC::Hi) && size_t(HubRows::HeadCol::Hi) == size_t(AC::Hi));

template<typename Col, size_t N> ColumnList names(HubRows::Statement st, const Named<Col> (&cols)[N])
{
    QStringList list;
    for (const Named<Col> &c : cols)
        list << QString::fromLatin1(c.name);
    return ColumnList(QString::fromLatin1(HubRows::name(st)), list);
}

} // namespace

const char *HubRows::name(Statement s)
{
    switch (s) {
    case S::Campaigns: return "campaigns";
    case S::SnapshotRsvps: return "snapshot RSVPs";
    case S::RsvpHistory: return "RSVP history";
    case S::TailRsvps: return "RSVP tail";
    case S::TailRsvpsLight: return "RSVP tail (light)";
    case S::SnapshotEvents: return "snapshot events";
    case S::TailEvents: return "event tail";
    case S::Traffic: return "traffic tail";
    case S::Audit: return "audit tail";
    }
    return "?";
}

DbQuery HubRows::query(Statement s, QList<std::optional<QByteArray>> params)
{
    switch (s) {
    case S::Campaigns: return DbQuery(kCampaigns, std::move(params));
    case S::SnapshotRsvps: return DbQuery(kSnapshotRsvps, std::move(params));
    case S::RsvpHistory: return DbQuery(kRsvpHistory, std::move(params));
    case S::TailRsvps: return DbQuery(kTailRsvps, std::move(params));
    case S::TailRsvpsLight: return DbQuery(kTailRsvpsLight, std::move(params));
    case S::SnapshotEvents: return DbQuery(kSnapshotEvents, std::move(params));
    case S::TailEvents: return DbQuery(kTailEvents, std::move(params));
    case S::Traffic: return DbQuery(kTraffic, std::move(params));
    case S::Audit: return DbQuery(kAudit, std::move(params));
    }
    return {};
}

const ColumnList &HubRows::columns(Statement s)
{
    static const std::array<ColumnList, 9> lists {
        names(S::Campaigns, kCampaignColumns),
        names(S::SnapshotRsvps, kRsvpColumns),
        names(S::RsvpHistory, kRsvpColumns),
        names(S::TailRsvps, kRsvpColumns),
        names(S::TailRsvpsLight, kRsvpColumns),
        ColumnList(QString::fromLatin1(name(S::SnapshotEvents)), eventColumnNames()),
        ColumnList(QString::fromLatin1(name(S::TailEvents)), eventColumnNames()),
        names(S::Traffic, kTrafficColumns),
        names(S::Audit, kAuditColumns),
    };
    return lists[size_t(s)];
}

LiveSource::Campaign HubRows::campaign(const RowReader &rows, int r)
{
    using C = CampaignCol;
    LiveSource::Campaign c;
    c.id = rows.toInt64(r, C::Id);
    c.slug = rows.text(r, C::Slug);
    c.title = rows.text(r, C::Title);
    c.status = rows.text(r, C::Status);
    c.eventGoal = rows.toInt64(r, C::EventGoal);
    c.rsvpGoal = rows.toInt64(r, C::RsvpGoal);
    if (!rows.isNull(r, C::LaunchAt))
        c.launchAt = QDateTime::fromMSecsSinceEpoch(rows.toInt64(r, C::LaunchAt));
    return c;
}

EventRecord HubRows::event(const RowReader &rows, int r)
{
    EventRecord e;
    e.id = rows.toInt64(r, E::Id);
    e.campaignId = rows.toInt64(r, E::CampaignId);
    e.hostId = rows.toInt64(r, E::HostId);
    e.title = rows.text(r, E::Title);
    e.hostName = rows.text(r, E::HostName);
    e.hostEmail = rows.text(r, E::HostEmail);
    e.hostPhone = rows.text(r, E::HostPhone);
    e.hostPrep = rows.text(r, E::HostPrep);
    e.startsAt = QDateTime::fromMSecsSinceEpoch(rows.toInt64(r, E::StartsAt), QTimeZone::UTC);
    e.timezone = rows.text(r, E::Timezone);
    e.venue = rows.text(r, E::Venue);
    e.address = rows.text(r, E::Address);
    e.city = rows.text(r, E::City);
    e.state = rows.text(r, E::State);
    e.postalCode = rows.text(r, E::PostalCode);
    if (!rows.isNull(r, E::Latitude) && !rows.isNull(r, E::Longitude)) {
        e.latitude = rows.toDouble(r, E::Latitude);
        e.longitude = rows.toDouble(r, E::Longitude);
    }
    e.capacity = int(rows.toInt64(r, E::Capacity));
    e.approval = EventRecord::approvalFromDb(rows.raw(r, E::Approval));
    e.flagged = rows.toBool(r, E::Flagged);
    e.reviewedBy = rows.text(r, E::ReviewedBy);
    e.createdAt = QDateTime::fromMSecsSinceEpoch(rows.toInt64(r, E::CreatedAt), QTimeZone::UTC);
    e.updatedAt = QDateTime::fromMSecsSinceEpoch(rows.toInt64(r, E::UpdatedAt), QTimeZone::UTC);
    e.version = int(rows.toInt64(r, E::Version));
    return e;
}

LiveSource::TrafficSample HubRows::trafficSample(const RowReader &rows, int r)
{
    using C = TrafficCol;
    LiveSource::TrafficSample s;
    s.bucketMs = rows.toInt64(r, C::Bucket);
    s.requests = rows.toInt64(r, C::Requests);
    s.errors = rows.toInt64(r, C::Errors);
    s.p95ms = rows.toDouble(r, C::P95);
    return s;
}

LiveSource::Annotation HubRows::annotation(const RowReader &rows, int r)
{
    using C = AuditCol;
    LiveSource::Annotation a;
    a.id = rows.toInt64(r, C::Id);
    a.at = QDateTime::fromMSecsSinceEpoch(rows.toInt64(r, C::At));
    a.action = rows.text(r, C::Action);
    a.phase = rows.text(r, C::Phase);
    a.actor = rows.text(r, C::Actor);
    a.result = rows.text(r, C::Result);
    return a;
}

} // namespace oc

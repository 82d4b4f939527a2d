#pragma once

#include "ColumnList.h"
#include "DbQuery.h"
#include "EventRecord.h"
#include "LiveSource.h"
#include "RowReader.h"

namespace oc {

// The statements HubFeed sends and how their rows decode, in one place: each
// statement has a tag (results are matched to statements by it), a declared
// column list (checked against every result before decoding) and an enum per
// column (decoders read by name, never by result position).
//
// Every tailed statement returns a first row tagged 'h' that carries its own
// snapshot bound, so the bound and the rows come from the same snapshot; its
// columns start with `tag` and `hi`, so HeadCol reads that row of any of them.
class HubRows
{
public:
    enum class Statement {
        Campaigns,
        SnapshotRsvps,
        RsvpHistory,
        TailRsvps,
        TailRsvpsLight,
        SnapshotEvents,
        TailEvents,
        Traffic,
        Audit,
    };

    enum class HeadCol { Tag, Hi };
    enum class CampaignCol { Id, Slug, Title, Status, EventGoal, RsvpGoal, LaunchAt, SiteMode, Lag, ColumnCount };
    // 'e' rows: k = event id, n = RSVPs; 'm' rows: k = minute (epoch ms), n = RSVPs;
    // the light tail's 'h' row: k = the server's clock (epoch ms).
    enum class RsvpCol { Tag, Hi, Key, Count, ColumnCount };
    enum class EventCol {
        Tag,
        Hi,
        Id,
        CampaignId,
        HostId,
        Title,
        HostName,
        HostEmail,
        HostPhone,
        HostPrep,
        StartsAt,
        Timezone,
        Venue,
        Address,
        City,
        State,
        PostalCode,
        Latitude,
        Longitude,
        Capacity,
        Approval,
        Flagged,
        ReviewedBy,
        CreatedAt,
        UpdatedAt,
        Version,
        ColumnCount,
    };
    enum class TrafficCol { Tag, Hi, Bucket, Requests, Errors, P95, ColumnCount };
    enum class AuditCol { Tag, Hi, Id, At, Action, Phase, Actor, Result, ColumnCount };

    // The statement's SQL with `params` bound (watermarks as xid8 text).
    static DbQuery query(Statement s, QList<std::optional<QByteArray>> params = {});
    static const ColumnList &columns(Statement s);
    static const char *name(Statement s);

    static bool isHead(const RowReader &rows, int r) { return rows.raw(r, HeadCol::Tag) == "h"; }
    static const QByteArray &bound(const RowReader &rows, int r) { return rows.raw(r, HeadCol::Hi); }

    static LiveSource::Campaign campaign(const RowReader &rows, int r);
    static EventRecord event(const RowReader &rows, int r);
    static LiveSource::TrafficSample trafficSample(const RowReader &rows, int r);
    static LiveSource::Annotation annotation(const RowReader &rows, int r);
};

} // namespace oc

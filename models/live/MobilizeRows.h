#pragma once

#include "ColumnList.h"
#include "DbQuery.h"
#include "RowReader.h"

#include <QString>

#include <optional>

namespace oc {

// The statements MobilizeSource sends to a Mobilize SQL mirror and the
// columns each returns, declared once (checked against every result before a
// cell is read, as HubRows does for the hub). Only the dictionary's views are
// named, unqualified, so the customer's search_path decides where they are;
// every statement is a parameterized SELECT: the console's role on a mirror
// is read-only and it never creates anything there.
//
// Times travel as epoch microseconds (bigint): the watermark is compared with
// modified_date exactly, never through a float.
class MobilizeRows
{
public:
    enum class Statement {
        Events, // every event (snapshot)
        TailEvents, // $1 = since (µs): modified_date > $1
        Timeslots,
        TailTimeslots,
        Participations, // the snapshot: only rows that count, to keep it small
        TailParticipations,
        ParticipationsOfEvents, // $1 = int[] of event ids: every row of those events (reconciliation)
        Reconcile, // the exact RSVPs per event, one GROUP BY
    };

    enum class EventCol {
        Id,
        Title,
        OrganizationId,
        ContactName,
        ContactEmail,
        ContactPhone,
        Venue,
        Address,
        City,
        State,
        PostalCode,
        Latitude,
        Longitude,
        Timezone,
        BrowserUrl,
        Approval,
        CampaignSlug,
        CreatedUs,
        ModifiedUs,
        Deleted,
        ColumnCount,
    };
    enum class TimeslotCol { Id, EventId, StartUs, MaxAttendees, ModifiedUs, Deleted, ColumnCount };
    // active: counts toward its event if the event and timeslot are live
    // (status is not CANCELLED and the row is not cross-firewall).
    enum class ParticipationCol { Id, EventId, TimeslotId, Active, CreatedUs, ModifiedUs, ColumnCount };
    enum class ReconcileCol { EventId, Rsvps, ColumnCount };

    static DbQuery query(Statement s);
    static const ColumnList &columns(Statement s);
    static const char *name(Statement s);
    // The SQL of a tail statement, for EXPLAIN.
    static QByteArray sql(Statement s);

    // The SQL an outside observer runs for the truth: RSVPs per event as the
    // console defines them (count(*) over the views). Tests and
    // reconciliation use the same text.
    static const char *exactCountsSql();

    // Whether a text EXPLAIN of a tail statement scans a whole relation to
    // evaluate the modified_date predicate; `relation` gets its name.
    static bool planScansForModifiedDate(const QStringList &planLines, QString *relation = nullptr);
};

} // namespace oc

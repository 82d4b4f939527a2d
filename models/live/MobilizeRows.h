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
// Times travel as epoch microseconds (bigint). Tail bounds are the mirror's
// own clock (Clock) minus a window, bound as an exact bigint. Participations
// are the one view read in volume, so their statements ask for binary
// results (DbQuery::binary) and return the two times as timestamptz: the
// server sends its own int64 of microseconds instead of formatting text, and
// RowReader::toEpochMicros reads it without parsing. On bench/mirror's data
// that took a tick's server time from 1.15 to 1.02 ms for 600 rows (the
// previous float8 date_part conversion had already replaced extract's
// numeric, which cost a third of each row's time); the client reads each
// cell in about half the time. Every binary column is one DbTable decodes:
// integers, bool, text, timestamptz.
class MobilizeRows
{
public:
    enum class Statement {
        Clock, // the mirror's now() (µs): the transaction's start, before any statement of the batch reads
        // clock_timestamp() (µs) as the last statement of a batch: with Clock,
        // the server time the whole batch took, parse and plan included
        BatchEnd,
        Events, // every event (snapshot)
        TailEvents, // $1 = since (µs): modified_date > $1
        Timeslots,
        TailTimeslots,
        SlotCounts, // first totals: counted participations per timeslot ('c' rows), one GROUP BY
        ParticipationChunk, // $1, $2 = id range [lo, hi): the counted rows of it ('p' rows)
        TailParticipations, // $1 = since (µs) ('p' rows)
        SweepAndCount, // $1 = since: the tail's 'p' rows and the 'c' rows, one statement, one snapshot
        ParticipationsOfTimeslots, // $1 = int[] of timeslot ids: every row on them (reconciliation)
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
    // Every participations statement returns these columns. Tag 'p': one
    // row; active = counts toward its event if the event and timeslot are
    // live (status is not CANCELLED and the row is not cross-firewall). Tag
    // 'c': a timeslot's counted participations in Count, the largest id
    // among them in Id; the other columns null.
    enum class ParticipationCol { Tag, Id, EventId, TimeslotId, Active, CreatedUs, ModifiedUs, Count, ColumnCount };
    enum class ClockCol { NowUs, ColumnCount };

    static DbQuery query(Statement s);
    static const ColumnList &columns(Statement s);
    static const char *name(Statement s);
    // The SQL of a tail statement, for EXPLAIN.
    static QByteArray sql(Statement s);

    // The SQL an outside observer runs for the truth: RSVPs per event as the
    // console defines them (count(*) over the views). Tests and
    // reconciliation use the same text.
    static const char *exactCountsSql();

    // Whether a text EXPLAIN scans a whole relation to evaluate a predicate
    // on `column` (a whole word of a Seq Scan's Filter: "id" does not match
    // "event_id"); `relation` gets its name.
    static bool planScansFor(const QStringList &planLines, const QString &column, QString *relation = nullptr);
    static bool planScansForModifiedDate(const QStringList &planLines, QString *relation = nullptr)
    {
        return planScansFor(planLines, QStringLiteral("modified_date"), relation);
    }
};

} // namespace oc

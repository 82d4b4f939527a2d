#pragma once

#include "EventRecord.h"
#include "FieldChange.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace oc {

class ColumnList;

class DbTable;

// An event as the reviewer sees it: the fields they judge and may edit, plus
// the review state. `version` is what every write checks against.
struct ReviewEvent
{
    qint64 id = 0;
    int version = 0;
    qint64 campaignId = 0;
    qint64 hostId = 0;
    QString title;
    QString description;
    QDateTime startsAt;
    QDateTime endsAt;
    QString timezone;
    QString venue;
    QString address;
    QString city;
    QString state;
    QString postalCode;
    int capacity = 0; // 0 = unlimited
    Approval approval = Approval::NeedsApproval;
    bool flagged = false;
    QString reviewedBy;
    QDateTime reviewedAt;
    QString rejectionMessage;
    QString claimedBy;
    QDateTime claimedUntil;
    QDateTime createdAt;
    QDateTime updatedAt;
    QString hostName;
    QString hostEmail;
    QString hostPhone;
    // Where the event lives when the source is a Mobilize mirror (its
    // browser_url): review decisions are made there.
    QString browserUrl;
    // False when built from the live feed's record, which lacks the
    // description, end time and review details.
    bool hasDetails = false;

    bool isClaimActive(const QDateTime &now = QDateTime::currentDateTimeUtc()) const
    {
        return !claimedBy.isEmpty() && claimedUntil.isValid() && claimedUntil > now;
    }
    // `reviewer` holds the claim and it runs out within `seconds`: the work
    // they have open is about to become anyone's.
    bool claimEndsSoon(const QString &reviewer, qint64 seconds,
                       const QDateTime &now = QDateTime::currentDateTimeUtc()) const
    {
        return !reviewer.isEmpty() && claimedBy == reviewer && isClaimActive(now) &&
            now.secsTo(claimedUntil) <= seconds;
    }

    // SELECT list matching fromTable(); the query must alias events as e and
    // LEFT JOIN hosts as h.
    // The SELECT list (each column named) and the names fromTable() checks
    // a result against before it reads a row.
    static const char *selectColumns();
    static const ColumnList &columns();
    static ReviewEvent fromTable(const DbTable &t, int row);
    static ReviewEvent fromRecord(const EventRecord &r);
    // The editable and review fields that differ, in a stable order. Fields
    // only a detailed read knows are compared only when both sides have them.
    static QList<FieldChange> diff(const ReviewEvent &before, const ReviewEvent &after);
    // Only the fields a reviewer can edit.
    static QList<FieldChange> editedFields(const ReviewEvent &before, const ReviewEvent &after);
    static QString approvalToDb(Approval a);
};

} // namespace oc

#include "ReviewService.h"

#include "AuditTrail.h"
#include "DbTable.h"
#include "LogCategories.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTimeZone>

namespace oc {
namespace {

// $3 is always the reviewer in event writes.
const QByteArray kActor = AuditTrail::actorExpr(3);

// Nobody else may hold a live claim; our own or an expired one is fine.
const QByteArray kClaimGuard =
    "(claimed_by IS NULL OR claimed_until IS NULL OR claimed_until < now() OR claimed_by = " + kActor + ")";

const QByteArray kFinishReview =
    "reviewed_by = " + kActor + ", reviewed_at = now(), claimed_by = NULL, claimed_until = NULL";

QByteArray readBackSql()
{
    return QByteArray("SELECT ") + ReviewEvent::selectColumns() +
        " FROM events e LEFT JOIN hosts h ON h.id = e.host_id WHERE e.id = $1::bigint";
}

QByteArray jsonText(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray pgArray(const QList<qint64> &v)
{
    QByteArray out = "{";
    for (qsizetype i = 0; i < v.size(); ++i) {
        if (i)
            out += ',';
        out += QByteArray::number(v[i]);
    }
    return out + '}';
}

QString iso(const QDateTime &d)
{
    return d.isValid() ? d.toUTC().toString(Qt::ISODateWithMs) : QString();
}

} // namespace

ReviewService::ReviewService(DbConnection *db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    qRegisterMetaType<oc::ReviewOutcome>();
    qRegisterMetaType<oc::ReviewConflict>();
    qRegisterMetaType<oc::ReviewService::Claim>();
}

void ReviewService::setOperatorName(const QString &name)
{
    m_operator = name.trimmed();
    if (!m_operator.isEmpty())
        Q_EMIT reviewerResolved(m_operator);
}

void ReviewService::resolveReviewer()
{
    if (!m_db)
        return;
    m_db->exec({DbQuery("SELECT session_user::text")}, this, [this](const DbConnection::Outcome &o) {
        if (const auto *t = DbConnection::tables(o)) {
            m_sessionUser = (*t)[0].text(0, 0);
            if (m_operator.isEmpty())
                Q_EMIT reviewerResolved(m_sessionUser);
        }
    });
}

void ReviewService::finish(const ReviewOutcome &o, const Done &done)
{
    auto log = logcat::review();
    switch (o.status) {
    case ReviewOutcome::Status::Ok:
        log->info("{} {} {} by {} -> v{}", o.action.toStdString(), o.targetType.toStdString(), o.targetId,
                  reviewerName().toStdString(), o.newVersion);
        break;
    case ReviewOutcome::Status::Conflict:
        log->warn("{} {} {} refused: changed by '{}' (v{} -> v{})", o.action.toStdString(), o.targetType.toStdString(),
                  o.targetId, o.conflict ? o.conflict->changedBy.toStdString() : "",
                  o.conflict ? o.conflict->expectedVersion : 0, o.conflict ? o.conflict->currentVersion : 0);
        break;
    case ReviewOutcome::Status::Error:
        log->warn("{} {} {} failed: {}", o.action.toStdString(), o.targetType.toStdString(), o.targetId,
                  o.error.toStdString());
        break;
    }
    if (done)
        done(o);
    Q_EMIT writeFinished(o);
    if (o.conflict)
        Q_EMIT conflictDetected(*o.conflict);
    for (const ReviewConflict &c : o.conflicts)
        Q_EMIT conflictDetected(c);
}

ReviewConflict ReviewService::makeConflict(const QString &action, const ReviewEvent &seen,
                                           const std::optional<ReviewEvent> &current,
                                           const QList<ReviewLogEntry> &history)
{
    ReviewConflict c;
    c.targetType = QStringLiteral("event");
    c.targetId = seen.id;
    c.targetTitle = current ? current->title : seen.title;
    c.action = action;
    c.expectedVersion = seen.version;
    c.history = history;
    if (!current) {
        c.reason = ReviewConflict::Reason::Missing;
        return c;
    }
    c.currentVersion = current->version;
    c.changedAt = current->updatedAt;
    c.claimedBy = current->claimedBy;
    c.claimedUntil = current->claimedUntil;
    c.changes = ReviewEvent::diff(seen, *current);
    c.reason =
        current->version != seen.version ? ReviewConflict::Reason::Changed : ReviewConflict::Reason::ClaimedByOther;
    if (!history.isEmpty())
        c.changedBy = history.front().actor;
    else if (!current->reviewedBy.isEmpty() && current->reviewedBy != seen.reviewedBy)
        c.changedBy = current->reviewedBy;
    else if (current->isClaimActive())
        c.changedBy = current->claimedBy;
    return c;
}

void ReviewService::writeEvent(const QString &action, const ReviewEvent &seen, const QByteArray &setClause,
                               const QList<std::optional<QByteArray>> &extra, const QJsonObject &auditParams, Done done)
{
    ReviewOutcome early;
    early.action = action;
    early.targetType = QStringLiteral("event");
    early.targetId = seen.id;
    if (!m_db) {
        early.error = tr("No database connection.");
        finish(early, done);
        return;
    }
    // $1 id, $2 expected version, $3 reviewer, $4 action, $5 audit params, $6.. the new values.
    // The audit row is written either way: a refused attempt is part of the story too.
    DbQuery write("WITH u AS (UPDATE events SET " + setClause + " WHERE id = $1::bigint AND version = $2::int AND " +
                  kClaimGuard +
                  " RETURNING version), "
                  "a AS (INSERT INTO audit_log (actor, action, phase, target_type, target_id, params, result) "
                  "SELECT " +
                  kActor +
                  ", $4::text, 'outcome', 'event', $1::bigint::text, "
                  "$5::jsonb || jsonb_build_object('from_version', $2::int, 'to_version', (SELECT version FROM u)), "
                  "CASE WHEN EXISTS (SELECT 1 FROM u) THEN 'ok' ELSE 'conflict' END RETURNING id) "
                  "SELECT (SELECT version FROM u) AS new_version, (SELECT id FROM a) AS audit_id");
    write.bind(seen.id).bind(seen.version).bind(m_operator).bind(action).bind(jsonText(auditParams));
    write.params += extra;

    std::vector<DbQuery> batch {write, DbQuery(readBackSql()).bind(seen.id),
                                AuditTrail::changesSinceQuery(QStringLiteral("event"), seen.id, seen.version)};
    m_db->exec(std::move(batch), this, [this, seen, action, done](const DbConnection::Outcome &o) {
        ReviewOutcome out;
        out.action = action;
        out.targetType = QStringLiteral("event");
        out.targetId = seen.id;
        if (const DbError *e = DbConnection::error(o)) {
            out.status = ReviewOutcome::Status::Error;
            out.error = e->message;
            out.sqlState = e->sqlState;
            finish(out, done);
            return;
        }
        const auto &t = *DbConnection::tables(o);
        if (t[1].rowCount() > 0)
            out.current = ReviewEvent::fromTable(t[1], 0);
        if (!t[0].isNull(0, 0)) {
            out.status = ReviewOutcome::Status::Ok;
            out.newVersion = int(t[0].toInt64(0, 0));
        } else {
            out.status = ReviewOutcome::Status::Conflict;
            out.conflict = makeConflict(action, seen, out.current, AuditTrail::parse(t[2]));
            out.newVersion = out.current ? out.current->version : 0;
        }
        finish(out, done);
    });
}

void ReviewService::approve(const ReviewEvent &seen, const QString &note, Done done)
{
    QJsonObject p;
    if (!note.isEmpty())
        p.insert(QStringLiteral("note"), note);
    writeEvent(QStringLiteral("review.approve"), seen,
               "approval_status = 'approved', rejection_message = NULL, " + kFinishReview, {}, p, std::move(done));
}

void ReviewService::reject(const ReviewEvent &seen, const QString &messageForHost, Done done)
{
    QJsonObject p;
    p.insert(QStringLiteral("message"), messageForHost);
    writeEvent(QStringLiteral("review.reject"), seen,
               "approval_status = 'rejected', rejection_message = $6::text, " + kFinishReview,
               {messageForHost.toUtf8()}, p, std::move(done));
}

void ReviewService::setFlagged(const ReviewEvent &seen, bool flagged, const QString &note, Done done)
{
    QJsonObject p;
    p.insert(QStringLiteral("flagged"), flagged);
    if (!note.isEmpty())
        p.insert(QStringLiteral("note"), note);
    writeEvent(flagged ? QStringLiteral("review.flag") : QStringLiteral("review.unflag"), seen, "flagged = $6::boolean",
               {QByteArray(flagged ? "t" : "f")}, p, std::move(done));
}

void ReviewService::saveEdits(const ReviewEvent &seen, const ReviewEvent &edited, bool approveAfter, Done done)
{
    const QList<FieldChange> changes = ReviewEvent::editedFields(seen, edited);
    QByteArray set;
    QList<std::optional<QByteArray>> extra;
    QJsonObject changed;
    auto param = [&](const QByteArray &column, const QByteArray &cast, std::optional<QByteArray> value) {
        if (!set.isEmpty())
            set += ", ";
        extra.append(std::move(value));
        set += column + " = $" + QByteArray::number(5 + extra.size()) + cast;
    };
    for (const FieldChange &c : changes) {
        changed.insert(c.field, QJsonArray {c.before, c.after});
        const QByteArray col = c.field.toLatin1();
        if (c.field == QLatin1String("starts_at") || c.field == QLatin1String("ends_at")) {
            const QDateTime &d = c.field == QLatin1String("starts_at") ? edited.startsAt : edited.endsAt;
            param(col, "::timestamptz", d.isValid() ? std::optional<QByteArray>(iso(d).toUtf8()) : std::nullopt);
        } else if (c.field == QLatin1String("capacity")) {
            param(col, "::int",
                  edited.capacity > 0 ? std::optional<QByteArray>(QByteArray::number(edited.capacity)) : std::nullopt);
        } else {
            param(col, "::text", c.after.toUtf8());
        }
    }
    if (approveAfter) {
        if (!set.isEmpty())
            set += ", ";
        set += "approval_status = 'approved', rejection_message = NULL, " + kFinishReview;
    }
    if (set.isEmpty()) {
        // An update would bump the version for nothing and make the other
        // reviewers' views stale.
        ReviewOutcome out;
        out.status = ReviewOutcome::Status::Ok;
        out.action = QStringLiteral("review.edit");
        out.targetType = QStringLiteral("event");
        out.targetId = seen.id;
        out.newVersion = seen.version;
        finish(out, done);
        return;
    }
    QJsonObject p;
    p.insert(QStringLiteral("changes"), changed);
    writeEvent(approveAfter ? QStringLiteral("review.edit_approve") : QStringLiteral("review.edit"), seen, set, extra,
               p, std::move(done));
}

void ReviewService::bulkApprove(const QList<ReviewEvent> &seenIn, Done done)
{
    const QString action = QStringLiteral("review.approve");
    QList<ReviewEvent> seen;
    QSet<qint64> ids;
    for (const ReviewEvent &e : seenIn)
        if (!ids.contains(e.id)) {
            ids.insert(e.id);
            seen << e;
        }
    ReviewOutcome early;
    early.action = action;
    early.targetType = QStringLiteral("event");
    if (!m_db || seen.isEmpty()) {
        early.status = m_db ? ReviewOutcome::Status::Ok : ReviewOutcome::Status::Error;
        if (!m_db)
            early.error = tr("No database connection.");
        finish(early, done);
        return;
    }
    QList<qint64> idList, versions;
    for (const ReviewEvent &e : seen) {
        idList << e.id;
        versions << e.version;
    }
    const QByteArray idArr = pgArray(idList), verArr = pgArray(versions);
    DbQuery write(
        "WITH sel AS (SELECT s.id, s.version FROM unnest($1::bigint[], $2::int[]) AS s(id, version)), "
        "u AS (UPDATE events e SET approval_status = 'approved', rejection_message = NULL, " +
        kFinishReview + " FROM sel WHERE e.id = sel.id AND e.version = sel.version AND " + kClaimGuard +
        " RETURNING e.id, e.version, sel.version AS from_version), "
        "a AS (INSERT INTO audit_log (actor, action, phase, target_type, target_id, params, result) "
        "SELECT " +
        kActor +
        ", $4::text, 'outcome', 'event', u.id::text, "
        "jsonb_build_object('bulk', true, 'from_version', u.from_version, 'to_version', u.version), 'ok' FROM u "
        "UNION ALL SELECT " +
        kActor +
        ", $4::text, 'outcome', 'event', sel.id::text, "
        "jsonb_build_object('bulk', true, 'from_version', sel.version), 'conflict' FROM sel "
        "WHERE sel.id NOT IN (SELECT id FROM u) RETURNING id) "
        "SELECT u.id, u.version, (SELECT count(*) FROM a) FROM u ORDER BY u.id");
    write.bind(idArr).bind(verArr).bind(m_operator).bind(action);
    DbQuery readBack(QByteArray("SELECT ") + ReviewEvent::selectColumns() +
                     " FROM events e LEFT JOIN hosts h ON h.id = e.host_id WHERE e.id = ANY($1::bigint[])");
    readBack.bind(idArr);
    DbQuery history(QByteArray("SELECT ") + AuditTrail::selectColumns() +
                    ", l.target_id FROM audit_log l JOIN unnest($1::bigint[], $2::int[]) AS s(id, version) "
                    "ON l.target_type = 'event' AND l.target_id = s.id::text WHERE l.result = 'ok' "
                    "AND CASE WHEN l.params->>'to_version' ~ '^[0-9]{1,9}$' "
                    "THEN (l.params->>'to_version')::int > s.version ELSE false END ORDER BY l.id DESC");
    history.bind(idArr).bind(verArr);

    m_db->exec({write, readBack, history}, this, [this, seen, action, done](const DbConnection::Outcome &o) {
        ReviewOutcome out;
        out.action = action;
        out.targetType = QStringLiteral("event");
        if (const DbError *e = DbConnection::error(o)) {
            out.status = ReviewOutcome::Status::Error;
            out.error = e->message;
            out.sqlState = e->sqlState;
            finish(out, done);
            return;
        }
        const auto &t = *DbConnection::tables(o);
        QSet<qint64> approved;
        for (int r = 0; r < t[0].rowCount(); ++r) {
            approved.insert(t[0].toInt64(r, 0));
            out.succeeded << t[0].toInt64(r, 0);
        }
        QHash<qint64, ReviewEvent> current;
        for (int r = 0; r < t[1].rowCount(); ++r) {
            ReviewEvent e = ReviewEvent::fromTable(t[1], r);
            current.insert(e.id, e);
        }
        const QList<ReviewLogEntry> all = AuditTrail::parse(t[2]);
        const int targetCol = t[2].columnCount() - 1;
        for (const ReviewEvent &s : seen) {
            if (approved.contains(s.id))
                continue;
            QList<ReviewLogEntry> mine;
            for (int r = 0; r < t[2].rowCount(); ++r)
                if (t[2].toInt64(r, targetCol) == s.id)
                    mine << all[r];
            const auto it = current.constFind(s.id);
            out.conflicts << makeConflict(action, s, it == current.cend() ? std::nullopt : std::optional(*it), mine);
        }
        out.status = out.conflicts.isEmpty() ? ReviewOutcome::Status::Ok : ReviewOutcome::Status::Conflict;
        finish(out, done);
    });
}

void ReviewService::addNote(qint64 eventId, const QString &note, Done done)
{
    ReviewOutcome early;
    early.action = QStringLiteral("review.note");
    early.targetType = QStringLiteral("event");
    early.targetId = eventId;
    if (!m_db) {
        early.error = tr("No database connection.");
        finish(early, done);
        return;
    }
    m_db->exec({AuditTrail::noteInsert(m_operator, QStringLiteral("event"), eventId, note)}, this,
               [this, early, done](const DbConnection::Outcome &o) {
                   ReviewOutcome out = early;
                   if (const DbError *e = DbConnection::error(o)) {
                       out.error = e->message;
                       out.sqlState = e->sqlState;
                   } else {
                       out.status = ReviewOutcome::Status::Ok;
                   }
                   finish(out, done);
               });
}

void ReviewService::loadEvent(qint64 eventId, Loaded done)
{
    if (!m_db) {
        done(std::nullopt, {}, tr("No database connection."));
        return;
    }
    m_db->exec({DbQuery(readBackSql()).bind(eventId), AuditTrail::historyQuery(QStringLiteral("event"), eventId)}, this,
               [done](const DbConnection::Outcome &o) {
                   if (const DbError *e = DbConnection::error(o)) {
                       done(std::nullopt, {}, e->message);
                       return;
                   }
                   const auto &t = *DbConnection::tables(o);
                   std::optional<ReviewEvent> ev;
                   if (t[0].rowCount() > 0)
                       ev = ReviewEvent::fromTable(t[0], 0);
                   done(ev, AuditTrail::parse(t[1]), QString());
               });
}

void ReviewService::claim(qint64 eventId, ClaimDone done)
{
    claimCall(true, eventId, std::move(done));
}

void ReviewService::release(qint64 eventId, ClaimDone done)
{
    claimCall(false, eventId, std::move(done));
}

void ReviewService::claimCall(bool take, qint64 eventId, ClaimDone done)
{
    auto report = [this, done](const Claim &c) {
        if (done)
            done(c);
        Q_EMIT claimFinished(c);
    };
    if (!m_db) {
        Claim c;
        c.eventId = eventId;
        c.error = tr("No database connection.");
        report(c);
        return;
    }
    // $1 event, $2 reviewer (empty = session user), $3 ttl seconds.
    DbQuery q = take ? DbQuery("SELECT event_id, won, holder, (extract(epoch FROM held_until) * 1000)::bigint, "
                               "row_version FROM review_claim($1::bigint, " +
                               AuditTrail::actorExpr(2) + ", make_interval(secs => $3::int))")
                           .bind(eventId)
                           .bind(m_operator)
                           .bind(m_claimTtl)
                     : DbQuery("SELECT event_id, released, NULL::text, NULL::bigint, row_version "
                               "FROM review_release($1::bigint, " +
                               AuditTrail::actorExpr(2) + ")")
                           .bind(eventId)
                           .bind(m_operator);
    m_db->exec({q}, this, [this, take, eventId, report](const DbConnection::Outcome &o) {
        Claim c;
        c.eventId = eventId;
        if (const DbError *e = DbConnection::error(o)) {
            c.error = e->message;
        } else {
            const DbTable &t = (*DbConnection::tables(o))[0];
            if (t.rowCount() == 0) {
                c.error = tr("Event %1 does not exist.").arg(eventId);
            } else {
                c.won = t.toBool(0, 1);
                c.holder = t.text(0, 2);
                if (!t.isNull(0, 3))
                    c.until = QDateTime::fromMSecsSinceEpoch(t.toInt64(0, 3), QTimeZone::UTC);
                c.version = int(t.toInt64(0, 4));
            }
        }
        logcat::review()->info("{} event {} by {}: {}{}", take ? "claim" : "release", eventId,
                               reviewerName().toStdString(), c.won ? "ok" : "refused, held by ",
                               c.won ? "" : c.holder.toStdString());
        report(c);
    });
}

} // namespace oc

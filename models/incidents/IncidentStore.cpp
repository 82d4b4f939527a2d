#include "IncidentStore.h"

#include "ColumnList.h"
#include "DbConnection.h"
#include "LogCategories.h"
#include "RowReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace oc {

namespace {

// One column list for every statement that returns cards, so a column added
// to the SQL and not to the decoder is named instead of misread.
enum class Card {
    Id,
    Group,
    Title,
    Severity,
    State,
    RootRule,
    Rules,
    Breaches,
    Runbook,
    Remedy,
    OpenedMs,
    AckMs,
    Owner,
    SilencedBy,
    ResolvedMs,
    Drill,
    Version,
    Seq
};

const ColumnList &cardColumns()
{
    static const ColumnList list(QStringLiteral("incidents"),
                                 {"id", "group_key", "title", "severity", "state", "root_rule_id", "rules_json",
                                  "breaches", "runbook_step", "remedy_id", "opened_ms", "ack_ms", "owner",
                                  "silenced_by", "resolved_ms", "drill", "version", "change_seq"});
    return list;
}

constexpr const char *kCardSelect =
    "SELECT id, group_key, title, severity, state, root_rule_id, array_to_json(rules)::text AS rules_json, breaches, "
    "runbook_step, remedy_id, (extract(epoch FROM opened_at) * 1000)::bigint AS opened_ms, "
    "(extract(epoch FROM acknowledged_at) * 1000)::bigint AS ack_ms, owner, silenced_by, "
    "(extract(epoch FROM resolved_at) * 1000)::bigint AS resolved_ms, drill, version, change_seq FROM incidents ";

Alert::Severity severityFromName(const QString &s)
{
    if (s == u"page")
        return Alert::Severity::Page;
    if (s == u"ticket")
        return Alert::Severity::Ticket;
    return Alert::Severity::Info;
}

QByteArray severityName(Alert::Severity s)
{
    switch (s) {
    case Alert::Severity::Page: return "page";
    case Alert::Severity::Ticket: return "ticket";
    case Alert::Severity::Info: break;
    }
    return "info";
}

std::optional<IncidentStore::Changes> decodeCards(const DbTable &t, QString *error)
{
    const auto r = RowReader::bind(cardColumns(), t, error);
    if (!r)
        return std::nullopt;
    IncidentStore::Changes out;
    for (int i = 0; i < r->rowCount(); ++i) {
        Incident c;
        c.id = r->toInt64(i, Card::Id);
        c.group = r->text(i, Card::Group);
        c.title = r->text(i, Card::Title);
        c.severity = severityFromName(r->text(i, Card::Severity));
        const auto st = Incident::stateFromName(r->text(i, Card::State));
        if (!st) {
            if (error)
                *error =
                    QStringLiteral("incident %1 has an unknown state \"%2\"").arg(c.id).arg(r->text(i, Card::State));
            return std::nullopt;
        }
        c.state = *st;
        c.rootRuleId = r->text(i, Card::RootRule);
        for (const auto &v : QJsonDocument::fromJson(r->raw(i, Card::Rules)).array())
            c.rules << v.toString();
        c.breaches = int(r->toInt64(i, Card::Breaches));
        c.runbookStep = r->text(i, Card::Runbook);
        c.remedyId = r->text(i, Card::Remedy);
        c.openedMs = r->toInt64(i, Card::OpenedMs);
        c.acknowledgedMs = r->toInt64(i, Card::AckMs);
        c.owner = r->text(i, Card::Owner);
        c.resolvedMs = r->toInt64(i, Card::ResolvedMs);
        c.drill = r->toBool(i, Card::Drill);
        c.version = int(r->toInt64(i, Card::Version));
        out.seq = std::max(out.seq, r->toInt64(i, Card::Seq));
        out.incidents << c;
        out.silenced << !r->isNull(i, Card::SilencedBy);
    }
    return out;
}

QByteArray ms(qint64 v)
{
    return QByteArray::number(v);
}

} // namespace

IncidentStore::IncidentStore(DbConnection *readDb, DbConnection *writeDb, QObject *parent)
    : QObject(parent)
    , m_read(readDb)
    , m_write(writeDb ? writeDb : readDb)
{
}

void IncidentStore::loadPlan(Reply<QList<PlanRow>> reply)
{
    if (!m_read)
        return reply(std::nullopt, tr("no database connection"));
    m_read->exec(
        {DbQuery("SELECT rule_id, version, definition::text AS definition, updated_by, "
                 "(extract(epoch FROM updated_at) * 1000)::bigint AS updated_ms FROM alert_plan ORDER BY rule_id")},
        this, [reply](const DbConnection::Outcome &o) {
            if (const auto *e = DbConnection::error(o))
                return reply(std::nullopt, e->message);
            static const ColumnList cols(QStringLiteral("alert_plan"),
                                         {"rule_id", "version", "definition", "updated_by", "updated_ms"});
            enum class C { Id, Version, Definition, By, At };
            QString error;
            const auto r = RowReader::bind(cols, DbConnection::tables(o)->front(), &error);
            if (!r)
                return reply(std::nullopt, error);
            QList<PlanRow> rows;
            QStringList bad;
            for (int i = 0; i < r->rowCount(); ++i) {
                QString why;
                auto rule = PlanRule::fromJson(QJsonDocument::fromJson(r->raw(i, C::Definition)).object(), &why);
                if (!rule) {
                    bad << QStringLiteral("%1: %2").arg(r->text(i, C::Id), why);
                    continue;
                }
                rule->id = r->text(i, C::Id); // the key wins over what the JSON says
                rule->version = int(r->toInt64(i, C::Version));
                rows.append({*rule, r->text(i, C::By), r->toInt64(i, C::At)});
            }
            reply(rows, bad.isEmpty() ? QString() : tr("rules skipped: %1").arg(bad.join(u"; ")));
        });
}

void IncidentStore::seedPlan(const QList<PlanRule> &rules, const QString &by, Done done)
{
    if (!m_write)
        return done(false, tr("no database connection"));
    QJsonArray defs;
    for (const auto &r : rules)
        defs.append(r.toJson());
    m_write->exec({DbQuery("INSERT INTO alert_plan (rule_id, definition, updated_by) "
                           "SELECT d->>'id', d, $2 FROM jsonb_array_elements($1::jsonb) AS d "
                           "ON CONFLICT (rule_id) DO NOTHING")
                       .bind(QJsonDocument(defs).toJson(QJsonDocument::Compact))
                       .bind(by)},
                  this, [done](const DbConnection::Outcome &o) {
                      const auto *e = DbConnection::error(o);
                      done(!e, e ? e->message : QString());
                  });
}

void IncidentStore::savePlanRule(const PlanRule &rule, const QString &by, Done done)
{
    if (!m_write)
        return done(false, tr("no database connection"));
    const QByteArray def = QJsonDocument(rule.toJson()).toJson(QJsonDocument::Compact);
    // version 0: a new rule. Otherwise the row must still be at the version
    // the editor started from; a concurrent save makes this affect no row.
    m_write->exec(
        {DbQuery("WITH upd AS (UPDATE alert_plan SET definition = $2::jsonb, updated_by = $3 "
                 "           WHERE rule_id = $1 AND version = $4 AND $4 > 0 RETURNING 1), "
                 "ins AS (INSERT INTO alert_plan (rule_id, definition, updated_by) "
                 "        SELECT $1, $2::jsonb, $3 WHERE $4 = 0 ON CONFLICT (rule_id) DO NOTHING RETURNING 1) "
                 "SELECT (SELECT count(*) FROM upd) + (SELECT count(*) FROM ins) AS n")
             .bind(rule.id)
             .bind(def)
             .bind(by)
             .bind(rule.version)},
        this, [done, id = rule.id](const DbConnection::Outcome &o) {
            if (const auto *e = DbConnection::error(o))
                return done(false, e->message);
            const auto &t = DbConnection::tables(o)->front();
            if (t.rowCount() != 1 || t.toInt64(0, 0) != 1)
                return done(false, tr("rule %1 was changed by someone else; reload the plan and edit again").arg(id));
            done(true, {});
        });
}

void IncidentStore::loadVendors(Reply<QList<VendorRow>> reply)
{
    if (!m_read)
        return reply(std::nullopt, tr("no database connection"));
    m_read->exec({DbQuery("SELECT name, coalesce(status_url, '') AS status_url, coalesce(quota_url, '') AS quota_url, "
                          "interval_s, updated_by, (extract(epoch FROM updated_at) * 1000000)::bigint AS updated_us "
                          "FROM alert_vendors ORDER BY name")},
                 this, [reply](const DbConnection::Outcome &o) {
                     if (const auto *e = DbConnection::error(o))
                         return reply(std::nullopt, e->message);
                     static const ColumnList cols(
                         QStringLiteral("alert_vendors"),
                         {"name", "status_url", "quota_url", "interval_s", "updated_by", "updated_us"});
                     enum class C { Name, Status, Quota, Interval, By, At };
                     QString error;
                     const auto r = RowReader::bind(cols, DbConnection::tables(o)->front(), &error);
                     if (!r)
                         return reply(std::nullopt, error);
                     QList<VendorRow> rows;
                     for (int i = 0; i < r->rowCount(); ++i)
                         rows.append({r->text(i, C::Name), r->text(i, C::Status), r->text(i, C::Quota),
                                      int(r->toInt64(i, C::Interval, 60)), r->text(i, C::By), r->toInt64(i, C::At)});
                     reply(rows, {});
                 });
}

namespace {

QString vendorError(const DbError &e, const QString &name)
{
    if (e.isPermissionDenied())
        return IncidentStore::tr("Only an operator can change the vendors: the database refused this console's role, "
                                 "nothing was changed.");
    if (e.isUniqueViolation())
        return IncidentStore::tr("A vendor named %1 exists already.").arg(name);
    if (e.sqlState == u"23514")
        return IncidentStore::tr("The database refused vendor %1: a name, address or interval it does not accept.")
            .arg(name);
    if (e.connectionLost || e.sqlState.isEmpty())
        return IncidentStore::tr("The database could not be reached; vendor %1 was not changed.").arg(name);
    return IncidentStore::tr("Vendor %1 was not changed: %2").arg(name, e.message.trimmed());
}

} // namespace

void IncidentStore::addVendor(const VendorRow &v, const QString &by, Done done)
{
    if (!m_write)
        return done(false, tr("no database connection"));
    m_write->exec({DbQuery("INSERT INTO alert_vendors (name, status_url, quota_url, interval_s, updated_by) "
                           "VALUES ($1, nullif($2, ''), nullif($3, ''), $4, $5) ON CONFLICT (name) DO NOTHING")
                       .bind(v.name)
                       .bind(v.statusUrl)
                       .bind(v.quotaUrl)
                       .bind(v.intervalS)
                       .bind(by)},
                  this, [done, name = v.name](const DbConnection::Outcome &o) {
                      if (const auto *e = DbConnection::error(o)) {
                          logcat::alerts()->warn("vendor {} not added: {}", name.toStdString(),
                                                 e->message.toStdString());
                          return done(false, vendorError(*e, name));
                      }
                      if (DbConnection::tables(o)->front().affectedRows == 0)
                          return done(false, tr("A vendor named %1 exists already.").arg(name));
                      done(true, {});
                  });
}

void IncidentStore::editVendor(const QString &originalName, qint64 expectedUpdatedAtUs, const VendorRow &v,
                               const QString &by, Done done)
{
    if (!m_write)
        return done(false, tr("no database connection"));
    m_write->exec(
        {DbQuery("UPDATE alert_vendors SET name = $2, status_url = nullif($3, ''), quota_url = nullif($4, ''), "
                 "interval_s = $5, updated_by = $6, updated_at = clock_timestamp() "
                 "WHERE name = $1 AND (extract(epoch FROM updated_at) * 1000000)::bigint = $7")
             .bind(originalName)
             .bind(v.name)
             .bind(v.statusUrl)
             .bind(v.quotaUrl)
             .bind(v.intervalS)
             .bind(by)
             .bind(expectedUpdatedAtUs)},
        this, [done, originalName, name = v.name](const DbConnection::Outcome &o) {
            if (const auto *e = DbConnection::error(o)) {
                logcat::alerts()->warn("vendor {} not changed: {}", originalName.toStdString(),
                                       e->message.toStdString());
                return done(false, vendorError(*e, name));
            }
            if (DbConnection::tables(o)->front().affectedRows == 0)
                return done(false,
                            tr("Vendor %1 was changed or removed by someone else meanwhile; nothing was "
                               "written. Look at it again and repeat the change.")
                                .arg(originalName));
            done(true, {});
        });
}

void IncidentStore::removeVendor(const QString &name, qint64 expectedUpdatedAtUs, Done done)
{
    if (!m_write)
        return done(false, tr("no database connection"));
    m_write->exec({DbQuery("DELETE FROM alert_vendors "
                           "WHERE name = $1 AND (extract(epoch FROM updated_at) * 1000000)::bigint = $2")
                       .bind(name)
                       .bind(expectedUpdatedAtUs)},
                  this, [done, name](const DbConnection::Outcome &o) {
                      if (const auto *e = DbConnection::error(o)) {
                          logcat::alerts()->warn("vendor {} not removed: {}", name.toStdString(),
                                                 e->message.toStdString());
                          return done(false, vendorError(*e, name));
                      }
                      if (DbConnection::tables(o)->front().affectedRows == 0)
                          return done(false,
                                      tr("Vendor %1 was changed or removed by someone else meanwhile; nothing "
                                         "was removed. Look at it again.")
                                          .arg(name));
                      done(true, {});
                  });
}

void IncidentStore::tryBecomeEvaluator(std::function<void(bool)> reply)
{
    if (!m_write)
        return reply(false);
    // Any constant shared by every console; hashtext keeps it readable.
    m_write->exec({DbQuery("SELECT pg_try_advisory_lock(hashtext('organizer-console/incident-evaluator')) AS held")},
                  this, [reply](const DbConnection::Outcome &o) {
                      const auto *t = DbConnection::tables(o);
                      reply(t && t->front().rowCount() == 1 && t->front().toBool(0, 0));
                  });
}

void IncidentStore::loadEvaluatorPresent(std::function<void(bool)> reply)
{
    if (!m_read)
        return reply(false);
    // An advisory lock on one bigint key shows as classid = high 32 bits,
    // objid = low 32 bits, objsubid = 1 (PostgreSQL docs, "pg_locks").
    m_read->exec(
        {DbQuery("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted "
                 "AND objsubid = 1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                 "AND ((classid::bigint << 32) | objid::bigint) = "
                 "    hashtext('organizer-console/incident-evaluator')::bigint & x'FFFFFFFFFFFFFFFF'::bigint) "
                 "AS present")},
        this, [reply](const DbConnection::Outcome &o) {
            const auto *t = DbConnection::tables(o);
            reply(t && t->front().rowCount() == 1 && t->front().toBool(0, 0));
        });
}

void IncidentStore::loadRecent(RecentReply reply)
{
    if (!m_read)
        return reply(std::nullopt, tr("no database connection"), true);
    m_read->exec({DbQuery(QByteArray(kCardSelect) +
                          "WHERE state <> 'resolved' OR resolved_at > now() - interval '1 day' "
                          "ORDER BY change_seq DESC LIMIT 500")},
                 this, [reply](const DbConnection::Outcome &o) {
                     if (const auto *e = DbConnection::error(o)) {
                         // 42P01: no such table (no migration 0005); 42501: not allowed to read it.
                         const bool missing = e->sqlState == u"42P01" || e->isPermissionDenied();
                         return reply(std::nullopt, e->message, missing);
                     }
                     QString error;
                     auto c = decodeCards(DbConnection::tables(o)->front(), &error);
                     reply(c, error, !c.has_value());
                 });
}

void IncidentStore::loadChanges(qint64 sinceSeq, Reply<Changes> reply)
{
    if (!m_read)
        return reply(std::nullopt, tr("no database connection"));
    m_read->exec({DbQuery(QByteArray(kCardSelect) + "WHERE change_seq > $1 ORDER BY change_seq LIMIT 500")
                      .bind(sinceSeq)
                      .prepared("oc_incidents_changes")},
                 this, [reply, sinceSeq](const DbConnection::Outcome &o) {
                     if (const auto *e = DbConnection::error(o))
                         return reply(std::nullopt, e->message);
                     QString error;
                     auto c = decodeCards(DbConnection::tables(o)->front(), &error);
                     if (c && c->seq == 0)
                         c->seq = sinceSeq;
                     reply(c, error);
                 });
}

void IncidentStore::loadTimeline(qint64 incidentId, Reply<QList<TimelineEntry>> reply)
{
    if (!m_read)
        return reply(std::nullopt, tr("no database connection"));
    m_read->exec({DbQuery("SELECT id, incident_id, (extract(epoch FROM at) * 1000)::bigint AS at_ms, kind, actor, "
                          "coalesce(rule_id, '') AS rule_id, detail, outcome FROM incident_timeline "
                          "WHERE incident_id = $1 ORDER BY at, id")
                      .bind(incidentId)},
                 this, [reply](const DbConnection::Outcome &o) {
                     if (const auto *e = DbConnection::error(o))
                         return reply(std::nullopt, e->message);
                     static const ColumnList cols(
                         QStringLiteral("incident_timeline"),
                         {"id", "incident_id", "at_ms", "kind", "actor", "rule_id", "detail", "outcome"});
                     enum class C { Id, Incident, At, Kind, Actor, Rule, Detail, Outcome };
                     QString error;
                     const auto r = RowReader::bind(cols, DbConnection::tables(o)->front(), &error);
                     if (!r)
                         return reply(std::nullopt, error);
                     QList<TimelineEntry> rows;
                     for (int i = 0; i < r->rowCount(); ++i) {
                         TimelineEntry t;
                         t.id = r->toInt64(i, C::Id);
                         t.incidentId = r->toInt64(i, C::Incident);
                         t.atMs = r->toInt64(i, C::At);
                         t.kind = TimelineEntry::kindFromName(r->text(i, C::Kind)).value_or(TimelineEntry::Kind::Note);
                         t.actor = r->text(i, C::Actor);
                         t.ruleId = r->text(i, C::Rule);
                         t.detail = r->text(i, C::Detail);
                         t.outcome = r->text(i, C::Outcome);
                         rows << t;
                     }
                     reply(rows, {});
                 });
}

void IncidentStore::open(const Incident &card, const QString &ruleId, qint64 atMs, const QString &detail,
                         Reply<qint64> reply)
{
    if (!m_write)
        return reply(std::nullopt, tr("no database connection"));
    QJsonArray rules;
    for (const auto &r : card.rules)
        rules.append(r);
    // xmax = 0 tells a fresh row from one the conflict updated: the first
    // evaluator writes "opened", a racing second one "rule_firing".
    m_write->exec(
        {DbQuery("WITH o AS (INSERT INTO incidents (group_key, title, severity, root_rule_id, rules, runbook_step, "
                 "                             remedy_id, drill, opened_at) "
                 "  VALUES ($1, $2, $3, $4, ARRAY(SELECT jsonb_array_elements_text($5::jsonb)), $6, $7, $8, "
                 "          to_timestamp($9::bigint / 1000.0)) "
                 "  ON CONFLICT (group_key, drill) WHERE state <> 'resolved' DO UPDATE SET "
                 "    breaches = incidents.breaches + 1, "
                 "    rules = ARRAY(SELECT DISTINCT unnest(incidents.rules || EXCLUDED.rules)) "
                 "  RETURNING id, (xmax = 0) AS fresh) "
                 "INSERT INTO incident_timeline (incident_id, at, kind, actor, rule_id, detail) "
                 "SELECT id, to_timestamp($9::bigint / 1000.0), CASE WHEN fresh THEN 'opened' ELSE 'rule_firing' END, "
                 "       'engine', $4, $10 FROM o RETURNING incident_id")
             .bind(card.group)
             .bind(card.title)
             .bind(severityName(card.severity))
             .bind(ruleId)
             .bind(QJsonDocument(rules).toJson(QJsonDocument::Compact))
             .bind(card.runbookStep)
             .bind(card.remedyId)
             .bind(card.drill)
             .bind(atMs)
             .bind(detail.left(4000))},
        this, [reply](const DbConnection::Outcome &o) {
            if (const auto *e = DbConnection::error(o))
                return reply(std::nullopt, e->message);
            const auto &t = DbConnection::tables(o)->front();
            if (t.rowCount() != 1)
                return reply(std::nullopt, tr("the incident was not written"));
            reply(t.toInt64(0, 0), {});
        });
}

void IncidentStore::ruleEvent(qint64 incidentId, TimelineEntry::Kind kind, const QString &ruleId, qint64 atMs,
                              const QString &detail, const Incident &card, Done done)
{
    QJsonArray rules;
    for (const auto &r : card.rules)
        rules.append(r);
    write("WITH u AS (UPDATE incidents SET title = $5, severity = $6, root_rule_id = $7, "
          "  rules = ARRAY(SELECT jsonb_array_elements_text($8::jsonb)), breaches = greatest(breaches, $9), "
          "  runbook_step = $10, remedy_id = $11 WHERE id = $1 RETURNING id) "
          "INSERT INTO incident_timeline (incident_id, at, kind, actor, rule_id, detail) "
          "SELECT id, to_timestamp($2::bigint / 1000.0), $3, 'engine', $4, $12 FROM u",
          {QByteArray::number(incidentId), ms(atMs), TimelineEntry::kindName(kind).toUtf8(), ruleId.toUtf8(),
           card.title.toUtf8(), severityName(card.severity), card.rootRuleId.toUtf8(),
           QJsonDocument(rules).toJson(QJsonDocument::Compact), QByteArray::number(card.breaches),
           card.runbookStep.toUtf8(), card.remedyId.toUtf8(), detail.left(4000).toUtf8()},
          std::move(done));
}

void IncidentStore::reopen(qint64 incidentId, const QString &ruleId, qint64 atMs, Done done)
{
    // Reopening needs the group free; if another card of the group opened in
    // between, the unique index refuses and the caller opens/joins instead.
    write("WITH u AS (UPDATE incidents SET state = 'firing', resolved_at = NULL, acknowledged_at = NULL, "
          "  breaches = breaches + 1 WHERE id = $1 AND state = 'resolved' RETURNING id) "
          "INSERT INTO incident_timeline (incident_id, at, kind, actor, rule_id) "
          "SELECT id, to_timestamp($2::bigint / 1000.0), 'reopened', 'engine', $3 FROM u",
          {QByteArray::number(incidentId), ms(atMs), ruleId.toUtf8()}, std::move(done));
}

void IncidentStore::autoResolve(qint64 incidentId, qint64 atMs, Done done)
{
    write("WITH u AS (UPDATE incidents SET state = 'resolved', resolved_at = to_timestamp($2::bigint / 1000.0) "
          "  WHERE id = $1 AND state <> 'resolved' RETURNING id) "
          "INSERT INTO incident_timeline (incident_id, at, kind, actor, detail) "
          "SELECT id, to_timestamp($2::bigint / 1000.0), 'resolved', 'engine', 'every rule recovered' FROM u",
          {QByteArray::number(incidentId), ms(atMs)}, std::move(done));
}

void IncidentStore::acknowledge(qint64 incidentId, const QString &who, Done done)
{
    write("WITH u AS (UPDATE incidents SET state = 'acknowledged', owner = $2, acknowledged_at = clock_timestamp() "
          "  WHERE id = $1 AND state <> 'resolved' RETURNING id) "
          "INSERT INTO incident_timeline (incident_id, kind, actor, detail) "
          "SELECT id, 'acknowledged', $2, 'took ownership' FROM u",
          {QByteArray::number(incidentId), who.toUtf8()}, std::move(done));
}

void IncidentStore::handOver(qint64 incidentId, const QString &from, const QString &to, Done done)
{
    write("WITH u AS (UPDATE incidents SET owner = $3, state = CASE WHEN state = 'resolved' THEN state "
          "  ELSE 'acknowledged' END WHERE id = $1 RETURNING id) "
          "INSERT INTO incident_timeline (incident_id, kind, actor, detail) "
          "SELECT id, 'handed_over', $2, 'to ' || $3 FROM u",
          {QByteArray::number(incidentId), from.toUtf8(), to.toUtf8()}, std::move(done));
}

void IncidentStore::silence(qint64 incidentId, const QString &who, Done done)
{
    write("WITH u AS (UPDATE incidents SET silenced_by = $2 WHERE id = $1 AND state <> 'resolved' RETURNING id) "
          "INSERT INTO incident_timeline (incident_id, kind, actor, detail) "
          "SELECT id, 'silenced', $2, 'until the incident resolves' FROM u",
          {QByteArray::number(incidentId), who.toUtf8()}, std::move(done));
}

void IncidentStore::resolve(qint64 incidentId, const QString &who, Done done)
{
    write("WITH u AS (UPDATE incidents SET state = 'resolved', resolved_at = clock_timestamp() "
          "  WHERE id = $1 AND state <> 'resolved' RETURNING id) "
          "INSERT INTO incident_timeline (incident_id, kind, actor, detail) "
          "SELECT id, 'resolved', $2, 'resolved by hand' FROM u",
          {QByteArray::number(incidentId), who.toUtf8()}, std::move(done));
}

void IncidentStore::addNote(qint64 incidentId, const QString &who, const QString &text, Done done)
{
    write("INSERT INTO incident_timeline (incident_id, kind, actor, detail) SELECT id, 'note', $2, $3 "
          "FROM incidents WHERE id = $1",
          {QByteArray::number(incidentId), who.toUtf8(), text.left(4000).toUtf8()}, std::move(done));
}

void IncidentStore::recordAction(qint64 incidentId, const QString &who, const QString &remedyId, const QString &outcome,
                                 qint64 atMs, Done done)
{
    write("INSERT INTO incident_timeline (incident_id, at, kind, actor, detail, outcome) "
          "SELECT id, to_timestamp($5::bigint / 1000.0), 'action', $2, $3, $4 FROM incidents WHERE id = $1",
          {QByteArray::number(incidentId), who.toUtf8(), remedyId.toUtf8(), outcome.left(1000).toUtf8(), ms(atMs)},
          std::move(done));
}

void IncidentStore::write(QByteArray sql, QList<std::optional<QByteArray>> params, Done done)
{
    if (!m_write)
        return done(false, tr("no database connection"));
    m_write->exec({DbQuery(std::move(sql), std::move(params))}, this, [done](const DbConnection::Outcome &o) {
        if (const auto *e = DbConnection::error(o)) {
            logcat::alerts()->warn("incident write failed: {}", e->message.toStdString());
            return done(false, e->message);
        }
        const auto &t = DbConnection::tables(o)->front();
        // Every write ends in an INSERT of its timeline line; none means the
        // card was not in the state the write expected (already resolved…).
        if (t.affectedRows == 0)
            return done(false, tr("the incident changed meanwhile; nothing was written"));
        done(true, {});
    });
}

} // namespace oc

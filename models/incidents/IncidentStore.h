#pragma once

#include "Incident.h"
#include "PlanRule.h"
#include "TimelineEntry.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

namespace oc {

class DbConnection;

// The incident-response tables of migration 0005 (docs/incidents.md): the
// plan, the vendors, the cards and their timelines. Every call is one batch
// on the event loop; every write of a card and its timeline line is one
// statement, so a card never changes without its timeline saying why.
class IncidentStore : public QObject
{
    Q_OBJECT
public:
    struct VendorRow
    {
        QString name;
        QString statusUrl;
        QString quotaUrl;
        int intervalS = 60;
        QString updatedBy;
        // updated_at in epoch microseconds: the compare-and-set token of an
        // edit (the table has no version column; every write sets it).
        qint64 updatedAtUs = 0;
    };
    struct PlanRow
    {
        PlanRule rule;
        QString updatedBy;
        qint64 updatedAtMs = 0;
    };
    // Incidents changed after `sinceSeq`, and the new watermark.
    struct Changes
    {
        QList<Incident> incidents;
        QList<bool> silenced;
        qint64 seq = 0;
    };
    template<typename T> using Reply = std::function<void(const std::optional<T> &value, const QString &error)>;
    using Done = std::function<void(bool ok, const QString &error)>;

    IncidentStore(DbConnection *readDb, DbConnection *writeDb, QObject *parent = nullptr);

    // The plan; rules whose definition no longer parses are skipped and named
    // in the error (the rest still load).
    void loadPlan(Reply<QList<PlanRow>> reply);
    // Writes the rules that are not there yet (first start on a database).
    void seedPlan(const QList<PlanRule> &rules, const QString &by, Done done);
    // Compare-and-set: fails with a message when someone saved a newer version.
    void savePlanRule(const PlanRule &rule, const QString &by, Done done);
    void loadVendors(Reply<QList<VendorRow>> reply);
    // Vendor edits (VendorRegistry checks the input first). Edit and remove
    // are compare-and-set on updatedAtUs: a row someone changed meanwhile is
    // refused with a message, not overwritten. Errors come back in words
    // (42501 "only an operator…", 23505 "exists already").
    void addVendor(const VendorRow &vendor, const QString &by, Done done);
    void editVendor(const QString &originalName, qint64 expectedUpdatedAtUs, const VendorRow &vendor, const QString &by,
                    Done done);
    void removeVendor(const QString &name, qint64 expectedUpdatedAtUs, Done done);

    // Session-level advisory lock on the write connection: the one console
    // that holds it writes the engine's incidents. Released when that
    // console's connection ends.
    void tryBecomeEvaluator(std::function<void(bool held)> reply);
    // Whether some console holds that lock (pg_locks is readable by every
    // role), for consoles that cannot be the evaluator themselves.
    void loadEvaluatorPresent(std::function<void(bool present)> reply);

    // The initial read: open cards and those resolved in the last day.
    // `missing` tells a database without the tables (or without the right to
    // read them) from a connection that failed and is worth another try.
    using RecentReply = std::function<void(const std::optional<Changes> &, const QString &error, bool missing)>;
    void loadRecent(RecentReply reply);
    void loadChanges(qint64 sinceSeq, Reply<Changes> reply);
    void loadTimeline(qint64 incidentId, Reply<QList<TimelineEntry>> reply);

    // The evaluator's writes. Opening a group that already has an open card
    // joins it (two evaluators racing make one card).
    void open(const Incident &card, const QString &ruleId, qint64 atMs, const QString &detail, Reply<qint64> reply);
    void ruleEvent(qint64 incidentId, TimelineEntry::Kind kind, const QString &ruleId, qint64 atMs,
                   const QString &detail, const Incident &card, Done done);
    void reopen(qint64 incidentId, const QString &ruleId, qint64 atMs, Done done);
    void autoResolve(qint64 incidentId, qint64 atMs, Done done);

    // People.
    void acknowledge(qint64 incidentId, const QString &who, Done done);
    void handOver(qint64 incidentId, const QString &from, const QString &to, Done done);
    void silence(qint64 incidentId, const QString &who, Done done);
    void resolve(qint64 incidentId, const QString &who, Done done);
    void addNote(qint64 incidentId, const QString &who, const QString &text, Done done);
    void recordAction(qint64 incidentId, const QString &who, const QString &remedyId, const QString &outcome,
                      qint64 atMs, Done done);

private:
    void write(QByteArray sql, QList<std::optional<QByteArray>> params, Done done);
    QPointer<DbConnection> m_read;
    QPointer<DbConnection> m_write;
};

} // namespace oc

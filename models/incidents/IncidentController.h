#pragma once

#include "Incident.h"
#include "IncidentGrouper.h"
#include "IncidentStore.h"
#include "PlanRule.h"
#include "TimelineEntry.h"
#include "VendorEndpoint.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

namespace oc {

class ActionsController;
class AlertListModel;
class DbConnection;
class IncidentGrouper;
class IncidentListModel;
class IncidentStore;
class LiveSource;
class MetricFeeder;
class OpsApiHealthProbe;
class RemedyRunner;
class RuleEngine;
class VendorRegistry;
class VendorStatusProbe;

// Incident response for one console (issue 15): feeds the live source and the
// probes into the rule engine every second, folds alerts into incident cards,
// shares the cards through the database (incidents, incident_timeline) and
// lets people acknowledge, note, hand over, silence, resolve and run the
// card's remedy. Owns no widget; the incidents panel shows its models and
// forwards clicks.
//
// Sharing: every console evaluates (so its own screen never waits on another
// console), but only the evaluator — the console holding the database's
// advisory lock — writes the engine's incidents; the others read them back
// within a poll. A console that cannot write (viewer role, read-only source)
// shows its own cards, marked as not shared.
class IncidentController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool shared READ isShared NOTIFY sharingChanged)
    Q_PROPERTY(bool evaluator READ isEvaluator NOTIFY sharingChanged)
    Q_PROPERTY(bool canAct READ canAct NOTIFY sharingChanged)
    Q_PROPERTY(int openCount READ openCount NOTIFY incidentsChanged)
    Q_PROPERTY(bool drillRunning READ drillRunning NOTIFY drillChanged)
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged)
public:
    struct Config
    {
        QString operatorName;
        qint64 evaluateMs = 1000;
        qint64 pollMs = 1000; // reading other consoles' changes
        qint64 repeatSoundMs = 60000; // an unacknowledged page sounds again
        qint64 planRefreshMs = 15000; // re-reading the plan and the vendors others changed
        bool demo = false; // drills act on the demo simulator
        QUrl simulatorControlUrl; // the demo simulator's /_control (drills)
        // Vendors to watch besides those stored in the database (alert_vendors):
        // the demo's simulated ones.
        QList<VendorEndpoint> vendors;
        std::function<qint64()> clock; // epoch ms; default: the system clock
    };

    IncidentController(LiveSource *source, DbConnection *readDb, DbConnection *writeDb, ActionsController *actions,
                       Config config, QObject *parent = nullptr);
    ~IncidentController() override;

    void start();

    IncidentListModel *incidents() const { return m_incidents; }
    AlertListModel *rules() const { return m_rules; }
    RuleEngine *engine() const { return m_engine; }

    bool isShared() const;
    bool isEvaluator() const;
    // Operator role on a writable database: acknowledge, note, hand over,
    // resolve, remedies, plan edits.
    bool canAct() const;
    int openCount() const;
    QString notice() const { return m_notice; }

    // The plan in force (from the database, else the default plan).
    QList<PlanRule> plan() const;
    // Compare-and-set on version; planSaved or errorOccurred follow.
    void savePlanRule(const PlanRule &rule);

    // The vendors watched (alert_vendors and the configured ones), their
    // rules and edits; read-only unless canAct() on the shared tables.
    VendorRegistry *vendors() const;
    VendorStatusProbe *vendorProbe() const;

    // People. Each writes the card and its timeline in one statement.
    void acknowledge(qint64 incidentId);
    void addNote(qint64 incidentId, const QString &text);
    void handOver(qint64 incidentId, const QString &to);
    void silence(qint64 incidentId);
    void resolve(qint64 incidentId);
    // Runs the card's remedy and records it, with its outcome, on the timeline.
    void runRemedy(qint64 incidentId);
    QString remedyUnavailableReason(qint64 incidentId) const;

    // Loads (or refreshes) one card's timeline; timelineLoaded follows.
    void loadTimeline(qint64 incidentId);
    QList<TimelineEntry> timeline(qint64 incidentId) const;
    QString exportMarkdown(qint64 incidentId) const;
    QByteArray exportCsv(qint64 incidentId) const;

    // Drill: rehearses a surge through the same engine. In the demo the
    // simulator's surge is started and remedies act on the demo backend;
    // on a real database a synthetic surge is replayed into the engine and
    // remedies are dry runs (nothing reaches the ops API).
    void startDrill();
    void stopDrill();
    bool drillRunning() const { return m_drillRunning; }
    QString drillReportMarkdown() const;

Q_SIGNALS:
    void sharingChanged();
    void incidentsChanged();
    // A card began firing (new or reopened), once: notify and sound.
    void incidentFiring(const oc::Incident &incident);
    // An unacknowledged, unsilenced page card is still firing.
    void repeatSound(const oc::Incident &incident);
    void timelineLoaded(qint64 incidentId);
    void remedyFinished(qint64 incidentId, bool ok, const QString &outcome);
    void planChanged();
    void planSaved(const QString &ruleId);
    void drillChanged();
    void drillFinished(const QString &reportMarkdown);
    void noticeChanged(const QString &notice);
    void errorOccurred(const QString &message);

private:
    void setNotice(const QString &notice);
    void startWatching();
    void loadShared();
    void applyPlan(const QList<PlanRule> &rules);
    void loadPlan();
    void onAlert(const Alert &alert, bool drill);
    void applyChange(const IncidentGrouper::Change &change);
    void showLocal(Incident card, const IncidentGrouper::Change &change);
    void poll();
    void pollNow();
    void applyChanges(const IncidentStore::Changes &changes, bool initial);
    void seeCard(const Incident &card, bool silenced);
    void checkEvaluator();
    void resyncOpenCards();
    void dropLocalCards();
    void localPeopleAction(qint64 incidentId, TimelineEntry::Kind kind, const QString &detail, const QString &owner);
    std::function<void(bool, const QString &)> doneFor(qint64 incidentId, const QString &what);
    RemedyRunner *runnerFor(const Incident &card) const;
    void drillTick();
    void postToSimulator(const QString &what);

    struct Private;
    std::unique_ptr<Private> d;
    IncidentListModel *m_incidents = nullptr;
    AlertListModel *m_rules = nullptr;
    RuleEngine *m_engine = nullptr;
    bool m_drillRunning = false;
    QString m_notice;
};

} // namespace oc

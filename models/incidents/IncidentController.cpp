#include "IncidentController.h"

#include "ActionPermissions.h"
#include "ActionsController.h"
#include "ActionsRemedyRunner.h"
#include "AlertListModel.h"
#include "DbConnection.h"
#include "DefaultPlan.h"
#include "DrillReport.h"
#include "DryRunRemedyRunner.h"
#include "IncidentGrouper.h"
#include "IncidentListModel.h"
#include "IncidentStore.h"
#include "LiveSource.h"
#include "LogCategories.h"
#include "MetricFeeder.h"
#include "MetricIds.h"
#include "OpsApiHealthProbe.h"
#include "RuleEngine.h"
#include "SurgeDrillTrace.h"
#include "TimelineExport.h"
#include "VendorRegistry.h"
#include "VendorStatusProbe.h"

#include <QDateTime>
#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>
#include <QTimer>

namespace oc {

namespace {
// Every few seconds a console that is not the evaluator tries to become it,
// so a closed or crashed evaluator is replaced within that time.
constexpr int kLeaderRetryMs = 5000;
} // namespace

struct IncidentController::Private
{
    Config config;
    QPointer<LiveSource> source;
    QPointer<DbConnection> readDb;
    QPointer<DbConnection> writeDb;
    QPointer<ActionsController> actions;

    IncidentStore *store = nullptr;
    MetricFeeder *feeder = nullptr;
    VendorStatusProbe *vendors = nullptr;
    VendorRegistry *vendorRegistry = nullptr;
    OpsApiHealthProbe *opsHealth = nullptr;
    ActionsRemedyRunner *liveRunner = nullptr;
    DryRunRemedyRunner *dryRunner = nullptr;
    IncidentGrouper grouper;

    QList<PlanRule> plan;
    QHash<QString, int> planVersions;
    bool started = false;
    bool tables = false; // the database has the incident tables (migration 0005)
    bool tablesChecked = false;
    bool evaluator = false;
    bool evaluatorElsewhere = false;
    bool evaluatorKnown = false; // whether the two flags above have been read yet
    bool watching = false;
    qint64 seq = 0;
    bool polling = false;

    // Evaluator: the stored card of each local (grouper) card, by group.
    QHash<QString, qint64> storedByGroup;
    // Writes the evaluator must do in order per group (open first, then the
    // rest once the id is known).
    QHash<QString, QList<std::function<void(qint64)>>> waitingForId;

    // What this console last saw of every card, to notify once.
    QHash<qint64, Incident::State> lastState;
    QSet<qint64> silenced;
    QHash<qint64, QList<TimelineEntry>> timelines;

    // Local cards (not shared) get negative ids.
    QHash<QString, qint64> localIdByGroup;
    qint64 nextLocalId = -1;

    // Drill.
    qint64 drillStartMs = 0;
    bool drillOnRealDatabase = false;
    RuleEngine *drillEngine = nullptr;
    std::unique_ptr<IncidentGrouper> drillGrouper;
    std::unique_ptr<SurgeDrillTrace> drillTrace;
    QTimer drillTimer;
    QHash<QString, qint64> drillFirstBreach;
    QHash<QString, qint64> drillFiring;
    QString lastDrillReport;
    QNetworkAccessManager *net = nullptr;

    QTimer pollTimer;
    QTimer leaderTimer;
    QTimer planTimer;
    QTimer repeatTimer;

    qint64 now() const { return config.clock ? config.clock() : QDateTime::currentMSecsSinceEpoch(); }
};

IncidentController::IncidentController(LiveSource *source, DbConnection *readDb, DbConnection *writeDb,
                                       ActionsController *actions, Config config, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->config = std::move(config);
    d->source = source;
    d->readDb = readDb;
    d->writeDb = writeDb ? writeDb : readDb;
    d->actions = actions;
    m_engine = new RuleEngine(this);
    m_incidents = new IncidentListModel(this);
    m_rules = new AlertListModel(this);
    d->store = new IncidentStore(readDb, d->writeDb, this);
    d->feeder = new MetricFeeder(m_engine, source, readDb, this);
    if (d->config.clock)
        d->feeder->setClock(d->config.clock);
    d->vendors = new VendorStatusProbe(m_engine, this);
    if (d->config.clock)
        d->vendors->setClock(d->config.clock);
    d->vendorRegistry = new VendorRegistry(d->store, d->vendors, this);
    d->vendorRegistry->setOperatorName(d->config.operatorName);
    d->vendorRegistry->setReadOnlyReason([this]() -> QString {
        if (!d->tablesChecked)
            return tr("Read-only until the database has been read.");
        if (!d->tables)
            return tr("Read-only: this database has no shared vendor list; the console watches only the vendors "
                      "configured for it.");
        if (!canAct())
            return tr("Read-only: changing the vendors needs the operator role (this console's database role "
                      "cannot).");
        return {};
    });
    d->vendorRegistry->setBuiltIn(d->config.vendors);
    d->opsHealth = new OpsApiHealthProbe(m_engine, actions ? actions->api() : nullptr, this);
    if (d->config.clock)
        d->opsHealth->setClock(d->config.clock);
    d->liveRunner = new ActionsRemedyRunner(actions, source, this);
    d->dryRunner = new DryRunRemedyRunner(this);
    d->net = new QNetworkAccessManager(this);

    connect(m_engine, &RuleEngine::alertChanged, this, [this](const Alert &a) { onAlert(a, false); });
    if (actions) {
        // The role decides whether this console may write cards and the
        // plan; it is read after the connection opens.
        connect(actions->permissions(), &ActionPermissions::roleChanged, this, [this] {
            if (!d->tables)
                return;
            checkEvaluator();
            loadPlan();
            Q_EMIT sharingChanged();
        });
    }
    connect(d->feeder, &MetricFeeder::sampled, this, [this](qint64 nowMs) { m_engine->evaluate(nowMs); });

    d->pollTimer.setInterval(int(d->config.pollMs));
    connect(&d->pollTimer, &QTimer::timeout, this, &IncidentController::poll);
    d->leaderTimer.setInterval(kLeaderRetryMs);
    connect(&d->leaderTimer, &QTimer::timeout, this, &IncidentController::checkEvaluator);
    d->planTimer.setInterval(int(d->config.planRefreshMs));
    connect(&d->planTimer, &QTimer::timeout, this, [this] { loadPlan(); });
    d->repeatTimer.setInterval(int(d->config.repeatSoundMs));
    connect(&d->repeatTimer, &QTimer::timeout, this, [this] {
        for (const auto &c : m_incidents->cards()) {
            if (c.state == Incident::State::Firing && c.severity == Alert::Severity::Page &&
                !d->silenced.contains(c.id))
                Q_EMIT repeatSound(c);
        }
    });
    d->drillTimer.setInterval(1000);
    connect(&d->drillTimer, &QTimer::timeout, this, &IncidentController::drillTick);
}

IncidentController::~IncidentController() = default;

void IncidentController::start()
{
    if (d->started)
        return;
    d->started = true;
    d->repeatTimer.start();
    if (d->source && !d->source->has(LiveSource::Capability::Writable)) {
        // A read-only source (a Mobilize mirror) has no incident tables and
        // must not get any: this console's cards stay its own.
        setNotice(tr("Incidents are this console's own: the data source is read-only, so they are not shared "
                     "with other consoles."));
        d->tablesChecked = true;
        applyPlan(DefaultPlan::rules());
        startWatching();
        Q_EMIT sharingChanged();
        return;
    }
    // The engine starts once the plan in force is known, so a console never
    // raises an alert from a default rule the team has since changed.
    loadShared();
}

void IncidentController::loadShared()
{
    if (d->readDb && d->readDb->state() != DbConnection::State::Connected) {
        // Read once the connection is up, not into a connection still opening.
        auto conn = std::make_shared<QMetaObject::Connection>();
        *conn = connect(d->readDb, &DbConnection::connected, this, [this, conn] {
            QObject::disconnect(*conn);
            loadShared();
        });
        return;
    }
    d->store->loadRecent([this](const std::optional<IncidentStore::Changes> &c, const QString &error, bool missing) {
        if (!c && !missing) {
            // The connection failed under us: try again, the tables may well be there.
            logcat::alerts()->info("incident cards not read yet ({}); retrying", error.toStdString());
            QTimer::singleShot(kLeaderRetryMs, this, &IncidentController::loadShared);
            return;
        }
        d->tablesChecked = true;
        if (!c) {
            logcat::alerts()->warn("incident tables not readable: {}", error.toStdString());
            setNotice(
                tr("Incidents are this console's own: the database has no readable incident tables (%1).").arg(error));
            applyPlan(DefaultPlan::rules());
            startWatching();
            Q_EMIT sharingChanged();
            return;
        }
        d->tables = true;
        applyChanges(*c, true);
        loadPlan();
        checkEvaluator();
        d->pollTimer.start();
        d->leaderTimer.start();
        d->planTimer.start();
        Q_EMIT sharingChanged();
    });
}

void IncidentController::startWatching()
{
    if (d->watching)
        return;
    d->watching = true;
    d->feeder->start();
    d->vendors->start();
    if (d->opsHealth->configured())
        d->opsHealth->start();
}

bool IncidentController::isShared() const
{
    return d->tables;
}

bool IncidentController::isEvaluator() const
{
    return d->evaluator;
}

bool IncidentController::canAct() const
{
    if (!d->tablesChecked)
        return false;
    if (!d->tables)
        return true; // local cards: acknowledging them is this console's business
    return d->actions && d->actions->permissions()->role() == ActionPermissions::Role::Operator;
}

int IncidentController::openCount() const
{
    return m_incidents->openCount();
}

QList<PlanRule> IncidentController::plan() const
{
    return d->plan;
}

void IncidentController::setNotice(const QString &n)
{
    if (n == m_notice)
        return;
    m_notice = n;
    Q_EMIT noticeChanged(n);
}

// ---- the plan

void IncidentController::applyPlan(const QList<PlanRule> &rules)
{
    QSet<QString> keep;
    QList<PlanRule> applied;
    for (const auto &r : rules) {
        if (!r.enabled)
            continue;
        QString why;
        auto rule = r.build(&why);
        if (!rule) {
            logcat::alerts()->warn("plan rule {} skipped: {}", r.id.toStdString(), why.toStdString());
            Q_EMIT errorOccurred(tr("Rule %1 of the plan cannot be used: %2").arg(r.id, why));
            continue;
        }
        keep.insert(r.id);
        if (d->planVersions.value(r.id, -1) != r.version || !m_engine->ruleIds().contains(r.id))
            m_engine->replaceRule(std::move(rule));
        d->planVersions.insert(r.id, r.version);
        applied << r;
    }
    for (const auto &id : m_engine->ruleIds()) {
        if (!keep.contains(id)) {
            m_engine->removeRule(id);
            d->planVersions.remove(id);
        }
    }
    d->plan = rules;
    d->grouper.setPlan(applied);
    m_rules->setAlerts(m_engine->alerts());
    // Vendors the default plan watches get their URLs from the database (or
    // the demo); a vendor with no URL simply has no data.
    Q_EMIT planChanged();
}

void IncidentController::loadPlan()
{
    d->store->loadPlan([this](const std::optional<QList<IncidentStore::PlanRow>> &rows, const QString &error) {
        if (!rows) {
            logcat::alerts()->warn("plan not read: {}", error.toStdString());
            if (!d->watching) {
                applyPlan(DefaultPlan::rules());
                startWatching();
            }
            return;
        }
        if (!error.isEmpty())
            Q_EMIT errorOccurred(error);
        if (rows->isEmpty()) {
            // A database that never had a plan gets the default one, once,
            // written by the first operator's console that starts on it.
            if (canAct())
                d->store->seedPlan(DefaultPlan::rules(), d->config.operatorName, [this](bool ok, const QString &e) {
                    if (ok)
                        loadPlan();
                    else
                        logcat::alerts()->warn("default plan not written: {}", e.toStdString());
                });
            if (!d->watching) {
                applyPlan(DefaultPlan::rules());
                startWatching();
            }
            return;
        }
        QList<PlanRule> rules;
        bool changed = rows->size() != d->plan.size();
        for (const auto &r : *rows) {
            rules << r.rule;
            if (d->planVersions.value(r.rule.id, -1) != r.rule.version)
                changed = true;
        }
        if (changed)
            applyPlan(rules);
        startWatching();
    });
    // Vendors ride the plan's refresh: a vendor another console added is
    // watched here within one refresh.
    d->vendorRegistry->reload();
}

VendorRegistry *IncidentController::vendors() const
{
    return d->vendorRegistry;
}

VendorStatusProbe *IncidentController::vendorProbe() const
{
    return d->vendors;
}

void IncidentController::savePlanRule(const PlanRule &rule)
{
    QString why;
    if (!rule.build(&why)) {
        Q_EMIT errorOccurred(tr("Rule %1 was not saved: %2").arg(rule.id, why));
        return;
    }
    if (!d->tables || !canAct()) {
        Q_EMIT errorOccurred(tr("Only an operator can change the plan, on a database with the incident tables."));
        return;
    }
    d->store->savePlanRule(rule, d->config.operatorName, [this, id = rule.id](bool ok, const QString &error) {
        if (!ok) {
            Q_EMIT errorOccurred(error);
            return;
        }
        Q_EMIT planSaved(id);
        loadPlan();
    });
}

// ---- engine → cards

void IncidentController::onAlert(const Alert &a, bool drill)
{
    if (!drill)
        m_rules->update(a);
    const bool drillRun = d->drillStartMs > 0 && (drill || !d->drillOnRealDatabase);
    if (drillRun) {
        if ((a.state == Alert::State::Pending || a.state == Alert::State::Firing) &&
            !d->drillFirstBreach.contains(a.ruleId))
            d->drillFirstBreach.insert(a.ruleId, a.sinceMs);
        if (a.state == Alert::State::Firing && !d->drillFiring.contains(a.ruleId))
            d->drillFiring.insert(a.ruleId, a.sinceMs);
    }
    IncidentGrouper &grouper = drill ? *d->drillGrouper : d->grouper;
    const QList<IncidentGrouper::Change> changes = grouper.onAlert(a, a.sinceMs);
    for (const auto &ch : changes)
        applyChange(ch);
}

void IncidentController::applyChange(const IncidentGrouper::Change &ch)
{
    using K = IncidentGrouper::Change::Kind;
    if (!ch.hasIncident || ch.kind == K::NoData || ch.kind == K::Error || ch.kind == K::DataRestored ||
        ch.kind == K::Acknowledged)
        return; // the rules list shows them; a card only changes with its rules
    const Incident &card = ch.incident;
    const QString detail = ch.alert.detail;

    const bool shareable = d->tables && d->evaluator;
    if (!d->tables || (d->evaluatorKnown && !d->evaluator && !d->evaluatorElsewhere)) {
        showLocal(card, ch);
        if (!d->tables)
            return;
    }
    if (!shareable)
        return; // the evaluator (another console) writes it; the poll shows it
    const QString key = card.group + (card.drill ? QStringLiteral("#drill") : QString());
    auto writeRest = [this, ch, card, detail, key](qint64 id) {
        switch (ch.kind) {
        case K::Joined:
        case K::Escalated:
            d->store->ruleEvent(id, TimelineEntry::Kind::RuleFiring, ch.ruleId, ch.atMs, detail, card,
                                [this](bool, const QString &) { pollNow(); });
            break;
        case K::RuleResolved:
            d->store->ruleEvent(id, TimelineEntry::Kind::RuleResolved, ch.ruleId, ch.atMs, detail, card,
                                [this](bool, const QString &) { pollNow(); });
            break;
        case K::Resolved: d->store->autoResolve(id, ch.atMs, [this](bool, const QString &) { pollNow(); }); break;
        default: break;
        }
    };
    if (ch.kind == K::Opened || ch.kind == K::Reopened) {
        auto opened = [this, key](const std::optional<qint64> &id, const QString &error) {
            if (!id) {
                logcat::alerts()->warn("incident not written: {}", error.toStdString());
                Q_EMIT errorOccurred(tr("The incident could not be shared: %1").arg(error));
                d->waitingForId.remove(key);
                return;
            }
            d->storedByGroup.insert(key, *id);
            for (auto &f : d->waitingForId.take(key))
                f(*id);
            pollNow();
        };
        const qint64 known = d->storedByGroup.value(key, 0);
        d->waitingForId.insert(key, {});
        if (ch.kind == K::Reopened && known > 0) {
            d->store->reopen(known, ch.ruleId, ch.atMs,
                             [this, card, ch, detail, opened, known](bool ok, const QString &) {
                                 if (ok)
                                     return opened(known, {});
                                 // Someone resolved it by hand and another card of the group
                                 // opened meanwhile: join or open that one instead.
                                 d->store->open(card, ch.ruleId, ch.atMs, detail, opened);
                             });
        } else {
            d->store->open(card, ch.ruleId, ch.atMs, detail, opened);
        }
        return;
    }
    if (d->waitingForId.contains(key)) {
        d->waitingForId[key] << writeRest;
        return;
    }
    if (const qint64 id = d->storedByGroup.value(key, 0); id > 0)
        writeRest(id);
}

void IncidentController::showLocal(Incident card, const IncidentGrouper::Change &ch)
{
    using K = IncidentGrouper::Change::Kind;
    const QString key = card.group + (card.drill ? QStringLiteral("#drill") : QString());
    qint64 &id = d->localIdByGroup[key];
    if (id == 0 || ch.kind == K::Opened)
        id = d->nextLocalId--;
    card.id = id;
    if (const Incident *shown = m_incidents->find(id)) {
        card.owner = shown->owner;
        card.acknowledgedMs = shown->acknowledgedMs;
        if (shown->state == Incident::State::Acknowledged && card.state == Incident::State::Firing &&
            ch.kind != K::Reopened)
            card.state = Incident::State::Acknowledged;
    }
    const Alert &a = ch.alert;
    TimelineEntry t;
    t.incidentId = id;
    t.atMs = ch.atMs;
    t.actor = QStringLiteral("engine");
    t.ruleId = ch.ruleId;
    t.detail = a.detail;
    switch (ch.kind) {
    case K::Opened: t.kind = TimelineEntry::Kind::Opened; break;
    case K::Reopened: t.kind = TimelineEntry::Kind::Reopened; break;
    case K::RuleResolved: t.kind = TimelineEntry::Kind::RuleResolved; break;
    case K::Resolved:
        t.kind = TimelineEntry::Kind::Resolved;
        t.detail = tr("every rule recovered");
        break;
    default: t.kind = TimelineEntry::Kind::RuleFiring; break;
    }
    d->timelines[id] << t;
    seeCard(card, d->silenced.contains(id));
    Q_EMIT timelineLoaded(id);
}

// ---- database → cards

void IncidentController::poll()
{
    if (d->polling || !d->tables)
        return;
    // A console that cannot write cards follows whether one does at the poll's
    // pace, so it stops showing its own cards within a second of one starting.
    if (!canAct() && !d->evaluator)
        checkEvaluator();
    d->polling = true;
    d->store->loadChanges(d->seq, [this](const std::optional<IncidentStore::Changes> &c, const QString &error) {
        d->polling = false;
        if (!c) {
            logcat::alerts()->debug("incident poll failed: {}", error.toStdString());
            return;
        }
        applyChanges(*c, false);
    });
}

void IncidentController::pollNow()
{
    QTimer::singleShot(0, this, &IncidentController::poll);
}

void IncidentController::applyChanges(const IncidentStore::Changes &c, bool initial)
{
    Q_UNUSED(initial);
    d->seq = std::max(d->seq, c.seq);
    for (int i = 0; i < c.incidents.size(); ++i) {
        const Incident &card = c.incidents.at(i);
        if (c.silenced.value(i))
            d->silenced.insert(card.id);
        else
            d->silenced.remove(card.id);
        seeCard(card, c.silenced.value(i));
        // A card whose timeline is on screen gets its new lines.
        if (d->timelines.contains(card.id))
            loadTimeline(card.id);
    }
}

void IncidentController::seeCard(const Incident &card, bool silenced)
{
    const int before = m_incidents->openCount();
    const auto prev = d->lastState.value(card.id, Incident::State::Resolved);
    const bool known = d->lastState.contains(card.id);
    d->lastState.insert(card.id, card.state);
    m_incidents->upsert(card, silenced);
    if (card.state == Incident::State::Firing && (!known || prev == Incident::State::Resolved) && !silenced) {
        logcat::alerts()->info("incident {} firing: {}", card.id, card.title.toStdString());
        Q_EMIT incidentFiring(card);
    }
    if (m_incidents->openCount() != before || known)
        Q_EMIT incidentsChanged();
}

void IncidentController::checkEvaluator()
{
    if (!d->tables || d->evaluator)
        return;
    // Only an operator's console writes cards; the others look whether one
    // does, and show their own cards meanwhile.
    if (!canAct()) {
        d->store->loadEvaluatorPresent([this](bool present) {
            const bool first = !d->evaluatorKnown;
            d->evaluatorKnown = true;
            if (present == d->evaluatorElsewhere && !first)
                return;
            d->evaluatorElsewhere = present;
            if (present)
                dropLocalCards();
            setNotice(present ? QString()
                              : tr("No operator's console is recording incidents right now: this console shows its "
                                   "own alerts, not shared."));
            Q_EMIT sharingChanged();
        });
        return;
    }
    d->store->tryBecomeEvaluator([this](bool held) {
        if (!held) {
            // Someone else holds it: that console writes the cards.
            d->evaluatorKnown = true;
            if (!d->evaluatorElsewhere) {
                d->evaluatorElsewhere = true;
                dropLocalCards();
                setNotice({});
            }
        }
        if (held == d->evaluator)
            return;
        d->evaluatorKnown = true;
        d->evaluator = held;
        logcat::alerts()->info("this console {} the incident evaluator", held ? "is now" : "is not");
        if (held) {
            setNotice({});
            dropLocalCards();
            // Cards the engine already holds open (this console watched
            // before it became the evaluator) are written now.
            resyncOpenCards();
        }
        Q_EMIT sharingChanged();
    });
}

void IncidentController::dropLocalCards()
{
    // The shared cards tell the same story from now on.
    for (auto it = d->localIdByGroup.cbegin(); it != d->localIdByGroup.cend(); ++it) {
        m_incidents->remove(it.value());
        d->timelines.remove(it.value());
        d->lastState.remove(it.value());
    }
    d->localIdByGroup.clear();
    Q_EMIT incidentsChanged();
}

void IncidentController::resyncOpenCards()
{
    for (const auto &card : d->grouper.incidents()) {
        if (!card.isOpen())
            continue;
        IncidentGrouper::Change ch;
        ch.kind = IncidentGrouper::Change::Kind::Opened;
        ch.group = card.group;
        ch.ruleId = card.rootRuleId;
        ch.atMs = card.openedMs;
        ch.incident = card;
        ch.hasIncident = true;
        applyChange(ch);
    }
}

// ---- people

void IncidentController::acknowledge(qint64 incidentId)
{
    if (incidentId < 0)
        return localPeopleAction(incidentId, TimelineEntry::Kind::Acknowledged, tr("took ownership"),
                                 d->config.operatorName);
    d->store->acknowledge(incidentId, d->config.operatorName, doneFor(incidentId, tr("acknowledge")));
}

void IncidentController::addNote(qint64 incidentId, const QString &text)
{
    const QString note = text.trimmed();
    if (note.isEmpty())
        return;
    if (incidentId < 0)
        return localPeopleAction(incidentId, TimelineEntry::Kind::Note, note, {});
    d->store->addNote(incidentId, d->config.operatorName, note, doneFor(incidentId, tr("add the note")));
}

void IncidentController::handOver(qint64 incidentId, const QString &to)
{
    const QString who = to.trimmed();
    if (who.isEmpty())
        return;
    if (incidentId < 0)
        return localPeopleAction(incidentId, TimelineEntry::Kind::HandedOver, tr("to %1").arg(who), who);
    d->store->handOver(incidentId, d->config.operatorName, who, doneFor(incidentId, tr("hand over")));
}

void IncidentController::silence(qint64 incidentId)
{
    if (incidentId < 0) {
        d->silenced.insert(incidentId);
        if (const Incident *c = m_incidents->find(incidentId))
            m_incidents->upsert(*c, true);
        return;
    }
    d->store->silence(incidentId, d->config.operatorName, doneFor(incidentId, tr("silence")));
}

void IncidentController::resolve(qint64 incidentId)
{
    if (incidentId < 0)
        return localPeopleAction(incidentId, TimelineEntry::Kind::Resolved, tr("resolved by hand"), {});
    d->store->resolve(incidentId, d->config.operatorName, doneFor(incidentId, tr("resolve")));
}

std::function<void(bool, const QString &)> IncidentController::doneFor(qint64 incidentId, const QString &what)
{
    return [this, incidentId, what](bool ok, const QString &error) {
        if (!ok)
            Q_EMIT errorOccurred(tr("Could not %1 incident %2: %3").arg(what).arg(incidentId).arg(error));
        pollNow();
        if (d->timelines.contains(incidentId))
            loadTimeline(incidentId);
    };
}

void IncidentController::localPeopleAction(qint64 incidentId, TimelineEntry::Kind kind, const QString &detail,
                                           const QString &owner)
{
    const Incident *shown = m_incidents->find(incidentId);
    if (!shown)
        return;
    Incident card = *shown;
    const qint64 now = d->now();
    if (kind == TimelineEntry::Kind::Acknowledged || kind == TimelineEntry::Kind::HandedOver) {
        card.owner = owner;
        card.acknowledgedMs = now;
        if (card.state == Incident::State::Firing)
            card.state = Incident::State::Acknowledged;
    } else if (kind == TimelineEntry::Kind::Resolved) {
        card.state = Incident::State::Resolved;
        card.resolvedMs = now;
    }
    TimelineEntry t;
    t.incidentId = incidentId;
    t.atMs = now;
    t.kind = kind;
    t.actor = d->config.operatorName;
    t.detail = detail;
    d->timelines[incidentId] << t;
    seeCard(card, d->silenced.contains(incidentId));
    Q_EMIT timelineLoaded(incidentId);
}

// ---- remedies

RemedyRunner *IncidentController::runnerFor(const Incident &card) const
{
    // A drill on a real database never reaches the ops API.
    if (card.drill && !d->config.demo)
        return d->dryRunner;
    return d->liveRunner;
}

QString IncidentController::remedyUnavailableReason(qint64 incidentId) const
{
    const Incident *card = m_incidents->find(incidentId);
    if (!card)
        return tr("No such incident.");
    if (!canAct())
        return tr("Only an operator can act on incidents (this console's database role cannot).");
    return runnerFor(*card)->unavailableReason(card->remedyId);
}

void IncidentController::runRemedy(qint64 incidentId)
{
    const Incident *shown = m_incidents->find(incidentId);
    if (!shown)
        return;
    const Incident card = *shown;
    const QString why = remedyUnavailableReason(incidentId);
    if (!why.isEmpty()) {
        Q_EMIT remedyFinished(incidentId, false, why);
        return;
    }
    const qint64 startedMs = d->now();
    logcat::alerts()->info("remedy {} for incident {} by {}", card.remedyId.toStdString(), incidentId,
                           d->config.operatorName.toStdString());
    if (card.drill && d->drillTrace)
        d->drillTrace->remedied(card.remedyId, startedMs);
    runnerFor(card)->run(card.remedyId, [this, incidentId, card, startedMs](bool ok, const QString &outcome) {
        if (incidentId < 0) {
            TimelineEntry t;
            t.incidentId = incidentId;
            t.atMs = startedMs;
            t.kind = TimelineEntry::Kind::Action;
            t.actor = d->config.operatorName;
            t.detail = card.remedyId;
            t.outcome = outcome;
            d->timelines[incidentId] << t;
            Q_EMIT timelineLoaded(incidentId);
        } else {
            d->store->recordAction(incidentId, d->config.operatorName, card.remedyId, outcome, startedMs,
                                   doneFor(incidentId, tr("record the action")));
        }
        Q_EMIT remedyFinished(incidentId, ok, outcome);
    });
}

// ---- timeline and export

void IncidentController::loadTimeline(qint64 incidentId)
{
    if (incidentId < 0) {
        if (!d->timelines.contains(incidentId))
            d->timelines.insert(incidentId, {});
        Q_EMIT timelineLoaded(incidentId);
        return;
    }
    d->timelines.insert(incidentId, d->timelines.value(incidentId));
    d->store->loadTimeline(
        incidentId, [this, incidentId](const std::optional<QList<TimelineEntry>> &t, const QString &error) {
            if (!t) {
                Q_EMIT errorOccurred(
                    tr("The timeline of incident %1 could not be read: %2").arg(incidentId).arg(error));
                Q_EMIT timelineLoaded(incidentId); // what is known stays on screen
                return;
            }
            d->timelines.insert(incidentId, *t);
            Q_EMIT timelineLoaded(incidentId);
        });
}

QList<TimelineEntry> IncidentController::timeline(qint64 incidentId) const
{
    return d->timelines.value(incidentId);
}

QString IncidentController::exportMarkdown(qint64 incidentId) const
{
    const Incident *card = m_incidents->find(incidentId);
    return card ? TimelineExport::markdown(*card, timeline(incidentId)) : QString();
}

QByteArray IncidentController::exportCsv(qint64 incidentId) const
{
    const Incident *card = m_incidents->find(incidentId);
    return card ? TimelineExport::csv(*card, timeline(incidentId)) : QByteArray();
}

} // namespace oc

// ---- drill

namespace oc {

void IncidentController::startDrill()
{
    if (d->drillStartMs > 0)
        return;
    const qint64 now = d->now();
    d->drillStartMs = now;
    d->drillFirstBreach.clear();
    d->drillFiring.clear();
    d->drillOnRealDatabase = !d->config.demo;
    logcat::alerts()->info("drill started ({})",
                           d->drillOnRealDatabase ? "synthetic surge, remedies dry-run" : "demo simulator surge");
    if (d->drillOnRealDatabase) {
        // A separate engine, so the real monitoring keeps watching the real
        // site while the team rehearses.
        d->drillEngine = new RuleEngine(this);
        d->drillGrouper = std::make_unique<IncidentGrouper>();
        d->drillGrouper->setDrill(true);
        const QStringList traced {metric::siteRequestsPerSecond, metric::site5xxRatio, metric::siteLatencyP95Ms,
                                  metric::rsvpsPerMinute};
        QList<PlanRule> drillPlan;
        for (const auto &r : std::as_const(d->plan)) {
            if (!r.enabled)
                continue;
            auto rule = r.build();
            if (!rule)
                continue;
            const auto metrics = rule->metrics();
            if (!std::all_of(metrics.begin(), metrics.end(), [&](const QString &m) { return traced.contains(m); }))
                continue;
            d->drillEngine->addRule(std::move(rule));
            drillPlan << r;
        }
        d->drillGrouper->setPlan(drillPlan);
        d->drillTrace = std::make_unique<SurgeDrillTrace>(now);
        // The trailing baselines (RSVP rate, traffic) need a normal past.
        SurgeDrillTrace quiet(now + 3600 * 1000LL);
        for (qint64 t = now - 20 * 60 * 1000LL; t < now; t += 1000)
            quiet.feed(*d->drillEngine, t);
        connect(d->drillEngine, &RuleEngine::alertChanged, this, [this](const Alert &a) { onAlert(a, true); });
        d->drillTimer.start();
    } else {
        d->grouper.setDrill(true);
        postToSimulator(QStringLiteral("surge"));
    }
    m_drillRunning = true;
    Q_EMIT drillChanged();
}

void IncidentController::drillTick()
{
    if (!d->drillEngine || !d->drillTrace)
        return;
    const qint64 now = d->now();
    d->drillTrace->feed(*d->drillEngine, now);
    d->drillEngine->evaluate(now);
}

void IncidentController::postToSimulator(const QString &what)
{
    if (!d->config.simulatorControlUrl.isValid()) {
        Q_EMIT errorOccurred(tr("The demo simulator's control address is unknown; the drill cannot start a surge."));
        return;
    }
    QUrl url = d->config.simulatorControlUrl;
    url.setPath(url.path().chopped(url.path().endsWith(u'/') ? 1 : 0) + u'/' + what);
    QNetworkRequest req(url);
    req.setTransferTimeout(5000);
    auto *reply = d->net->post(req, QByteArray());
    connect(reply, &QNetworkReply::finished, this, [this, reply, what] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError)
            Q_EMIT errorOccurred(tr("The demo simulator refused the drill's %1: %2").arg(what, reply->errorString()));
        else
            logcat::alerts()->info("drill: simulator {} accepted", what.toStdString());
    });
}

void IncidentController::stopDrill()
{
    if (d->drillStartMs == 0)
        return;
    d->drillTimer.stop();
    if (!d->drillOnRealDatabase) {
        d->grouper.setDrill(false);
        postToSimulator(QStringLiteral("calm"));
    }
    // The report reads the drill cards' timelines: who acknowledged and acted,
    // on whichever console.
    QList<Incident> cards;
    for (const auto &c : m_incidents->cards())
        if (c.drill && c.openedMs >= d->drillStartMs - 1000)
            cards << c;
    auto pending = std::make_shared<int>(int(cards.size()));
    auto finish = [this, cards] {
        QList<TimelineEntry> all;
        for (const auto &c : cards)
            all << timeline(c.id);
        const DrillReport report(d->drillStartMs, d->drillFirstBreach, all);
        d->lastDrillReport = report.markdown();
        if (d->drillEngine) {
            d->drillEngine->deleteLater();
            d->drillEngine = nullptr;
        }
        d->drillGrouper.reset();
        d->drillTrace.reset();
        d->drillStartMs = 0;
        m_drillRunning = false;
        logcat::alerts()->info("drill finished");
        Q_EMIT drillChanged();
        Q_EMIT drillFinished(d->lastDrillReport);
    };
    if (cards.isEmpty())
        return finish();
    for (const auto &c : cards) {
        auto conn = std::make_shared<QMetaObject::Connection>();
        *conn =
            connect(this, &IncidentController::timelineLoaded, this, [conn, pending, finish, id = c.id](qint64 got) {
                if (got != id)
                    return;
                QObject::disconnect(*conn);
                if (--*pending == 0)
                    finish();
            });
        loadTimeline(c.id);
    }
}

QString IncidentController::drillReportMarkdown() const
{
    return d->lastDrillReport;
}

} // namespace oc

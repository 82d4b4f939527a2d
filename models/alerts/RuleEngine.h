#pragma once

#include "Alert.h"
#include "AlertRule.h"
#include "MetricStore.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace oc {

// Turns per-second samples into alerts. The caller feeds what the live source
// and the probes read, then calls evaluate(now) once a second; time is always
// an argument, so a replay or a test runs hours of traffic in milliseconds and
// the engine never owns a timer. alertChanged is emitted on state transitions
// only, never on a re-evaluation that changes nothing, so a panel can play a
// sound on it.
//
// Acknowledgement lives here in memory: it records who owns the episode and
// when. Sharing it between consoles (the database) is not part of this class.
class RuleEngine : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int firingCount READ firingCount NOTIFY firingCountChanged)
    Q_PROPERTY(qint64 lastEvaluatedMs READ lastEvaluatedMs NOTIFY evaluated)
public:
    explicit RuleEngine(QObject *parent = nullptr);
    ~RuleEngine() override;

    // False (and the rule dropped) when a rule with the same id exists.
    bool addRule(std::unique_ptr<AlertRule> rule);
    QStringList ruleIds() const;
    // Plan edits while the console runs: a replaced rule keeps its state and
    // timers (the next evaluation applies the new numbers), so editing a
    // threshold never makes a firing alert vanish or fire twice.
    bool replaceRule(std::unique_ptr<AlertRule> rule);
    bool removeRule(const QString &ruleId);

    void feed(const QString &metric, qint64 timeMs, double value);
    // The source had no reading for this second.
    void feedMissing(const QString &metric, qint64 timeMs);
    // The probe itself failed (timeout, HTTP error, unparsable answer).
    void feedError(const QString &metric, qint64 timeMs, const QString &reason);

    void evaluate(qint64 nowMs);

    // Takes ownership of a rule's current episode (any state but Ok). Kept
    // across evaluations until the rule is Ok again; a later acknowledgement
    // hands the alert over to someone else.
    bool acknowledge(const QString &ruleId, const QString &who, qint64 atMs);

    std::optional<Alert> alert(const QString &ruleId) const;
    QList<Alert> alerts() const;
    int firingCount() const;
    qint64 lastEvaluatedMs() const { return m_lastEvaluatedMs; }
    const MetricStore &store() const { return m_store; }

Q_SIGNALS:
    void alertChanged(const oc::Alert &alert);
    void alertAcknowledged(const oc::Alert &alert);
    void firingCountChanged(int count);
    void evaluated(qint64 nowMs);

private:
    struct Entry
    {
        std::unique_ptr<AlertRule> rule;
        Alert alert;
        qint64 breachStartMs = -1; // first breaching evaluation of this run
        qint64 recoverStartMs = -1; // first recovered evaluation while firing
    };

    // Returns true when the state changed.
    bool step(Entry &e, const RuleVerdict &v, qint64 nowMs);
    void enter(Entry &e, Alert::State s, qint64 nowMs);

    MetricStore m_store;
    std::vector<Entry> m_entries;
    qint64 m_lastEvaluatedMs = 0;
    int m_firingCount = 0;
};

} // namespace oc

#pragma once

#include "ScenarioClock.h"
#include "PgSession.h"
#include "Scenario.h"

#include <QElapsedTimer>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>

#include <atomic>
#include <deque>
#include <vector>

namespace oc::sim {

// The live write load of a Mobilize mirror along the scenario's curve:
// sign-ups, confirmations and cancellations, new events (some without
// coordinates, some waiting for approval), approvals, deleted timeslots and
// events, and the rows a replica shows late: committed now with a
// modified_date in the past (replication lag), now and then one far older
// than any overlap window. Writes through the private tables; lives on its own
// thread with its own blocking session, like HubStreamer.
class MirrorStreamer : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString conninfo;
        QString campaignSlug = QStringLiteral("day-of-action");
        int tickMs = 200;
        double eventsPerSimDay = 1000;
        double confirmShare = 0.15; // status changes per new participation
        double cancelShare = 0.08;
        double crossFirewallShare = 0.03;
        double noCoordinatesShare = 0.05;
        // Late-visible rows: this share of writes is committed with a
        // modified_date lateMin..lateMax seconds in the past.
        double lateShare = 0.1;
        double lateMinSeconds = 30;
        double lateMaxSeconds = 240;
        // One participation every so often older than 10 minutes (0 = never):
        // past any overlap window, for the console's reconciliation.
        double veryLateEverySeconds = 120;
        // A timeslot deleted (and a pending event approved) every so often, an
        // event deleted every third time (0 = never).
        double deleteEverySeconds = 30;
        quint32 seed = 7;
    };

    MirrorStreamer(Options o, Scenario scenario);

    qint64 participationsWritten() const { return m_participationsWritten.load(); }
    qint64 eventsWritten() const { return m_eventsWritten.load(); }
    qint64 lateWritten() const { return m_lateWritten.load(); }
    double simulatedHours() const;

public Q_SLOTS:
    void start();
    void stop();

Q_SIGNALS:
    void phaseChanged(const QString &phase);
    void failed(const QString &message);

private:
    struct Slot
    {
        qint64 timeslot;
        qint64 event;
    };

    void tick();
    void ensureConnected();
    void refresh();
    void writeParticipations(int n, bool forceVeryLate = false);
    void changeStatus(const char *status, int n);
    void writeEvents(int n);
    void deleteSomething();
    // Seconds to subtract from now() for a write's modified_date (0 = on time).
    double lag();

    Options m_o;
    Scenario m_scenario;
    PgSession m_session;
    ScenarioClock m_clock;
    QRandomGenerator m_rng;
    std::vector<Slot> m_slots; // approved, not deleted, ours and promoted
    std::vector<Slot> m_partnerSlots; // for cross-firewall sign-ups
    std::vector<qint64> m_campaigns; // ours; the first is the main campaign
    std::deque<qint64> m_recent; // participations that may still change status
    qint64 m_firstUser = 1;
    qint64 m_userCount = 1;
    double m_rsvpDebt = 0;
    double m_confirmDebt = 0;
    double m_cancelDebt = 0;
    double m_eventDebt = 0;
    qint64 m_lastRefreshMs = -100000;
    qint64 m_lastDeleteMs = 0;
    qint64 m_lastVeryLateMs = 0;
    int m_deletes = 0;
    QString m_phase;
    std::atomic<qint64> m_participationsWritten {0};
    std::atomic<qint64> m_eventsWritten {0};
    std::atomic<qint64> m_lateWritten {0};
};

} // namespace oc::sim

#pragma once

#include "ScenarioClock.h"
#include "PgSession.h"
#include "Scenario.h"

#include <QElapsedTimer>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>

#include <atomic>
#include <map>
#include <mutex>
#include <vector>

namespace oc::sim {

// The backend's live write load: RSVPs, new crowd-sourced events and traffic
// samples along the scenario's curve. Lives on its own thread with its own
// blocking session (it stands in for the backend, which would block too).
class HubStreamer : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString conninfo;
        qint64 campaignId = 0;
        QString site = QStringLiteral("events");
        int tickMs = 200;
        double eventsPerSimDay = 1000;
        double siteCapacityPerMin = 60000; // beyond this the dynamic site starts failing
        quint32 seed = 7;
    };

    HubStreamer(Options o, Scenario scenario);

    qint64 rsvpsWritten() const { return m_rsvpsWritten.load(); }
    qint64 eventsWritten() const { return m_eventsWritten.load(); }
    double simulatedHours() const;

    // Externally observed traffic (the simulator's own HTTP site) replaces the
    // modeled traffic in traffic_samples for every bucket in which the site
    // served anything; buckets without served requests keep the modeled
    // curve. Reports the 10 s bucket that closed last (callers report right
    // after a bucket closes). Thread-safe; written on the streamer's next tick.
    void addServedRequests(int requests, int errors5xx, double p95ms);

public Q_SLOTS:
    void start();
    void stop();
    void launchNow();
    // The simulator's control routes (VendorSimServer): the scenario's
    // mention hits now (unless one is running), or the running one ends.
    void mentionNow();
    void calmNow();
    void setSiteStatic(bool isStatic) { m_static = isStatic; }

Q_SIGNALS:
    void phaseChanged(const QString &phase);
    void failed(const QString &message);

private:
    void tick();
    void writeRsvps(int n);
    void writeEvents(int n);
    void writeTraffic();
    void writeServedTraffic();
    void refreshEventIds();
    void ensureConnected();

    Options m_o;
    Scenario m_scenario;
    PgSession m_session;
    ScenarioClock m_clock;
    QRandomGenerator m_rng;
    std::vector<qint64> m_eventIds;
    qint64 m_supporters = 1;
    double m_rsvpDebt = 0;
    double m_eventDebt = 0;
    qint64 m_lastRefreshMs = -100000;
    qint64 m_lastBucketMs = 0;
    QString m_phase;
    bool m_launchedWritten = false;
    std::atomic<bool> m_static {false};
    std::atomic<qint64> m_rsvpsWritten {0};
    std::atomic<qint64> m_eventsWritten {0};

    struct Served
    {
        int requests = 0;
        int errors5xx = 0;
        double p95ms = 0;
        bool written = false;
    };
    std::mutex m_servedMutex;
    std::map<qint64, Served> m_served; // bucket start (epoch s) -> totals so far
};

} // namespace oc::sim

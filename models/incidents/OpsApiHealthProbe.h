#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <functional>

namespace oc {

class OpsApiClient;
class RuleEngine;

// A cheap read call to the ops API (GET /api/v1/site with the operator's
// token, through OpsApiClient so the token never goes anywhere else and is
// never logged) every 5 s. Feeds ops_api.latency_ms (the answer's round trip;
// a failed call is fed as an error with the client's reason, not as a
// latency) and ops_api.error_ratio: the failed share of the last six probes
// (half a minute), so one lost packet does not read as an outage and a dead
// API reaches 1 within six probes. Any non-2xx counts as failed: a 401 means
// the console cannot act either. Without a usable API (no URL or token)
// nothing is fed and configured() is false.
class OpsApiHealthProbe : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>;

    OpsApiHealthProbe(RuleEngine *engine, OpsApiClient *api, QObject *parent = nullptr);

    void setClock(Clock clock);
    void setIntervalMs(int ms);
    int intervalMs() const { return m_timer.interval(); }
    // Below the interval, so probes never pile up.
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int timeoutMs() const { return m_timeoutMs; }
    void setWindow(int probes) { m_window = std::max(1, probes); }
    int window() const { return m_window; }

    bool configured() const;
    void start();
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    // Skipped while the previous probe is still in flight.
    void probeNow();

    int probesInWindow() const { return int(m_outcomes.size()); }
    double errorRatio() const;

Q_SIGNALS:
    void probed(qint64 atMs, bool ok, qint64 latencyMs);

private:
    QPointer<RuleEngine> m_engine;
    QPointer<OpsApiClient> m_api;
    Clock m_clock;
    QTimer m_timer;
    int m_timeoutMs = 4000;
    int m_window = 6;
    bool m_inFlight = false;
    std::deque<bool> m_outcomes; // true = failed, newest last
};

} // namespace oc

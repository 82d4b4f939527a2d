#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>

namespace oc::sim {

// The real and the simulated time of a streamer (the hub's or the mirror's),
// and the precise timer that drives its ticks. One day of the scenario
// passes in 24 h / compression of real time.
class ScenarioClock
{
public:
    void start(QObject *owner, int tickMs, std::function<void()> onTick);
    void stop();

    bool isRunning() const { return m_elapsed.isValid(); }
    qint64 elapsedMs() const { return m_elapsed.isValid() ? m_elapsed.elapsed() : 0; }
    double simulatedHours(double compression) const { return elapsedMs() / 1000.0 * compression / 3600.0; }
    // Real seconds since the previous call (the last tick).
    double secondsSinceLastTick() { return m_lastTick.restart() / 1000.0; }

private:
    QTimer *m_timer = nullptr;
    QElapsedTimer m_elapsed;
    QElapsedTimer m_lastTick;
};

} // namespace oc::sim

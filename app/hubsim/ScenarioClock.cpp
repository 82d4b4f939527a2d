#include "ScenarioClock.h"

namespace oc::sim {

void ScenarioClock::start(QObject *owner, int tickMs, std::function<void()> onTick)
{
    m_elapsed.start();
    m_lastTick.start();
    m_timer = new QTimer(owner);
    m_timer->setTimerType(Qt::PreciseTimer);
    QObject::connect(m_timer, &QTimer::timeout, owner, std::move(onTick));
    m_timer->start(tickMs);
}

void ScenarioClock::stop()
{
    if (m_timer)
        m_timer->stop();
}

} // namespace oc::sim

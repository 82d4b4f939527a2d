#include "OpsApiHealthProbe.h"

#include "ApiResult.h"
#include "MetricIds.h"
#include "OpsApiClient.h"
#include "RuleEngine.h"

#include <QDateTime>
#include <QElapsedTimer>

#include <algorithm>
#include <memory>

namespace oc {

OpsApiHealthProbe::OpsApiHealthProbe(RuleEngine *engine, OpsApiClient *api, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_api(api)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_timer.setInterval(5000);
    connect(&m_timer, &QTimer::timeout, this, &OpsApiHealthProbe::probeNow);
}

void OpsApiHealthProbe::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void OpsApiHealthProbe::setIntervalMs(int ms)
{
    m_timer.setInterval(std::max(100, ms));
}

bool OpsApiHealthProbe::configured() const
{
    return m_api && m_api->isUsable();
}

void OpsApiHealthProbe::start()
{
    if (!configured())
        return;
    m_timer.start();
    probeNow();
}

void OpsApiHealthProbe::stop()
{
    m_timer.stop();
}

double OpsApiHealthProbe::errorRatio() const
{
    if (m_outcomes.empty())
        return 0.0;
    return double(std::count(m_outcomes.begin(), m_outcomes.end(), true)) / double(m_outcomes.size());
}

void OpsApiHealthProbe::probeNow()
{
    if (!configured() || m_inFlight)
        return;
    m_inFlight = true;
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    m_api->call("GET", QStringLiteral("/api/v1/site"), std::nullopt, {}, m_timeoutMs, this,
                [this, clock](const ApiResult &r) {
                    m_inFlight = false;
                    const qint64 latency = clock->elapsed();
                    const qint64 t = m_clock();
                    const bool failed = !r.ok();
                    m_outcomes.push_back(failed);
                    while (int(m_outcomes.size()) > m_window)
                        m_outcomes.pop_front();
                    if (m_engine) {
                        if (failed)
                            m_engine->feedError(metric::opsApiLatencyMs, t, r.message);
                        else
                            m_engine->feed(metric::opsApiLatencyMs, t, double(latency));
                        m_engine->feed(metric::opsApiErrorRatio, t, errorRatio());
                    }
                    Q_EMIT probed(t, !failed, latency);
                });
}

} // namespace oc

#pragma once

#include "ApiResult.h"
#include "DemoEnvironment.h"
#include "OpsApiClient.h"

#include <QJsonObject>

#include <memory>
#include <optional>

namespace oc::test {

// Collects one asynchronous ops API answer; tests wait with QTRY_VERIFY(a.done()).
class ApiAnswer
{
public:
    OpsApiClient::Callback callback()
    {
        auto slot = m_result;
        return [slot](const ApiResult &r) { *slot = r; };
    }
    bool done() const { return m_result->has_value(); }
    const ApiResult &result() const { return **m_result; }

private:
    std::shared_ptr<std::optional<ApiResult>> m_result = std::make_shared<std::optional<ApiResult>>();
};

// The simulator for a test executable: a private PostgreSQL plus
// organizer-hubsim with the fault-injection endpoint on.
struct SimulatorOptions
{
    int events = 300;
    int supporters = 3000;
    int seedRsvps = 2000;
    bool waitForLaunch = true;
    QStringList extraArgs;
};
bool startSimulator(DemoEnvironment &demo, const SimulatorOptions &o, QString *error);

// POST /api/v1/_test/faults with {"kind", "endpoint", "count", "seconds"};
// false with `error` when the simulator refused.
bool injectFault(OpsApiClient &api, const QJsonObject &fault, QString *error = nullptr);
bool clearFaults(OpsApiClient &api);

// A closed port on loopback: nothing listens there.
quint16 closedPort();

} // namespace oc::test

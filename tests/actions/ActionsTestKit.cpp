#include "ActionsTestKit.h"

#include <QJsonDocument>
#include <QTcpServer>
#include <QTest>

namespace oc::test {

bool startSimulator(DemoEnvironment &demo, const SimulatorOptions &o, QString *error)
{
    DemoEnvironment::Options d;
    d.events = o.events;
    d.supporters = o.supporters;
    d.seedRsvps = o.seedRsvps;
    // A quiet, predictable backend: no streamed events (the snapshot is
    // compared with the database), few RSVPs, faults on request.
    d.extraArgs << QStringLiteral("--test-endpoints") << QStringLiteral("--events-per-day") << QStringLiteral("0")
                << QStringLiteral("--rsvp-rate") << QStringLiteral("2");
    if (o.waitForLaunch)
        d.extraArgs << QStringLiteral("--wait-for-launch");
    d.extraArgs << o.extraArgs;
    if (!demo.start(d, error))
        return false;
    if (!demo.apiUrl().isValid()) {
        if (error)
            *error = QStringLiteral("the simulator did not report its API URL");
        return false;
    }
    return true;
}

static bool postFaults(OpsApiClient &api, const QJsonObject &body, QString *error)
{
    ApiAnswer a;
    api.call("POST", QStringLiteral("/api/v1/_test/faults"), QJsonDocument(body).toJson(QJsonDocument::Compact), {},
             10000, nullptr, a.callback());
    if (!QTest::qWaitFor([&] { return a.done(); }, 15000)) {
        if (error)
            *error = QStringLiteral("no answer from the fault endpoint");
        return false;
    }
    if (!a.result().ok() && error)
        *error = a.result().message;
    return a.result().ok();
}

bool injectFault(OpsApiClient &api, const QJsonObject &fault, QString *error)
{
    return postFaults(api, fault, error);
}

bool clearFaults(OpsApiClient &api)
{
    return postFaults(api, {{QStringLiteral("clear"), true}}, nullptr);
}

quint16 closedPort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    const quint16 port = s.serverPort();
    s.close();
    return port;
}

} // namespace oc::test

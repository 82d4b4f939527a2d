#include "SummaryServer.h"

#include <QHttpServerResponse>
#include <QTcpServer>

namespace oc::test {

bool SummaryServer::start(QByteArray json)
{
    m_json = std::move(json);
    m_http.route(QStringLiteral("/api/v2/summary.json"),
                 [this] { return QHttpServerResponse("application/json", m_json); });
    auto *tcp = new QTcpServer(&m_http);
    if (!tcp->listen(QHostAddress::LocalHost) || !m_http.bind(tcp))
        return false;
    m_url = QStringLiteral("http://127.0.0.1:%1/api/v2/summary.json").arg(tcp->serverPort());
    return true;
}

} // namespace oc::test

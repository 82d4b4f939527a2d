#pragma once

#include <QTcpServer>

namespace oc::sim {

// A QTcpServer whose connections have Nagle's algorithm off. QHttpServer
// writes a response as several socket writes; with Nagle on, the tail waits
// for the client's delayed ACK (~40 ms) and a keep-alive client gets about
// 25 answers per second per connection whatever the server's speed.
class NoDelayTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr socketDescriptor) override;
};

} // namespace oc::sim

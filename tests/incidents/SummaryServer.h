#pragma once

#include <QByteArray>
#include <QHttpServer>
#include <QString>

namespace oc::test {

// A vendor's Statuspage on loopback: GET /api/v2/summary.json answers `json`
// (the shape every Statuspage-hosted page documents at /api). For the tests
// that watch a vendor for real.
class SummaryServer
{
public:
    // Listens on a free loopback port; false if it cannot.
    bool start(QByteArray json);
    QString url() const { return m_url; }

private:
    QHttpServer m_http;
    QByteArray m_json;
    QString m_url;
};

} // namespace oc::test

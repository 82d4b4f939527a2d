#pragma once

#include "HttpReply.h"

#include <QDateTime>
#include <QHttpServer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

namespace oc::sim {

class HubStreamer;

// The demo's vendors and the simulator's control, on their own loopback
// port (`simulate --vendor-port`), apart from the ops API:
//
//   GET  /<vendor>/api/v2/summary.json   the vendor's Statuspage summary
//   GET  /<vendor>/quota                 200 with rate-limit headers (each
//                                        call uses one unit; 429 when none
//                                        is left)
//   PUT  /_control/vendors/<vendor>      {"component": "sms", "status":
//                                        "partial_outage"} and/or
//                                        {"quota_used": 0.85}
//   POST /_control/surge                 the scenario's mention hits now
//   POST /_control/calm                  the mention is over
//
// Vendors: "map-tiles" answers quota with GitHub/Mapbox-style
// X-RateLimit-Limit/-Remaining/-Reset; "messaging" with the IETF draft's
// RateLimit-Policy: "default";q=…;w=… and RateLimit: "default";r=…;t=…
// (draft-ietf-httpapi-ratelimit-headers-10), so the console's probe reads
// both spellings. The summary follows the Statuspage format (page,
// components with id/name/status/updated_at, status indicator and
// description, incidents, scheduled_maintenances), as the Statuspage pages
// document it at /api (e.g. https://confluence.status.atlassian.com/api).
// The control routes are for the drill and the tests, on loopback only.
class VendorSimServer : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        quint16 port = 0; // 0: any free port
        qint64 quotaLimit = 10000; // units per window, per vendor
        int quotaWindowSeconds = 3600;
    };

    explicit VendorSimServer(Options o, QObject *parent = nullptr);
    ~VendorSimServer() override;

    bool listen(QString *error);
    quint16 port() const { return m_port; }
    QUrl baseUrl() const;
    QUrl statusUrl(const QString &vendor) const;
    QUrl quotaUrl(const QString &vendor) const;
    QStringList vendors() const;

    // Surge and calm go to the streamer's thread; without one they answer 409.
    void setStreamer(HubStreamer *streamer);

    // What the control route does, callable directly (tests, the simulator).
    bool setComponentStatus(const QString &vendor, const QString &component, const QString &status, QString *error);
    bool setQuotaUsed(const QString &vendor, double fraction, QString *error);
    QJsonObject summary(const QString &vendor) const;

    static bool isComponentStatus(const QString &status);

Q_SIGNALS:
    void surgeRequested();
    void calmRequested();

private:
    struct Component
    {
        QString id;
        QString name;
        QString status = QStringLiteral("operational");
        QDateTime updatedAt;
    };
    struct Vendor
    {
        QString name;
        QString pageId;
        QString pageName;
        bool ietfHeaders = false;
        QList<Component> components;
        qint64 used = 0;
        qint64 windowStartMs = 0;
        QDateTime updatedAt;
    };

    Vendor *find(const QString &name);
    const Vendor *find(const QString &name) const;
    void rollWindow(Vendor &v, qint64 nowMs) const;
    HttpReply quota(Vendor &v);
    HttpReply control(const QString &vendor, const QByteArray &body);
    HttpReply scenario(bool surge);
    // Written from the event loop, not inside the route handler (see PublicSite::releaseLater).
    void answer(QHttpServerResponder &res, const HttpReply &reply);

    Options m_o;
    QHttpServer m_http;
    quint16 m_port = 0;
    QList<Vendor> m_vendors;
    QDateTime m_createdAt;
    QPointer<HubStreamer> m_streamer;
};

} // namespace oc::sim

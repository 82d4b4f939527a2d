#pragma once

#include "VendorEndpoint.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace oc {

class RuleEngine;

// Polls each configured vendor (VendorEndpoint::intervalMs, 60 s by default;
// the first poll at start) and feeds the rule engine:
//  * vendor.<name>.status: the worst component of its Statuspage
//    summary.json (StatuspageSummary: 0 operational … 3 major outage,
//    under_maintenance 1); detail(name) names the components that are not
//    operational, for the alert's detail;
//  * vendor.<name>.quota_used: 1 - remaining / limit from the rate-limit
//    headers of the quota URL's answer (RateLimitHeaders).
// A timeout (5 s by default: an unreachable vendor shows Error well within
// 10 s of the poll), a refused connection, an HTTP error or an answer that
// is not a summary / carries no rate-limit headers is fed as an error with
// the reason, never as a value. Nothing here blocks: QNetworkAccessManager
// with transfer timeouts, answers on the event loop.
//
// Values are fed once per poll, at the poll's answer: a rule on these
// metrics sets its staleAfterMs to a few poll intervals.
class VendorStatusProbe : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>;

    explicit VendorStatusProbe(RuleEngine *engine, QObject *parent = nullptr);
    ~VendorStatusProbe() override;

    void setClock(Clock clock);
    // Per request, the longest we wait without any bytes moving.
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int timeoutMs() const { return m_timeoutMs; }
    // Replaces the vendors, one probe per name; a running probe polls the
    // new and changed ones at once and keeps the unchanged ones as they are.
    void setEndpoints(const QList<VendorEndpoint> &endpoints);
    QList<VendorEndpoint> endpoints() const { return m_endpoints; }

    void start();
    void stop();
    bool isRunning() const { return m_running; }
    // Polls one vendor (or all, with an empty name) now.
    void pollNow(const QString &name = {});

    // What the last status poll found: the degraded components ("SMS:
    // partial outage"), or why the poll failed; empty when all is well.
    QString detail(const QString &name) const;
    // The last fed values, if the last poll gave one.
    std::optional<double> lastStatus(const QString &name) const;
    std::optional<double> lastQuotaUsed(const QString &name) const;
    // Why the last quota poll failed; empty when it gave a value (or none yet).
    QString quotaError(const QString &name) const;
    bool isWatching(const QString &name) const { return m_vendors.contains(name); }

Q_SIGNALS:
    // After each answer (or failure) was fed.
    void statusPolled(const QString &name, qint64 atMs);
    void quotaPolled(const QString &name, qint64 atMs);
    void detailChanged(const QString &name, const QString &detail);
    void endpointsChanged();

private:
    struct Vendor
    {
        VendorEndpoint endpoint;
        QTimer *timer = nullptr;
        QPointer<QNetworkReply> statusReply;
        QPointer<QNetworkReply> quotaReply;
        QString detail;
        QString quotaError; // logged once per change, not every poll
        std::optional<double> status;
        std::optional<double> quota;
    };

    qint64 now() const;
    void poll(Vendor &v);
    QNetworkReply *get(const QUrl &url);
    void onStatus(const QString &name, QNetworkReply *reply);
    void onQuota(const QString &name, QNetworkReply *reply);
    // Why a reply failed in words, or empty when it has a 2xx body.
    QString failure(QNetworkReply *reply, bool acceptAnyHttpStatus) const;
    void setDetail(Vendor &v, const QString &detail);
    void dropVendor(Vendor &v);
    void clearVendors();

    QPointer<RuleEngine> m_engine;
    Clock m_clock;
    QNetworkAccessManager *m_nam;
    int m_timeoutMs = 5000;
    bool m_running = false;
    QList<VendorEndpoint> m_endpoints;
    QHash<QString, std::shared_ptr<Vendor>> m_vendors;
};

} // namespace oc

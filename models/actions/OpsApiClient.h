#pragma once

#include "ApiResult.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QUuid>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace oc {

// The console's side of the campaign backend's ops API
// (resources/openapi/ops-api.yaml). Every call answers once, on the event
// loop, with an ApiResult whose message is fit to show: timeouts, refused
// connections, 5xx pages and garbage bodies all become a clear sentence.
//
// Safety: TLS certificates are always verified (no ignoreSslErrors anywhere);
// the bearer token goes only to the configured host over https, or over
// plain http to this machine; redirects are never followed, so neither the
// token nor a POST can be sent somewhere else. The token is never logged.
class OpsApiClient : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int inFlight READ inFlight NOTIFY inFlightChanged)
public:
    using Callback = std::function<void(const ApiResult &)>;

    OpsApiClient(QUrl baseUrl, QString token, QObject *parent = nullptr);
    ~OpsApiClient() override;

    QUrl baseUrl() const { return m_base; }
    // False with a user-visible reason when calls could not be made safely.
    bool isUsable(QString *why = nullptr) const;
    // Sent as X-Actor so the backend can record who asked.
    void setActor(const QString &name) { m_actor = name; }
    // Per request: the longest we wait without any bytes moving.
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int timeoutMs() const { return m_timeoutMs; }
    int inFlight() const { return m_inFlight; }

    // `context` dropping out first drops the callback (the request still completes).
    void launchCampaign(const QString &slug, QObject *context, Callback cb);
    void getSite(QObject *context, Callback cb);
    // The role the token stands for: {"role": "viewer" | "trainer" | "operator"}.
    void whoAmI(QObject *context, Callback cb);
    void uploadSnapshot(const QJsonArray &events, const QByteArray &html, QObject *context, Callback cb);
    void setSiteMode(const QString &mode, const QString &snapshotId, QObject *context, Callback cb);
    void createBlast(const QUuid &idempotencyKey, const QJsonObject &body, QObject *context, Callback cb);
    void getBlast(const QString &idOrKey, QObject *context, Callback cb);
    void cancelBlast(const QString &idOrKey, QObject *context, Callback cb);

    // The building block of the calls above; `path` is below the base URL.
    void call(const QByteArray &method, const QString &path, const std::optional<QByteArray> &jsonBody,
              const QList<std::pair<QByteArray, QByteArray>> &headers, int timeoutMs, QObject *context, Callback cb);

    // Turns a finished reply into a result; public for the tests. `action`
    // ("launch campaigns") words a 403 for the person at the console.
    static ApiResult interpret(int httpStatus, const QByteArray &contentType, const QByteArray &body,
                               const QString &action = {});
    // What a call does, in words that fit "not allowed to …".
    static QString actionOf(const QByteArray &method, const QString &path);

Q_SIGNALS:
    void inFlightChanged(int n);

private:
    ApiResult refuse(ApiResult::Error kind, const QString &message) const;
    void answerLater(QObject *context, Callback cb, ApiResult r);
    ApiResult resultOf(QNetworkReply *reply, int timeoutMs, const QString &action) const;
    void setInFlight(int n);

    QUrl m_base;
    QString m_token;
    QString m_actor;
    int m_timeoutMs = 15000;
    int m_inFlight = 0;
    QNetworkAccessManager *m_nam = nullptr;
};

} // namespace oc

#include "HttpTestClient.h"

#include <QJsonDocument>
#include <QNetworkProxy>
#include <QSignalSpy>

namespace oc::test {

HttpTestClient::HttpTestClient(QString baseUrl, QByteArray token, QObject *parent)
    : QObject(parent)
    , m_base(std::move(baseUrl))
    , m_token(std::move(token))
{
    // A proxy from the environment must not sit between us and loopback.
    m_nam.setProxy(QNetworkProxy::NoProxy);
}

QNetworkReply *HttpTestClient::start(const QByteArray &method, const QString &path, const QByteArray &body,
                                     const Headers &headers, bool withToken)
{
    QNetworkRequest req(QUrl(m_base + path));
    if (!body.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (withToken)
        req.setRawHeader("Authorization", "Bearer " + m_token);
    for (const auto &h : headers)
        req.setRawHeader(h.first, h.second);
    return m_nam.sendCustomRequest(req, method, body);
}

HttpTestClient::Response HttpTestClient::collect(QNetworkReply *reply)
{
    Response r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.error = reply->error();
    r.body = reply->readAll();
    r.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    for (const auto &h : reply->rawHeaderPairs())
        r.headers.insert(h.first.toLower(), h.second);
    const QJsonDocument doc = QJsonDocument::fromJson(r.body);
    if (doc.isObject())
        r.json = doc.object();
    return r;
}

HttpTestClient::Response HttpTestClient::wait(QNetworkReply *reply, int timeoutMs)
{
    if (!reply->isFinished()) {
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(timeoutMs);
    }
    Response r = collect(reply);
    reply->deleteLater();
    return r;
}

HttpTestClient::Response HttpTestClient::request(const QByteArray &method, const QString &path, const QJsonObject &body,
                                                 const Headers &headers, bool withToken)
{
    const QByteArray payload = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    return wait(start(method, path, payload, headers, withToken));
}

} // namespace oc::test

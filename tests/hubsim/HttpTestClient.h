#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QObject>
#include <QPair>
#include <QString>

namespace oc::test {

// A small HTTP client for the hubsim tests: requests over one
// QNetworkAccessManager (no proxy), answers as plain values.
class HttpTestClient : public QObject
{
    Q_OBJECT
public:
    struct Response
    {
        int status = 0; // 0: no HTTP answer at all
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QByteArray body;
        QJsonObject json; // when the body is a JSON object
        QByteArray contentType;
        QHash<QByteArray, QByteArray> headers; // lower-case names
        bool ok() const { return status >= 200 && status < 300; }
    };
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    explicit HttpTestClient(QString baseUrl, QByteArray token = {}, QObject *parent = nullptr);

    // Starts a request; the reply belongs to the caller (deleteLater it).
    QNetworkReply *start(const QByteArray &method, const QString &path, const QByteArray &body = {},
                         const Headers &headers = {}, bool withToken = true);
    static Response collect(QNetworkReply *reply);
    // Waits for the reply (up to timeoutMs), collects and deletes it.
    static Response wait(QNetworkReply *reply, int timeoutMs = 60000);

    Response request(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                     const Headers &headers = {}, bool withToken = true);
    Response get(const QString &path, bool withToken = true) { return request("GET", path, {}, {}, withToken); }

    QNetworkAccessManager &nam() { return m_nam; }

private:
    QString m_base;
    QByteArray m_token;
    QNetworkAccessManager m_nam;
};

} // namespace oc::test

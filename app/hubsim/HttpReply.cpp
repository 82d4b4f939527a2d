#include "HttpReply.h"

#include <QJsonDocument>

namespace oc::sim {

HttpReply HttpReply::json(const QJsonObject &o, Status s)
{
    HttpReply r;
    r.status = s;
    r.body = QJsonDocument(o).toJson(QJsonDocument::Compact);
    return r;
}

HttpReply HttpReply::html(QByteArray page, Status s)
{
    HttpReply r;
    r.status = s;
    r.mimeType = "text/html; charset=utf-8";
    r.body = std::move(page);
    return r;
}

HttpReply HttpReply::problem(Status s, const QString &type, const QString &title, const QString &detail)
{
    QJsonObject o {{QStringLiteral("type"), QStringLiteral("https://hubsim.invalid/problems/") + type},
                   {QStringLiteral("title"), title},
                   {QStringLiteral("status"), int(s)}};
    if (!detail.isEmpty())
        o.insert(QStringLiteral("detail"), detail);
    HttpReply r = json(o, s);
    r.mimeType = "application/problem+json";
    return r;
}

HttpReply &HttpReply::withHeader(const QByteArray &name, const QByteArray &value)
{
    headers.append(name, value);
    return *this;
}

void HttpReply::sendTo(QHttpServerResponder &responder) const
{
    QHttpHeaders h = headers;
    h.replaceOrAppend(QHttpHeaders::WellKnownHeader::ContentType, mimeType);
    responder.write(body, h, status);
}

} // namespace oc::sim

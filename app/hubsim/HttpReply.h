#pragma once

#include <QByteArray>
#include <QHttpHeaders>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QString>

namespace oc::sim {

// A response as a plain copyable value, so it can travel through QFuture
// continuations and timers before being written to a (move-only) responder.
struct HttpReply
{
    using Status = QHttpServerResponder::StatusCode;

    Status status = Status::Ok;
    QByteArray mimeType = "application/json";
    QByteArray body;
    QHttpHeaders headers; // besides Content-Type

    static HttpReply json(const QJsonObject &o, Status s = Status::Ok);
    static HttpReply html(QByteArray page, Status s = Status::Ok);
    // RFC 7807 problem details; `type` is the last path segment of the
    // problem type URI (e.g. "unauthorized").
    static HttpReply problem(Status s, const QString &type, const QString &title, const QString &detail = {});

    HttpReply &withHeader(const QByteArray &name, const QByteArray &value);
    int code() const { return int(status); }
    void sendTo(QHttpServerResponder &responder) const;
};

} // namespace oc::sim

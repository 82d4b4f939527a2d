#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace oc {

// What one ops API call came to. `message` is written for the person at the
// console: it says what happened and whether it is safe to try again.
struct ApiResult
{
    enum class Error {
        None,
        Config, // no URL/token, or an unsafe URL: nothing was sent
        Refused, // nobody listening: nothing was carried out
        Network, // the connection broke; it may have been carried out
        Timeout, // no answer in time; it may have been carried out
        Tls, // certificate or handshake failure: nothing was sent
        Client, // 4xx: the backend refused the request
        Server, // 5xx: the backend failed; it may have been carried out
        BadResponse, // an answer that is not the JSON the API promises
    };

    Error error = Error::None;
    int httpStatus = 0;
    QJsonObject json; // the body on success, the problem details on failure
    QString problemType; // last segment of the problem's "type", e.g. "blast-not-approved"
    QString message; // user-visible (translated)

    bool ok() const { return error == Error::None; }
    // Whether the request may have taken effect although we heard no success:
    // only an idempotent retry (same Idempotency-Key) is then safe.
    bool outcomeUnknown() const
    {
        return error == Error::Network || error == Error::Timeout || error == Error::Server ||
            error == Error::BadResponse;
    }
    // Worth retrying as is. A refused connection is: nothing reached the backend.
    bool retryable() const
    {
        return outcomeUnknown() || error == Error::Refused || httpStatus == 408 || httpStatus == 429;
    }
};

} // namespace oc

Q_DECLARE_METATYPE(oc::ApiResult)

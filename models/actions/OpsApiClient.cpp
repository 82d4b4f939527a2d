#include "OpsApiClient.h"

#include "LogCategories.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSslError>

namespace oc {

namespace {

// Path arguments are slugs, "hsb-12" style ids or UUIDs; anything else would
// have to be escaped and is more likely a bug than a real identifier.
bool safeSegment(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9._~-]{1,200}$"));
    return re.match(s).hasMatch();
}

bool isLoopback(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress a(host);
    return !a.isNull() && a.isLoopback();
}

// A short, single-line preview of a body we could not understand, so the
// message says "it sent an HTML error page" rather than just "bad".
QString excerpt(const QByteArray &body)
{
    QString s = QString::fromUtf8(body.left(160)).simplified();
    if (s.size() > 80)
        s = s.left(80) + QChar(0x2026);
    return s;
}

QString reasonPhrase(int status)
{
    switch (status) {
    case 400: return QStringLiteral("Bad Request");
    case 401: return QStringLiteral("Unauthorized");
    case 403: return QStringLiteral("Forbidden");
    case 404: return QStringLiteral("Not Found");
    case 409: return QStringLiteral("Conflict");
    case 422: return QStringLiteral("Unprocessable Content");
    case 429: return QStringLiteral("Too Many Requests");
    case 500: return QStringLiteral("Internal Server Error");
    case 502: return QStringLiteral("Bad Gateway");
    case 503: return QStringLiteral("Service Unavailable");
    case 504: return QStringLiteral("Gateway Timeout");
    default: return {};
    }
}

} // namespace

OpsApiClient::OpsApiClient(QUrl baseUrl, QString token, QObject *parent)
    : QObject(parent)
    , m_base(std::move(baseUrl))
    , m_token(std::move(token))
    , m_nam(new QNetworkAccessManager(this))
{
    // Answers must come from the backend itself, not from a cache.
    m_nam->setCache(nullptr);
}

OpsApiClient::~OpsApiClient()
{
    // Pending replies die with the manager; their callbacks must not run
    // into a half-destroyed client.
    for (QNetworkReply *r : m_nam->findChildren<QNetworkReply *>()) {
        r->disconnect(this);
        r->abort();
    }
}

bool OpsApiClient::isUsable(QString *why) const
{
    auto fail = [why](const QString &m) {
        if (why)
            *why = m;
        return false;
    };
    if (!m_base.isValid() || m_base.host().isEmpty())
        return fail(tr("No ops API is configured. Set ORGANIZER_HUB_URL (or use --api) and ORGANIZER_HUB_TOKEN."));
    const QString scheme = m_base.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return fail(tr("The ops API URL must start with https:// (it is \"%1\").").arg(m_base.toDisplayString()));
    if (scheme == QLatin1String("http") && !isLoopback(m_base.host()))
        return fail(tr("The ops API at %1 is not using https. The console only sends its token over plain http "
                       "to this machine; use an https:// URL.")
                        .arg(m_base.host()));
    if (m_token.isEmpty())
        return fail(tr("No ops API token is configured. Set ORGANIZER_HUB_TOKEN."));
    return true;
}

void OpsApiClient::setInFlight(int n)
{
    if (n == m_inFlight)
        return;
    m_inFlight = n;
    Q_EMIT inFlightChanged(n);
}

void OpsApiClient::answerLater(QObject *context, Callback cb, ApiResult r)
{
    // Asynchronous like every other answer, so callers have one code path.
    const QPointer<QObject> ctx(context);
    const bool hasContext = context != nullptr;
    QMetaObject::invokeMethod(
        this,
        [ctx, hasContext, cb = std::move(cb), r = std::move(r)] {
            if (cb && (!hasContext || ctx))
                cb(r);
        },
        Qt::QueuedConnection);
}

ApiResult OpsApiClient::refuse(ApiResult::Error kind, const QString &message) const
{
    ApiResult r;
    r.error = kind;
    r.message = message;
    return r;
}

void OpsApiClient::call(const QByteArray &method, const QString &path, const std::optional<QByteArray> &jsonBody,
                        const QList<std::pair<QByteArray, QByteArray>> &headers, int timeoutMs, QObject *context,
                        Callback cb)
{
    const QPointer<QObject> ctx(context);
    const bool hasContext = context != nullptr;
    auto deliver = [ctx, hasContext, cb](const ApiResult &r) {
        if (cb && (!hasContext || ctx))
            cb(r);
    };
    QString why;
    if (!isUsable(&why)) {
        answerLater(context, std::move(cb), refuse(ApiResult::Error::Config, why));
        return;
    }

    QUrl url = m_base;
    QString basePath = m_base.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path);
    url.setQuery(QString());
    url.setFragment(QString());

    QNetworkRequest req(url);
    req.setTransferTimeout(timeoutMs > 0 ? timeoutMs : m_timeoutMs);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    req.setRawHeader("Accept", "application/json, application/problem+json");
    if (!m_actor.isEmpty())
        req.setRawHeader("X-Actor", m_actor.left(200).toUtf8());
    for (const auto &[name, value] : headers)
        req.setRawHeader(name, value);
    if (jsonBody)
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));

    QNetworkReply *reply =
        jsonBody ? m_nam->sendCustomRequest(req, method, *jsonBody) : m_nam->sendCustomRequest(req, method);
    setInFlight(m_inFlight + 1);
    const QString what = QString::fromLatin1(method) + QLatin1Char(' ') + path;
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    const int effectiveTimeout = timeoutMs > 0 ? timeoutMs : m_timeoutMs;

    connect(reply, &QNetworkReply::sslErrors, this, [what](const QList<QSslError> &errors) {
        // Logged, never ignored: the handshake fails and the call reports it.
        for (const QSslError &e : errors)
            logcat::api()->warn("{}: TLS: {}", what.toStdString(), e.errorString().toStdString());
    });
    const QString action = actionOf(method, path);
    // A successful read is routine (the site mode, the incident probe's health
    // call every few seconds): debug. Writes are actions: info.
    const bool read = method == "GET";
    connect(reply, &QNetworkReply::finished, this, [this, reply, deliver, what, clock, effectiveTimeout, action, read] {
        reply->deleteLater();
        setInFlight(m_inFlight - 1);
        const ApiResult r = resultOf(reply, effectiveTimeout, action);
        auto log = logcat::api();
        if (r.ok())
            log->log(read ? spdlog::level::debug : spdlog::level::info, "{} -> {} ({} ms)", what.toStdString(),
                     r.httpStatus, clock->elapsed());
        else
            log->warn("{} -> {} ({} ms): {}", what.toStdString(), r.httpStatus, clock->elapsed(),
                      r.message.toStdString());
        deliver(r);
    });
}

ApiResult OpsApiClient::resultOf(QNetworkReply *reply, int timeoutMs, const QString &action) const
{
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttr.isValid() ? statusAttr.toInt() : 0;
    const QString where = m_base.host() + (m_base.port() > 0 ? QStringLiteral(":%1").arg(m_base.port()) : QString());
    if (status > 0) {
        // The reply's own error (for 4xx/5xx) adds nothing: the status and the body say more.
        ApiResult r = interpret(status, reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
                                reply->readAll(), action);
        if (reply->error() == QNetworkReply::OperationCanceledError || reply->error() == QNetworkReply::TimeoutError) {
            r = refuse(
                ApiResult::Error::Timeout,
                tr("The ops API at %1 stopped answering after %2 s. The request may or may not have been carried "
                   "out; trying again is safe.")
                    .arg(where)
                    .arg(timeoutMs / 1000.0, 0, 'f', 1));
            r.httpStatus = status;
        }
        return r;
    }
    ApiResult r;
    switch (reply->error()) {
    case QNetworkReply::NoError: return interpret(0, {}, {});
    case QNetworkReply::ConnectionRefusedError:
        r.error = ApiResult::Error::Refused;
        r.message = tr("Cannot reach the ops API at %1: the connection was refused. Is the backend running? "
                       "Nothing was sent.")
                        .arg(where);
        break;
    case QNetworkReply::HostNotFoundError:
        r.error = ApiResult::Error::Refused;
        r.message = tr("Cannot reach the ops API: the host %1 was not found. Nothing was sent.").arg(m_base.host());
        break;
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        // setTransferTimeout aborts the reply; we never abort one ourselves
        // while its callback is still connected.
        r.error = ApiResult::Error::Timeout;
        r.message = tr("The ops API at %1 did not answer within %2 s. The request may or may not have been carried "
                       "out; trying again is safe.")
                        .arg(where)
                        .arg(timeoutMs / 1000.0, 0, 'f', 1);
        break;
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::InsecureRedirectError:
        r.error = ApiResult::Error::Tls;
        r.message = tr("The ops API at %1 failed the TLS check (%2). Nothing was sent; the console never ignores "
                       "certificate errors.")
                        .arg(where, reply->errorString());
        break;
    default:
        r.error = ApiResult::Error::Network;
        r.message = tr("The connection to the ops API at %1 failed (%2). The request may or may not have been "
                       "carried out; trying again is safe.")
                        .arg(where, reply->errorString());
        break;
    }
    return r;
}

QString OpsApiClient::actionOf(const QByteArray &method, const QString &path)
{
    const QStringList seg = path.split(QLatin1Char('/'), Qt::SkipEmptyParts); // api, v1, ...
    const QString a = seg.value(2), c = seg.value(4);
    const bool post = method == "POST", put = method == "PUT", get = method == "GET";
    if (a == QLatin1String("campaigns") && c == QLatin1String("launch") && post)
        return tr("launch campaigns");
    if (a == QLatin1String("site") && seg.size() == 3 && get)
        return tr("read the public site's mode");
    if (a == QLatin1String("site") && seg.value(3) == QLatin1String("snapshot") && put)
        return tr("upload a static copy of the public site");
    if (a == QLatin1String("site") && seg.value(3) == QLatin1String("mode") && put)
        return tr("switch the public site between static and dynamic");
    if (a == QLatin1String("blasts") && seg.size() == 3 && post)
        return tr("send email/SMS blasts");
    if (a == QLatin1String("blasts") && c == QLatin1String("cancel") && post)
        return tr("cancel blasts");
    if (a == QLatin1String("blasts") && seg.size() == 4 && get)
        return tr("read a blast's status");
    return tr("make this call");
}

ApiResult OpsApiClient::interpret(int status, const QByteArray &contentType, const QByteArray &body,
                                  const QString &action)
{
    ApiResult r;
    r.httpStatus = status;
    QJsonParseError pe;
    const QJsonDocument doc = body.trimmed().isEmpty() ? QJsonDocument() : QJsonDocument::fromJson(body, &pe);
    const bool isObject = doc.isObject();
    const bool problem = contentType.toLower().contains("problem+json");

    if (status >= 200 && status < 300) {
        if (isObject) {
            r.json = doc.object();
            return r;
        }
        if (status == 204)
            return r;
        r.error = ApiResult::Error::BadResponse;
        r.message = body.trimmed().isEmpty()
            ? tr("The ops API answered HTTP %1 with an empty body instead of JSON. Whether the request was carried "
                 "out is unknown; trying again is safe.")
                  .arg(status)
            : tr("The ops API answered HTTP %1 with something that is not JSON (\"%2\"). Whether the request was "
                 "carried out is unknown; trying again is safe.")
                  .arg(status)
                  .arg(excerpt(body));
        return r;
    }
    if (status >= 300 && status < 400) {
        r.error = ApiResult::Error::BadResponse;
        r.message = tr("The ops API answered with a redirect (HTTP %1), which the console does not follow. Check the "
                       "configured URL.")
                        .arg(status);
        return r;
    }
    if (status == 0) {
        r.error = ApiResult::Error::BadResponse;
        r.message = tr("The ops API sent no HTTP status.");
        return r;
    }

    r.error = status >= 500 ? ApiResult::Error::Server : ApiResult::Error::Client;
    if (isObject) {
        r.json = doc.object();
        const QString type = r.json.value(QStringLiteral("type")).toString();
        r.problemType = type.section(QLatin1Char('/'), -1);
    }
    const QString title = r.json.value(QStringLiteral("title")).toString();
    const QString detail = r.json.value(QStringLiteral("detail")).toString();
    QString text;
    if ((problem || isObject) && !title.isEmpty())
        text = detail.isEmpty() ? title : title + QStringLiteral(": ") + detail;
    const QString phrase = reasonPhrase(status);
    const QString statusText =
        phrase.isEmpty() ? QStringLiteral("HTTP %1").arg(status) : QStringLiteral("HTTP %1 %2").arg(status).arg(phrase);
    if (status >= 500) {
        r.message = text.isEmpty()
            ? tr("The ops API failed (%1). Whether the request was carried out is unknown; trying again is safe.")
                  .arg(statusText)
            : tr("The ops API failed (%1): %2").arg(statusText, text);
    } else if (status == 403) {
        // The backend knows who we are but our role may not do this: the
        // person needs to hear which role would, not just "Forbidden".
        const QString role = r.json.value(QStringLiteral("required_role")).toString();
        const QString needed = role == QLatin1String("viewer") ? tr("a viewer")
            : role == QLatin1String("trainer")                 ? tr("a trainer")
                                                               : tr("an operator");
        r.message = tr("This console's API token is not allowed to %1; %2 token is needed. Nothing was done.")
                        .arg(action.isEmpty() ? tr("do this") : action, needed);
    } else if (status == 401) {
        r.message =
            tr("The ops API did not accept the console's token (%1). Check ORGANIZER_HUB_TOKEN.").arg(statusText);
    } else {
        r.message = text.isEmpty() ? tr("The ops API refused the request (%1).").arg(statusText)
                                   : tr("The ops API refused the request (%1): %2").arg(statusText, text);
    }
    return r;
}

void OpsApiClient::launchCampaign(const QString &slug, QObject *context, Callback cb)
{
    if (!safeSegment(slug)) {
        answerLater(context, std::move(cb),
                    refuse(ApiResult::Error::Config, tr("\"%1\" is not a campaign slug.").arg(slug)));
        return;
    }
    call("POST", QStringLiteral("/api/v1/campaigns/%1/launch").arg(slug), QByteArray("{}"), {}, 0, context,
         std::move(cb));
}

void OpsApiClient::getSite(QObject *context, Callback cb)
{
    call("GET", QStringLiteral("/api/v1/site"), std::nullopt, {}, 0, context, std::move(cb));
}

void OpsApiClient::whoAmI(QObject *context, Callback cb)
{
    call("GET", QStringLiteral("/api/v1/whoami"), std::nullopt, {}, 0, context, std::move(cb));
}

void OpsApiClient::uploadSnapshot(const QJsonArray &events, const QByteArray &html, QObject *context, Callback cb)
{
    QJsonObject body {{QStringLiteral("events"), events}, {QStringLiteral("html"), QString::fromUtf8(html)}};
    // A big page over a busy backend: allow more than the usual wait.
    call("PUT", QStringLiteral("/api/v1/site/snapshot"), QJsonDocument(body).toJson(QJsonDocument::Compact), {},
         std::max(m_timeoutMs, 60000), context, std::move(cb));
}

void OpsApiClient::setSiteMode(const QString &mode, const QString &snapshotId, QObject *context, Callback cb)
{
    QJsonObject body {{QStringLiteral("mode"), mode}};
    if (!snapshotId.isEmpty())
        body.insert(QStringLiteral("snapshot_id"), snapshotId);
    call("PUT", QStringLiteral("/api/v1/site/mode"), QJsonDocument(body).toJson(QJsonDocument::Compact), {}, 0, context,
         std::move(cb));
}

void OpsApiClient::createBlast(const QUuid &idempotencyKey, const QJsonObject &body, QObject *context, Callback cb)
{
    if (idempotencyKey.isNull()) {
        // Without a key a retry could send twice: never make that call.
        answerLater(context, std::move(cb), refuse(ApiResult::Error::Config, tr("A blast needs an idempotency key.")));
        return;
    }
    call("POST", QStringLiteral("/api/v1/blasts"), QJsonDocument(body).toJson(QJsonDocument::Compact),
         {{QByteArrayLiteral("Idempotency-Key"), idempotencyKey.toString(QUuid::WithoutBraces).toLatin1()}}, 0, context,
         std::move(cb));
}

void OpsApiClient::getBlast(const QString &idOrKey, QObject *context, Callback cb)
{
    if (!safeSegment(idOrKey)) {
        answerLater(context, std::move(cb),
                    refuse(ApiResult::Error::Config, tr("\"%1\" is not a blast id.").arg(idOrKey)));
        return;
    }
    call("GET", QStringLiteral("/api/v1/blasts/%1").arg(idOrKey), std::nullopt, {}, 0, context, std::move(cb));
}

void OpsApiClient::cancelBlast(const QString &idOrKey, QObject *context, Callback cb)
{
    if (!safeSegment(idOrKey)) {
        answerLater(context, std::move(cb),
                    refuse(ApiResult::Error::Config, tr("\"%1\" is not a blast id.").arg(idOrKey)));
        return;
    }
    call("POST", QStringLiteral("/api/v1/blasts/%1/cancel").arg(idOrKey), QByteArray("{}"), {}, 0, context,
         std::move(cb));
}

} // namespace oc

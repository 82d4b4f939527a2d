#include "ConnInfo.h"

#include <libpq-fe.h>

#include <QHash>
#include <QStringList>
#include <QUrl>

namespace oc {

QString ConnInfo::redacted(const QString &conninfo)
{
    const QByteArray utf8 = conninfo.toUtf8();
    char *err = nullptr;
    PQconninfoOption *opts = PQconninfoParse(utf8.constData(), &err);
    if (!opts) {
        PQfreemem(err);
        return QStringLiteral("<unparseable connection string>");
    }
    QStringList parts;
    for (PQconninfoOption *o = opts; o->keyword; ++o) {
        if (!o->val)
            continue;
        const QString key = QString::fromUtf8(o->keyword);
        // libpq marks secret options with dispchar '*'.
        const bool secret = (o->dispchar && o->dispchar[0] == '*') || key == QLatin1String("password");
        parts << key + QLatin1Char('=') + (secret ? QStringLiteral("***") : QString::fromUtf8(o->val));
    }
    PQconninfoFree(opts);
    return parts.join(QLatin1Char(' '));
}

QString ConnInfo::withParam(const QString &conninfo, const QString &key, const QString &value)
{
    QString v = value;
    v.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('\''), QStringLiteral("\\'"));
    const QString kv = key + QStringLiteral("='") + v + QLatin1Char('\'');
    if (conninfo.startsWith(QLatin1String("postgres://")) || conninfo.startsWith(QLatin1String("postgresql://"))) {
        const QString enc = QString::fromUtf8(QUrl::toPercentEncoding(value));
        return conninfo + (conninfo.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) + key +
            QLatin1Char('=') + enc;
    }
    return conninfo.trimmed().isEmpty() ? kv : conninfo + QLatin1Char(' ') + kv;
}

bool ConnInfo::validate(const QString &conninfo, QString *error)
{
    char *err = nullptr;
    PQconninfoOption *opts = PQconninfoParse(conninfo.toUtf8().constData(), &err);
    if (!opts) {
        if (error)
            *error = err ? QString::fromUtf8(err).trimmed() : QStringLiteral("invalid connection string");
        PQfreemem(err);
        return false;
    }
    PQconninfoFree(opts);
    return true;
}

namespace {
QHash<QString, QString> parsed(const QString &conninfo, bool *ok)
{
    QHash<QString, QString> out;
    char *err = nullptr;
    PQconninfoOption *opts = PQconninfoParse(conninfo.toUtf8().constData(), &err);
    *ok = opts != nullptr;
    PQfreemem(err);
    if (!opts)
        return out;
    for (PQconninfoOption *o = opts; o->keyword; ++o)
        if (o->val)
            out.insert(QString::fromUtf8(o->keyword), QString::fromUtf8(o->val));
    PQconninfoFree(opts);
    return out;
}
} // namespace

QString ConnInfo::profileKey(const QString &conninfo)
{
    bool ok = false;
    const auto kv = parsed(conninfo, &ok);
    if (!ok)
        return {};
    // The same defaults libpq applies, so "host=db" and "host=db port=5432"
    // name one profile.
    auto value = [&kv](const char *key, const char *env, const QString &fallback) {
        const QString v = kv.value(QString::fromLatin1(key));
        return !v.isEmpty() ? v : qEnvironmentVariable(env, fallback);
    };
    const QString user = value("user", "PGUSER", qEnvironmentVariable("USER"));
    const QString db = value("dbname", "PGDATABASE", user);
    if (const QString service = kv.value(QStringLiteral("service"));
        !service.isEmpty() && !kv.contains(QStringLiteral("host")))
        return user + QStringLiteral("@service=") + service + QLatin1Char('/') + db;
    const QString host = value("host", "PGHOST", kv.value(QStringLiteral("hostaddr"), QStringLiteral("localhost")));
    const QString port = value("port", "PGPORT", QStringLiteral("5432"));
    return user + QLatin1Char('@') + host + QLatin1Char(':') + port + QLatin1Char('/') + db;
}

bool ConnInfo::hasPassword(const QString &conninfo)
{
    bool ok = false;
    return !parsed(conninfo, &ok).value(QStringLiteral("password")).isEmpty();
}

QHash<QString, QString> ConnInfo::environmentDefaults()
{
    QHash<QString, QString> out;
    // PQconndefaults knows which variable feeds which keyword, so the list
    // stays libpq's and not ours.
    PQconninfoOption *opts = PQconndefaults();
    if (!opts)
        return out;
    for (PQconninfoOption *o = opts; o->keyword; ++o) {
        if (!o->envvar || !o->val || qEnvironmentVariableIsEmpty(o->envvar))
            continue;
        if (o->dispchar && o->dispchar[0] == '*')
            continue;
        out.insert(QString::fromUtf8(o->keyword), QString::fromUtf8(o->val));
    }
    PQconninfoFree(opts);
    return out;
}

} // namespace oc

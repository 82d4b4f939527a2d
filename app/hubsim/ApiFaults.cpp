#include "ApiFaults.h"

namespace oc::sim {

QStringList ApiFaults::endpoints()
{
    return {QStringLiteral("*"),
            QStringLiteral("whoami"),
            QStringLiteral("launch"),
            QStringLiteral("get-site"),
            QStringLiteral("upload-snapshot"),
            QStringLiteral("set-mode"),
            QStringLiteral("create-blast"),
            QStringLiteral("get-blast"),
            QStringLiteral("cancel-blast")};
}

QString ApiFaults::kindName(Kind k)
{
    switch (k) {
    case Kind::Error500: return QStringLiteral("500");
    case Kind::Error503: return QStringLiteral("503");
    case Kind::Error500AfterRecord: return QStringLiteral("500-after-record");
    case Kind::Hang: return QStringLiteral("hang");
    case Kind::HangAfterRecord: return QStringLiteral("hang-after-record");
    case Kind::Garbage: return QStringLiteral("garbage");
    }
    return {};
}

std::optional<ApiFaults::Kind> ApiFaults::kindFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("500"))
        return Kind::Error500;
    if (n == QLatin1String("503"))
        return Kind::Error503;
    if (n == QLatin1String("500-after-record") || n == QLatin1String("500-after"))
        return Kind::Error500AfterRecord;
    if (n == QLatin1String("hang") || n == QLatin1String("timeout"))
        return Kind::Hang;
    if (n == QLatin1String("hang-after-record") || n == QLatin1String("timeout-after-record"))
        return Kind::HangAfterRecord;
    if (n == QLatin1String("garbage"))
        return Kind::Garbage;
    return std::nullopt;
}

std::optional<QList<ApiFaults::Fault>> ApiFaults::parseSpec(const QString &spec, QString *error)
{
    QList<Fault> out;
    for (const QString &part : spec.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QStringList fields = part.trimmed().split(QLatin1Char(':'));
        QString kind = fields.value(0);
        Fault f;
        if (const int eq = kind.indexOf(QLatin1Char('=')); eq >= 0) {
            bool ok = false;
            f.seconds = kind.mid(eq + 1).toInt(&ok);
            if (!ok || f.seconds < 0) {
                if (error)
                    *error = QStringLiteral("bad seconds in fault \"%1\"").arg(part);
                return std::nullopt;
            }
            kind.truncate(eq);
        }
        const auto k = kindFromName(kind);
        if (!k) {
            if (error)
                *error = QStringLiteral("unknown fault kind \"%1\" (500, 503, 500-after-record, timeout, "
                                        "hang-after-record, garbage)")
                             .arg(kind);
            return std::nullopt;
        }
        f.kind = *k;
        if (fields.size() > 1 && !fields[1].isEmpty())
            f.endpoint = fields[1];
        if (!endpoints().contains(f.endpoint)) {
            if (error)
                *error = QStringLiteral("unknown endpoint \"%1\" in fault \"%2\"").arg(f.endpoint, part);
            return std::nullopt;
        }
        if (fields.size() > 2) {
            bool ok = false;
            f.remaining = fields[2].toInt(&ok);
            if (!ok || f.remaining == 0) {
                if (error)
                    *error = QStringLiteral("bad count in fault \"%1\"").arg(part);
                return std::nullopt;
            }
        }
        out.append(f);
    }
    return out;
}

std::optional<ApiFaults::Fault> ApiFaults::fromJson(const QJsonObject &o, QString *error)
{
    const auto k = kindFromName(o.value(QStringLiteral("kind")).toVariant().toString());
    if (!k) {
        if (error)
            *error =
                QStringLiteral("\"kind\" must be one of 500, 503, 500-after-record, hang, hang-after-record, garbage");
        return std::nullopt;
    }
    Fault f;
    f.kind = *k;
    f.endpoint = o.value(QStringLiteral("endpoint")).toString(QStringLiteral("*"));
    if (!endpoints().contains(f.endpoint)) {
        if (error)
            *error = QStringLiteral("unknown endpoint \"%1\"").arg(f.endpoint);
        return std::nullopt;
    }
    f.remaining = o.value(QStringLiteral("count")).toInt(-1);
    f.seconds = o.value(QStringLiteral("seconds")).toInt(30);
    if (f.remaining == 0 || f.seconds < 0) {
        if (error)
            *error = QStringLiteral("\"count\" must be positive (or -1) and \"seconds\" not negative");
        return std::nullopt;
    }
    return f;
}

QJsonObject ApiFaults::toJson(const Fault &f)
{
    return {{QStringLiteral("kind"), kindName(f.kind)},
            {QStringLiteral("endpoint"), f.endpoint},
            {QStringLiteral("count"), f.remaining},
            {QStringLiteral("seconds"), f.seconds}};
}

std::optional<ApiFaults::Fault> ApiFaults::take(const QString &endpoint)
{
    for (int i = 0; i < m_faults.size(); ++i) {
        Fault &f = m_faults[i];
        // "*" is every action's call; whoami, which each console makes once
        // at start, only when named, so a console starting while a test's
        // faults are armed does not use them up.
        if (f.endpoint != endpoint && (f.endpoint != QLatin1String("*") || endpoint == QLatin1String("whoami")))
            continue;
        const Fault hit = f;
        if (f.remaining > 0 && --f.remaining == 0)
            m_faults.removeAt(i);
        return hit;
    }
    return std::nullopt;
}

QJsonArray ApiFaults::toJson() const
{
    QJsonArray a;
    for (const auto &f : m_faults)
        a.append(toJson(f));
    return a;
}

} // namespace oc::sim

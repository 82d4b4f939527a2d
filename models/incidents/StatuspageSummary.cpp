#include "StatuspageSummary.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace oc {

int StatuspageSummary::levelOf(const QString &s)
{
    if (s == QLatin1String("operational"))
        return 0;
    if (s == QLatin1String("degraded_performance") || s == QLatin1String("under_maintenance"))
        return 1;
    if (s == QLatin1String("partial_outage"))
        return 2;
    if (s == QLatin1String("major_outage"))
        return 3;
    return 1;
}

int StatuspageSummary::indicatorLevel(const QString &indicator)
{
    if (indicator == QLatin1String("none"))
        return 0;
    if (indicator == QLatin1String("minor") || indicator == QLatin1String("maintenance"))
        return 1;
    if (indicator == QLatin1String("major"))
        return 2;
    if (indicator == QLatin1String("critical"))
        return 3;
    return 1;
}

QString StatuspageSummary::words(const QString &s)
{
    QString w = s;
    w.replace(QLatin1Char('_'), QLatin1Char(' '));
    return w;
}

int StatuspageSummary::worstLevel() const
{
    if (components.isEmpty())
        return indicatorLevel(indicator);
    int worst = 0;
    for (const Component &c : components)
        worst = std::max(worst, c.level);
    return worst;
}

QStringList StatuspageSummary::degradedComponents() const
{
    QList<Component> bad;
    for (const Component &c : components)
        if (c.status != QLatin1String("operational"))
            bad << c;
    std::stable_sort(bad.begin(), bad.end(), [](const Component &a, const Component &b) { return a.level > b.level; });
    QStringList out;
    for (const Component &c : bad)
        out << QStringLiteral("%1: %2").arg(c.name, words(c.status));
    return out;
}

QString StatuspageSummary::degradedSummary() const
{
    QStringList parts = degradedComponents();
    if (parts.isEmpty() && components.isEmpty() && indicatorLevel(indicator) > 0)
        parts << description;
    return parts.join(QStringLiteral(", "));
}

std::optional<StatuspageSummary> StatuspageSummary::parse(const QByteArray &json, QString *why)
{
    auto fail = [why](const QString &m) {
        if (why)
            *why = m;
        return std::nullopt;
    };
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return fail(QStringLiteral("not JSON (%1 at byte %2)").arg(pe.errorString()).arg(pe.offset));
    if (!doc.isObject())
        return fail(QStringLiteral("not a Statuspage summary (the JSON is not an object)"));
    const QJsonObject o = doc.object();
    const QJsonValue comps = o.value(QLatin1String("components"));
    const QJsonObject status = o.value(QLatin1String("status")).toObject();
    if (!comps.isArray() && status.isEmpty())
        return fail(QStringLiteral("not a Statuspage summary (neither components nor status)"));
    StatuspageSummary s;
    s.pageName = o.value(QLatin1String("page")).toObject().value(QLatin1String("name")).toString();
    s.indicator = status.value(QLatin1String("indicator")).toString();
    s.description = status.value(QLatin1String("description")).toString();
    for (const QJsonValue &v : comps.toArray()) {
        const QJsonObject c = v.toObject();
        if (c.value(QLatin1String("group")).toBool())
            continue;
        const QString st = c.value(QLatin1String("status")).toString();
        if (st.isEmpty())
            return fail(QStringLiteral("not a Statuspage summary (a component without a status)"));
        s.components << Component {c.value(QLatin1String("id")).toString(), c.value(QLatin1String("name")).toString(),
                                   st, levelOf(st)};
    }
    return s;
}

} // namespace oc

#include "UsTimeZones.h"

#include <QHash>

namespace oc::sim {

std::optional<QString> UsTimeZones::find(const QString &state)
{
    static const QHash<QString, QString> zones = [] {
        QHash<QString, QString> z;
        const char *eastern[] = {"CT", "DE", "DC", "FL", "GA", "IN", "ME", "MD", "MA", "MI", "NH",
                                 "NJ", "NY", "NC", "OH", "PA", "RI", "SC", "VT", "VA", "WV", "KY"};
        const char *central[] = {"AL", "AR", "IL", "IA", "KS", "LA", "MN", "MS",
                                 "MO", "NE", "ND", "OK", "SD", "TN", "TX", "WI"};
        const char *mountain[] = {"CO", "ID", "MT", "NM", "UT", "WY"};
        const char *pacific[] = {"CA", "NV", "OR", "WA"};
        for (const char *s : eastern)
            z.insert(QString::fromLatin1(s), QStringLiteral("America/New_York"));
        for (const char *s : central)
            z.insert(QString::fromLatin1(s), QStringLiteral("America/Chicago"));
        for (const char *s : mountain)
            z.insert(QString::fromLatin1(s), QStringLiteral("America/Denver"));
        for (const char *s : pacific)
            z.insert(QString::fromLatin1(s), QStringLiteral("America/Los_Angeles"));
        z.insert(QStringLiteral("AZ"), QStringLiteral("America/Phoenix"));
        z.insert(QStringLiteral("AK"), QStringLiteral("America/Anchorage"));
        z.insert(QStringLiteral("HI"), QStringLiteral("Pacific/Honolulu"));
        z.insert(QStringLiteral("PR"), QStringLiteral("America/Puerto_Rico"));
        return z;
    }();
    const auto it = zones.constFind(state.trimmed().toUpper());
    if (it == zones.constEnd())
        return std::nullopt;
    return *it;
}

QString UsTimeZones::forState(const QString &state)
{
    return find(state).value_or(QStringLiteral("America/New_York"));
}

} // namespace oc::sim

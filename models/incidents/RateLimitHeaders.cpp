#include "RateLimitHeaders.h"

#include <QHash>
#include <QList>

#include <algorithm>

namespace oc {

namespace {

// The leading number of a field value ("100", "100, 100;w=60", "100;w=60").
std::optional<double> leadingNumber(QByteArrayView v)
{
    v = v.trimmed();
    qsizetype end = 0;
    while (end < v.size() && ((v[end] >= '0' && v[end] <= '9') || v[end] == '.'))
        ++end;
    if (end == 0)
        return std::nullopt;
    bool ok = false;
    const double d = v.first(end).toDouble(&ok);
    return ok ? std::optional(d) : std::nullopt;
}

// Splits at `sep` outside double quotes (RFC 9651 strings may hold either).
QList<QByteArray> splitOutsideQuotes(const QByteArray &v, char sep)
{
    QList<QByteArray> out;
    QByteArray cur;
    bool quoted = false;
    for (qsizetype i = 0; i < v.size(); ++i) {
        const char c = v[i];
        if (c == '\\' && quoted && i + 1 < v.size()) {
            cur += c;
            cur += v[++i];
            continue;
        }
        if (c == '"')
            quoted = !quoted;
        if (c == sep && !quoted) {
            out << cur.trimmed();
            cur.clear();
            continue;
        }
        cur += c;
    }
    out << cur.trimmed();
    return out;
}

QByteArray unquote(QByteArray s)
{
    s = s.trimmed();
    if (s.size() >= 2 && s.startsWith('"') && s.endsWith('"'))
        s = s.mid(1, s.size() - 2).replace("\\\"", "\"").replace("\\\\", "\\");
    return s;
}

// An RFC 9651 list member: its (unquoted) item and its parameters.
struct Member
{
    QByteArray item;
    QHash<QByteArray, QByteArray> params;
};

QList<Member> members(const QByteArray &field)
{
    QList<Member> out;
    for (const QByteArray &m : splitOutsideQuotes(field, ',')) {
        if (m.isEmpty())
            continue;
        const QList<QByteArray> parts = splitOutsideQuotes(m, ';');
        Member member;
        member.item = unquote(parts.first());
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const qsizetype eq = parts[i].indexOf('=');
            if (eq > 0)
                member.params.insert(parts[i].first(eq).trimmed().toLower(), unquote(parts[i].mid(eq + 1)));
            else
                member.params.insert(parts[i].trimmed().toLower(), QByteArrayLiteral("?1"));
        }
        out << member;
    }
    return out;
}

std::optional<RateLimitHeaders> pair(std::optional<double> limit, std::optional<double> remaining, QString *why,
                                     const char *names)
{
    if (!limit || !remaining) {
        if (why)
            *why = QStringLiteral("%1: not numbers").arg(QLatin1String(names));
        return std::nullopt;
    }
    if (*limit <= 0) {
        if (why)
            *why = QStringLiteral("%1: a limit of %2").arg(QLatin1String(names)).arg(*limit);
        return std::nullopt;
    }
    return RateLimitHeaders {*limit, *remaining};
}

} // namespace

double RateLimitHeaders::usedFraction() const
{
    if (limit <= 0)
        return 1.0;
    return std::clamp(1.0 - remaining / limit, 0.0, 1.0);
}

std::optional<RateLimitHeaders> RateLimitHeaders::parse(const QHttpHeaders &h, QString *why)
{
    // Headers are case-insensitive; QHttpHeaders compares them so.
    if (h.contains("X-RateLimit-Limit") && h.contains("X-RateLimit-Remaining"))
        return pair(leadingNumber(h.combinedValue("X-RateLimit-Limit")),
                    leadingNumber(h.combinedValue("X-RateLimit-Remaining")), why,
                    "X-RateLimit-Limit/X-RateLimit-Remaining");
    if (h.contains("RateLimit-Limit") && h.contains("RateLimit-Remaining"))
        return pair(leadingNumber(h.combinedValue("RateLimit-Limit")),
                    leadingNumber(h.combinedValue("RateLimit-Remaining")), why, "RateLimit-Limit/RateLimit-Remaining");
    if (!h.contains("RateLimit")) {
        if (why)
            *why = QStringLiteral("no rate-limit headers (X-RateLimit-*, RateLimit-*, RateLimit)");
        return std::nullopt;
    }
    const QByteArray field = h.combinedValue("RateLimit");
    const QList<Member> items = members(field);
    // Draft -07: one dictionary, "limit=100, remaining=50, reset=30".
    std::optional<double> limit, remaining;
    for (const Member &m : items) {
        const qsizetype eq = m.item.indexOf('=');
        if (eq <= 0)
            continue;
        const QByteArray key = m.item.first(eq).trimmed().toLower();
        if (key == "limit")
            limit = leadingNumber(m.item.mid(eq + 1));
        else if (key == "remaining")
            remaining = leadingNumber(m.item.mid(eq + 1));
    }
    if (limit || remaining)
        return pair(limit, remaining, why, "RateLimit (limit=, remaining=)");
    // Drafts -08 to -11: "name";r=… per policy, the quota in RateLimit-Policy.
    QHash<QByteArray, double> quotas;
    for (const Member &p : members(h.combinedValue("RateLimit-Policy")))
        if (const auto q = leadingNumber(p.params.value("q")); q && *q > 0)
            quotas.insert(p.item, *q);
    std::optional<RateLimitHeaders> worst;
    for (const Member &m : items) {
        const auto r = leadingNumber(m.params.value("r"));
        if (!r || !quotas.contains(m.item))
            continue;
        const RateLimitHeaders candidate {quotas.value(m.item), *r};
        if (!worst || candidate.usedFraction() > worst->usedFraction())
            worst = candidate;
    }
    if (!worst && why)
        *why = QStringLiteral("RateLimit \"%1\" has no remaining (r) with a quota (q) in RateLimit-Policy")
                   .arg(QString::fromLatin1(field.left(120)));
    return worst;
}

} // namespace oc

#include "PlanRule.h"

#include "BurnRateRule.h"
#include "RateOfChangeRule.h"
#include "ThresholdRule.h"

#include <QJsonValue>
#include <QRegularExpression>
#include <QSet>

#include <cmath>
#include <limits>

namespace oc {

using namespace Qt::Literals::StringLiterals;

namespace {

// Remedies the actions layer knows how to offer on a card. A typo here would
// otherwise show a card with no button and nobody noticing until the surge.
const QStringList knownRemedies {u"flip-to-static"_s, u"flip-to-live"_s, u"cancel-blast"_s, u"launch"_s};

QString severityToName(Alert::Severity s)
{
    switch (s) {
    case Alert::Severity::Page: return u"page"_s;
    case Alert::Severity::Ticket: return u"ticket"_s;
    case Alert::Severity::Info: return u"info"_s;
    }
    return u"info"_s;
}

std::optional<Alert::Severity> severityFromName(const QString &n)
{
    if (n == "page"_L1)
        return Alert::Severity::Page;
    if (n == "ticket"_L1)
        return Alert::Severity::Ticket;
    if (n == "info"_L1)
        return Alert::Severity::Info;
    return std::nullopt;
}

// Reads one JSON object strictly: every failure names the rule and the field
// ("rule 'site-5xx-high': params.fire_at must be a number"), the first one wins.
class Reader
{
public:
    Reader(QString ruleId, QString *error)
        : m_rule(std::move(ruleId))
        , m_error(error)
    {
    }

    bool ok() const { return m_ok; }
    void fail(const QString &field, const QString &what)
    {
        if (!m_ok)
            return;
        m_ok = false;
        if (m_error) {
            const QString who = m_rule.isEmpty() ? u"rule (no id)"_s : u"rule '%1'"_s.arg(m_rule);
            *m_error = u"%1: %2 %3"_s.arg(who, field, what);
        }
    }

    // Fields not in `known` are refused: a misspelt "recover_ta" must not
    // silently leave the default in place.
    void onlyKnown(const QJsonObject &o, const QString &prefix, const QStringList &known)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!known.contains(it.key()))
                fail(prefix + it.key(), u"is not a known field (known: %1)"_s.arg(known.join(u", "_s)));
        }
    }

    QString string(const QJsonObject &o, const QString &prefix, const QString &key, bool required,
                   const QString &fallback = {})
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            if (required)
                fail(prefix + key, u"is missing"_s);
            return fallback;
        }
        if (!v.isString()) {
            fail(prefix + key, u"must be a string"_s);
            return fallback;
        }
        if (required && v.toString().trimmed().isEmpty())
            fail(prefix + key, u"must not be empty"_s);
        return v.toString();
    }

    double number(const QJsonObject &o, const QString &prefix, const QString &key, bool required = true,
                  double fallback = 0.0)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            if (required)
                fail(prefix + key, u"is missing"_s);
            return fallback;
        }
        if (!v.isDouble() || !std::isfinite(v.toDouble())) {
            fail(prefix + key, u"must be a number"_s);
            return fallback;
        }
        return v.toDouble();
    }

    qint64 milliseconds(const QJsonObject &o, const QString &key, bool required, qint64 fallback)
    {
        const double d = number(o, {}, key, required, double(fallback));
        if (!m_ok)
            return fallback;
        if (d < 0 || d != std::floor(d) || d > double(std::numeric_limits<int>::max()) * 1000.0) {
            fail(key, u"must be a whole number of milliseconds ≥ 0 (got %1)"_s.arg(d));
            return fallback;
        }
        return qint64(d);
    }

    bool boolean(const QJsonObject &o, const QString &key, bool fallback)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return fallback;
        if (!v.isBool()) {
            fail(key, u"must be true or false"_s);
            return fallback;
        }
        return v.toBool();
    }

private:
    QString m_rule;
    QString *m_error;
    bool m_ok = true;
};

// The kind-specific numbers, checked the same way whether they come from the
// database (fromJson) or from code (build()).
bool checkParams(const PlanRule &r, QString *error)
{
    Reader in(r.id, error);
    const QJsonObject &p = r.params;
    const QString pre = u"params."_s;
    switch (r.kind) {
    case PlanRule::Kind::Threshold: {
        in.onlyKnown(p, pre, {u"direction"_s, u"fire_at"_s, u"recover_at"_s});
        const QString dir = in.string(p, pre, u"direction"_s, true);
        const double fire = in.number(p, pre, u"fire_at"_s);
        const double recover = in.number(p, pre, u"recover_at"_s);
        if (!in.ok())
            return false;
        if (dir != "above"_L1 && dir != "below"_L1)
            in.fail(pre + u"direction"_s, u"must be \"above\" or \"below\" (got \"%1\")"_s.arg(dir));
        else if (dir == "above"_L1 ? recover > fire : recover < fire)
            // Past the firing threshold the rule would resolve and fire on the
            // same value: the flapping the recovery threshold exists to stop.
            in.fail(pre + u"recover_at"_s,
                    u"must be %1 fire_at (%2) for direction %3 (got %4)"_s.arg(dir == "above"_L1 ? u"≤"_s : u"≥"_s)
                        .arg(fire)
                        .arg(dir)
                        .arg(recover));
        break;
    }
    case PlanRule::Kind::RateOfChange: {
        in.onlyKnown(p, pre,
                     {u"direction"_s, u"recent_s"_s, u"baseline_s"_s, u"fire_pct"_s, u"recover_pct"_s, u"guard"_s});
        const QString dir = in.string(p, pre, u"direction"_s, true);
        const double recent = in.number(p, pre, u"recent_s"_s);
        const double baseline = in.number(p, pre, u"baseline_s"_s);
        const double fire = in.number(p, pre, u"fire_pct"_s);
        const double recover = in.number(p, pre, u"recover_pct"_s);
        if (!in.ok())
            return false;
        if (dir != "drop"_L1 && dir != "rise"_L1)
            in.fail(pre + u"direction"_s, u"must be \"drop\" or \"rise\" (got \"%1\")"_s.arg(dir));
        else if (recent <= 0)
            in.fail(pre + u"recent_s"_s, u"must be > 0 (got %1)"_s.arg(recent));
        else if (baseline <= 0)
            in.fail(pre + u"baseline_s"_s, u"must be > 0 (got %1)"_s.arg(baseline));
        else if (fire <= 0)
            in.fail(pre + u"fire_pct"_s, u"must be > 0 (got %1)"_s.arg(fire));
        else if (recover > fire)
            in.fail(pre + u"recover_pct"_s, u"must be ≤ fire_pct (%1) (got %2)"_s.arg(fire).arg(recover));
        if (!in.ok() || !p.contains(u"guard"_s))
            break;
        const QString gpre = pre + u"guard."_s;
        if (!p.value(u"guard"_s).isObject()) {
            in.fail(pre + u"guard"_s, u"must be an object {metric, direction, min_change_pct}"_s);
            break;
        }
        const QJsonObject g = p.value(u"guard"_s).toObject();
        in.onlyKnown(g, gpre, {u"metric"_s, u"direction"_s, u"min_change_pct"_s});
        in.string(g, gpre, u"metric"_s, true);
        const QString gdir = in.string(g, gpre, u"direction"_s, true);
        in.number(g, gpre, u"min_change_pct"_s);
        if (in.ok() && gdir != "drop"_L1 && gdir != "rise"_L1)
            in.fail(gpre + u"direction"_s, u"must be \"drop\" or \"rise\" (got \"%1\")"_s.arg(gdir));
        break;
    }
    case PlanRule::Kind::BurnRate: {
        in.onlyKnown(p, pre, {u"slo"_s, u"long_s"_s, u"short_s"_s, u"factor"_s});
        const double slo = in.number(p, pre, u"slo"_s);
        const double longS = in.number(p, pre, u"long_s"_s);
        const double shortS = in.number(p, pre, u"short_s"_s);
        const double factor = in.number(p, pre, u"factor"_s);
        if (!in.ok())
            return false;
        if (slo <= 0 || slo >= 1)
            in.fail(pre + u"slo"_s, u"must be between 0 and 1, exclusive (got %1; 99.9 % is 0.999)"_s.arg(slo));
        else if (shortS <= 0)
            in.fail(pre + u"short_s"_s, u"must be > 0 (got %1)"_s.arg(shortS));
        else if (longS <= shortS)
            in.fail(pre + u"long_s"_s, u"must be longer than short_s (%1) (got %2)"_s.arg(shortS).arg(longS));
        else if (factor <= 0)
            in.fail(pre + u"factor"_s, u"must be > 0 (got %1)"_s.arg(factor));
        break;
    }
    }
    return in.ok();
}

// The fields every kind shares, for rules made in code.
bool checkCommon(const PlanRule &r, QString *error)
{
    Reader in(r.id, error);
    static const QRegularExpression idPattern(u"^[a-z0-9][a-z0-9._-]{0,79}$"_s);
    if (!idPattern.match(r.id).hasMatch())
        in.fail(u"id"_s, u"must be 1–80 characters of a–z, 0–9, '.', '_' or '-' (got \"%1\")"_s.arg(r.id));
    else if (r.version < 1)
        in.fail(u"version"_s, u"must be ≥ 1 (got %1)"_s.arg(r.version));
    else if (r.title.trimmed().isEmpty())
        in.fail(u"title"_s, u"must not be empty"_s);
    else if (r.metric.trimmed().isEmpty())
        in.fail(u"metric"_s, u"must not be empty"_s);
    else if (r.pendingMs < 0)
        in.fail(u"pending_ms"_s, u"must be ≥ 0"_s);
    else if (r.holdMs < 0)
        in.fail(u"hold_ms"_s, u"must be ≥ 0"_s);
    else if (r.staleAfterMs <= 0)
        // Zero would make every rule No data between two samples.
        in.fail(u"stale_after_ms"_s, u"must be > 0 (got %1)"_s.arg(r.staleAfterMs));
    else if (!r.remedyId.isEmpty() && !knownRemedies.contains(r.remedyId))
        in.fail(u"remedy"_s, u"must be empty or one of %1 (got \"%2\")"_s.arg(knownRemedies.join(u", "_s), r.remedyId));
    return in.ok();
}

} // namespace

QString PlanRule::kindName(Kind k)
{
    switch (k) {
    case Kind::Threshold: return u"threshold"_s;
    case Kind::RateOfChange: return u"rate_of_change"_s;
    case Kind::BurnRate: return u"burn_rate"_s;
    }
    return {};
}

std::optional<PlanRule::Kind> PlanRule::kindFromName(const QString &name)
{
    for (Kind k : {Kind::Threshold, Kind::RateOfChange, Kind::BurnRate}) {
        if (kindName(k) == name)
            return k;
    }
    return std::nullopt;
}

QJsonObject PlanRule::toJson() const
{
    QJsonObject o;
    o.insert(u"id"_s, id);
    o.insert(u"version"_s, version);
    o.insert(u"kind"_s, kindName(kind));
    o.insert(u"title"_s, title);
    o.insert(u"severity"_s, severityToName(severity));
    o.insert(u"metric"_s, metric);
    o.insert(u"params"_s, params);
    o.insert(u"pending_ms"_s, double(pendingMs));
    o.insert(u"hold_ms"_s, double(holdMs));
    o.insert(u"stale_after_ms"_s, double(staleAfterMs));
    o.insert(u"check"_s, check);
    o.insert(u"decider"_s, decider);
    o.insert(u"remedy"_s, remedyId);
    o.insert(u"group"_s, group);
    o.insert(u"root_cause"_s, rootCause);
    o.insert(u"enabled"_s, enabled);
    return o;
}

std::optional<PlanRule> PlanRule::fromJson(const QJsonObject &o, QString *error)
{
    const QJsonValue idValue = o.value(u"id"_s);
    Reader in(idValue.isString() ? idValue.toString() : QString(), error);
    in.onlyKnown(o, {},
                 {u"id"_s, u"version"_s, u"kind"_s, u"title"_s, u"severity"_s, u"metric"_s, u"params"_s,
                  u"pending_ms"_s, u"hold_ms"_s, u"stale_after_ms"_s, u"check"_s, u"decider"_s, u"remedy"_s, u"group"_s,
                  u"root_cause"_s, u"enabled"_s});
    PlanRule r;
    r.id = in.string(o, {}, u"id"_s, true);
    const double version = in.number(o, {}, u"version"_s, false, 1.0);
    if (in.ok() && (version < 1 || version != std::floor(version) || version > std::numeric_limits<int>::max()))
        in.fail(u"version"_s, u"must be a whole number ≥ 1 (got %1)"_s.arg(version));
    r.version = int(version);
    const QString kind = in.string(o, {}, u"kind"_s, true);
    if (in.ok()) {
        if (auto k = kindFromName(kind))
            r.kind = *k;
        else
            in.fail(u"kind"_s, u"must be threshold, rate_of_change or burn_rate (got \"%1\")"_s.arg(kind));
    }
    r.title = in.string(o, {}, u"title"_s, true);
    const QString severity = in.string(o, {}, u"severity"_s, true);
    if (in.ok()) {
        if (auto s = severityFromName(severity))
            r.severity = *s;
        else
            in.fail(u"severity"_s, u"must be page, ticket or info (got \"%1\")"_s.arg(severity));
    }
    r.metric = in.string(o, {}, u"metric"_s, true);
    if (in.ok()) {
        const QJsonValue params = o.value(u"params"_s);
        if (!params.isObject())
            in.fail(u"params"_s, params.isUndefined() ? u"is missing"_s : u"must be an object"_s);
        r.params = params.toObject();
    }
    r.pendingMs = in.milliseconds(o, u"pending_ms"_s, true, 0);
    r.holdMs = in.milliseconds(o, u"hold_ms"_s, true, 0);
    r.staleAfterMs = in.milliseconds(o, u"stale_after_ms"_s, true, 3000);
    r.check = in.string(o, {}, u"check"_s, false);
    r.decider = in.string(o, {}, u"decider"_s, false);
    r.remedyId = in.string(o, {}, u"remedy"_s, false);
    r.group = in.string(o, {}, u"group"_s, false);
    r.rootCause = in.boolean(o, u"root_cause"_s, false);
    r.enabled = in.boolean(o, u"enabled"_s, true);
    if (!in.ok())
        return std::nullopt;
    if (!checkCommon(r, error) || !checkParams(r, error))
        return std::nullopt;
    return r;
}

QString PlanRule::runbookStep() const
{
    QStringList parts;
    if (!check.trimmed().isEmpty())
        parts << u"Check: "_s + check.trimmed();
    if (!decider.trimmed().isEmpty())
        parts << u"Decides: "_s + decider.trimmed();
    return parts.join(u" · "_s);
}

std::unique_ptr<AlertRule> PlanRule::build(QString *error) const
{
    if (!checkCommon(*this, error) || !checkParams(*this, error))
        return nullptr;
    AlertRule::Spec spec;
    spec.id = id;
    spec.title = title;
    spec.severity = severity;
    spec.runbookStep = runbookStep();
    spec.remedyId = remedyId;
    spec.pendingMs = pendingMs;
    spec.holdMs = holdMs;
    spec.staleAfterMs = staleAfterMs;
    const QJsonObject &p = params;
    auto seconds = [&](const QString &key) { return qint64(std::llround(p.value(key).toDouble() * 1000.0)); };
    switch (kind) {
    case Kind::Threshold:
        return std::make_unique<ThresholdRule>(std::move(spec), metric,
                                               p.value(u"direction"_s).toString() == "below"_L1
                                                   ? ThresholdRule::Direction::Below
                                                   : ThresholdRule::Direction::Above,
                                               p.value(u"fire_at"_s).toDouble(), p.value(u"recover_at"_s).toDouble());
    case Kind::RateOfChange: {
        auto direction = [](const QJsonValue &v) {
            return v.toString() == "rise"_L1 ? RateOfChangeRule::Direction::Rise : RateOfChangeRule::Direction::Drop;
        };
        RateOfChangeRule::Window w {metric, direction(p.value(u"direction"_s)), seconds(u"recent_s"_s),
                                    seconds(u"baseline_s"_s)};
        std::optional<RateOfChangeRule::Guard> guard;
        if (p.contains(u"guard"_s)) {
            const QJsonObject g = p.value(u"guard"_s).toObject();
            guard = RateOfChangeRule::Guard {
                {g.value(u"metric"_s).toString(), direction(g.value(u"direction"_s)), w.recentMs, w.baselineMs},
                g.value(u"min_change_pct"_s).toDouble()};
        }
        return std::make_unique<RateOfChangeRule>(std::move(spec), w, p.value(u"fire_pct"_s).toDouble(),
                                                  p.value(u"recover_pct"_s).toDouble(), guard);
    }
    case Kind::BurnRate:
        return std::make_unique<BurnRateRule>(
            std::move(spec), metric, p.value(u"slo"_s).toDouble(),
            BurnRateRule::Windows {seconds(u"long_s"_s), seconds(u"short_s"_s), p.value(u"factor"_s).toDouble()});
    }
    if (error)
        *error = u"rule '%1': kind is not buildable"_s.arg(id);
    return nullptr;
}

} // namespace oc

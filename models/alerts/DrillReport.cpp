#include "DrillReport.h"

#include "TimelineExport.h"

#include <algorithm>
#include <utility>

namespace oc {

using namespace Qt::Literals::StringLiterals;

namespace {

bool isFiring(TimelineEntry::Kind k)
{
    using K = TimelineEntry::Kind;
    return k == K::Opened || k == K::RuleFiring || k == K::Reopened;
}

// "ok", "dry run" and "dry run: …" count; "refused: …", "failed", "" do not.
bool wentThrough(const QString &outcome)
{
    const QString o = outcome.trimmed().toLower();
    return o == "ok"_L1 || o.startsWith("ok:"_L1) || o.startsWith("dry run"_L1);
}

std::optional<qint64> between(qint64 from, qint64 to)
{
    if (from < 0 || to < 0)
        return std::nullopt;
    return to - from;
}

} // namespace

std::optional<qint64> DrillReport::Row::detectMs() const
{
    return between(firstBreachMs, firingMs);
}

std::optional<qint64> DrillReport::Row::acknowledgeMs() const
{
    return between(firingMs, acknowledgedMs);
}

std::optional<qint64> DrillReport::Row::actMs() const
{
    return between(firingMs, actedMs);
}

DrillReport::DrillReport(qint64 drillStartMs, QHash<QString, qint64> firstBreachMs, QList<TimelineEntry> timeline)
    : m_startMs(drillStartMs)
{
    std::stable_sort(timeline.begin(), timeline.end(),
                     [](const TimelineEntry &a, const TimelineEntry &b) { return a.atMs < b.atMs; });
    QHash<QString, Row> rows;
    using K = TimelineEntry::Kind;
    for (qsizetype i = 0; i < timeline.size(); ++i) {
        const TimelineEntry &e = timeline[i];
        if (e.atMs < drillStartMs || e.ruleId.isEmpty() || !isFiring(e.kind) || rows.contains(e.ruleId))
            continue;
        Row r;
        r.ruleId = e.ruleId;
        r.firingMs = e.atMs;
        r.incidentId = e.incidentId;
        r.firstBreachMs = firstBreachMs.value(e.ruleId, -1);
        // The card's lines before the firing one: did someone own it then?
        bool owned = false;
        for (qsizetype j = 0; j < i; ++j) {
            const TimelineEntry &c = timeline[j];
            if (c.incidentId != e.incidentId || c.atMs < drillStartMs)
                continue;
            if (c.kind == K::Acknowledged || c.kind == K::HandedOver)
                owned = true;
            else if (c.kind == K::Opened || c.kind == K::Reopened || c.kind == K::Resolved)
                owned = false; // a new episode must be taken again
        }
        r.alreadyOwned = owned;
        // And after it: the first acknowledgement and the first action that
        // went through.
        for (qsizetype j = i + 1; j < timeline.size(); ++j) {
            const TimelineEntry &c = timeline[j];
            if (c.incidentId != e.incidentId)
                continue;
            if (!owned && r.acknowledgedMs < 0 && (c.kind == K::Acknowledged || c.kind == K::HandedOver))
                r.acknowledgedMs = c.atMs;
            if (r.actedMs < 0 && c.kind == K::Action && wentThrough(c.outcome)) {
                r.actedMs = c.atMs;
                r.action = c.detail;
            }
        }
        rows.insert(e.ruleId, r);
    }
    QList<Row> fired = rows.values();
    std::sort(fired.begin(), fired.end(), [](const Row &a, const Row &b) {
        return a.firingMs != b.firingMs ? a.firingMs < b.firingMs : a.ruleId < b.ruleId;
    });
    QList<Row> silent;
    for (auto it = firstBreachMs.cbegin(); it != firstBreachMs.cend(); ++it) {
        if (rows.contains(it.key()))
            continue;
        Row r;
        r.ruleId = it.key();
        r.firstBreachMs = it.value();
        silent << r;
    }
    std::sort(silent.begin(), silent.end(), [](const Row &a, const Row &b) {
        return a.firstBreachMs != b.firstBreachMs ? a.firstBreachMs < b.firstBreachMs : a.ruleId < b.ruleId;
    });
    m_rows = fired + silent;
}

std::optional<DrillReport::Row> DrillReport::row(const QString &ruleId) const
{
    for (const Row &r : m_rows) {
        if (r.ruleId == ruleId)
            return r;
    }
    return std::nullopt;
}

QString DrillReport::formatDuration(std::optional<qint64> ms)
{
    if (!ms)
        return u"—"_s;
    const qint64 v = *ms;
    if (v < 0)
        return u"−"_s + formatDuration(-v);
    if (v < 1000)
        return u"%1 ms"_s.arg(v);
    if (v < 60 * 1000)
        return u"%1 s"_s.arg(double(v) / 1000.0, 0, 'f', 1);
    return u"%1 min %2 s"_s.arg(v / 60000).arg((v % 60000) / 1000);
}

QString DrillReport::markdown() const
{
    auto offset = [&](qint64 ms) { return ms < 0 ? u"—"_s : u"+"_s + formatDuration(ms - m_startMs); };
    QString md = u"## Drill report\n\nDrill started "_s + TimelineExport::isoUtc(m_startMs) +
        u" (UTC). Times after the start; detect: first breaching sample → alert; acknowledge and act: "
        u"alert → first acknowledgement / first action that went through on its card.\n\n"_s;
    md += u"| Rule | First breach | Alert | Detect | Acknowledge | Act | Action |\n"
          u"|---|---|---|---|---|---|---|\n"_s;
    for (const Row &r : m_rows) {
        const QString ack =
            r.alreadyOwned ? u"already owned"_s : formatDuration(r.firingMs < 0 ? std::nullopt : r.acknowledgeMs());
        md += u"| "_s + TimelineExport::escapeMarkdown(r.ruleId) + u" | "_s + offset(r.firstBreachMs) + u" | "_s +
            (r.firingMs < 0 ? u"did not fire"_s : offset(r.firingMs)) + u" | "_s + formatDuration(r.detectMs()) +
            u" | "_s + ack + u" | "_s + formatDuration(r.actMs()) + u" | "_s +
            (r.action.isEmpty() ? u"—"_s : TimelineExport::escapeMarkdown(r.action)) + u" |\n"_s;
    }
    return md;
}

} // namespace oc

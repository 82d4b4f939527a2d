#include "TimelineExport.h"

#include "Alert.h"
#include "CsvWriter.h"

#include <QBuffer>
#include <QDateTime>
#include <QTimeZone>

namespace oc {

using namespace Qt::Literals::StringLiterals;

namespace {

bool isBidiControl(char32_t c)
{
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

QString dash()
{
    return u"—"_s;
}

QString orDash(const QString &s)
{
    return s.isEmpty() ? dash() : s;
}

} // namespace

QString TimelineExport::isoUtc(qint64 ms)
{
    if (ms <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC).toString(Qt::ISODateWithMs);
}

QString TimelineExport::neutralise(const QString &text)
{
    QString out;
    out.reserve(text.size());
    QString normalised = text;
    normalised.replace(u"\r\n"_s, u"\n"_s);
    for (const char32_t c : normalised.toUcs4()) {
        const bool control = (c < 0x20 && c != u'\n' && c != u'\t') || (c >= 0x7F && c <= 0x9F);
        if (control || isBidiControl(c))
            out += u"<U+%1>"_s.arg(QString::number(uint(c), 16).toUpper().rightJustified(4, u'0'));
        else
            out += QString::fromUcs4(&c, 1);
    }
    return out;
}

QString TimelineExport::escapeMarkdown(const QString &text)
{
    const QString plain = neutralise(text);
    QString out;
    out.reserve(plain.size() + 16);
    for (const QChar c : plain) {
        switch (c.unicode()) {
        // Entities rather than backslashes for what the table and HTML see:
        // GFM splits cells on | before it reads backslash escapes, and an
        // entity cannot open a code span or a tag.
        case u'&': out += u"&amp;"_s; break;
        case u'<': out += u"&lt;"_s; break;
        case u'>': out += u"&gt;"_s; break;
        case u'|': out += u"&#124;"_s; break;
        case u'`': out += u"&#96;"_s; break;
        case u'\n':
            out += u"<br>"_s; // a line break that stays inside the cell
            break;
        case u'\t': out += u' '; break;
        case u'\\':
        case u'*':
        case u'_':
        case u'[':
        case u']':
        case u'~':
        case u'#':
            out += u'\\';
            out += c;
            break;
        default: out += c;
        }
    }
    return out;
}

QString TimelineExport::markdown(const Incident &incident, const QList<TimelineEntry> &timeline)
{
    QString md;
    md += u"# "_s + (incident.drill ? u"DRILL: "_s : QString()) + u"Incident: "_s + escapeMarkdown(incident.title) +
        u"\n\n"_s;
    md += u"| | |\n|---|---|\n"_s;
    auto row = [&](const QString &k, const QString &v) { md += u"| "_s + k + u" | "_s + v + u" |\n"_s; };
    if (incident.id > 0)
        row(u"Incident"_s, QString::number(incident.id));
    row(u"State"_s, Incident::stateName(incident.state));
    row(u"Severity"_s, Alert::severityName(incident.severity).toLower());
    row(u"Group"_s, orDash(escapeMarkdown(incident.group)));
    row(u"Opened (UTC)"_s, orDash(isoUtc(incident.openedMs)));
    row(u"Acknowledged (UTC)"_s,
        incident.acknowledgedMs > 0 ? isoUtc(incident.acknowledgedMs) + u" by "_s + escapeMarkdown(incident.owner)
                                    : dash());
    row(u"Resolved (UTC)"_s, orDash(isoUtc(incident.resolvedMs)));
    row(u"Owner"_s, orDash(escapeMarkdown(incident.owner)));
    QStringList rules;
    for (const QString &r : incident.rules)
        rules << escapeMarkdown(r);
    row(u"Rules"_s, orDash(rules.join(u", "_s)));
    row(u"Raw breaches"_s, QString::number(incident.breaches));
    row(u"Runbook"_s, orDash(escapeMarkdown(incident.runbookStep)));
    row(u"Remedy"_s, orDash(escapeMarkdown(incident.remedyId)));
    md += u"\n## Timeline\n\n"_s;
    md += u"| Time (UTC) | Event | Actor | Rule | Detail | Outcome |\n|---|---|---|---|---|---|\n"_s;
    for (const TimelineEntry &e : timeline) {
        md += u"| "_s + isoUtc(e.atMs) + u" | "_s + TimelineEntry::kindName(e.kind) + u" | "_s +
            orDash(escapeMarkdown(e.actor)) + u" | "_s + orDash(escapeMarkdown(e.ruleId)) + u" | "_s +
            orDash(escapeMarkdown(e.detail)) + u" | "_s + orDash(escapeMarkdown(e.outcome)) + u" |\n"_s;
    }
    return md;
}

QStringList TimelineExport::csvHeader()
{
    return {u"incident_id"_s, u"incident_title"_s, u"drill"_s,  u"at_utc"_s, u"kind"_s,
            u"actor"_s,       u"rule"_s,           u"detail"_s, u"outcome"_s};
}

bool TimelineExport::writeCsv(QIODevice *device, const Incident &incident, const QList<TimelineEntry> &timeline)
{
    CsvWriter out(device);
    if (!out.writeRow(csvHeader()))
        return false;
    const QString id = incident.id > 0 ? QString::number(incident.id) : QString();
    const QString title = neutralise(incident.title);
    const QString drill = incident.drill ? u"true"_s : u"false"_s;
    for (const TimelineEntry &e : timeline) {
        if (!out.writeRow({id, title, drill, isoUtc(e.atMs), TimelineEntry::kindName(e.kind), neutralise(e.actor),
                           neutralise(e.ruleId), neutralise(e.detail), neutralise(e.outcome)}))
            return false;
    }
    return !out.hasError();
}

QByteArray TimelineExport::csv(const Incident &incident, const QList<TimelineEntry> &timeline)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    writeCsv(&buffer, incident, timeline);
    return bytes;
}

} // namespace oc

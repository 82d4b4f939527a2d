// The post-incident review's exports and the drill report (issue 15): hostile
// text stays text in Markdown and CSV, times are UTC with milliseconds, and
// the drill's figures come out of a synthetic timeline with "—" for the steps
// that did not happen.
#include "DrillReport.h"
#include "Incident.h"
#include "TimelineEntry.h"
#include "TimelineExport.h"

#include <QTest>

using namespace oc;
using namespace Qt::Literals::StringLiterals;
using T = TimelineEntry::Kind;

namespace {

constexpr qint64 sec = 1000;
constexpr qint64 minute = 60 * sec;
// 2024-11-05T21:14:03.250Z
constexpr qint64 at = 1'730'841'243'250LL;

TimelineEntry entry(qint64 incident, qint64 atMs, T kind, const QString &actor, const QString &rule,
                    const QString &detail = {}, const QString &outcome = {})
{
    TimelineEntry e;
    e.incidentId = incident;
    e.atMs = atMs;
    e.kind = kind;
    e.actor = actor;
    e.ruleId = rule;
    e.detail = detail;
    e.outcome = outcome;
    return e;
}

Incident card()
{
    Incident inc;
    inc.id = 42;
    inc.group = u"site"_s;
    inc.title = u"Site down"_s;
    inc.severity = Alert::Severity::Page;
    inc.state = Incident::State::Resolved;
    inc.rootRuleId = u"site-5xx-burn-page"_s;
    inc.rules = {u"site-5xx-high"_s, u"site-5xx-burn-page"_s};
    inc.breaches = 7;
    inc.openedMs = at;
    inc.acknowledgedMs = at + 12 * sec;
    inc.resolvedMs = at + 20 * minute;
    inc.owner = u"Ana"_s;
    inc.runbookStep = u"Check: Is the public site answering? · Decides: Rapid-response lead"_s;
    inc.remedyId = u"flip-to-static"_s;
    inc.drill = true;
    return inc;
}

// Text a stranger could have typed into a note or an event title.
const QString hostile = u"=cmd|' /C calc'!A0 <script>alert(1)</script> `rm` a|b\nsecond line \u202Egnp.exe"_s;

} // namespace

class TstTimelineExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isoUtcHasMilliseconds();
    void markdownEscapesHostileText();
    void markdownCarriesTheCard();
    void csvNeutralisesFormulasAndQuotes();
    void drillReportFigures();
    void drillReportMissingStepsAreDashes();
    void drillReportAlreadyOwned();
};

void TstTimelineExport::isoUtcHasMilliseconds()
{
    QCOMPARE(TimelineExport::isoUtc(at), u"2024-11-05T21:14:03.250Z"_s);
    QCOMPARE(TimelineExport::isoUtc(at + 1), u"2024-11-05T21:14:03.251Z"_s);
    QCOMPARE(TimelineExport::isoUtc(0), QString());
}

void TstTimelineExport::markdownEscapesHostileText()
{
    const QString md = TimelineExport::escapeMarkdown(hostile);
    QVERIFY2(!md.contains(u'|'), qPrintable(md));
    QVERIFY2(!md.contains(u'`'), qPrintable(md));
    QVERIFY2(!md.contains(u"<script>"_s), qPrintable(md));
    QVERIFY2(!md.contains(u'\n'), qPrintable(md));
    QVERIFY2(!md.contains(QChar(0x202E)), qPrintable(md));
    QVERIFY(md.contains(u"&lt;script&gt;"_s));
    QVERIFY(md.contains(u"a&#124;b"_s));
    QVERIFY(md.contains(u"&#96;rm&#96;"_s));
    QVERIFY(md.contains(u"<br>second line"_s));
    QVERIFY(md.contains(u"&lt;U+202E&gt;gnp.exe"_s)); // the override made visible, not obeyed
    // An entity typed by someone stays literal text.
    QCOMPARE(TimelineExport::escapeMarkdown(u"&lt; *bold* [x](y) \\"_s), u"&amp;lt; \\*bold\\* \\[x\\](y) \\\\"_s);
    // Other controls too; a tab is a space.
    QCOMPARE(TimelineExport::escapeMarkdown(u"a\u0007b\tc\r\nd"_s), u"a&lt;U+0007&gt;b c<br>d"_s);
}

void TstTimelineExport::markdownCarriesTheCard()
{
    Incident inc = card();
    inc.title = hostile;
    const QList<TimelineEntry> tl {
        entry(42, at, T::Opened, u"engine"_s, u"site-5xx-high"_s, u"site.5xx_ratio = 0.4"_s),
        entry(42, at + 12 * sec, T::Acknowledged, u"Ana"_s, {}),
        entry(42, at + 30 * sec, T::Note, u"Ben | the \"boss\""_s, {}, hostile),
        entry(42, at + 40 * sec, T::Action, u"Ana"_s, {}, u"flip-to-static"_s, u"dry run"_s),
    };
    const QString md = TimelineExport::markdown(inc, tl);
    QVERIFY(md.startsWith(u"# DRILL: Incident: =cmd&#124;"_s));
    QVERIFY(md.contains(u"| State | resolved |"_s));
    QVERIFY(md.contains(u"| Severity | page |"_s));
    QVERIFY(md.contains(u"| Acknowledged (UTC) | 2024-11-05T21:14:15.250Z by Ana |"_s));
    QVERIFY(md.contains(u"| Raw breaches | 7 |"_s));
    QVERIFY(
        md.contains(u"| 2024-11-05T21:14:03.250Z | opened | engine | site-5xx-high | site.5xx\\_ratio = 0.4 | — |"_s));
    QVERIFY(md.contains(u"| 2024-11-05T21:14:43.250Z | action | Ana | — | flip-to-static | dry run |"_s));
    // Every table row has exactly its columns: hostile text adds no cell.
    const QStringList lines = md.split(u'\n');
    for (const QString &l : lines) {
        if (l.startsWith(u"| 2024"_s))
            QCOMPARE(l.count(u'|'), 7);
    }
    QVERIFY(!md.contains(u"<script>"_s));
}

void TstTimelineExport::csvNeutralisesFormulasAndQuotes()
{
    Incident inc = card();
    inc.title = u"=HYPERLINK(\"http://evil\")"_s;
    const QList<TimelineEntry> tl {
        entry(42, at, T::Opened, u"engine"_s, u"site-5xx-high"_s, u"opened"_s),
        entry(42, at + 30 * sec, T::Note, u"@Ben"_s, {}, hostile, u"+1"_s),
    };
    const QString csv = QString::fromUtf8(TimelineExport::csv(inc, tl));
    const QStringList rows = csv.split(u"\r\n"_s);
    QCOMPARE(rows.first(), u"incident_id,incident_title,drill,at_utc,kind,actor,rule,detail,outcome"_s);
    QVERIFY(
        rows.at(1).startsWith(u"42,'=HYPERLINK(\"\"http://evil\"\"),true,2024-11-05T21:14:03.250Z,opened,engine,"_s) ||
        rows.at(1).startsWith(u"42,\"'=HYPERLINK(\"\"http://evil\"\")\",true,2024-11-05T21:14:03.250Z,opened,"_s));
    QVERIFY2(csv.contains(u",'@Ben,"_s), qPrintable(csv));
    QVERIFY2(csv.contains(u"\"'=cmd|' /C calc'!A0 <script>alert(1)</script> `rm` a|b\nsecond line <U+202E>gnp.exe\""_s),
             qPrintable(csv));
    QVERIFY(csv.contains(u",'+1"_s));
    QVERIFY(!csv.contains(QChar(0x202E)));
}

void TstTimelineExport::drillReportFigures()
{
    const qint64 start = at;
    // Site card 7: the 5xx threshold breaches at +50 s and fires at +60 s, the
    // burn page at +150 s (breach +150 s); Ana takes it at +75 s, a refused
    // flip at +90 s, a dry-run flip at +100 s. Database card 8: the lag fires
    // at +800 s and nobody touches it.
    const QList<TimelineEntry> tl {
        entry(8, start + 800 * sec, T::Opened, u"engine"_s, u"db-standby-lag"_s),
        entry(7, start + 60 * sec, T::Opened, u"engine"_s, u"site-5xx-high"_s),
        entry(7, start + 75 * sec, T::Acknowledged, u"Ana"_s, {}),
        entry(7, start + 90 * sec, T::Action, u"Ana"_s, {}, u"flip-to-static"_s, u"refused: not an operator"_s),
        entry(7, start + 100 * sec, T::Action, u"Ana"_s, {}, u"flip-to-static"_s, u"dry run"_s),
        entry(7, start + 150 * sec, T::RuleFiring, u"engine"_s, u"site-5xx-burn-page"_s),
        entry(7, start + 400 * sec, T::Action, u"Ana"_s, {}, u"flip-to-live"_s, u"ok"_s),
    };
    const DrillReport report(start,
                             {{u"site-5xx-high"_s, start + 50 * sec},
                              {u"site-5xx-burn-page"_s, start + 150 * sec},
                              {u"db-standby-lag"_s, start + 720 * sec},
                              {u"rsvp-drop-while-traffic-rises"_s, start + 210 * sec}},
                             tl);
    const auto rows = report.rows();
    QStringList order;
    for (const auto &r : rows)
        order << r.ruleId;
    QCOMPARE(order,
             (QStringList {u"site-5xx-high"_s, u"site-5xx-burn-page"_s, u"db-standby-lag"_s,
                           u"rsvp-drop-while-traffic-rises"_s}));
    const auto high = *report.row(u"site-5xx-high"_s);
    QCOMPARE(high.detectMs(), 10 * sec);
    QCOMPARE(high.acknowledgeMs(), 15 * sec);
    QCOMPARE(high.actMs(), 40 * sec); // the refused one does not count
    QCOMPARE(high.action, u"flip-to-static"_s);
    const auto page = *report.row(u"site-5xx-burn-page"_s);
    QCOMPARE(page.detectMs(), 0);
    QVERIFY(page.alreadyOwned); // Ana had the card before the page fired
    QVERIFY(!page.acknowledgeMs());
    QCOMPARE(page.actMs(), 250 * sec); // the next action that went through
    const auto lag = *report.row(u"db-standby-lag"_s);
    QCOMPARE(lag.detectMs(), 80 * sec);
    QVERIFY(!lag.acknowledgeMs());
    QVERIFY(!lag.actMs());

    const QString md = report.markdown();
    QVERIFY(md.contains(u"| site-5xx-high | +50.0 s | +1 min 0 s | 10.0 s | 15.0 s | 40.0 s | flip-to-static |"_s));
    QVERIFY(md.contains(
        u"| site-5xx-burn-page | +2 min 30 s | +2 min 30 s | 0 ms | already owned | 4 min 10 s | flip-to-live |"_s));
    QVERIFY(md.contains(u"| db-standby-lag | +12 min 0 s | +13 min 20 s | 1 min 20 s | — | — | — |"_s));
    QVERIFY(md.contains(u"| rsvp-drop-while-traffic-rises | +3 min 30 s | did not fire | — | — | — | — |"_s));
}

void TstTimelineExport::drillReportMissingStepsAreDashes()
{
    // Fired, but the breach time is unknown: detect is "—", never 0.
    const DrillReport report(at, {}, {entry(1, at + 5 * sec, T::Opened, u"engine"_s, u"r"_s)});
    const auto r = *report.row(u"r"_s);
    QVERIFY(!r.detectMs());
    QVERIFY(report.markdown().contains(u"| r | — | +5.0 s | — | — | — | — |"_s));
    QCOMPARE(DrillReport::formatDuration(std::nullopt), u"—"_s);
    QCOMPARE(DrillReport::formatDuration(850), u"850 ms"_s);
    QCOMPARE(DrillReport::formatDuration(12'345), u"12.3 s"_s);
    QCOMPARE(DrillReport::formatDuration(8 * minute + 41 * sec), u"8 min 41 s"_s);
    // Lines from before the drill are not the drill's.
    const DrillReport late(at + minute, {}, {entry(1, at + 5 * sec, T::Opened, u"engine"_s, u"r"_s)});
    QVERIFY(late.rows().isEmpty());
}

void TstTimelineExport::drillReportAlreadyOwned()
{
    // Owned, then resolved and reopened: the reopened episode must be taken again.
    const QList<TimelineEntry> tl {
        entry(3, at, T::Opened, u"engine"_s, u"a"_s),
        entry(3, at + 10 * sec, T::Acknowledged, u"Ana"_s, {}),
        entry(3, at + minute, T::Resolved, u"engine"_s, {}),
        entry(3, at + 2 * minute, T::Reopened, u"engine"_s, u"b"_s),
        entry(3, at + 2 * minute + 30 * sec, T::HandedOver, u"Ben"_s, {}),
    };
    const DrillReport report(at, {}, tl);
    QCOMPARE(report.row(u"a"_s)->acknowledgeMs(), 10 * sec);
    QVERIFY(!report.row(u"b"_s)->alreadyOwned);
    QCOMPARE(report.row(u"b"_s)->acknowledgeMs(), 30 * sec);
}

QTEST_GUILESS_MAIN(TstTimelineExport)
#include "tst_timelineexport.moc"

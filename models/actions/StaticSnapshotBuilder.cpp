#include "StaticSnapshotBuilder.h"

#include "GeoDistance.h"
#include "LogCategories.h"
#include "ZipDirectory.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonObject>
#include <QTimeZone>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace oc {

namespace {

// Grid cells for "is any event within R miles of this ZIP": half a degree of
// latitude and a degree of longitude, so the 3x3 neighbourhood covers more
// than 30 miles everywhere south of Alaska's Arctic coast.
constexpr double kCellLat = 0.5;
constexpr double kCellLng = 1.0;

qint64 cellKey(double lat, double lng)
{
    const qint64 y = qint64(std::floor(lat / kCellLat));
    const qint64 x = qint64(std::floor(lng / kCellLng));
    return (y << 32) ^ (x & 0xffffffff);
}

// Fixed-width base-36 so the browser can binary-search the table as one
// string: 0.01 degree steps (about 0.7 miles) are plenty for a search radius.
QString base36(int v, int width)
{
    QString s = QString::number(std::max(0, v), 36);
    while (s.size() < width)
        s.prepend(QLatin1Char('0'));
    return s;
}

QString encodeLatLng(double lat, double lng)
{
    return base36(int(std::lround((lat + 90) * 100)), 3) + base36(int(std::lround((lng + 180) * 100)), 3);
}

QString when(const QDateTime &startsUtc, const QString &timezone)
{
    const QTimeZone tz(timezone.toUtf8());
    const QDateTime local = tz.isValid() ? startsUtc.toTimeZone(tz) : startsUtc.toUTC();
    return local.toString(QStringLiteral("ddd MMM d, h:mm AP")) + (tz.isValid() ? QString() : QStringLiteral(" UTC"));
}

QByteArray cspHash(const QString &content)
{
    return "'sha256-" + QCryptographicHash::hash(content.toUtf8(), QCryptographicHash::Sha256).toBase64() + "'";
}

const char *const kStyle =
    "body{font-family:system-ui,sans-serif;max-width:46rem;margin:1rem auto;padding:0 1rem;color:#222}"
    "ul{padding:0}li{margin:.6rem 0;list-style:none;border-bottom:1px solid #ddd;padding-bottom:.5rem}"
    ".m{color:#555;font-size:.9rem}.notice{background:#fff4d6;padding:.5rem}"
    "#rsvp{margin:.4rem 0;padding:.4rem;background:#eef4ff}";

// The search: looks the ZIP up (exact table, then ZIP area), measures the
// distance to every listed event from the data-lat/data-lng attributes,
// shows those within the radius nearest first. Text is only ever set with
// textContent. The shared RSVP form moves under the event it is for.
const char *const kScript = R"JS((function(){
var d=document,Z=d.getElementById('zips').textContent.trim(),T=d.getElementById('zip3').textContent.trim();
function n(s){return parseInt(s,36);}
function look(t,w,k){var lo=0,hi=t.length/(w+6)-1;while(lo<=hi){var m=(lo+hi)>>1,o=m*(w+6),c=t.substr(o,w);
if(c===k)return[n(t.substr(o+w,3))/100-90,n(t.substr(o+w+3,3))/100-180];if(c<k)lo=m+1;else hi=m-1;}return null;}
function mi(a,b,c,e){var r=Math.PI/180,x=Math.sin((c-a)*r/2),y=Math.sin((e-b)*r/2);
var h=x*x+Math.cos(a*r)*Math.cos(c*r)*y*y;return 7917.5226*Math.asin(Math.min(1,Math.sqrt(h)));}
var f=d.getElementById('search'),out=d.getElementById('result'),ul=d.getElementById('events');
var items=Array.prototype.slice.call(ul.children);
function all(){items.forEach(function(li){li.hidden=false;li.querySelector('.d').textContent='';ul.appendChild(li);});}
f.addEventListener('submit',function(ev){ev.preventDefault();
var z=f.zip.value.trim().slice(0,5),r=parseFloat(f.radius.value);
if(!z){all();out.textContent='';return;}
if(!/^[0-9]{5}$/.test(z)){out.textContent='Please enter a 5-digit ZIP code.';return;}
var p=look(Z,5,z),approx=false;if(!p){p=look(T,3,z.slice(0,3));approx=!!p;}
if(!p){all();out.textContent='ZIP code '+z+' is not near any listed event; showing all events.';return;}
var s=items.map(function(li){var a=parseFloat(li.getAttribute('data-lat')),b=parseFloat(li.getAttribute('data-lng'));
return{li:li,m:isNaN(a)||isNaN(b)?Infinity:mi(p[0],p[1],a,b)};});
s.sort(function(a,b){return a.m-b.m;});var k=0;
s.forEach(function(e){var show=e.m<=r;e.li.hidden=!show;if(show)k++;
e.li.querySelector('.d').textContent=isFinite(e.m)?' \u00b7 '+e.m.toFixed(1)+' mi':'';ul.appendChild(e.li);});
out.textContent=k+(k===1?' event':' events')+(r>=100000?'':' within '+r+' miles')+' of '+z+(approx?' (approximate location of the ZIP area)':'')+'.';});
var form=d.getElementById('rsvp');
ul.addEventListener('click',function(ev){var b=ev.target;if(!b||b.tagName!=='BUTTON')return;
var li=b.parentNode;form.event_id.value=li.getAttribute('data-id');form.hidden=false;li.appendChild(form);form.email.focus();});
})();)JS";

} // namespace

StaticSnapshotBuilder::StaticSnapshotBuilder(DbConnection *db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
}

DbQuery StaticSnapshotBuilder::eventsQuery()
{
    // Keep in step with the dynamic site's list (app/hubsim/PublicSite.cpp):
    // the fallback must list what the live page lists, no more, no less.
    return DbQuery("SELECT e.id, e.title, to_char(e.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
                   "       e.timezone, e.venue, e.address, e.city, e.state, e.postal_code, e.latitude, e.longitude "
                   "FROM events e JOIN campaigns c ON c.id = e.campaign_id AND c.status <> 'ended' "
                   "WHERE e.approval_status = 'approved' AND e.starts_at > now() - interval '3 hours' "
                   "ORDER BY e.starts_at, e.id");
}

QString StaticSnapshotBuilder::escapeHtml(const QString &text)
{
    QString out;
    out.reserve(text.size() + 16);
    for (QChar c : text) {
        switch (c.unicode()) {
        case '&': out += QLatin1String("&amp;"); break;
        case '<': out += QLatin1String("&lt;"); break;
        case '>': out += QLatin1String("&gt;"); break;
        case '"': out += QLatin1String("&quot;"); break;
        case '\'': out += QLatin1String("&#39;"); break;
        case '`': out += QLatin1String("&#96;"); break;
        default:
            // Control characters (NUL among them) have no business in a
            // listing; bidi overrides could disguise what an entry says.
            if ((c.unicode() < 0x20 && c != QLatin1Char('\t')) || c.unicode() == 0x7f ||
                (c.unicode() >= 0x202a && c.unicode() <= 0x202e) || (c.unicode() >= 0x2066 && c.unicode() <= 0x2069))
                out += QChar(0xfffd);
            else
                out += c;
        }
    }
    return out;
}

StaticSnapshot StaticSnapshotBuilder::fromTable(const DbTable &t, const ZipDirectory &zips, const Options &o,
                                                const QDateTime &generatedAt)
{
    StaticSnapshot snap;
    snap.generatedAt = generatedAt;

    struct Ev
    {
        qint64 id;
        QString title, timezone, venue, address, city, state, zip;
        QDateTime starts;
        bool located;
        double lat, lng;
    };
    std::vector<Ev> evs;
    evs.reserve(size_t(t.rowCount()));
    std::unordered_map<qint64, std::vector<int>> grid;
    for (int r = 0; r < t.rowCount(); ++r) {
        Ev e {t.toInt64(r, 0), t.text(r, 1),     t.text(r, 3),
              t.text(r, 4),    t.text(r, 5),     t.text(r, 6),
              t.text(r, 7),    t.text(r, 8),     QDateTime::fromString(t.text(r, 2), Qt::ISODate),
              !t.isNull(r, 9), t.toDouble(r, 9), t.toDouble(r, 10)};
        QJsonObject j {{QStringLiteral("id"), e.id},
                       {QStringLiteral("title"), e.title},
                       {QStringLiteral("starts_at"), t.text(r, 2)},
                       {QStringLiteral("timezone"), e.timezone},
                       {QStringLiteral("venue"), e.venue},
                       {QStringLiteral("address"), e.address},
                       {QStringLiteral("city"), e.city},
                       {QStringLiteral("state"), e.state},
                       {QStringLiteral("postal_code"), e.zip}};
        if (e.located) {
            j.insert(QStringLiteral("latitude"), e.lat);
            j.insert(QStringLiteral("longitude"), e.lng);
            grid[cellKey(e.lat, e.lng)].push_back(int(evs.size()));
        }
        snap.events.append(j);
        snap.eventIds.append(e.id);
        evs.push_back(std::move(e));
    }

    // ZIPs within the radius of some event, nearest first when over budget.
    std::vector<std::pair<double, const ZipDirectory::Place *>> near;
    QHash<QString, std::pair<double, double>> areaSum;
    QHash<QString, int> areaCount;
    for (const ZipDirectory::Place &p : zips.places()) {
        const QString area = p.zip.left(3);
        auto &sum = areaSum[area];
        sum.first += p.lat;
        sum.second += p.lng;
        ++areaCount[area];
        double best = o.exactZipRadiusMiles + 1;
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx) {
                const auto it = grid.find(cellKey(p.lat + dy * kCellLat, p.lng + dx * kCellLng));
                if (it == grid.end())
                    continue;
                for (int i : it->second)
                    best = std::min(best, GeoDistance::miles(p.lat, p.lng, evs[size_t(i)].lat, evs[size_t(i)].lng));
            }
        if (best <= o.exactZipRadiusMiles)
            near.emplace_back(best, &p);
    }
    if (int(near.size()) > o.maxExactZips) {
        std::nth_element(near.begin(), near.begin() + o.maxExactZips, near.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        near.resize(size_t(o.maxExactZips));
    }
    std::sort(near.begin(), near.end(), [](const auto &a, const auto &b) { return a.second->zip < b.second->zip; });
    QString zipTable;
    zipTable.reserve(int(near.size()) * 11);
    for (const auto &[dist, p] : near)
        zipTable += p->zip + encodeLatLng(p->lat, p->lng);
    snap.exactZips = int(near.size());

    QStringList areas = areaSum.keys();
    std::sort(areas.begin(), areas.end());
    QString areaTable;
    areaTable.reserve(int(areas.size()) * 9);
    for (const QString &a : areas) {
        const int n = areaCount.value(a);
        const auto s = areaSum.value(a);
        areaTable += a + encodeLatLng(s.first / n, s.second / n);
    }
    snap.zipAreas = int(areas.size());

    const QString style = QString::fromLatin1(kStyle);
    const QString script = QString::fromUtf8(kScript);
    const QString heading = o.title.isEmpty() ? QStringLiteral("Find an event near you") : o.title;
    QString h;
    h.reserve(4096 + int(evs.size()) * 320 + zipTable.size() + areaTable.size());
    h += QStringLiteral("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n");
    h += QStringLiteral("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src %1; "
                        "style-src %2; form-action 'self'; base-uri 'none'\">\n")
             .arg(QString::fromLatin1(cspHash(script)), QString::fromLatin1(cspHash(style)));
    h += QStringLiteral("<meta name=\"generator\" content=\"organizer-console static snapshot\">\n");
    h += QStringLiteral("<title>%1</title><style>%2</style></head><body>\n<h1>%1</h1>\n")
             .arg(escapeHtml(heading), style);
    h += QStringLiteral("<p class=\"notice\">We are seeing very high traffic, so this is a lightweight copy of the "
                        "event list, updated %1 UTC. RSVPs are accepted and confirmed by email shortly.</p>\n")
             .arg(generatedAt.toUTC().toString(QStringLiteral("MMM d, h:mm AP")));
    h += QStringLiteral(
        "<form id=\"search\" role=\"search\"><label>ZIP code <input name=\"zip\" inputmode=\"numeric\" "
        "maxlength=\"10\" autocomplete=\"postal-code\"></label> <label>within <select name=\"radius\">"
        "<option value=\"10\">10</option><option value=\"25\" selected>25</option><option value=\"50\">50</option>"
        "<option value=\"100\">100</option><option value=\"100000\">any distance</option></select> miles</label> "
        "<button>Search</button></form>\n<p id=\"result\" role=\"status\" aria-live=\"polite\"></p>\n");
    h += QStringLiteral("<p class=\"m\">%1 upcoming events</p>\n<ul id=\"events\">\n").arg(evs.size());
    for (const Ev &e : evs) {
        QString place = e.venue.isEmpty() ? QString() : escapeHtml(e.venue) + QStringLiteral(", ");
        place += escapeHtml(e.city);
        if (!e.state.isEmpty())
            place += QStringLiteral(", ") + escapeHtml(e.state);
        if (!e.zip.isEmpty())
            place += QLatin1Char(' ') + escapeHtml(e.zip);
        h += QStringLiteral("<li data-id=\"%1\"").arg(e.id);
        if (e.located)
            h += QStringLiteral(" data-lat=\"%1\" data-lng=\"%2\"")
                     .arg(QString::number(e.lat, 'f', 5), QString::number(e.lng, 'f', 5));
        h += QStringLiteral("><strong>%1</strong><div class=\"m\">%2 · %3 · event #%4<span class=\"d\"></span></div>"
                            "<button type=\"button\">RSVP</button></li>\n")
                 .arg(escapeHtml(e.title), escapeHtml(when(e.starts, e.timezone)), place, QString::number(e.id));
    }
    h += QStringLiteral("</ul>\n");
    // One RSVP form for the whole page (a form per event would double its
    // size); without scripts it still works with the event number typed in.
    h += QStringLiteral(
        "<form id=\"rsvp\" method=\"post\" action=\"/rsvp\"><label>Event # <input name=\"event_id\" "
        "inputmode=\"numeric\" required size=\"7\"></label> <label>Email <input type=\"email\" "
        "name=\"email\" required placeholder=\"you@example.org\"></label> <button>RSVP</button></form>\n");
    h += QStringLiteral("<script type=\"text/plain\" id=\"zips\">%1</script>\n"
                        "<script type=\"text/plain\" id=\"zip3\">%2</script>\n")
             .arg(zipTable, areaTable);
    h += QStringLiteral("<script>%1</script>\n</body></html>\n").arg(script);
    snap.html = h.toUtf8();
    return snap;
}

void StaticSnapshotBuilder::build(QObject *context, Done done)
{
    const QPointer<QObject> ctx(context);
    const bool hasContext = context != nullptr;
    auto deliver = [ctx, hasContext, done](const std::optional<StaticSnapshot> &s, const QString &err) {
        if (done && (!hasContext || ctx))
            done(s, err);
    };
    if (!m_db) {
        deliver(std::nullopt, tr("no database connection"));
        return;
    }
    const Options o = m_options;
    m_db->exec({eventsQuery()}, this, [this, deliver, o](const DbConnection::Outcome &out) {
        if (const DbError *e = DbConnection::error(out)) {
            deliver(std::nullopt, tr("Reading the events failed: %1").arg(e->message));
            return;
        }
        const DbTable rows = DbConnection::tables(out)->front();
        const QDateTime at = QDateTime::currentDateTimeUtc();
        logcat::actions()->info("static snapshot: rendering {} events", rows.rowCount());
        QtConcurrent::run([rows, o, at] {
            return fromTable(rows, ZipDirectory::builtIn(), o, at);
        }).then(this, [deliver](const StaticSnapshot &s) {
            logcat::actions()->info("static snapshot: {} events, {} bytes of HTML, {} ZIPs + {} ZIP areas",
                                    s.events.size(), s.html.size(), s.exactZips, s.zipAreas);
            deliver(s, QString());
        });
    });
}

} // namespace oc

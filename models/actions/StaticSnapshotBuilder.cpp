#include "StaticSnapshotBuilder.h"

#include "LogCategories.h"

#include <QCryptographicHash>
#include <QJsonObject>
#include <QTimeZone>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace oc {

namespace {

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

// The search: fetches the full list once (the page itself holds only the
// soonest events) with the backend's ZIP tables (ZipLookupTable: "zips",
// "zip3"), looks the ZIP up (exact table, an event's own ZIP, then ZIP
// area), measures the distance to every event from the data-lat/data-lng
// attributes, shows those within the radius nearest first. Event text is
// only ever set with textContent. The shared RSVP form moves under the event
// it is for.
const char *const kScript = R"JS((function(){
var d=document,Z='',T='',own={};
function n(s){return parseInt(s,36);}
function look(t,w,k){var lo=0,hi=t.length/(w+6)-1;while(lo<=hi){var m=(lo+hi)>>1,o=m*(w+6),c=t.substr(o,w);
if(c===k)return[n(t.substr(o+w,3))/100-90,n(t.substr(o+w+3,3))/100-180];if(c<k)lo=m+1;else hi=m-1;}return null;}
function mi(a,b,c,e){var r=Math.PI/180,x=Math.sin((c-a)*r/2),y=Math.sin((e-b)*r/2);
var h=x*x+Math.cos(a*r)*Math.cos(c*r)*y*y;return 7917.5226*Math.asin(Math.min(1,Math.sqrt(h)));}
var f=d.getElementById('search'),out=d.getElementById('result'),ul=d.getElementById('events'),more=d.getElementById('more');
var items=Array.prototype.slice.call(ul.children),full=null;
var fmt={weekday:'short',month:'short',day:'numeric',hour:'numeric',minute:'2-digit'};
function when(e){var t=new Date(e.starts_at);try{fmt.timeZone=e.timezone||'UTC';return t.toLocaleString('en-US',fmt);}
catch(x){fmt.timeZone='UTC';return t.toLocaleString('en-US',fmt)+' UTC';}}
function located(e){return typeof e.latitude==='number'&&typeof e.longitude==='number';}
function item(e){var li=d.createElement('li'),b=d.createElement('strong'),m=d.createElement('div'),s=d.createElement('span'),
k=d.createElement('button');li.setAttribute('data-id',e.id);
if(located(e)){li.setAttribute('data-lat',e.latitude);li.setAttribute('data-lng',e.longitude);}
var p=[e.venue,e.city].filter(Boolean).join(', ');if(e.state)p+=', '+e.state;if(e.postal_code)p+=' '+e.postal_code;
b.textContent=e.title;m.className='m';m.textContent=when(e)+' \u00b7 '+p+' \u00b7 event #'+e.id;s.className='d';
m.appendChild(s);k.type='button';k.textContent='RSVP';li.append(b,m,k);return li;}
function load(){if(!full)full=fetch('/events.json',{credentials:'same-origin'}).then(function(r){if(!r.ok)throw r.status;
return r.json();}).then(function(j){Z=String(j.zips||'');T=String(j.zip3||'');
var seen={};items.forEach(function(li){seen[li.getAttribute('data-id')]=li;});
items=j.events.map(function(e){if(located(e)&&e.postal_code)own[e.postal_code]=[e.latitude,e.longitude];
return seen[String(e.id)]||item(e);});if(more)more.hidden=true;},
function(){full=null;out.textContent='The full list could not be loaded; please try again.';throw 0;});return full;}
function all(){items.forEach(function(li){li.hidden=false;li.querySelector('.d').textContent='';ul.appendChild(li);});}
if(more)more.addEventListener('click',function(){load().then(all,function(){});});
f.addEventListener('submit',function(ev){ev.preventDefault();
var z=f.zip.value.trim().slice(0,5),r=parseFloat(f.radius.value);
if(!z){all();out.textContent='';return;}
if(!/^[0-9]{5}$/.test(z)){out.textContent='Please enter a 5-digit ZIP code.';return;}
out.textContent='Searching\u2026';
load().then(function(){
var p=look(Z,5,z)||own[z]||null,approx=false;if(!p){p=look(T,3,z.slice(0,3));approx=!!p;}
if(!p){all();out.textContent='ZIP code '+z+' is not near any listed event; showing all events.';return;}
var s=items.map(function(li){var a=parseFloat(li.getAttribute('data-lat')),b=parseFloat(li.getAttribute('data-lng'));
return{li:li,m:isNaN(a)||isNaN(b)?Infinity:mi(p[0],p[1],a,b)};});
s.sort(function(a,b){return a.m-b.m;});var k=0;
s.forEach(function(e){var show=e.m<=r;e.li.hidden=!show;if(show)k++;
e.li.querySelector('.d').textContent=isFinite(e.m)?' \u00b7 '+e.m.toFixed(1)+' mi':'';ul.appendChild(e.li);});
out.textContent=k+(k===1?' event':' events')+(r>=100000?'':' within '+r+' miles')+' of '+z+(approx?' (approximate location of the ZIP area)':'')+'.';},
function(){});});
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

StaticSnapshot StaticSnapshotBuilder::fromTable(const DbTable &t, const Options &o, const QDateTime &generatedAt)
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
        }
        snap.events.append(j);
        snap.eventIds.append(e.id);
        evs.push_back(std::move(e));
    }

    const QString style = QString::fromLatin1(kStyle);
    const QString script = QString::fromUtf8(kScript);
    const QString heading = o.title.isEmpty() ? QStringLiteral("Find an event near you") : o.title;
    QString h;
    h.reserve(8192 + int(std::min(evs.size(), size_t(std::max(0, o.firstPageEvents)))) * 320);
    h += QStringLiteral("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n");
    h += QStringLiteral("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src %1; "
                        "style-src %2; connect-src 'self'; form-action 'self'; base-uri 'none'\">\n")
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
    const size_t inPage = std::min(evs.size(), size_t(std::max(0, o.firstPageEvents)));
    h += QStringLiteral("<p class=\"m\">%1 upcoming events%2</p>\n<ul id=\"events\">\n")
             .arg(evs.size())
             .arg(inPage < evs.size() ? QStringLiteral(", the soonest %1 below").arg(inPage) : QString());
    for (size_t i = 0; i < inPage; ++i) {
        const Ev &e = evs[i];
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
    if (inPage < evs.size())
        h += QStringLiteral(
                 "<p><button type=\"button\" id=\"more\">Show all %1 events</button></p>\n"
                 "<noscript><p>Without JavaScript only the soonest %2 events are listed here.</p></noscript>\n")
                 .arg(evs.size())
                 .arg(inPage);
    // One RSVP form for the whole page (a form per event would double its
    // size); without scripts it still works with the event number typed in.
    h += QStringLiteral(
        "<form id=\"rsvp\" method=\"post\" action=\"/rsvp\"><label>Event # <input name=\"event_id\" "
        "inputmode=\"numeric\" required size=\"7\"></label> <label>Email <input type=\"email\" "
        "name=\"email\" required placeholder=\"you@example.org\"></label> <button>RSVP</button></form>\n");
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
            return fromTable(rows, o, at);
        }).then(this, [deliver](const StaticSnapshot &s) {
            logcat::actions()->info("static snapshot: {} events, {} bytes of HTML", s.events.size(), s.html.size());
            deliver(s, QString());
        });
    });
}

} // namespace oc

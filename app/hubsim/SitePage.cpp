#include "SitePage.h"

#include "ZipDirectory.h"

#include <QTimeZone>

#include <algorithm>

namespace oc::sim {
namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString when(const SiteEvent &e)
{
    const QTimeZone tz(e.timezone.toUtf8());
    const QDateTime local = tz.isValid() ? e.startsAt.toTimeZone(tz) : e.startsAt.toUTC();
    return local.toString(QStringLiteral("ddd MMM d, h:mm AP")) + (tz.isValid() ? QString() : QStringLiteral(" UTC"));
}

const char *const kHead = R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Find an event near you</title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:1rem auto;padding:0 1rem}
li{margin:.6rem 0;list-style:none;border-bottom:1px solid #ddd;padding-bottom:.5rem}
.meta{color:#555;font-size:.9rem}form.rsvp{display:inline}.notice{background:#fff4d6;padding:.5rem}</style>
</head><body><h1>Find an event near you</h1>
)";

} // namespace

QByteArray SitePage::render(const std::vector<SiteEvent> &events, const Options &o)
{
    std::vector<const SiteEvent *> list;
    list.reserve(events.size());
    for (const auto &e : events)
        list.push_back(&e);
    QString notice;
    std::vector<double> miles(events.size(), -1);
    if (!o.isStatic && !o.zip.trimmed().isEmpty()) {
        QString err;
        if (const auto place = ZipDirectory::builtIn().lookupZip(o.zip, &err)) {
            for (size_t i = 0; i < events.size(); ++i)
                if (events[i].hasLocation)
                    miles[i] =
                        ZipDirectory::distanceMiles(place->lat, place->lng, events[i].latitude, events[i].longitude);
            const SiteEvent *base = events.data();
            // Events without coordinates cannot be placed; they go last.
            std::stable_sort(list.begin(), list.end(), [&](const SiteEvent *a, const SiteEvent *b) {
                const double da = miles[size_t(a - base)], db = miles[size_t(b - base)];
                return (da < 0 ? 1e9 : da) < (db < 0 ? 1e9 : db);
            });
            notice = QStringLiteral("Events nearest %1 · %2, %3").arg(place->zip, place->city, place->state);
        } else {
            notice = err;
        }
    }
    const size_t shown = std::min(list.size(), size_t(std::max(0, o.limit)));

    QString h = QString::fromUtf8(kHead);
    h += QStringLiteral("<form method=\"get\" action=\"/\" id=\"search\"><label>ZIP code "
                        "<input name=\"zip\" inputmode=\"numeric\" pattern=\"[0-9]{5}\" value=\"%1\"></label> "
                        "<button>Search</button></form>\n")
             .arg(esc(o.zip));
    if (!notice.isEmpty())
        h += QStringLiteral("<p class=\"notice\">%1</p>\n").arg(esc(notice));
    h += QStringLiteral("<p class=\"meta\">%1 upcoming events%2</p>\n<ul id=\"events\">\n")
             .arg(events.size())
             .arg(shown < list.size() ? QStringLiteral(", showing %1").arg(shown) : QString());
    const SiteEvent *base = events.data();
    for (size_t i = 0; i < shown; ++i) {
        const SiteEvent &e = *list[i];
        const double d = miles[size_t(&e - base)];
        h += QStringLiteral("<li data-zip=\"%1\"><strong>%2</strong><div class=\"meta\">%3 · %4%5, %6 %7%8</div>"
                            "<form class=\"rsvp\" method=\"post\" action=\"/rsvp\">"
                            "<input type=\"hidden\" name=\"event_id\" value=\"%9\">"
                            "<input type=\"email\" name=\"email\" required placeholder=\"you@example.org\"> "
                            "<button>RSVP</button></form></li>\n")
                 .arg(esc(e.postalCode), esc(e.title), esc(when(e)),
                      e.venue.isEmpty() ? QString() : esc(e.venue) + QStringLiteral(", "), esc(e.city), esc(e.state),
                      esc(e.postalCode), d >= 0 ? QStringLiteral(" · %1 mi").arg(d, 0, 'f', 1) : QString(),
                      QString::number(e.id));
    }
    h += QStringLiteral("</ul>\n");
    if (o.isStatic) {
        // Nothing runs on the server in static mode: the page lists the
        // soonest events and a ZIP search filters the snapshot's
        // /events.json in the browser by the ZIP's first three digits (its
        // sectional center), which keeps results local and the page small.
        h += QStringLiteral(
            "<script>document.getElementById('search').addEventListener('submit',function(ev){ev.preventDefault();"
            "var z=this.zip.value.trim().slice(0,3);fetch('/events.json').then(function(r){return r.json();})"
            ".then(function(d){var ul=document.getElementById('events');ul.textContent='';"
            "d.events.filter(function(e){return !z||String(e.postal_code||'').indexOf(z)===0;}).slice(0,200)"
            ".forEach(function(e){var li=document.createElement('li');var b=document.createElement('strong');"
            "b.textContent=e.title;var m=document.createElement('div');m.className='meta';"
            "m.textContent=[e.venue,e.city,e.state,e.postal_code].filter(Boolean).join(', ');"
            "var f=document.createElement('form');f.className='rsvp';f.method='post';f.action='/rsvp';"
            "f.innerHTML='<input type=\"hidden\" name=\"event_id\"><input type=\"email\" name=\"email\" required "
            "placeholder=\"you@example.org\"> <button>RSVP</button>';f.event_id.value=e.id;"
            "li.append(b,m,f);ul.append(li);});});});</script>\n");
    }
    h += QStringLiteral("</body></html>\n");
    return h.toUtf8();
}

} // namespace oc::sim

#include "SiteContent.h"

#include "LogCategories.h"
#include "SitePage.h"
#include "ZipDirectory.h"
#include "ZipLookupTable.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace oc::sim {

namespace {
constexpr size_t kKeptSnapshots = 8;
}

SiteContent::SiteContent(QString site, QObject *parent)
    : QObject(parent)
    , m_site(std::move(site))
{
}

std::shared_ptr<const SiteContent::Snapshot> SiteContent::addSnapshot(const QJsonArray &events, QByteArray html)
{
    std::vector<SiteEvent> parsed;
    parsed.reserve(size_t(events.size()));
    for (const auto &v : events)
        parsed.push_back(SiteEvent::fromJson(v.toObject()));
    if (html.trimmed().isEmpty()) {
        SitePage::Options po;
        po.isStatic = true;
        html = SitePage::render(parsed, po);
    }
    const QByteArray eventsDoc = QJsonDocument(events).toJson(QJsonDocument::Compact);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(eventsDoc);
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(html);
    const QString id = QStringLiteral("snap-") + QString::fromLatin1(hash.result().toHex().left(16));
    if (auto existing = snapshot(id))
        return existing;

    auto s = std::make_shared<Snapshot>();
    s->id = id;
    s->html = std::move(html);
    s->eventCount = int(events.size());
    s->uploadedAt = QDateTime::currentDateTimeUtc();
    for (const auto &e : parsed)
        if (e.id > 0)
            s->eventIds.insert(e.id);
    // The static page's ZIP search data travels with the full list, which
    // the page fetches only when a visitor searches: the first load stays
    // small (ZipLookupTable: ZIPs within 30 miles of an event, ZIP areas).
    std::vector<ZipLookupTable::Point> located;
    located.reserve(parsed.size());
    for (const auto &e : parsed)
        if (e.hasLocation)
            located.push_back({e.latitude, e.longitude});
    const ZipLookupTable zips = ZipLookupTable::build(located, ZipDirectory::builtIn());
    s->eventsJson = QJsonDocument(QJsonObject {{QStringLiteral("snapshot_id"), id},
                                               {QStringLiteral("generated_at"), s->uploadedAt.toString(Qt::ISODate)},
                                               {QStringLiteral("events"), events},
                                               {QStringLiteral("zips"), zips.exact},
                                               {QStringLiteral("zip3"), zips.areas}})
                        .toJson(QJsonDocument::Compact);
    s->page.identity = s->html;
    s->events.identity = s->eventsJson;
    m_snapshots.push_back(s);
    encodeInBackground(s);
    // Never evict the one being served.
    while (m_snapshots.size() > kKeptSnapshots) {
        auto victim =
            std::find_if(m_snapshots.begin(), m_snapshots.end(), [this](const auto &p) { return p != m_active; });
        m_snapshots.erase(victim);
    }
    return s;
}

void SiteContent::encodeInBackground(const std::shared_ptr<const Snapshot> &s)
{
    struct Bodies
    {
        ContentCoding::Encoded page, events;
    };
    QtConcurrent::run([page = s->html, events = s->eventsJson] {
        return Bodies {ContentCoding::encode(page), ContentCoding::encode(events)};
    }).then(this, [this, id = s->id](const Bodies &b) {
        const auto current = snapshot(id);
        if (!current)
            return; // evicted meanwhile
        auto updated = std::make_shared<Snapshot>(*current);
        updated->page = b.page;
        updated->events = b.events;
        logcat::api()->info("snapshot {} compressed: page {} bytes (gzip {}, br {}), events.json {} bytes "
                            "(gzip {}, br {})",
                            id.toStdString(), b.page.identity.size(), b.page.gzip.size(), b.page.brotli.size(),
                            b.events.identity.size(), b.events.gzip.size(), b.events.brotli.size());
        replace(current, std::move(updated));
        Q_EMIT snapshotEncoded(id);
    });
}

void SiteContent::replace(const std::shared_ptr<const Snapshot> &old, std::shared_ptr<const Snapshot> updated)
{
    for (auto &p : m_snapshots)
        if (p == old)
            p = updated;
    // Requests in flight keep the old one alive; the next ones get the new.
    if (m_active == old)
        m_active = std::move(updated);
}

std::shared_ptr<const SiteContent::Snapshot> SiteContent::snapshot(const QString &id) const
{
    for (const auto &s : m_snapshots)
        if (s->id == id)
            return s;
    return nullptr;
}

bool SiteContent::setStatic(const QString &snapshotId)
{
    auto s = snapshot(snapshotId);
    if (!s)
        return false;
    const bool changed = !m_static || s != m_active;
    m_active = std::move(s);
    if (changed) {
        m_static = true;
        m_changedAt = QDateTime::currentDateTimeUtc();
        Q_EMIT modeChanged(true);
    }
    return true;
}

void SiteContent::setDynamic()
{
    if (!m_static)
        return;
    m_static = false;
    m_changedAt = QDateTime::currentDateTimeUtc();
    Q_EMIT modeChanged(false);
}

} // namespace oc::sim

#include "SiteContent.h"

#include "SitePage.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>

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
    s->eventsJson = QJsonDocument(QJsonObject {{QStringLiteral("snapshot_id"), id},
                                               {QStringLiteral("generated_at"), s->uploadedAt.toString(Qt::ISODate)},
                                               {QStringLiteral("events"), events}})
                        .toJson(QJsonDocument::Compact);
    m_snapshots.push_back(s);
    // Never evict the one being served.
    while (m_snapshots.size() > kKeptSnapshots) {
        auto victim =
            std::find_if(m_snapshots.begin(), m_snapshots.end(), [this](const auto &p) { return p != m_active; });
        m_snapshots.erase(victim);
    }
    return s;
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

#include "ActivityPanel.h"

#include "LiveSource.h"

#include <QListWidget>
#include <QVBoxLayout>

namespace oc {

ActivityPanel::ActivityPanel(LiveSource *feed, QWidget *parent)
    : QWidget(parent)
    , m_feed(feed)
{
    auto *l = new QVBoxLayout(this);
    l->setContentsMargins(0, 0, 0, 0);
    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("Activity log"));
    m_list->setWordWrap(true);
    l->addWidget(m_list);
    if (!feed->has(LiveSource::Capability::Audit)) {
        // Say so rather than show an empty log that reads as "nothing happened".
        auto *none = new QListWidgetItem(tr("This data source has no activity log."), m_list);
        none->setFlags(Qt::NoItemFlags);
        return;
    }
    connect(feed, &LiveSource::annotationsChanged, this, &ActivityPanel::refresh);
    refresh();
}

void ActivityPanel::refresh()
{
    const auto &all = m_feed->annotations();
    // Append-only: add what is new at the top.
    for (; m_shown < all.size(); ++m_shown) {
        const auto &a = all.at(m_shown);
        auto *item = new QListWidgetItem(tr("%1  %2 %3 — %4%5")
                                             .arg(a.at.toString(QStringLiteral("HH:mm:ss")), a.action, a.phase, a.actor,
                                                  a.result.isEmpty() ? QString() : QStringLiteral(": ") + a.result));
        m_list->insertItem(0, item);
    }
}

} // namespace oc

#include "TotalsPanel.h"

#include "DataAgeLabel.h"
#include "LiveSource.h"
#include "Sparkline.h"
#include "StatTile.h"
#include "StateTotalsModel.h"
#include "TopEventsModel.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace oc {
namespace {
QTableView *makeTable(QAbstractItemModel *model, QWidget *parent)
{
    auto *t = new QTableView(parent);
    t->setModel(model);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(false);
    t->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setWordWrap(false);
    t->setTextElideMode(Qt::ElideRight);
    return t;
}

QList<double> lastMinutes(const std::map<qint64, qint64> &perMinute, int minutes)
{
    const qint64 thisMinute = QDateTime::currentMSecsSinceEpoch() / 60000 * 60000;
    QList<double> out;
    for (int i = minutes; i >= 1; --i) {
        const auto it = perMinute.find(thisMinute - qint64(i) * 60000);
        out << (it == perMinute.end() ? 0.0 : double(it->second));
    }
    return out;
}
} // namespace

TotalsPanel::TotalsPanel(LiveSource *feed, QWidget *parent)
    : QWidget(parent)
    , m_feed(feed)
{
    auto *outer = new QVBoxLayout(this);
    auto *head = new QHBoxLayout;
    auto *title = new QLabel(tr("Live totals"), this);
    QFont tf = title->font();
    tf.setBold(true);
    title->setFont(tf);
    m_age = new DataAgeLabel(feed, this);
    head->addWidget(title);
    head->addStretch();
    head->addWidget(m_age);
    outer->addLayout(head);

    m_grid = new QGridLayout;
    const QList<QPair<QString, QString>> tiles = {
        {QStringLiteral("rsvps"), tr("Total RSVPs")},     {QStringLiteral("rsvps5"), tr("RSVPs, last 5 min")},
        {QStringLiteral("rsvpsMin"), tr("RSVPs / min")},  {QStringLiteral("live"), tr("Events live")},
        {QStringLiteral("review"), tr("Needing review")}, {QStringLiteral("full"), tr("Full")},
        {QStringLiteral("states"), tr("States covered")}, {QStringLiteral("eventGoal"), tr("Event goal")},
        {QStringLiteral("rsvpGoal"), tr("RSVP goal")},    {QStringLiteral("views"), tr("Page views / min")},
        {QStringLiteral("errors"), tr("Error rate")},     {QStringLiteral("conversion"), tr("RSVPs per 1,000 views")},
    };
    // Traffic figures from a source without traffic would be zeros that
    // look real: those tiles are left out.
    const bool traffic = feed->has(LiveSource::Capability::Traffic);
    const QStringList trafficKeys {QStringLiteral("views"), QStringLiteral("errors"), QStringLiteral("conversion")};
    int i = 0;
    for (const auto &[key, caption] : tiles) {
        if (!traffic && trafficKeys.contains(key))
            continue;
        auto *t = new StatTile(caption, this);
        m_tiles.insert(key, t);
        m_order << key;
        m_grid->addWidget(t, i / 3, i % 3);
        ++i;
    }
    m_tiles.value(QStringLiteral("rsvpsMin"))->sparkline();
    if (traffic)
        m_tiles.value(QStringLiteral("views"))->sparkline()->setColor(QColor(0x8e, 0x24, 0xaa));
    outer->addLayout(m_grid);

    auto *split = new QSplitter(Qt::Vertical, this);
    m_states = makeTable(new StateTotalsModel(feed, this), split);
    m_top = makeTable(new TopEventsModel(feed, 10, this), split);
    m_states->setAccessibleName(tr("Totals per state"));
    m_top->setAccessibleName(tr("Top events by RSVPs"));
    split->addWidget(m_states);
    split->addWidget(m_top);
    outer->addWidget(split, 1);

    connect(feed, &LiveSource::totalsChanged, this, &TotalsPanel::refresh);
    refresh();
}

StatTile *TotalsPanel::tile(const QString &key) const
{
    return m_tiles.value(key);
}

void TotalsPanel::setWallboard(bool on, double scale)
{
    m_states->setVisible(!on);
    m_top->setVisible(!on);
    // The wall shows fewer, bigger numbers in two columns; re-flow the grid
    // rather than leave holes where tiles are hidden.
    static const char *const wallKeys[] = {"rsvps",     "rsvpsMin", "live",  "review",
                                           "eventGoal", "rsvpGoal", "views", "errors"};
    for (StatTile *t : std::as_const(m_tiles)) {
        m_grid->removeWidget(t);
        t->setScale(on ? scale : 1.0);
        t->setVisible(!on);
    }
    if (on) {
        int i = 0;
        for (const char *k : wallKeys) {
            StatTile *t = m_tiles.value(QString::fromLatin1(k));
            if (!t)
                continue; // not offered by this source
            m_grid->addWidget(t, i / 2, i % 2);
            t->setVisible(true);
            ++i;
        }
    } else {
        int i = 0;
        for (const QString &k : m_order) {
            m_grid->addWidget(m_tiles.value(k), i / 3, i % 3);
            ++i;
        }
    }
}

void TotalsPanel::refresh()
{
    if (!m_feed->hasSnapshot())
        return;
    const LiveSource::Totals t = m_feed->totals();
    const QLocale loc;
    m_tiles.value(QStringLiteral("rsvps"))->setValue(loc.toString(t.rsvps));
    m_tiles.value(QStringLiteral("rsvps5"))->setValue(loc.toString(t.rsvpsLast5Min));
    m_tiles.value(QStringLiteral("rsvpsMin"))->setValue(loc.toString(t.rsvpsLastMinute));
    m_tiles.value(QStringLiteral("rsvpsMin"))->sparkline()->setValues(lastMinutes(m_feed->rsvpsPerMinute(), 30));
    m_tiles.value(QStringLiteral("live"))->setValue(loc.toString(t.eventsLive));
    m_tiles.value(QStringLiteral("review"))->setValue(loc.toString(t.eventsNeedingReview));
    m_tiles.value(QStringLiteral("full"))->setValue(loc.toString(t.eventsFull));
    m_tiles.value(QStringLiteral("states"))->setValue(loc.toString(t.statesCovered));
    const LiveSource::Campaign *c = m_feed->currentCampaign();
    m_tiles.value(QStringLiteral("eventGoal"))
        ->setValue(loc.toString(t.eventGoalProgress * 100, 'f', 0) + QLatin1Char('%'),
                   c ? tr("%1 of %2 events").arg(loc.toString(t.eventsLive + t.eventsFull), loc.toString(c->eventGoal))
                     : QString());
    m_tiles.value(QStringLiteral("rsvpGoal"))
        ->setValue(loc.toString(t.rsvpGoalProgress * 100, 'f', 0) + QLatin1Char('%'),
                   c ? tr("goal %1").arg(loc.toString(c->rsvpGoal)) : QString());
    if (!m_feed->has(LiveSource::Capability::Traffic))
        return;
    m_tiles.value(QStringLiteral("views"))->setValue(loc.toString(t.viewsLastMinute));
    std::map<qint64, qint64> viewsPerMinute;
    for (const auto &[bucket, s] : m_feed->traffic())
        viewsPerMinute[bucket / 60000 * 60000] += s.requests;
    m_tiles.value(QStringLiteral("views"))->sparkline()->setValues(lastMinutes(viewsPerMinute, 30));
    m_tiles.value(QStringLiteral("errors"))->setValue(loc.toString(t.errorRate * 100, 'f', 1) + QLatin1Char('%'));
    m_tiles.value(QStringLiteral("conversion"))->setValue(loc.toString(t.conversionPer1000, 'f', 1));
}

} // namespace oc

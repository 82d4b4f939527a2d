#include "MapSearchPanel.h"

#include "EventRecord.h"
#include "LiveSource.h"
#include "MapController.h"
#include "MapStyle.h"
#include "NearestEventsModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QPixmap>
#include <QPushButton>
#include <QVBoxLayout>

namespace oc {

MapSearchPanel::MapSearchPanel(MapController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_model(new NearestEventsModel(controller, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *row = new QHBoxLayout;
    m_query = new QLineEdit(this);
    m_query->setPlaceholderText(tr("ZIP code or city, e.g. 10001 or Cambridge, MA"));
    m_query->setClearButtonEnabled(true);
    m_query->setAccessibleName(tr("ZIP code or city to search near"));
    auto *go = new QPushButton(tr("Search"), this);
    auto *clear = new QPushButton(tr("Clear"), this);
    row->addWidget(m_query, 1);
    row->addWidget(go);
    row->addWidget(clear);
    layout->addLayout(row);

    auto *radiusRow = new QHBoxLayout;
    auto *radiusLabel = new QLabel(tr("Radius"), this);
    radiusRow->addWidget(radiusLabel);
    m_radius = new QDoubleSpinBox(this);
    radiusLabel->setBuddy(m_radius);
    m_radius->setRange(0.5, 3000);
    m_radius->setDecimals(1);
    m_radius->setSuffix(tr(" mi"));
    m_radius->setValue(25);
    m_radius->setEnabled(false);
    radiusRow->addWidget(m_radius);
    m_fit = new QPushButton(tr("Fit to results"), this);
    radiusRow->addStretch(1);
    radiusRow->addWidget(m_fit);
    layout->addLayout(radiusRow);

    m_message = new QLabel(this);
    m_message->setTextFormat(Qt::PlainText); // echoes what the user typed
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    QPalette warn = m_message->palette();
    // Readable on light and dark windows alike.
    warn.setColor(QPalette::WindowText,
                  warn.color(QPalette::Window).lightness() < 128 ? QColor(0xFF, 0x8A, 0x80) : QColor(0xB0, 0x3A, 0x2E));
    m_message->setPalette(warn);
    layout->addWidget(m_message);

    auto *filters = new QGridLayout;
    for (int s = 0; s < 4; ++s) {
        m_states[s] = new QCheckBox(EventRecord::markerStateLabel(MarkerState(s)), this);
        QPixmap swatch(10, 10);
        swatch.fill(MapStyle::stateColor(s));
        m_states[s]->setIcon(swatch);
        m_states[s]->setChecked(true);
        filters->addWidget(m_states[s], s / 2, s % 2);
        connect(m_states[s], &QCheckBox::toggled, this, [this] {
            int mask = 0;
            for (int i = 0; i < 4; ++i)
                if (m_states[i]->isChecked())
                    mask |= 1 << i;
            m_controller->setStateFilter(mask);
        });
    }
    m_useFrom = new QCheckBox(tr("From"), this);
    m_from = new QDateEdit(QDate::currentDate(), this);
    m_from->setCalendarPopup(true);
    m_from->setEnabled(false);
    m_from->setAccessibleName(tr("Events from this date"));
    m_useTo = new QCheckBox(tr("To"), this);
    m_to = new QDateEdit(QDate::currentDate().addDays(30), this);
    m_to->setCalendarPopup(true);
    m_to->setEnabled(false);
    m_to->setAccessibleName(tr("Events until this date"));
    filters->addWidget(m_useFrom, 2, 0);
    filters->addWidget(m_from, 2, 1);
    filters->addWidget(m_useTo, 3, 0);
    filters->addWidget(m_to, 3, 1);
    m_campaign = new QComboBox(this);
    auto *campaignLabel = new QLabel(tr("Campaign"), this);
    campaignLabel->setBuddy(m_campaign);
    filters->addWidget(campaignLabel, 4, 0);
    filters->addWidget(m_campaign, 4, 1);
    layout->addLayout(filters);

    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    m_results = new QListView(this);
    m_results->setModel(m_model);
    m_results->setAccessibleName(tr("Events nearest the place searched"));
    m_results->setUniformItemSizes(true);
    m_results->setWordWrap(true);
    m_results->setSelectionMode(QAbstractItemView::SingleSelection);
    layout->addWidget(m_results, 1);

    connect(m_query, &QLineEdit::returnPressed, this, &MapSearchPanel::search);
    connect(go, &QPushButton::clicked, this, &MapSearchPanel::search);
    connect(clear, &QPushButton::clicked, this, [this] {
        m_query->clear();
        m_controller->clearSearch();
    });
    connect(m_radius, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        if (m_controller->searchActive())
            m_controller->setSearchRadiusMiles(v);
    });
    connect(m_fit, &QPushButton::clicked, m_controller, &MapController::fitToResults);
    for (QCheckBox *b : {m_useFrom, m_useTo})
        connect(b, &QCheckBox::toggled, this, &MapSearchPanel::applyDates);
    for (QDateEdit *d : {m_from, m_to})
        connect(d, &QDateEdit::dateChanged, this, &MapSearchPanel::applyDates);
    connect(m_campaign, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_controller->setCampaignFilter(i < 0 ? 0 : m_campaign->itemData(i).toLongLong()); });
    connect(m_results, &QListView::activated, this, [this](const QModelIndex &i) {
        m_controller->selectAndShow(i.data(NearestEventsModel::EventIdRole).toLongLong());
    });
    connect(m_results, &QListView::clicked, this, [this](const QModelIndex &i) {
        m_controller->selectEvent(i.data(NearestEventsModel::EventIdRole).toLongLong());
    });

    connect(m_controller, &MapController::searchChanged, this, &MapSearchPanel::syncFromController);
    connect(m_controller, &MapController::countsChanged, this, &MapSearchPanel::updateSummary);
    connect(m_controller, &MapController::snapshotChanged, this, &MapSearchPanel::updateSummary);
    if (LiveSource *feed = m_controller->feed())
        connect(feed, &LiveSource::campaignsChanged, this, &MapSearchPanel::refillCampaigns);
    refillCampaigns();
    syncFromController();
    updateSummary();
}

void MapSearchPanel::search()
{
    const QString text = m_query->text().trimmed();
    if (text.isEmpty()) {
        m_controller->clearSearch();
        return;
    }
    m_controller->searchFor(text);
}

void MapSearchPanel::syncFromController()
{
    const QString error = m_controller->searchError();
    m_message->setText(error);
    m_message->setVisible(!error.isEmpty());
    m_radius->setEnabled(m_controller->searchActive());
    if (m_controller->searchActive()) {
        const QSignalBlocker block(m_radius);
        m_radius->setValue(m_controller->searchRadiusMiles());
    }
    updateSummary();
}

void MapSearchPanel::applyDates()
{
    m_from->setEnabled(m_useFrom->isChecked());
    m_to->setEnabled(m_useTo->isChecked());
    // Whole days in the console's time zone, the "to" day included.
    m_controller->setFromDate(m_useFrom->isChecked() ? m_from->date().startOfDay() : QDateTime());
    m_controller->setToDate(m_useTo->isChecked() ? m_to->date().addDays(1).startOfDay() : QDateTime());
}

void MapSearchPanel::refillCampaigns()
{
    const LiveSource *feed = m_controller->feed();
    QList<QPair<qint64, QString>> items {{0, tr("All campaigns")}};
    if (feed) {
        for (const auto &c : feed->campaigns())
            items.append({c.id, c.title.isEmpty() ? c.slug : c.title});
    }
    // The feed announces campaigns on every tick; leave an open popup alone
    // unless something really changed.
    bool same = items.size() == m_campaign->count();
    for (int i = 0; same && i < items.size(); ++i)
        same = m_campaign->itemData(i).toLongLong() == items[i].first && m_campaign->itemText(i) == items[i].second;
    if (same)
        return;
    const qint64 current = m_controller->campaignFilter();
    const QSignalBlocker block(m_campaign);
    m_campaign->clear();
    for (const auto &[id, title] : items)
        m_campaign->addItem(title, id);
    const int i = m_campaign->findData(current);
    m_campaign->setCurrentIndex(i < 0 ? 0 : i);
}

void MapSearchPanel::updateSummary()
{
    const QLocale locale;
    QStringList parts;
    if (m_controller->searchActive()) {
        parts << tr("%1 events within %2 mi of %3")
                     .arg(locale.toString(m_controller->resultCount()),
                          locale.toString(m_controller->searchRadiusMiles(), 'f', 1), m_controller->searchLabel());
    }
    parts << tr("%1 of %2 events on the map")
                 .arg(locale.toString(m_controller->mappedEvents()), locale.toString(m_controller->totalEvents()));
    if (m_controller->unlocatedEvents() > 0)
        parts << tr("%1 without a location (listed below)").arg(locale.toString(m_controller->unlocatedEvents()));
    m_summary->setText(parts.join(QLatin1Char('\n')));
    m_fit->setEnabled(m_controller->mappedEvents() > 0);
}

} // namespace oc

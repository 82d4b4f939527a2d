#include "EventDetailsPanel.h"

#include "EventRecord.h"
#include "LiveSource.h"
#include "MapController.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTimeZone>
#include <QVBoxLayout>

namespace oc {

namespace {

QLabel *plainLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setTextFormat(Qt::PlainText);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

} // namespace

EventDetailsPanel::EventDetailsPanel(MapController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_empty = plainLabel(this);
    m_empty->setText(tr("Click an event on the map or in the list to see its details."));
    outer->addWidget(m_empty);

    m_body = new QWidget(this);
    auto *form = new QFormLayout(m_body);
    form->setContentsMargins(0, 0, 0, 0);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    outer->addWidget(m_body);
    addField(QStringLiteral("title"), tr("Event"));
    QFont bold = m_fields.value(QStringLiteral("title"))->font();
    bold.setBold(true);
    m_fields.value(QStringLiteral("title"))->setFont(bold);
    addField(QStringLiteral("state"), tr("Status"));
    addField(QStringLiteral("when"), tr("When"));
    addField(QStringLiteral("where"), tr("Where"));
    addField(QStringLiteral("rsvps"), tr("RSVPs"));
    addField(QStringLiteral("host"), tr("Host"));
    addField(QStringLiteral("contact"), tr("Contact"));
    m_show = new QPushButton(tr("Show on map"), m_body);
    form->addRow(m_show);
    outer->addStretch(1);
    connect(m_show, &QPushButton::clicked, this,
            [this] { m_controller->selectAndShow(m_controller->selectedEventId()); });

    connect(m_controller, &MapController::selectionChanged, this, &EventDetailsPanel::refresh);
    if (LiveSource *feed = m_controller->feed()) {
        // RSVPs move all the time during a launch; keep the open event current.
        const auto maybeRefresh = [this](const QList<int> &rows) {
            const int row = m_controller->feed()->rowOf(m_controller->selectedEventId());
            if (row >= 0 && rows.contains(row))
                refresh();
        };
        connect(feed, &LiveSource::eventsChanged, this, maybeRefresh);
        connect(feed, &LiveSource::rsvpCountsChanged, this, maybeRefresh);
    }
    refresh();
}

QLabel *EventDetailsPanel::addField(const QString &name, const QString &caption)
{
    auto *label = plainLabel(m_body);
    label->setObjectName(name);
    QLabel *captionLabel = plainLabel(m_body);
    captionLabel->setText(caption);
    captionLabel->setWordWrap(false);
    static_cast<QFormLayout *>(m_body->layout())->addRow(captionLabel, label);
    m_fields.insert(name, label);
    return label;
}

QString EventDetailsPanel::fieldText(const QString &field) const
{
    const QLabel *l = m_fields.value(field);
    return l ? l->text() : QString();
}

QString EventDetailsPanel::formatStart(const EventRecord &e)
{
    if (!e.startsAt.isValid())
        return tr("No date set");
    const QTimeZone zone(e.timezone.toUtf8());
    const QLocale locale;
    if (!zone.isValid()) {
        // Say so rather than silently showing the console's own local time.
        return tr("%1 UTC (unknown time zone \"%2\")")
            .arg(locale.toString(e.startsAt.toUTC(), QLocale::LongFormat), e.timezone);
    }
    const QDateTime local = e.startsAt.toTimeZone(zone);
    return QStringLiteral("%1 %2").arg(locale.toString(local, QStringLiteral("ddd, MMM d, yyyy, h:mm AP")),
                                       zone.abbreviation(local));
}

void EventDetailsPanel::refresh()
{
    const EventRecord *e = m_controller->selectedEvent();
    m_empty->setVisible(!e);
    m_body->setVisible(e);
    if (!e) {
        for (QLabel *l : std::as_const(m_fields))
            l->clear();
        return;
    }
    const QLocale locale;
    m_fields.value(QStringLiteral("title"))->setText(e->title);
    QString state = EventRecord::markerStateLabel(e->markerState());
    if (e->approval == Approval::Rejected)
        state = EventRecord::approvalLabel(e->approval);
    if (e->flagged)
        state += tr(" · flagged");
    if (!e->reviewedBy.isEmpty())
        state += tr(" · reviewed by %1").arg(e->reviewedBy);
    m_fields.value(QStringLiteral("state"))->setText(state);
    m_fields.value(QStringLiteral("when"))->setText(formatStart(*e));

    QStringList where;
    for (const QString &part : {e->venue, e->address})
        if (!part.isEmpty())
            where << part;
    QString cityLine = e->city;
    if (!e->state.isEmpty())
        cityLine += (cityLine.isEmpty() ? QString() : QStringLiteral(", ")) + e->state;
    if (!e->postalCode.isEmpty())
        cityLine += (cityLine.isEmpty() ? QString() : QStringLiteral(" ")) + e->postalCode;
    if (!cityLine.isEmpty())
        where << cityLine;
    if (!e->hasLocation())
        where << tr("(no map location)");
    m_fields.value(QStringLiteral("where"))->setText(where.join(QLatin1Char('\n')));

    m_fields.value(QStringLiteral("rsvps"))
        ->setText(e->capacity > 0 ? tr("%1 of %2").arg(locale.toString(e->rsvps), locale.toString(e->capacity))
                                  : tr("%1 (no capacity limit)").arg(locale.toString(e->rsvps)));
    m_fields.value(QStringLiteral("host"))->setText(e->hostName.isEmpty() ? tr("Unknown host") : e->hostName);
    QStringList contact;
    for (const QString &part : {e->hostEmail, e->hostPhone})
        if (!part.isEmpty())
            contact << part;
    m_fields.value(QStringLiteral("contact"))
        ->setText(contact.isEmpty() ? tr("None given") : contact.join(QLatin1Char('\n')));
    m_show->setEnabled(e->hasLocation());
}

} // namespace oc

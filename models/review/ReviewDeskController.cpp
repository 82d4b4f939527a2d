#include "ReviewDeskController.h"

#include "DbConnection.h"
#include "EventRecord.h"
#include "LiveSource.h"
#include "ReviewQueueFilter.h"
#include "ReviewQueueModel.h"
#include "ReviewService.h"

#include <QLocale>
#include <QRegularExpression>
#include <QTimer>

namespace oc {

ReviewDeskController::ReviewDeskController(DbConnection *db, LiveSource *feed, const QString &reviewerName,
                                           QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_feed(feed)
    , m_service(new ReviewService(db, this))
    // Claims live in the hub's tables; a read-only source has none to ask.
    , m_model(new ReviewQueueModel(feed, feed && !feed->has(LiveSource::Capability::Writable) ? nullptr : db, this))
    , m_filter(new ReviewQueueFilter(this))
    , m_claimClock(new QTimer(this))
{
    m_filter->setSourceModel(m_model);
    m_service->setOperatorName(reviewerName);
    if (feed && !feed->has(LiveSource::Capability::Writable))
        m_readOnlyReason = tr("Read-only: this source is a Mobilize SQL mirror. Approve, reject and edit events in "
                              "Mobilize (Open in Mobilize).");
    connect(m_service, &ReviewService::reviewerResolved, this,
            [this](const QString &name) { m_model->setCurrentReviewer(name); });
    if (!m_service->reviewerName().isEmpty())
        m_model->setCurrentReviewer(m_service->reviewerName());
    if (m_db) {
        connect(m_db, &DbConnection::connected, m_service, &ReviewService::resolveReviewer);
        if (m_db->state() == DbConnection::State::Connected)
            m_service->resolveReviewer();
    }
    m_claimClock->setInterval(5000);
    connect(m_claimClock, &QTimer::timeout, this, [this] { checkClaimExpiry(); });
    m_claimClock->start();
}

ReviewDeskController::~ReviewDeskController() = default;

DbConnection *ReviewDeskController::db() const
{
    return m_db;
}

LiveSource *ReviewDeskController::feed() const
{
    return m_feed;
}

QString ReviewDeskController::reviewerName() const
{
    return m_service->reviewerName();
}

void ReviewDeskController::setCurrent(std::optional<ReviewEvent> e)
{
    m_current = std::move(e);
    Q_EMIT currentChanged();
    checkClaimExpiry();
}

bool ReviewDeskController::recordClaim(const ReviewEvent &seen, const QString &holder, const QDateTime &until,
                                       int version)
{
    if (!isCurrent(seen.id))
        return false;
    m_current->claimedBy = holder;
    m_current->claimedUntil = until;
    const bool onlyChange = claimIsTheOnlyChange(seen, *m_current, version);
    if (onlyChange)
        m_current->version = version;
    Q_EMIT currentChanged();
    checkClaimExpiry();
    return onlyChange;
}

bool ReviewDeskController::isOutdatedBy(const EventRecord &queued) const
{
    return m_current && queued.id == m_current->id && queued.version > m_current->version;
}

void ReviewDeskController::setEditing(bool on)
{
    if (on == m_editing)
        return;
    m_editing = on;
    Q_EMIT editingChanged(on);
}

void ReviewDeskController::markBusy(qint64 eventId)
{
    m_busy.insert(eventId);
    Q_EMIT busyChanged();
}

void ReviewDeskController::markDone(qint64 eventId)
{
    if (m_busy.remove(eventId))
        Q_EMIT busyChanged();
}

bool ReviewDeskController::canDecide() const
{
    return !isReadOnly() && m_current && m_current->id != 0 && !m_busy.contains(m_current->id);
}

void ReviewDeskController::checkClaimExpiry(const QDateTime &now)
{
    const QString warning = claimWarningFor(m_current, reviewerName(), now);
    if (warning == m_claimWarning)
        return;
    m_claimWarning = warning;
    Q_EMIT claimWarningChanged(warning);
}

bool ReviewDeskController::claimIsTheOnlyChange(const ReviewEvent &seen, const ReviewEvent &now, int claimVersion)
{
    // The claim bumps the version by one. Anything more means someone else
    // changed the event too, and the reviewer must see that change before
    // a save is checked against the newer version.
    return claimVersion == seen.version + 1 && now.version == seen.version;
}

QString ReviewDeskController::checkEdits(const ReviewEvent &edited)
{
    if (edited.title.trimmed().isEmpty())
        return tr("The title must not be empty.");
    static const QRegularExpression twoLetters(QStringLiteral("^[A-Z]{2}$"));
    if (!edited.state.isEmpty() && !twoLetters.match(edited.state).hasMatch())
        return tr("State must be a two-letter code such as PA.");
    return {};
}

QString ReviewDeskController::refusalText(const ReviewOutcome &o)
{
    if (o.refusedByRole())
        return tr("Not saved: your database role may not review events (ask for the trainer role).");
    return tr("Could not save #%1: %2").arg(o.targetId).arg(o.error);
}

QString ReviewDeskController::claimWarningFor(const std::optional<ReviewEvent> &e, const QString &reviewer,
                                              const QDateTime &now)
{
    if (!e || !e->claimEndsSoon(reviewer, kClaimWarningSeconds, now))
        return {};
    return tr("Your claim on #%1 runs out at %2")
        .arg(e->id)
        .arg(QLocale().toString(e->claimedUntil.toLocalTime().time(), QLocale::ShortFormat));
}

} // namespace oc

#include "LiveSource.h"

#include <QSet>

namespace oc {

const EventRecord *LiveSource::event(qint64 id) const
{
    const int row = rowOf(id);
    return row >= 0 ? &events()[size_t(row)] : nullptr;
}

const LiveSource::Campaign *LiveSource::currentCampaign() const
{
    const Campaign *best = nullptr;
    for (const Campaign &c : campaigns())
        if (!best || (c.status == QLatin1String("live") && best->status != QLatin1String("live")))
            best = &c;
    return best;
}

LiveSource::Totals LiveSource::totals() const
{
    Totals t;
    t.rsvps = totalRsvps();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 thisMinute = now / 60000 * 60000;
    const auto &minutes = rsvpsPerMinute();
    for (auto it = minutes.lower_bound(thisMinute - 5 * 60000); it != minutes.end(); ++it) {
        if (it->first < thisMinute)
            t.rsvpsLast5Min += it->second;
        if (it->first == thisMinute - 60000)
            t.rsvpsLastMinute = it->second;
    }
    QSet<QString> states;
    for (const EventRecord &e : events()) {
        switch (e.markerState()) {
        case MarkerState::NeedsReview: ++t.eventsNeedingReview; break;
        case MarkerState::Approved: ++t.eventsLive; break;
        case MarkerState::Full: ++t.eventsFull; break;
        case MarkerState::Cancelled: break;
        }
        if (e.approval == Approval::Approved && !e.state.isEmpty())
            states.insert(e.state);
        if (!e.hasLocation())
            ++t.eventsWithoutLocation;
    }
    t.statesCovered = int(states.size());
    if (const Campaign *c = currentCampaign()) {
        if (c->eventGoal > 0)
            t.eventGoalProgress = double(t.eventsLive + t.eventsFull) / double(c->eventGoal);
        if (c->rsvpGoal > 0)
            t.rsvpGoalProgress = double(t.rsvps) / double(c->rsvpGoal);
    }
    // Traffic buckets are 10 s; the last complete minute is the six before this minute.
    const auto &traffic = this->traffic();
    qint64 views1 = 0, errors1 = 0, views5 = 0;
    for (auto it = traffic.lower_bound(thisMinute - 5 * 60000); it != traffic.end(); ++it) {
        if (it->first >= thisMinute)
            continue;
        views5 += it->second.requests;
        if (it->first >= thisMinute - 60000) {
            views1 += it->second.requests;
            errors1 += it->second.errors;
        }
    }
    t.viewsLastMinute = views1;
    t.errorRate = views1 > 0 ? double(errors1) / double(views1) : 0;
    t.conversionPer1000 = views5 > 0 ? 1000.0 * double(t.rsvpsLast5Min) / double(views5) : 0;
    return t;
}

} // namespace oc

#include "MetricStore.h"

#include <algorithm>

namespace oc {

MetricStore::MetricStore(qint64 retentionMs)
    : m_retentionMs(retentionMs)
{
}

void MetricStore::append(const QString &metric, const MetricSample &sample)
{
    auto &series = m_series[metric];
    // Feeds deliver in order; a late sample (a retried probe) is placed where
    // it belongs rather than dropped, so window means stay honest.
    if (series.empty() || series.back().timeMs <= sample.timeMs) {
        series.push_back(sample);
    } else {
        auto at = std::upper_bound(series.begin(), series.end(), sample.timeMs,
                                   [](qint64 t, const MetricSample &s) { return t < s.timeMs; });
        series.insert(at, sample);
    }
    const qint64 horizon = series.back().timeMs - m_retentionMs;
    while (!series.empty() && series.front().timeMs < horizon)
        series.pop_front();
}

std::optional<MetricSample> MetricStore::latest(const QString &metric) const
{
    auto it = m_series.constFind(metric);
    if (it == m_series.cend() || it->empty())
        return std::nullopt;
    return it->back();
}

std::optional<MetricSample> MetricStore::latestValue(const QString &metric) const
{
    auto it = m_series.constFind(metric);
    if (it == m_series.cend())
        return std::nullopt;
    for (auto s = it->rbegin(); s != it->rend(); ++s) {
        if (s->hasValue())
            return *s;
    }
    return std::nullopt;
}

std::optional<double> MetricStore::mean(const QString &metric, qint64 fromMs, qint64 toMs) const
{
    auto it = m_series.constFind(metric);
    if (it == m_series.cend())
        return std::nullopt;
    double sum = 0.0;
    int n = 0;
    // Walk back from the newest: windows end at "now", so this touches only
    // the window, not the whole retention.
    for (auto s = it->rbegin(); s != it->rend() && s->timeMs > fromMs; ++s) {
        if (s->timeMs <= toMs && s->hasValue()) {
            sum += s->value;
            ++n;
        }
    }
    if (n == 0)
        return std::nullopt;
    return sum / n;
}

int MetricStore::sampleCount(const QString &metric) const
{
    auto it = m_series.constFind(metric);
    return it == m_series.cend() ? 0 : int(it->size());
}

} // namespace oc

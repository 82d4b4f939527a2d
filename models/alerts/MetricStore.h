#pragma once

#include "MetricSample.h"

#include <QHash>
#include <QString>

#include <deque>
#include <optional>

namespace oc {

// A per-metric time series of the last few hours of samples (one a second is
// 21,600 per metric for the 6 h burn-rate window). Time is always passed in,
// never read from a clock, so replays and tests decide what "now" is.
class MetricStore
{
public:
    // Seven hours: the longest rule window (6 h) plus room for its baseline.
    static constexpr qint64 defaultRetentionMs = 7 * 3600 * 1000LL;

    explicit MetricStore(qint64 retentionMs = defaultRetentionMs);

    void append(const QString &metric, const MetricSample &sample);

    // The newest sample of any kind (a value, a gap or a probe error).
    std::optional<MetricSample> latest(const QString &metric) const;
    // The newest sample that carries a value.
    std::optional<MetricSample> latestValue(const QString &metric) const;
    // Mean of the values with fromMs < time <= toMs; nullopt when there are none.
    std::optional<double> mean(const QString &metric, qint64 fromMs, qint64 toMs) const;
    int sampleCount(const QString &metric) const;

private:
    qint64 m_retentionMs;
    QHash<QString, std::deque<MetricSample>> m_series;
};

} // namespace oc

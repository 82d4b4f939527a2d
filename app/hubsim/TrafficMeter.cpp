#include "TrafficMeter.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace oc::sim {

namespace {
constexpr qint64 kBucketMs = 10000;
}

TrafficMeter::TrafficMeter(QObject *parent)
    : QObject(parent)
{
    // An idle site still has to report the bucket it just finished.
    m_timer.setInterval(500);
    connect(&m_timer, &QTimer::timeout, this, [this] { roll(QDateTime::currentMSecsSinceEpoch()); });
    m_timer.start();
}

void TrafficMeter::record(int httpStatus, double latencyMs)
{
    roll(QDateTime::currentMSecsSinceEpoch());
    ++m_requests;
    ++m_totalRequests;
    if (httpStatus >= 500) {
        ++m_errors;
        ++m_total5xx;
    }
    m_latencies.push_back(float(latencyMs));
}

void TrafficMeter::roll(qint64 nowMs)
{
    const qint64 bucket = nowMs / kBucketMs;
    if (bucket == m_bucket)
        return;
    if (m_requests > 0 && m_sink) {
        const size_t k = size_t(std::ceil(0.95 * double(m_latencies.size()))) - 1;
        std::nth_element(m_latencies.begin(), m_latencies.begin() + ptrdiff_t(k), m_latencies.end());
        m_sink(m_requests, m_errors, double(m_latencies[k]));
    }
    m_bucket = bucket;
    m_requests = 0;
    m_errors = 0;
    m_latencies.clear();
}

} // namespace oc::sim

#pragma once

#include <QObject>
#include <QTimer>

#include <functional>
#include <vector>

namespace oc::sim {

// Counts what the public site actually served, per 10 s wall-clock bucket
// (the same buckets as traffic_samples), and hands each bucket to a sink
// right after it closes.
class TrafficMeter : public QObject
{
    Q_OBJECT
public:
    using Sink = std::function<void(int requests, int errors5xx, double p95ms)>;

    explicit TrafficMeter(QObject *parent = nullptr);

    void setSink(Sink sink) { m_sink = std::move(sink); }
    void record(int httpStatus, double latencyMs);

    qint64 totalRequests() const { return m_totalRequests; }
    qint64 total5xx() const { return m_total5xx; }

private:
    void roll(qint64 nowMs);

    Sink m_sink;
    QTimer m_timer;
    qint64 m_bucket = -1;
    int m_requests = 0;
    int m_errors = 0;
    std::vector<float> m_latencies;
    qint64 m_totalRequests = 0;
    qint64 m_total5xx = 0;
};

} // namespace oc::sim

#pragma once

#include "TimeSeriesChart.h"
#include "TrafficSeries.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <array>
#include <memory>

QT_BEGIN_NAMESPACE
class QAction;
class QLabel;
class QStackedWidget;
QT_END_NAMESPACE

namespace oc {

class LiveSource;

// The site's traffic at a glance: views/min, RSVPs/min, 5xx rate and p95
// latency over 15 min / 1 h / 24 h, with limit lines and markers where
// someone launched, sent a blast or flipped the site static/dynamic, so
// cause and effect sit on one time axis. Compact mode is the leadership
// wallboard: one chart, views with RSVPs overlaid.
//
// Redraws at most once per feed tick: the feed's per-tick signals only mark
// the panel dirty and one queued refresh rebuilds every chart in one batch.
class TrafficChartsPanel : public QWidget
{
    Q_OBJECT
public:
    enum class Metric { Views, Rsvps, ErrorRate, Latency, Overview };
    Q_ENUM(Metric)

    // A value <= 0 turns that limit line off.
    struct Thresholds
    {
        double errorRatePercent = 5.0;
        double p95Ms = 2000.0;
        bool operator==(const Thresholds &) const = default;
    };

    explicit TrafficChartsPanel(LiveSource *feed, QWidget *parent = nullptr);
    ~TrafficChartsPanel() override;

    TrafficSeries::Window timeWindow() const { return m_window; }
    void setTimeWindow(TrafficSeries::Window window);
    Thresholds thresholds() const { return m_thresholds; }
    void setThresholds(const Thresholds &thresholds);
    bool isCompact() const { return m_compact; }
    void setCompact(bool compact);
    // Compact whenever the four charts would not fit their minimum height,
    // so a short dock shows one readable chart instead of four squashed
    // ones (or a window taller than the screen).
    void setAutoCompact(bool on);

    TimeSeriesChart *chart(Metric metric) const;
    QString dataAgeText() const;
    bool dataAgeIsWarning() const { return m_ageWarning; }
    int refreshCount() const { return m_refreshes; }

public Q_SLOTS:
    // Rebuilds the visible charts now.
    void refresh();

Q_SIGNALS:
    void timeWindowChanged(oc::TrafficSeries::Window window);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void scheduleRefresh();
    void onAgeTimer();
    void updateDataAge();
    void setupChart(Metric metric, const QString &title, const QString &axisLabel, const QString &format,
                    double minimumTop);
    QList<TimeSeriesChart::Annotation> buildAnnotations() const;
    QList<TimeSeriesChart::Threshold> thresholdsFor(Metric metric) const;

    QPointer<LiveSource> m_feed;
    std::array<std::unique_ptr<TimeSeriesChart>, 5> m_charts;
    std::array<QAction *, 3> m_windowActions {};
    QStackedWidget *m_stack = nullptr;
    QLabel *m_age = nullptr;
    QTimer m_coalesce;
    QTimer m_ageTimer;
    TrafficSeries::Window m_window = TrafficSeries::Window::Hour1;
    Thresholds m_thresholds;
    QList<TimeSeriesChart::Annotation> m_annotations;
    bool m_annotationsDirty = true;
    bool m_missedWhileHidden = false;
    bool m_compact = false;
    bool m_autoCompact = false;
    bool m_ageWarning = false;
    int m_refreshes = 0;
    qint64 m_lastRefreshMs = 0;
};

} // namespace oc

#pragma once

#include "TimeSeriesChart.h"

#include <QObject>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QCategoryAxis;
class QChart;
class QChartView;
class QGraphicsLineItem;
class QGraphicsSimpleTextItem;
class QLineSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace oc {

// TimeSeriesChart drawn with Qt Charts. Only ChartFactory names this class;
// its header keeps Qt Charts types forward-declared so the rest of the
// console never depends on the deprecated module.
//
// A Qt Charts line has no way to skip a stretch (NaN corrupts its geometry
// and autoscaling), so each of our series is a small pool of QLineSeries,
// one per unbroken segment; only the first has a legend entry.
class QtChartsTimeSeriesChart : public QObject, public TimeSeriesChart
{
    Q_OBJECT
public:
    explicit QtChartsTimeSeriesChart(QWidget *parent = nullptr);
    ~QtChartsTimeSeriesChart() override;

    QWidget *widget() override;

    void setTitle(const QString &title) override;
    void setAxisLabel(Axis axis, const QString &label) override;
    void setAxisFormat(Axis axis, const QString &format) override;
    void setAxisMinimumTop(Axis axis, double top) override;

    int addSeries(const QString &name, const QColor &color, Axis axis = Axis::Left) override;
    int seriesCount() const override { return int(m_series.size()); }

    void beginUpdate() override;
    void endUpdate() override;
    void replaceSeries(int index, const QList<QPointF> &points) override;
    void setTimeRange(qint64 fromMs, qint64 toMs) override;
    void setThresholds(const QList<Threshold> &thresholds) override;
    void setAnnotations(const QList<Annotation> &annotations) override;

    void setColorScheme(Qt::ColorScheme scheme) override;
    bool isDark() const override { return m_dark; }

    QList<QPointF> seriesPoints(int index) const override;
    qsizetype drawnPointCount(int index) const override;
    QPair<qint64, qint64> timeRange() const override;
    QPair<double, double> valueRange(Axis axis) const override;
    QList<Threshold> thresholds() const override { return m_thresholdSpecs; }
    QList<Annotation> annotations() const override { return m_annotationSpecs; }
    int visibleAnnotationCount() const override;
    int batchCount() const override { return m_batches; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Series
    {
        QString name;
        QColor color;
        Axis axis = Axis::Left;
        QList<QPointF> points;
        bool dirty = false;
        QList<QLineSeries *> segments;
    };
    struct ThresholdItem
    {
        QLineSeries *line = nullptr;
        QGraphicsSimpleTextItem *label = nullptr;
    };
    struct AnnotationItem
    {
        QGraphicsLineItem *line = nullptr;
        QGraphicsSimpleTextItem *label = nullptr;
    };

    void apply();
    void applySeries(Series &s);
    void rebuildThresholds();
    void rebuildAnnotations();
    void updateValueRanges();
    void updateTimeAxis();
    void layoutOverlays();
    void applyColors();
    QLineSeries *newLine(Axis axis);
    QValueAxis *valueAxis(Axis axis);
    double yToPixel(Axis axis, double v) const;

    QPointer<QChartView> m_view;
    QChart *m_chart = nullptr;
    QCategoryAxis *m_x = nullptr;
    QList<qint64> m_ticks;
    QValueAxis *m_y[2] = {nullptr, nullptr};
    double m_minTop[2] = {1, 1};
    QList<Series> m_series;
    QList<Threshold> m_thresholdSpecs;
    QList<ThresholdItem> m_thresholdItems;
    QList<Annotation> m_annotationSpecs;
    QList<AnnotationItem> m_annotationItems;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    int m_depth = 0;
    bool m_rangeDirty = false;
    bool m_thresholdsDirty = false;
    bool m_annotationsDirty = false;
    int m_batches = 0;
    Qt::ColorScheme m_scheme = Qt::ColorScheme::Unknown;
    bool m_dark = false;
};

} // namespace oc

#pragma once

#include <QColor>
#include <QList>
#include <QPair>
#include <QPointF>
#include <QString>
#include <QtGlobal>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace oc {

// Our own seam over the charting library. Qt Charts is deprecated from Qt
// 6.10, so nothing outside ChartFactory and the backend may know which
// library draws; swapping it means one new implementation of this class.
//
// Data conventions: x is epoch milliseconds; a point whose y is NaN is a gap
// marker (the line stops there and resumes at the next point), so an outage
// never shows as a straight line across the missing time.
//
// Updates come in batches: calls between beginUpdate() and endUpdate() are
// collected and applied at endUpdate() in one go (one replace per series,
// one relayout). Outside a batch every call is a batch of its own.
class TimeSeriesChart
{
public:
    enum class Axis { Left, Right };

    struct Threshold
    {
        double value = 0;
        QString label;
        QColor color;
        Axis axis = Axis::Left;
        bool operator==(const Threshold &) const = default;
    };

    struct Annotation
    {
        qint64 atMs = 0;
        QString label;
        QColor color;
        QString toolTip;
        bool operator==(const Annotation &) const = default;
    };

    virtual ~TimeSeriesChart() = default;

    virtual QWidget *widget() = 0;

    virtual void setTitle(const QString &title) = 0;
    virtual void setAxisLabel(Axis axis, const QString &label) = 0;
    // printf-style, one conversion, e.g. "%.0f" or "%.1f".
    virtual void setAxisFormat(Axis axis, const QString &format) = 0;
    // The y range never tops out below this, so a quiet chart does not blow
    // noise up to full height.
    virtual void setAxisMinimumTop(Axis axis, double top) = 0;

    // Returns the series' index for replaceSeries().
    virtual int addSeries(const QString &name, const QColor &color, Axis axis = Axis::Left) = 0;
    virtual int seriesCount() const = 0;

    virtual void beginUpdate() = 0;
    virtual void endUpdate() = 0;
    virtual void replaceSeries(int index, const QList<QPointF> &points) = 0;
    // Every series at once, as one batch.
    void replaceAll(const QList<QList<QPointF>> &all)
    {
        beginUpdate();
        for (int i = 0; i < all.size() && i < seriesCount(); ++i)
            replaceSeries(i, all.at(i));
        endUpdate();
    }

    virtual void setTimeRange(qint64 fromMs, qint64 toMs) = 0;
    virtual void setThresholds(const QList<Threshold> &thresholds) = 0;
    virtual void setAnnotations(const QList<Annotation> &annotations) = 0;

    // Qt::ColorScheme::Unknown follows the widget's palette (the default).
    virtual void setColorScheme(Qt::ColorScheme scheme) = 0;
    virtual bool isDark() const = 0;

    // What is on screen, for tests and diagnostics.
    virtual QList<QPointF> seriesPoints(int index) const = 0;
    // Points the backend draws for a series (gap markers excluded).
    virtual qsizetype drawnPointCount(int index) const = 0;
    virtual QPair<qint64, qint64> timeRange() const = 0;
    virtual QPair<double, double> valueRange(Axis axis) const = 0;
    virtual QList<Threshold> thresholds() const = 0;
    virtual QList<Annotation> annotations() const = 0;
    // Annotations inside the current time range, i.e. on screen.
    virtual int visibleAnnotationCount() const = 0;
    // Batches applied so far.
    virtual int batchCount() const = 0;
};

} // namespace oc

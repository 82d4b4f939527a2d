#include "QtChartsTimeSeriesChart.h"

#include "LogCategories.h"

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QLocale>
#include <QEvent>
#include <QGraphicsLineItem>
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>
#include <QtNumeric>

#include <algorithm>
#include <cmath>

namespace oc {
namespace {

// Past this many segments a series is so ragged that more QLineSeries only
// cost time; the rest is joined into the last segment.
constexpr int kMaxSegments = 256;
// Above the series so a marker is never hidden behind a spike.
constexpr qreal kOverlayZ = 20;
constexpr int kAnnotationRows = 3;

int idx(TimeSeriesChart::Axis a)
{
    return a == TimeSeriesChart::Axis::Left ? 0 : 1;
}

struct NiceTop
{
    double top;
    int ticks;
};

// The smallest round top at or above `v`, with a tick count that keeps every
// tick label round too (0.2, 0.5, 1, 2 ... steps), so little height is wasted.
NiceTop niceTop(double v)
{
    if (!(v > 0))
        return {1, 6};
    const double e = std::pow(10.0, std::floor(std::log10(v)));
    const double f = v / e;
    static constexpr struct
    {
        double f;
        int intervals;
    } kSteps[] = {{1, 5}, {1.2, 6}, {1.5, 5}, {2, 4}, {2.5, 5}, {3, 6}, {4, 4}, {5, 5}, {6, 6}, {8, 4}, {10, 5}};
    for (const auto &s : kSteps)
        if (f <= s.f * (1 + 1e-9))
            return {s.f * e, s.intervals + 1};
    return {10 * e, 6};
}

// Round clock times, at most about eight per window.
qint64 tickStepMs(qint64 spanMs)
{
    static constexpr qint64 kMinutes[] = {1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440};
    for (qint64 m : kMinutes)
        if (spanMs / (m * 60'000) <= 8)
            return m * 60'000;
    return 1440 * 60'000;
}

QColor onBackground(const QColor &c, bool dark)
{
    return dark ? c.lighter(135) : c;
}

} // namespace

QtChartsTimeSeriesChart::QtChartsTimeSeriesChart(QWidget *parent)
{
    m_chart = new QChart;
    // Animations would replay on every tick and cost a frame each time.
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->legend()->setVisible(false);
    m_chart->legend()->setAlignment(Qt::AlignTop);
    QFont tf = m_chart->titleFont();
    tf.setBold(true);
    m_chart->setTitleFont(tf);

    // A category axis rather than QDateTimeAxis: the latter spaces ticks
    // evenly from the window's start (14:03:17, 14:05:47 ...); ours sit on
    // round clock times.
    m_x = new QCategoryAxis;
    m_x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    valueAxis(Axis::Left);

    m_view = new QChartView(m_chart, parent);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setRubberBand(QChartView::NoRubberBand);
    m_view->setMinimumSize(220, 150);
    m_view->installEventFilter(this);
    connect(m_chart, &QChart::plotAreaChanged, this, [this] { layoutOverlays(); });

    m_toMs = QDateTime::currentMSecsSinceEpoch();
    m_fromMs = m_toMs - 3600 * 1000;
    updateTimeAxis();
    applyColors();
}

QtChartsTimeSeriesChart::~QtChartsTimeSeriesChart()
{
    if (m_view) {
        m_view->removeEventFilter(this);
        m_chart->disconnect(this);
        delete m_view.data(); // owns the chart, which owns series, axes and overlay items
    }
}

QWidget *QtChartsTimeSeriesChart::widget()
{
    return m_view;
}

void QtChartsTimeSeriesChart::setTitle(const QString &title)
{
    m_chart->setTitle(title);
    m_view->setAccessibleName(title);
}

QValueAxis *QtChartsTimeSeriesChart::valueAxis(Axis axis)
{
    QValueAxis *&a = m_y[idx(axis)];
    if (!a) {
        a = new QValueAxis;
        a->setTickCount(6);
        a->setLabelFormat(QStringLiteral("%.0f"));
        a->setRange(0, m_minTop[idx(axis)]);
        m_chart->addAxis(a, axis == Axis::Left ? Qt::AlignLeft : Qt::AlignRight);
        // Two sets of horizontal grid lines that never line up read as noise.
        if (axis == Axis::Right)
            a->setGridLineVisible(false);
        if (m_view)
            applyColors();
    }
    return a;
}

void QtChartsTimeSeriesChart::setAxisLabel(Axis axis, const QString &label)
{
    valueAxis(axis)->setTitleText(label);
}

void QtChartsTimeSeriesChart::setAxisFormat(Axis axis, const QString &format)
{
    valueAxis(axis)->setLabelFormat(format);
}

void QtChartsTimeSeriesChart::setAxisMinimumTop(Axis axis, double top)
{
    m_minTop[idx(axis)] = top;
    valueAxis(axis);
    if (m_depth == 0)
        updateValueRanges();
}

QLineSeries *QtChartsTimeSeriesChart::newLine(Axis axis)
{
    auto *l = new QLineSeries;
    l->setUseOpenGL(false);
    m_chart->addSeries(l);
    l->attachAxis(m_x);
    l->attachAxis(valueAxis(axis));
    return l;
}

int QtChartsTimeSeriesChart::addSeries(const QString &name, const QColor &color, Axis axis)
{
    Series s;
    s.name = name;
    s.color = color;
    s.axis = axis;
    QLineSeries *l = newLine(axis);
    l->setName(name);
    QPen pen(color);
    pen.setWidthF(2.0);
    l->setPen(pen);
    s.segments << l;
    m_series << s;
    // A single series is named by the chart title; a legend only helps overlays.
    m_chart->legend()->setVisible(m_series.size() > 1);
    return int(m_series.size()) - 1;
}

void QtChartsTimeSeriesChart::beginUpdate()
{
    ++m_depth;
}

void QtChartsTimeSeriesChart::endUpdate()
{
    if (m_depth > 0 && --m_depth == 0)
        apply();
}

void QtChartsTimeSeriesChart::replaceSeries(int index, const QList<QPointF> &points)
{
    if (index < 0 || index >= m_series.size())
        return;
    m_series[index].points = points;
    m_series[index].dirty = true;
    if (m_depth == 0)
        apply();
}

void QtChartsTimeSeriesChart::setTimeRange(qint64 fromMs, qint64 toMs)
{
    if (toMs <= fromMs)
        toMs = fromMs + 1;
    m_fromMs = fromMs;
    m_toMs = toMs;
    m_rangeDirty = true;
    if (m_depth == 0)
        apply();
}

void QtChartsTimeSeriesChart::setThresholds(const QList<Threshold> &thresholds)
{
    if (thresholds == m_thresholdSpecs)
        return;
    m_thresholdSpecs = thresholds;
    m_thresholdsDirty = true;
    if (m_depth == 0)
        apply();
}

void QtChartsTimeSeriesChart::setAnnotations(const QList<Annotation> &annotations)
{
    if (annotations == m_annotationSpecs)
        return;
    m_annotationSpecs = annotations;
    m_annotationsDirty = true;
    if (m_depth == 0)
        apply();
}

void QtChartsTimeSeriesChart::setColorScheme(Qt::ColorScheme scheme)
{
    m_scheme = scheme;
    applyColors();
}

void QtChartsTimeSeriesChart::apply()
{
    if (!m_view)
        return;
    ++m_batches;
    const bool rangeMoved = m_rangeDirty;
    if (m_rangeDirty) {
        updateTimeAxis();
        m_rangeDirty = false;
    }
    if (m_thresholdsDirty) {
        rebuildThresholds();
    } else if (rangeMoved) {
        for (int i = 0; i < m_thresholdItems.size(); ++i) {
            const double v = m_thresholdSpecs.at(i).value;
            m_thresholdItems[i].line->replace({QPointF(double(m_fromMs), v), QPointF(double(m_toMs), v)});
        }
    }
    for (Series &s : m_series)
        if (s.dirty)
            applySeries(s);
    if (m_annotationsDirty)
        rebuildAnnotations();
    updateValueRanges();
    layoutOverlays();
}

void QtChartsTimeSeriesChart::applySeries(Series &s)
{
    s.dirty = false;
    QList<QList<QPointF>> parts;
    QList<QPointF> cur;
    for (const QPointF &p : std::as_const(s.points)) {
        if (qIsNaN(p.y())) {
            if (!cur.isEmpty() && parts.size() < kMaxSegments - 1) {
                parts << cur;
                cur.clear();
            }
            continue;
        }
        cur << p;
    }
    if (!cur.isEmpty() || parts.isEmpty())
        parts << cur;

    while (s.segments.size() < parts.size()) {
        QLineSeries *l = newLine(s.axis);
        l->setPen(s.segments.first()->pen());
        l->setMarkerSize(6);
        const auto markers = m_chart->legend()->markers(l);
        for (QLegendMarker *m : markers)
            m->setVisible(false);
        s.segments << l;
    }
    for (int i = 0; i < s.segments.size(); ++i) {
        QLineSeries *l = s.segments.at(i);
        if (i < parts.size()) {
            // One replace per segment: Qt Charts recomputes geometry once,
            // where append would relayout per point.
            l->replace(parts.at(i));
            // A lone sample between two gaps has no line to draw.
            const bool lone = parts.at(i).size() == 1;
            if (l->pointsVisible() != lone)
                l->setPointsVisible(lone);
        } else if (l->count() > 0) {
            l->clear();
        }
    }
}

void QtChartsTimeSeriesChart::rebuildThresholds()
{
    m_thresholdsDirty = false;
    for (ThresholdItem &t : m_thresholdItems) {
        m_chart->removeSeries(t.line);
        delete t.line;
        delete t.label;
    }
    m_thresholdItems.clear();
    for (const Threshold &spec : std::as_const(m_thresholdSpecs)) {
        ThresholdItem t;
        t.line = newLine(spec.axis);
        QPen pen(spec.color);
        pen.setWidthF(1.25);
        pen.setStyle(Qt::DashLine);
        t.line->setPen(pen);
        t.line->replace({QPointF(double(m_fromMs), spec.value), QPointF(double(m_toMs), spec.value)});
        const auto markers = m_chart->legend()->markers(t.line);
        for (QLegendMarker *m : markers)
            m->setVisible(false);
        t.label = new QGraphicsSimpleTextItem(spec.label, m_chart);
        t.label->setZValue(kOverlayZ);
        t.label->setFont(m_chart->legend()->font());
        t.label->setBrush(onBackground(spec.color, m_dark));
        m_thresholdItems << t;
    }
}

void QtChartsTimeSeriesChart::rebuildAnnotations()
{
    m_annotationsDirty = false;
    for (AnnotationItem &a : m_annotationItems) {
        delete a.line;
        delete a.label;
    }
    m_annotationItems.clear();
    for (const Annotation &spec : std::as_const(m_annotationSpecs)) {
        AnnotationItem a;
        a.line = new QGraphicsLineItem(m_chart);
        QPen pen(onBackground(spec.color, m_dark));
        pen.setWidthF(1.5);
        pen.setStyle(Qt::DashDotLine);
        a.line->setPen(pen);
        a.line->setZValue(kOverlayZ);
        a.line->setToolTip(spec.toolTip);
        a.label = new QGraphicsSimpleTextItem(spec.label, m_chart);
        a.label->setFont(m_chart->legend()->font());
        a.label->setBrush(onBackground(spec.color, m_dark));
        a.label->setZValue(kOverlayZ);
        a.label->setToolTip(spec.toolTip);
        m_annotationItems << a;
    }
}

void QtChartsTimeSeriesChart::updateTimeAxis()
{
    const qint64 step = tickStepMs(m_toMs - m_fromMs);
    // Ticks fall on round local times, so align in local time.
    const qint64 offset = qint64(QDateTime::fromMSecsSinceEpoch(m_fromMs).offsetFromUtc()) * 1000;
    QList<qint64> ticks;
    for (qint64 t = (m_fromMs + offset) / step * step + step - offset; t < m_toMs; t += step)
        if (t > m_fromMs)
            ticks << t;
    if (ticks != m_ticks) {
        m_ticks = ticks;
        const QStringList old = m_x->categoriesLabels();
        for (const QString &l : old)
            m_x->remove(l);
        m_x->setStartValue(double(m_fromMs));
        const QLocale loc;
        QStringList used;
        for (qint64 t : std::as_const(ticks)) {
            const QDateTime dt = QDateTime::fromMSecsSinceEpoch(t);
            // Midnight names the day, so a 24 h window reads unambiguously.
            QString label = dt.time().msecsSinceStartOfDay() == 0 ? loc.toString(dt.date(), QStringLiteral("ddd"))
                                                                  : dt.toString(QStringLiteral("HH:mm"));
            // Category labels are keys; a repeated hour (DST) needs a distinct one.
            while (used.contains(label))
                label += QChar(0x200B);
            used << label;
            m_x->append(label, double(t));
        }
    } else {
        m_x->setStartValue(double(m_fromMs));
    }
    m_x->setRange(double(m_fromMs), double(m_toMs));
}

void QtChartsTimeSeriesChart::updateValueRanges()
{
    for (Axis axis : {Axis::Left, Axis::Right}) {
        QValueAxis *a = m_y[idx(axis)];
        if (!a)
            continue;
        double top = m_minTop[idx(axis)];
        for (const Series &s : std::as_const(m_series)) {
            if (s.axis != axis)
                continue;
            for (const QPointF &p : s.points)
                if (!qIsNaN(p.y()))
                    top = std::max(top, p.y() * 1.1);
        }
        // A limit stays on screen so the distance to it can be read at a glance.
        for (const Threshold &t : std::as_const(m_thresholdSpecs))
            if (t.axis == axis)
                top = std::max(top, t.value * 1.15);
        const NiceTop nice = niceTop(top);
        if (a->min() != 0 || a->max() != nice.top)
            a->setRange(0, nice.top);
        if (a->tickCount() != nice.ticks)
            a->setTickCount(nice.ticks);
    }
}

double QtChartsTimeSeriesChart::yToPixel(Axis axis, double v) const
{
    const QRectF plot = m_chart->plotArea();
    const QValueAxis *a = m_y[idx(axis)];
    if (!a || a->max() <= a->min())
        return plot.bottom();
    return plot.bottom() - (v - a->min()) / (a->max() - a->min()) * plot.height();
}

void QtChartsTimeSeriesChart::layoutOverlays()
{
    if (!m_view)
        return;
    const QRectF plot = m_chart->plotArea();
    if (plot.isEmpty())
        return;
    for (int i = 0; i < m_thresholdItems.size(); ++i) {
        QGraphicsSimpleTextItem *label = m_thresholdItems.at(i).label;
        const Threshold &spec = m_thresholdSpecs.at(i);
        const double y = yToPixel(spec.axis, spec.value);
        const QRectF r = label->boundingRect();
        label->setPos(plot.right() - r.width() - 4, y - r.height() - 1);
        label->setVisible(y >= plot.top() && y <= plot.bottom());
    }

    // Labels of markers close in time stack in rows instead of overprinting.
    qreal rowRight[kAnnotationRows];
    std::fill(std::begin(rowRight), std::end(rowRight), -1e9);
    const double span = double(m_toMs - m_fromMs);
    for (int i = 0; i < m_annotationItems.size(); ++i) {
        const AnnotationItem &a = m_annotationItems.at(i);
        const qint64 at = m_annotationSpecs.at(i).atMs;
        const bool inside = at >= m_fromMs && at <= m_toMs && span > 0;
        a.line->setVisible(inside);
        a.label->setVisible(inside);
        if (!inside)
            continue;
        const qreal x = plot.left() + double(at - m_fromMs) / span * plot.width();
        a.line->setLine(x, plot.top(), x, plot.bottom());
        const QRectF r = a.label->boundingRect();
        qreal lx = x + 3;
        if (lx + r.width() > plot.right())
            lx = x - 3 - r.width();
        int row = 0;
        while (row < kAnnotationRows - 1 && rowRight[row] + 4 > lx)
            ++row;
        rowRight[row] = lx + r.width();
        a.label->setPos(lx, plot.top() + 2 + row * r.height());
    }
}

void QtChartsTimeSeriesChart::applyColors()
{
    if (!m_view)
        return;
    if (m_scheme == Qt::ColorScheme::Unknown)
        m_dark = m_view->palette().color(QPalette::Window).lightness() < 128;
    else
        m_dark = m_scheme == Qt::ColorScheme::Dark;
    const QColor bg = m_dark ? QColor(0x20, 0x23, 0x27) : QColor(Qt::white);
    const QColor text = m_dark ? QColor(0xe4, 0xe6, 0xe9) : QColor(0x20, 0x21, 0x24);
    const QColor grid = m_dark ? QColor(0x3a, 0x3f, 0x45) : QColor(0xe3, 0xe5, 0xe8);
    const QColor line = m_dark ? QColor(0x5a, 0x60, 0x68) : QColor(0xb0, 0xb4, 0xba);

    m_chart->setBackgroundBrush(bg);
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setTitleBrush(text);
    m_chart->legend()->setLabelColor(text);
    m_view->setBackgroundBrush(bg);
    QList<QAbstractAxis *> axes {m_x};
    for (QValueAxis *a : m_y)
        if (a)
            axes << a;
    for (QAbstractAxis *a : axes) {
        a->setLabelsColor(text);
        a->setTitleBrush(text);
        a->setGridLineColor(grid);
        a->setLinePenColor(line);
    }
    for (int i = 0; i < m_thresholdItems.size(); ++i)
        m_thresholdItems[i].label->setBrush(onBackground(m_thresholdSpecs.at(i).color, m_dark));
    for (int i = 0; i < m_annotationItems.size(); ++i) {
        const QColor c = onBackground(m_annotationSpecs.at(i).color, m_dark);
        m_annotationItems[i].label->setBrush(c);
        QPen pen = m_annotationItems[i].line->pen();
        pen.setColor(c);
        m_annotationItems[i].line->setPen(pen);
    }
}

bool QtChartsTimeSeriesChart::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && m_scheme == Qt::ColorScheme::Unknown &&
        (event->type() == QEvent::PaletteChange || event->type() == QEvent::ThemeChange)) {
        applyColors();
        logcat::ui()->debug("chart '{}' follows palette: {}", m_chart->title().toStdString(),
                            m_dark ? "dark" : "light");
    }
    return QObject::eventFilter(watched, event);
}

QList<QPointF> QtChartsTimeSeriesChart::seriesPoints(int index) const
{
    return index >= 0 && index < m_series.size() ? m_series.at(index).points : QList<QPointF> {};
}

qsizetype QtChartsTimeSeriesChart::drawnPointCount(int index) const
{
    if (index < 0 || index >= m_series.size())
        return 0;
    qsizetype n = 0;
    for (const QLineSeries *l : m_series.at(index).segments)
        n += l->count();
    return n;
}

QPair<qint64, qint64> QtChartsTimeSeriesChart::timeRange() const
{
    return {qRound64(m_x->min()), qRound64(m_x->max())};
}

QPair<double, double> QtChartsTimeSeriesChart::valueRange(Axis axis) const
{
    const QValueAxis *a = m_y[idx(axis)];
    return a ? qMakePair(a->min(), a->max()) : qMakePair(0.0, 0.0);
}

int QtChartsTimeSeriesChart::visibleAnnotationCount() const
{
    return int(std::count_if(m_annotationSpecs.cbegin(), m_annotationSpecs.cend(),
                             [this](const Annotation &a) { return a.atMs >= m_fromMs && a.atMs <= m_toMs; }));
}

} // namespace oc

#include "TrafficChartsPanel.h"

#include "ChartFactory.h"
#include "LiveSource.h"
#include "LogCategories.h"

#include <QAction>
#include <QActionGroup>
#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QLocale>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace oc {
namespace {

using Axis = TimeSeriesChart::Axis;

const QColor kViews(0x2f, 0x7d, 0xe1);
const QColor kRsvps(0x1f, 0x9d, 0x55);
const QColor kErrors(0xd9, 0x3f, 0x3f);
const QColor kLatency(0x8e, 0x5b, 0xd6);
const QColor kLimit(0xe0, 0x8a, 0x00);

// Past this the numbers on screen are old enough to mislead even if the
// connection has not been declared lost yet (the feed polls every 1-5 s).
constexpr qint64 kAgeWarningSecs = 30;

int slot(TrafficChartsPanel::Metric m)
{
    return int(m);
}

QColor actionColor(const QString &action)
{
    if (action == QLatin1String("launch"))
        return QColor(0x0e, 0x9f, 0x8f);
    if (action == QLatin1String("blast"))
        return QColor(0xd9, 0x48, 0x0f);
    if (action == QLatin1String("blast_approved"))
        return QColor(0xf0, 0x8c, 0x00);
    return QColor(0xc2, 0x25, 0x5c); // site flips
}

} // namespace

TrafficChartsPanel::TrafficChartsPanel(LiveSource *feed, QWidget *parent)
    : QWidget(parent)
    , m_feed(feed)
{
    setObjectName(QStringLiteral("trafficChartsPanel"));

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    auto *group = new QActionGroup(this);
    group->setExclusive(true);
    const struct
    {
        TrafficSeries::Window window;
        QString text;
        QString tip;
        int key;
    } windows[] = {
        {TrafficSeries::Window::Minutes15, tr("15 min"), tr("Show the last 15 minutes (Alt+1)"), Qt::Key_1},
        {TrafficSeries::Window::Hour1, tr("1 h"), tr("Show the last hour (Alt+2)"), Qt::Key_2},
        {TrafficSeries::Window::Hours24, tr("24 h"), tr("Show the last 24 hours (Alt+3)"), Qt::Key_3},
    };
    for (int i = 0; i < 3; ++i) {
        auto *a = new QAction(windows[i].text, this);
        a->setCheckable(true);
        a->setToolTip(windows[i].tip);
        a->setShortcut(QKeySequence(Qt::ALT | Qt::Key(windows[i].key)));
        // Other panels of the console have their own Alt+digit meanings; these
        // apply only while focus is inside the charts.
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        a->setChecked(windows[i].window == m_window);
        const TrafficSeries::Window w = windows[i].window;
        connect(a, &QAction::triggered, this, [this, w] { setTimeWindow(w); });
        group->addAction(a);
        addAction(a);
        auto *b = new QToolButton(this);
        b->setDefaultAction(a);
        b->setAutoRaise(true);
        top->addWidget(b);
        m_windowActions[size_t(i)] = a;
    }
    top->addStretch(1);
    m_age = new QLabel(this);
    m_age->setObjectName(QStringLiteral("dataAge"));
    top->addWidget(m_age);

    m_stack = new QStackedWidget(this);
    auto *gridPage = new QWidget(m_stack);
    auto *grid = new QGridLayout(gridPage);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(4);
    for (auto &c : m_charts)
        c = ChartFactory::create(this);

    setupChart(Metric::Views, tr("Views per minute"), tr("views/min"), QStringLiteral("%.0f"), 10);
    chart(Metric::Views)->addSeries(tr("Views/min"), kViews);
    setupChart(Metric::Rsvps, tr("RSVPs per minute"), tr("RSVPs/min"), QStringLiteral("%.0f"), 5);
    chart(Metric::Rsvps)->addSeries(tr("RSVPs/min"), kRsvps);
    setupChart(Metric::ErrorRate, tr("5xx error rate"), tr("% of requests"), QStringLiteral("%.1f"), 1);
    chart(Metric::ErrorRate)->addSeries(tr("5xx rate"), kErrors);
    setupChart(Metric::Latency, tr("p95 latency"), tr("ms"), QStringLiteral("%.0f"), 100);
    chart(Metric::Latency)->addSeries(tr("p95 latency"), kLatency);
    setupChart(Metric::Overview, tr("Views and RSVPs per minute"), tr("views/min"), QStringLiteral("%.0f"), 10);
    TimeSeriesChart *overview = chart(Metric::Overview);
    overview->addSeries(tr("Views/min"), kViews, Axis::Left);
    overview->setAxisLabel(Axis::Right, tr("RSVPs/min"));
    overview->setAxisFormat(Axis::Right, QStringLiteral("%.0f"));
    overview->setAxisMinimumTop(Axis::Right, 5);
    overview->addSeries(tr("RSVPs/min"), kRsvps, Axis::Right);

    grid->addWidget(chart(Metric::Views)->widget(), 0, 0);
    grid->addWidget(chart(Metric::Rsvps)->widget(), 0, 1);
    grid->addWidget(chart(Metric::ErrorRate)->widget(), 1, 0);
    grid->addWidget(chart(Metric::Latency)->widget(), 1, 1);
    m_stack->addWidget(gridPage);
    m_stack->addWidget(overview->widget());
    // A source without traffic (a read-only mirror) would draw empty charts
    // that read as "no visitors"; show only what it has.
    if (m_feed && !m_feed->has(LiveSource::Capability::Traffic)) {
        for (Metric m : {Metric::Views, Metric::ErrorRate, Metric::Latency})
            chart(m)->widget()->hide();
    }

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_stack, 1);

    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(0);
    connect(&m_coalesce, &QTimer::timeout, this, &TrafficChartsPanel::refresh);
    m_ageTimer.setInterval(1000);
    connect(&m_ageTimer, &QTimer::timeout, this, &TrafficChartsPanel::onAgeTimer);
    m_ageTimer.start();

    if (m_feed) {
        connect(m_feed, &LiveSource::trafficChanged, this, &TrafficChartsPanel::scheduleRefresh);
        connect(m_feed, &LiveSource::totalsChanged, this, &TrafficChartsPanel::scheduleRefresh);
        connect(m_feed, &LiveSource::annotationsChanged, this, [this] {
            m_annotationsDirty = true;
            scheduleRefresh();
        });
        connect(m_feed, &LiveSource::staleChanged, this, [this] {
            updateDataAge();
            scheduleRefresh();
        });
        connect(m_feed, &LiveSource::updated, this, &TrafficChartsPanel::updateDataAge);
    }
    updateDataAge();
    refresh();
}

// Out of line so the unique_ptrs delete the charts (and their widgets)
// before QWidget's destructor would delete those widgets a second way.
TrafficChartsPanel::~TrafficChartsPanel() = default;

void TrafficChartsPanel::setupChart(Metric metric, const QString &title, const QString &axisLabel,
                                    const QString &format, double minimumTop)
{
    TimeSeriesChart *c = chart(metric);
    c->setTitle(title);
    c->setAxisLabel(Axis::Left, axisLabel);
    c->setAxisFormat(Axis::Left, format);
    c->setAxisMinimumTop(Axis::Left, minimumTop);
}

TimeSeriesChart *TrafficChartsPanel::chart(Metric metric) const
{
    return m_charts[size_t(slot(metric))].get();
}

void TrafficChartsPanel::setTimeWindow(TrafficSeries::Window window)
{
    // The actions are in Window order.
    for (size_t i = 0; i < m_windowActions.size(); ++i) {
        const bool mine = TrafficSeries::Window(i) == window;
        if (m_windowActions[i]->isChecked() != mine)
            m_windowActions[i]->setChecked(mine);
    }
    if (window == m_window)
        return;
    m_window = window;
    logcat::ui()->debug("traffic charts: window {} min", TrafficSeries::spanMs(window) / 60000);
    refresh();
    Q_EMIT timeWindowChanged(window);
}

void TrafficChartsPanel::setThresholds(const Thresholds &thresholds)
{
    if (thresholds == m_thresholds)
        return;
    m_thresholds = thresholds;
    refresh();
}

void TrafficChartsPanel::setCompact(bool compact)
{
    if (compact == m_compact)
        return;
    m_compact = compact;
    m_stack->setCurrentIndex(compact ? 1 : 0);
    // The charts that were hidden did not follow the feed.
    refresh();
}

void TrafficChartsPanel::setAutoCompact(bool on)
{
    m_autoCompact = on;
    // An explicit minimum overrides the stack's, which is its tallest page's.
    m_stack->setMinimumSize(on ? chart(Metric::Overview)->widget()->minimumSizeHint() : QSize(0, 0));
    if (on)
        setCompact(m_stack->height() < m_stack->widget(0)->minimumSizeHint().height());
}

void TrafficChartsPanel::resizeEvent(QResizeEvent *e)
{
    QWidget::resizeEvent(e);
    if (m_autoCompact)
        setCompact(m_stack->height() < m_stack->widget(0)->minimumSizeHint().height());
}

void TrafficChartsPanel::scheduleRefresh()
{
    // A panel in a background tab does no chart work; it catches up when shown.
    if (!isVisible()) {
        m_missedWhileHidden = true;
        return;
    }
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

void TrafficChartsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_missedWhileHidden)
        scheduleRefresh();
}

void TrafficChartsPanel::refresh()
{
    m_coalesce.stop();
    m_missedWhileHidden = false;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    TrafficSeries::Result r;
    if (m_feed) {
        r = TrafficSeries::build(*m_feed, m_window, now);
    } else {
        r.toMs = now;
        r.fromMs = now - TrafficSeries::spanMs(m_window);
    }
    if (m_annotationsDirty) {
        m_annotations = buildAnnotations();
        m_annotationsDirty = false;
    }
    auto draw = [&](Metric m, const QList<QList<QPointF>> &series) {
        TimeSeriesChart *c = chart(m);
        c->beginUpdate();
        c->setTimeRange(r.fromMs, r.toMs);
        for (int i = 0; i < series.size(); ++i)
            c->replaceSeries(i, series.at(i));
        c->setThresholds(thresholdsFor(m));
        c->setAnnotations(m_annotations);
        c->endUpdate();
    };
    if (m_compact) {
        draw(Metric::Overview, {r.viewsPerMinute, r.rsvpsPerMinute});
    } else {
        draw(Metric::Views, {r.viewsPerMinute});
        draw(Metric::Rsvps, {r.rsvpsPerMinute});
        draw(Metric::ErrorRate, {r.errorRatePercent});
        draw(Metric::Latency, {r.p95Ms});
    }
    ++m_refreshes;
    m_lastRefreshMs = now;
    updateDataAge();
}

void TrafficChartsPanel::onAgeTimer()
{
    updateDataAge();
    // Without ticks nothing else moves the window; sliding it on makes an
    // outage visible as empty time instead of a frozen picture.
    if (m_feed && m_feed->isStale() &&
        QDateTime::currentMSecsSinceEpoch() - m_lastRefreshMs >= TrafficSeries::trafficStepMs(m_window))
        scheduleRefresh();
}

QString TrafficChartsPanel::dataAgeText() const
{
    return m_age->text();
}

void TrafficChartsPanel::updateDataAge()
{
    QString text;
    bool warn = false;
    if (!m_feed || !m_feed->lastUpdate().isValid()) {
        text = tr("waiting for data…");
    } else if (m_feed->isStale()) {
        const QDateTime since = m_feed->staleSince().isValid() ? m_feed->staleSince() : m_feed->lastUpdate();
        text = tr("stale since %1").arg(since.toString(QStringLiteral("HH:mm:ss")));
        warn = true;
    } else {
        const qint64 secs = std::max<qint64>(0, m_feed->lastUpdate().secsTo(QDateTime::currentDateTime()));
        text =
            secs < 90 ? tr("updated %n s ago", nullptr, int(secs)) : tr("updated %n min ago", nullptr, int(secs / 60));
        warn = secs > kAgeWarningSecs;
    }
    if (text != m_age->text())
        m_age->setText(text);
    if (warn != m_ageWarning || !m_age->property("styled").toBool()) {
        m_ageWarning = warn;
        m_age->setProperty("styled", true);
        const bool dark = palette().color(QPalette::Window).lightness() < 128;
        QPalette p = palette();
        if (warn)
            p.setColor(QPalette::WindowText, dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0xb3, 0x5c, 0x00));
        m_age->setPalette(p);
        QFont f = font();
        f.setBold(warn);
        m_age->setFont(f);
    }
}

void TrafficChartsPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_age) {
        m_age->setProperty("styled", false);
        updateDataAge();
    }
}

QList<TimeSeriesChart::Threshold> TrafficChartsPanel::thresholdsFor(Metric metric) const
{
    const QLocale loc;
    QList<TimeSeriesChart::Threshold> out;
    if (metric == Metric::ErrorRate && m_thresholds.errorRatePercent > 0)
        out << TimeSeriesChart::Threshold {m_thresholds.errorRatePercent,
                                           tr("limit %1 %").arg(loc.toString(m_thresholds.errorRatePercent, 'g', 3)),
                                           kLimit, Axis::Left};
    if (metric == Metric::Latency && m_thresholds.p95Ms > 0)
        out << TimeSeriesChart::Threshold {
            m_thresholds.p95Ms, tr("limit %1 ms").arg(loc.toString(m_thresholds.p95Ms, 'f', 0)), kLimit, Axis::Left};
    return out;
}

QList<TimeSeriesChart::Annotation> TrafficChartsPanel::buildAnnotations() const
{
    if (!m_feed)
        return {};
    // The audit log also carries reviews, edits and notes; only operations
    // that move traffic get a marker. The feed lists entries in commit
    // order; markers need time order.
    static const QStringList kMarked {QStringLiteral("launch"), QStringLiteral("blast"),
                                      QStringLiteral("blast_approved"), QStringLiteral("flip_static"),
                                      QStringLiteral("flip_dynamic")};
    QList<LiveSource::Annotation> rows;
    for (const LiveSource::Annotation &a : m_feed->annotations())
        if (kMarked.contains(a.action))
            rows << a;
    std::stable_sort(rows.begin(), rows.end(), [](const LiveSource::Annotation &a, const LiveSource::Annotation &b) {
        return a.at < b.at || (a.at == b.at && a.id < b.id);
    });

    auto label = [](const QString &action) {
        if (action == QLatin1String("launch"))
            return tr("Launch");
        if (action == QLatin1String("blast"))
            return tr("Blast");
        if (action == QLatin1String("blast_approved"))
            return tr("Blast approved");
        if (action == QLatin1String("flip_static"))
            return tr("Site static");
        if (action == QLatin1String("flip_dynamic"))
            return tr("Site dynamic");
        return action;
    };
    auto make = [&](const LiveSource::Annotation &a, bool pending) {
        TimeSeriesChart::Annotation out;
        out.atMs = a.at.toMSecsSinceEpoch();
        out.label = pending ? tr("%1 (no outcome yet)").arg(label(a.action)) : label(a.action);
        out.color = actionColor(a.action);
        out.toolTip = tr("%1 at %2 by %3").arg(label(a.action), a.at.toString(QStringLiteral("HH:mm:ss")), a.actor);
        if (!a.result.isEmpty())
            out.toolTip += QLatin1String(": ") + a.result;
        return out;
    };

    // One marker per operation: its outcome when there is one; otherwise the
    // first intent still waiting for it (retries of an intent add nothing).
    QList<TimeSeriesChart::Annotation> out;
    QHash<QString, LiveSource::Annotation> waiting;
    for (const LiveSource::Annotation &a : std::as_const(rows)) {
        if (a.phase == QLatin1String("outcome")) {
            waiting.remove(a.action);
            out << make(a, false);
        } else if (a.phase == QLatin1String("intent") && !waiting.contains(a.action)) {
            waiting.insert(a.action, a);
        }
    }
    for (const LiveSource::Annotation &a : std::as_const(waiting))
        out << make(a, true);
    std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.atMs < b.atMs; });
    return out;
}

} // namespace oc

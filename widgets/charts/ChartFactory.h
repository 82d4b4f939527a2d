#pragma once

#include "TimeSeriesChart.h"

#include <memory>

namespace oc {

// The one place that picks the charting backend (Qt Charts today; Qt Graphs
// or our own painter once Qt Charts is gone).
class ChartFactory
{
public:
    // The chart's widget is a child of `parent`; the returned object owns it.
    static std::unique_ptr<TimeSeriesChart> create(QWidget *parent = nullptr);
};

} // namespace oc

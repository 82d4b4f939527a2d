#include "ChartFactory.h"

#include "QtChartsTimeSeriesChart.h"

namespace oc {

std::unique_ptr<TimeSeriesChart> ChartFactory::create(QWidget *parent)
{
    return std::make_unique<QtChartsTimeSeriesChart>(parent);
}

} // namespace oc

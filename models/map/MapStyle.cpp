#include "MapStyle.h"

#include <algorithm>
#include <cmath>

namespace oc {

double MapStyle::clusterRadius(std::uint32_t count)
{
    // Grows with the order of magnitude, so a 50k cluster is bigger than a
    // 50 one without covering its neighbours (the clusterer keeps 48 px apart).
    return std::min(22.0, 10.0 + 3.0 * std::log10(double(std::max<std::uint32_t>(count, 2))));
}

} // namespace oc

#include "WindowPlacement.h"

#include <algorithm>

namespace oc {

bool WindowPlacement::fits(const QRect &client, const QRect &available, const QMargins &frame)
{
    return client.isValid() && available.contains(client.marginsAdded(frame));
}

QRect WindowPlacement::place(const QRect &saved, const QRect &available, const QSize &preferred, const QMargins &frame)
{
    if (fits(saved, available, frame))
        return saved;
    const QRect room = available.marginsRemoved(frame);
    QRect r(QPoint(0, 0), preferred.boundedTo(room.size()));
    // A saved size that fits, at a position that no longer does (another
    // screen arrangement), keeps its size.
    if (saved.isValid() && saved.width() <= room.width() && saved.height() <= room.height())
        r.setSize(saved.size());
    r.moveCenter(room.center());
    r.moveLeft(std::max(r.left(), room.left()));
    r.moveTop(std::max(r.top(), room.top()));
    return r;
}

} // namespace oc

#include "OfflineDbConnection.h"

#include <QMetaObject>

namespace oc::test {

void OfflineDbConnection::exec(std::vector<DbQuery> batch, QObject *context, Callback cb)
{
    for (const DbQuery &q : batch)
        m_asked << QString::fromUtf8(q.sql);
    // Asynchronously, as a real connection answers.
    QMetaObject::invokeMethod(
        context ? context : this,
        [cb = std::move(cb)] {
            DbError e;
            e.message = QStringLiteral("offline");
            if (cb)
                cb(e);
        },
        Qt::QueuedConnection);
}

} // namespace oc::test

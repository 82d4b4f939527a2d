#include "SourceProbe.h"

#include "ConnInfo.h"
#include "PgAsyncConnection.h"

namespace oc {

SourceProbe::SourceProbe(QObject *parent)
    : QObject(parent)
{
}

SourceProbe::~SourceProbe() = default;

void SourceProbe::start(const QString &conninfo)
{
    m_conn = std::make_unique<PgAsyncConnection>();
    m_conn->setAutoReconnect(false);
    connect(m_conn.get(), &DbConnection::connectionLost, this,
            [this](const QString &why) { Q_EMIT finished(false, {}, why); });
    connect(m_conn.get(), &DbConnection::connected, this, [this] {
        m_conn->exec({DbQuery(SourceDetector::catalogSql())}, this, [this](const DbConnection::Outcome &o) {
            if (const DbError *e = DbConnection::error(o)) {
                Q_EMIT finished(false, {}, e->message);
                return;
            }
            Q_EMIT finished(true, SourceDetector::classify((*DbConnection::tables(o))[0]), {});
        });
    });
    m_conn->open(
        ConnInfo::withParam(ConnInfo::withParam(conninfo, QStringLiteral("connect_timeout"), QStringLiteral("10")),
                            QStringLiteral("application_name"), QStringLiteral("organizer-console-probe")));
}

} // namespace oc

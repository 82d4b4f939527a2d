// Issue 16: with nothing of ours configured, the console connects as psql
// would, through libpq's own PG* environment and an empty conninfo.
#include "ConfigResolver.h"
#include "ConnInfo.h"
#include "ConsoleSession.h"
#include "DbConnection.h"
#include "TestDatabase.h"

#include <QHash>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

#include <libpq-fe.h>

using namespace oc;

namespace {

// The test database's conninfo, keyword -> value, parsed by libpq.
QHash<QByteArray, QByteArray> parse(const QString &conninfo)
{
    QHash<QByteArray, QByteArray> out;
    char *err = nullptr;
    PQconninfoOption *opts = PQconninfoParse(conninfo.toUtf8().constData(), &err);
    PQfreemem(err);
    if (!opts)
        return out;
    for (PQconninfoOption *o = opts; o->keyword; ++o)
        if (o->val)
            out.insert(o->keyword, o->val);
    PQconninfoFree(opts);
    return out;
}

} // namespace

class TestLibpqEnvironment : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("OrganizerConsoleTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_libpqenvironment"));
        QSettings().clear();
        QString err;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&err), qPrintable(err));
    }

    void sessionConnectsThroughPgVariables()
    {
        const auto kv = parse(test::TestDatabase::instance().freshDatabase(QStringLiteral("libpqenv")));
        QVERIFY(kv.contains("host") && kv.contains("port") && kv.contains("dbname") && kv.contains("user"));
        for (const char *v : {"PGSERVICE", "ORGANIZER_DB"})
            qunsetenv(v);
        qputenv("PGHOST", kv.value("host"));
        qputenv("PGPORT", kv.value("port"));
        qputenv("PGDATABASE", kv.value("dbname"));
        qputenv("PGUSER", kv.value("user"));

        QSettings settings;
        ConfigResolver::Resolved r = ConfigResolver::resolve({}, ConfigResolver::processEnvironment(), settings);
        QCOMPARE(r.databaseSource, ConfigResolver::DatabaseSource::LibpqEnvironment);
        QVERIFY(r.session.conninfo.isEmpty());
        QString err;
        QVERIFY2(ConnInfo::validate(r.session.conninfo, &err), qPrintable(err));
        QCOMPARE(ConnInfo::environmentDefaults().value(QStringLiteral("dbname")),
                 QString::fromUtf8(kv.value("dbname")));

        r.session.source = ConsoleSession::Source::Hub;
        r.session.pollFastMs = 100;
        r.session.pollSlowMs = 300;
        ConsoleSession session(r.session);
        QVERIFY(session.config().displayTarget.contains(QString::fromUtf8(kv.value("dbname"))));
        session.start();
        QTRY_VERIFY_WITH_TIMEOUT(session.db()->state() == DbConnection::State::Connected, 15000);
    }
};

QTEST_GUILESS_MAIN(TestLibpqEnvironment)
#include "tst_libpqenvironment.moc"

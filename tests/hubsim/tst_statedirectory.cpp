// Where the RSVP journal goes by default, resolved from a fake environment so
// the test never looks at (or writes into) the real home.
#include "StateDirectory.h"

#include <QDir>
#include <QTest>

using namespace oc::sim;

namespace {

QProcessEnvironment env(std::initializer_list<std::pair<const char *, const char *>> vars)
{
    QProcessEnvironment e; // empty, not the process's own
    for (const auto &[k, v] : vars)
        e.insert(QLatin1String(k), QLatin1String(v));
    return e;
}

} // namespace

class TestStateDirectory : public QObject
{
    Q_OBJECT
private slots:
    void systemdServiceWins()
    {
        QCOMPARE(
            StateDirectory::resolve(
                env({{"STATE_DIRECTORY", "/var/lib/private/hubsim"}, {"XDG_STATE_HOME", "/x"}, {"HOME", "/home/ann"}})),
            QStringLiteral("/var/lib/private/hubsim"));
        // StateDirectory=a b gives a colon-separated list: the first is ours.
        QCOMPARE(StateDirectory::resolve(env({{"STATE_DIRECTORY", "/var/lib/a:/var/lib/b"}})),
                 QStringLiteral("/var/lib/a"));
    }

    void xdgStateHomeThenHome()
    {
        QCOMPARE(StateDirectory::resolve(env({{"XDG_STATE_HOME", "/x/state"}, {"HOME", "/home/ann"}})),
                 QStringLiteral("/x/state/organizer-hubsim"));
        QCOMPARE(StateDirectory::resolve(env({{"HOME", "/home/ann"}})),
                 QStringLiteral("/home/ann/.local/state/organizer-hubsim"));
        // The XDG spec: a relative XDG_STATE_HOME is ignored.
        QCOMPARE(StateDirectory::resolve(env({{"XDG_STATE_HOME", "state"}, {"HOME", "/home/ann"}})),
                 QStringLiteral("/home/ann/.local/state/organizer-hubsim"));
    }

    void journalPerDatabaseAndSite()
    {
        const auto e = env({{"HOME", "/home/ann"}});
        const QString a = StateDirectory::rsvpJournal(QStringLiteral("dbname=a"), QStringLiteral("events"), e);
        const QString b = StateDirectory::rsvpJournal(QStringLiteral("dbname=b"), QStringLiteral("events"), e);
        const QString a2 = StateDirectory::rsvpJournal(QStringLiteral("dbname=a"), QStringLiteral("other"), e);
        QVERIFY2(a.startsWith(QStringLiteral("/home/ann/.local/state/organizer-hubsim/rsvp-")), qPrintable(a));
        QVERIFY(a.endsWith(QStringLiteral(".jsonl")));
        QCOMPARE(StateDirectory::rsvpJournal(QStringLiteral("dbname=a"), QStringLiteral("events"), e), a);
        QVERIFY(a != b);
        QVERIFY(a != a2);
        QVERIFY(!a.startsWith(QDir::tempPath()));
    }
};

QTEST_GUILESS_MAIN(TestStateDirectory)
#include "tst_statedirectory.moc"

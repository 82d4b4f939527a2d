#include "ConnInfo.h"
#include "ConfigResolver.h"
#include "ConnectionDialog.h"
#include "MemorySecretStore.h"
#include "PgServer.h"
#include "TestDatabase.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHash>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace oc;

class TestConnectionDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QString err;
        QVERIFY2(test::TestDatabase::instance().ensureStarted(&err), qPrintable(err));
    }

    void redactsPasswords()
    {
        const QString r = ConnInfo::redacted(QStringLiteral("host=x dbname=hub user=u password=s3cret"));
        QVERIFY(!r.contains(QStringLiteral("s3cret")));
        QVERIFY(r.contains(QStringLiteral("password=***")));
        QVERIFY(!ConnInfo::redacted(QStringLiteral("postgresql://u:s3cret@h/db")).contains(QStringLiteral("s3cret")));
        QString err;
        QVERIFY(!ConnInfo::validate(QStringLiteral("host=x bogus"), &err));
        QVERIFY(!err.isEmpty());
    }

    // Issue 16: no saved profile, but libpq's own variables say where: the
    // dialog starts from what psql would use.
    void prefilledFromLibpqEnvironment()
    {
        QSettings().clear();
        const QStringList vars {QStringLiteral("PGSERVICE"), QStringLiteral("PGHOST"), QStringLiteral("PGPORT"),
                                QStringLiteral("PGDATABASE"), QStringLiteral("PGUSER")};
        QHash<QString, QByteArray> before;
        for (const QString &v : vars)
            before.insert(v, qgetenv(qPrintable(v)));
        qunsetenv("PGSERVICE");
        qputenv("PGHOST", "db.example.org");
        qputenv("PGPORT", "6543");
        qputenv("PGDATABASE", "campaign");
        qputenv("PGUSER", "volunteer");
        {
            ConnectionDialog d;
            QVERIFY(!d.demoChosen());
            const QString ci = d.conninfo();
            QVERIFY2(ci.contains(QStringLiteral("host='db.example.org'")), qPrintable(ci));
            QVERIFY2(ci.contains(QStringLiteral("port='6543'")), qPrintable(ci));
            QVERIFY2(ci.contains(QStringLiteral("dbname='campaign'")), qPrintable(ci));
            QVERIFY2(ci.contains(QStringLiteral("user='volunteer'")), qPrintable(ci));
        }
        qputenv("PGSERVICE", "hubsvc");
        {
            ConnectionDialog d;
            QVERIFY2(d.conninfo().contains(QStringLiteral("service='hubsvc'")), qPrintable(d.conninfo()));
        }
        for (auto it = before.cbegin(); it != before.cend(); ++it)
            it.value().isNull() ? qunsetenv(qPrintable(it.key())) : qputenv(qPrintable(it.key()), it.value());
        QSettings().clear();
    }

    void explainsFailuresInPlainWords_data()
    {
        QTest::addColumn<QString>("conninfo");
        QTest::addColumn<QString>("expected");
        auto &db = test::TestDatabase::instance();
        QTest::newRow("unreachable") << QStringLiteral("host=/nonexistent port=5 dbname=hub")
                                     << QStringLiteral("cannot be reached");
        QTest::newRow("no database") << db.server().conninfo(QStringLiteral("no_such_db"))
                                     << QStringLiteral("does not exist");
        QTest::newRow("no schema") << db.emptyDatabase(QStringLiteral("dlg_empty"))
                                   << QStringLiteral("does not contain");
        QTest::newRow("ok") << db.freshDatabase(QStringLiteral("dlg_ok")) << QStringLiteral("Connected.");
        QTest::newRow("garbage") << QStringLiteral("host=x = =") << QStringLiteral("not valid");
    }

    void explainsFailuresInPlainWords()
    {
        QFETCH(QString, conninfo);
        QFETCH(QString, expected);
        ConnectionDialog d;
        d.findChild<QRadioButton *>(QString(), Qt::FindChildrenRecursively); // built
        const auto radios = d.findChildren<QRadioButton *>();
        radios.at(1)->setChecked(true); // "Connect to my campaign's database"
        const auto combos = d.findChildren<QComboBox *>();
        combos.at(0)->setCurrentIndex(2); // connection string
        for (QLineEdit *e : d.findChildren<QLineEdit *>())
            if (e->accessibleName() == QStringLiteral("Connection string"))
                e->setText(conninfo);
        QSignalSpy done(&d, &ConnectionDialog::testFinished);
        d.testConnection();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 15000);
        QVERIFY2(d.lastResult().contains(expected), qPrintable(d.lastResult()));
    }

    void neverStoresThePassword()
    {
        ConnectionDialog d;
        d.findChildren<QRadioButton *>().at(1)->setChecked(true);
        d.findChildren<QComboBox *>().at(0)->setCurrentIndex(2);
        d.findChildren<QComboBox *>().at(1)->setCurrentIndex(1); // type it now
        for (QLineEdit *e : d.findChildren<QLineEdit *>()) {
            if (e->accessibleName() == QStringLiteral("Connection string"))
                e->setText(QStringLiteral("host=db dbname=hub user=me"));
            if (e->accessibleName() == QStringLiteral("Password"))
                e->setText(QStringLiteral("hunter2"));
        }
        QVERIFY(d.conninfo().contains(QStringLiteral("hunter2")));
        d.saveProfile();
        QSettings s;
        s.sync();
        QVERIFY(!s.value(QStringLiteral("connection/conninfo")).toString().contains(QStringLiteral("hunter2")));
        QCOMPARE(s.value(QStringLiteral("connection/conninfo")).toString(),
                 QStringLiteral("host=db dbname=hub user=me"));
    }

    // Issue 16: the ops-API token typed in the dialog is masked, kept by the
    // desktop keychain under the API's key, and never by the settings.
    void keepsTheApiTokenInTheKeychain()
    {
        QSettings().clear();
        test::MemorySecretStore keychain;
        ConnectionDialog d(nullptr, &keychain);
        QSignalSpy checked(&d, &ConnectionDialog::keychainChecked);
        QVERIFY(checked.wait(5000));
        d.findChildren<QRadioButton *>().at(1)->setChecked(true);
        d.findChildren<QComboBox *>().at(0)->setCurrentIndex(2);
        QLineEdit *token = nullptr;
        for (QLineEdit *e : d.findChildren<QLineEdit *>()) {
            if (e->accessibleName() == QStringLiteral("Connection string"))
                e->setText(QStringLiteral("host=db dbname=hub user=me"));
            if (e->accessibleName() == QStringLiteral("Ops API address"))
                e->setText(QStringLiteral("http://127.0.0.1:8765"));
            if (e->accessibleName() == QStringLiteral("Ops API token"))
                token = e;
        }
        QVERIFY(token);
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        QVERIFY(token->isEnabled());
        token->setText(QStringLiteral("operator-token-typed"));
        QCOMPARE(d.apiToken(), QStringLiteral("operator-token-typed"));
        d.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QTRY_COMPARE(d.result(), int(QDialog::Accepted));
        const QUrl api(QStringLiteral("http://127.0.0.1:8765"));
        QCOMPARE(keychain.secrets.value(ConfigResolver::apiTokenKey(api)), QStringLiteral("operator-token-typed"));
        QSettings s;
        QCOMPARE(s.value(QLatin1String(ConfigResolver::kApiUrlKey)).toString(), api.toString());
        QVERIFY(s.value(QLatin1String(ConfigResolver::kApiTokenInKeychain)).toBool());
        for (const QString &k : s.allKeys())
            QVERIFY2(!s.value(k).toString().contains(QStringLiteral("operator-token-typed")), qPrintable(k));

        // The next start finds it there (the resolver's keychain step).
        auto r = ConfigResolver::resolve({}, [](const char *) { return QString(); }, s);
        QVERIFY(r.apiTokenMayBeInKeychain());
        std::optional<ConfigResolver::Resolved> done;
        ConfigResolver::readApiTokenFromKeychain(r, keychain, &d, [&](const ConfigResolver::Resolved &x) { done = x; });
        QTRY_VERIFY(done.has_value());
        QCOMPARE(done->session.apiToken, QStringLiteral("operator-token-typed"));
        QSettings().clear();
    }
};

QTEST_MAIN(TestConnectionDialog)
#include "tst_connectiondialog.moc"

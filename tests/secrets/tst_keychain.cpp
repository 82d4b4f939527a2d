#include "ConnInfo.h"
#include "ConnectionDialog.h"
#include "KeychainSecretStore.h"
#include "Log.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <optional>

using namespace oc;

namespace {

// Collects a SecretStore answer; tests wait on it with QTRY_*.
struct Answer
{
    std::optional<SecretStore::Result> result;
    SecretStore::Callback callback()
    {
        return [this](const SecretStore::Result &r) { result = r; };
    }
};

QString fileText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// Every file under `dir` that contains `needle`.
QStringList filesContaining(const QString &dir, const QString &needle)
{
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (fileText(path).contains(needle))
            hits << path;
    }
    return hits;
}

template<typename T> T *byAccessibleName(QWidget *root, const QString &name)
{
    for (T *w : root->findChildren<T *>())
        if (w->accessibleName() == name)
            return w;
    return nullptr;
}

} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT
    const bool m_expectAvailable = qgetenv("OC_KEYCHAIN_EXPECT") == "available";
    QTemporaryDir m_logDir;
    // Unique per run, so a leftover entry can never make a test pass.
    const QString m_secret = QStringLiteral("pw-") + QUuid::createUuid().toString(QUuid::WithoutBraces);

    void flushLog()
    {
        spdlog::apply_all([](const std::shared_ptr<spdlog::logger> &l) { l->flush(); });
    }

    void fillRealDatabase(ConnectionDialog &d)
    {
        d.findChildren<QRadioButton *>().at(1)->setChecked(true);
        byAccessibleName<QComboBox>(&d, QStringLiteral("How to connect"))->setCurrentIndex(2);
        byAccessibleName<QLineEdit>(&d, QStringLiteral("Connection string"))
            ->setText(QStringLiteral("host=db.example.org port=5433 dbname=hub user=coordinator"));
        byAccessibleName<QComboBox>(&d, QStringLiteral("Password source"))->setCurrentIndex(1);
    }

    void pressOk(ConnectionDialog &d) { d.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click(); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_logDir.isValid());
        Log::init("tst_keychain", m_logDir.path().toStdString());
        qInfo("expecting the keychain to be %s", m_expectAvailable ? "available" : "unavailable");
        if (m_expectAvailable) {
            // gnome-keyring-daemon was started just before us: wait until it
            // owns the Secret Service name (else the bus would start a second,
            // locked one on the first call).
            QDBusConnection bus = QDBusConnection::sessionBus();
            QVERIFY2(bus.isConnected(), qPrintable(bus.lastError().message()));
            QTRY_VERIFY_WITH_TIMEOUT(bus.interface()->isServiceRegistered(QStringLiteral("org.freedesktop.secrets")),
                                     20000);
        }
    }

    void profileKeyNamesTheProfileWithoutThePassword()
    {
        QCOMPARE(ConnInfo::profileKey(QStringLiteral("host=db.example.org port=5433 dbname=hub user=coord password=x")),
                 QStringLiteral("coord@db.example.org:5433/hub"));
        QCOMPARE(ConnInfo::profileKey(QStringLiteral("postgresql://coord:x@db.example.org:5433/hub")),
                 QStringLiteral("coord@db.example.org:5433/hub"));
        QCOMPARE(ConnInfo::profileKey(QStringLiteral("service=hub user=coord dbname=hub")),
                 QStringLiteral("coord@service=hub/hub"));
        QVERIFY(ConnInfo::profileKey(QStringLiteral("host=x = =")).isEmpty());
        QVERIFY(ConnInfo::hasPassword(QStringLiteral("host=x password=y")));
        QVERIFY(!ConnInfo::hasPassword(QStringLiteral("host=x")));
    }

    void availability()
    {
        KeychainSecretStore store;
        std::optional<bool> available;
        QString why;
        store.checkAvailable(this, [&](bool ok, const QString &w) {
            available = ok;
            why = w;
        });
        QVERIFY(!available); // never answers before returning
        QTRY_VERIFY_WITH_TIMEOUT(available.has_value(), 15000);
        QCOMPARE(*available, m_expectAvailable);
        if (!m_expectAvailable)
            QVERIFY2(why.contains(QStringLiteral("D-Bus")), qPrintable(why));
    }

    void storeReadBackAndDelete()
    {
        KeychainSecretStore store;
        const QString key = QStringLiteral("tst@keychain:5432/") + QUuid::createUuid().toString(QUuid::Id128);
        Answer w, r, d, gone;
        store.write(key, m_secret, this, w.callback());
        QTRY_VERIFY_WITH_TIMEOUT(w.result.has_value(), 20000);
        if (!m_expectAvailable) {
            // Nothing stored anywhere, and the caller learns why.
            QCOMPARE(w.result->status, SecretStore::Status::Unavailable);
            QVERIFY(!w.result->message.isEmpty());
            store.read(key, this, r.callback());
            QTRY_VERIFY(r.result.has_value());
            QCOMPARE(r.result->status, SecretStore::Status::Unavailable);
            return;
        }
        QVERIFY2(w.result->ok(), qPrintable(w.result->message));
        store.read(key, this, r.callback());
        QTRY_VERIFY_WITH_TIMEOUT(r.result.has_value(), 20000);
        QVERIFY2(r.result->ok(), qPrintable(r.result->message));
        QCOMPARE(r.result->secret, m_secret);
        store.remove(key, this, d.callback());
        QTRY_VERIFY_WITH_TIMEOUT(d.result.has_value(), 20000);
        QVERIFY2(d.result->ok(), qPrintable(d.result->message));
        store.read(key, this, gone.callback());
        QTRY_VERIFY_WITH_TIMEOUT(gone.result.has_value(), 20000);
        QCOMPARE(gone.result->status, SecretStore::Status::NotFound);
    }

    void dialogRemembersOrExplains()
    {
        QSettings().clear();
        ConnectionDialog d;
        QSignalSpy checked(&d, &ConnectionDialog::keychainChecked);
        auto *remember =
            byAccessibleName<QCheckBox>(&d, QStringLiteral("Remember the password in the desktop keychain"));
        QVERIFY(remember);
        fillRealDatabase(d);
        QVERIFY(!remember->isEnabled()); // not before the keychain answered
        QVERIFY(checked.wait(20000));
        QCOMPARE(checked.at(0).at(0).toBool(), m_expectAvailable);
        QCOMPARE(d.keychainAvailable(), m_expectAvailable);
        byAccessibleName<QLineEdit>(&d, QStringLiteral("Password"))->setText(m_secret);
        QSignalSpy accepted(&d, &QDialog::accepted);

        if (!m_expectAvailable) {
            QVERIFY(!remember->isEnabled());
            QVERIFY2(remember->toolTip().contains(QStringLiteral("D-Bus")), qPrintable(remember->toolTip()));
            auto *note = byAccessibleName<QLabel>(&d, QStringLiteral("Desktop keychain"));
            QVERIFY(note && !note->isHidden() && note->text() == remember->toolTip());
            // Per session: the typed password is used, and saved nowhere.
            pressOk(d);
            QCOMPARE(accepted.count(), 1);
            QVERIFY(d.conninfo().contains(m_secret));
            QVERIFY(!QSettings().value(QStringLiteral("connection/passwordInKeychain")).toBool());
        } else {
            QVERIFY(remember->isEnabled());
            remember->setChecked(true);
            pressOk(d);
            QVERIFY(accepted.wait(20000));
            QSettings s;
            QVERIFY(s.value(QStringLiteral("connection/passwordInKeychain")).toBool());
            // What the console reads at start: the keychain under the profile key.
            KeychainSecretStore store;
            Answer r;
            store.read(ConnInfo::profileKey(s.value(QStringLiteral("connection/conninfo")).toString()), this,
                       r.callback());
            QTRY_VERIFY_WITH_TIMEOUT(r.result.has_value(), 20000);
            QVERIFY2(r.result->ok(), qPrintable(r.result->message));
            QCOMPARE(r.result->secret, m_secret);
        }

        // Never in plain text: not in the settings, not in the log.
        QSettings s;
        s.sync();
        QVERIFY(QFile::exists(s.fileName()));
        QVERIFY(!fileText(s.fileName()).contains(m_secret));
        QCOMPARE(filesContaining(QFileInfo(s.fileName()).absolutePath(), m_secret), QStringList());
        flushLog();
        QVERIFY(!fileText(QString::fromStdString(Log::filePath())).isEmpty());
        QCOMPARE(filesContaining(m_logDir.path(), m_secret), QStringList());
    }

    void dialogForgetsWhenTheUserChoosesPgpass()
    {
        if (!m_expectAvailable)
            QSKIP("needs a keychain");
        const QString key = ConnInfo::profileKey(QSettings().value(QStringLiteral("connection/conninfo")).toString());
        ConnectionDialog d;
        QSignalSpy checked(&d, &ConnectionDialog::keychainChecked);
        QVERIFY(checked.wait(20000));
        auto *remember =
            byAccessibleName<QCheckBox>(&d, QStringLiteral("Remember the password in the desktop keychain"));
        QVERIFY(remember->isChecked()); // the saved profile says so
        byAccessibleName<QComboBox>(&d, QStringLiteral("Password source"))->setCurrentIndex(0);
        QSignalSpy accepted(&d, &QDialog::accepted);
        pressOk(d);
        QVERIFY(accepted.wait(20000));
        QVERIFY(!QSettings().value(QStringLiteral("connection/passwordInKeychain")).toBool());
        KeychainSecretStore store;
        Answer r;
        store.read(key, this, r.callback());
        QTRY_VERIFY_WITH_TIMEOUT(r.result.has_value(), 20000);
        QCOMPARE(r.result->status, SecretStore::Status::NotFound);
    }
};

QTEST_MAIN(TestKeychain)
#include "tst_keychain.moc"

// Per-category log levels from the environment, the spdlog way
// (SPDLOG_LEVEL=info,db=debug), with OC_LOG_LEVEL kept as the default level.
// Checked in the log file itself: what a level lets through is what matters.
#include "Log.h"
#include "LogCategories.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace oc;

class TestLogLevels : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QByteArray logText()
    {
        spdlog::apply_all([](const std::shared_ptr<spdlog::logger> &l) { l->flush(); });
        QFile f(QString::fromStdString(Log::filePath()));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private slots:
    void cleanup()
    {
        qunsetenv("SPDLOG_LEVEL");
        qunsetenv("OC_LOG_LEVEL");
    }

    void oneCategoryAtDebugTheOthersAtInfo()
    {
        qputenv("SPDLOG_LEVEL", "info,db=debug");
        qputenv("OC_LOG_LEVEL", "trace"); // SPDLOG_LEVEL's default wins
        Log::init("tst_loglevels", m_dir.path().toStdString());
        logcat::db()->debug("db says debug-1");
        logcat::feed()->debug("feed says debug-1");
        logcat::feed()->info("feed says info-1");
        const QByteArray text = logText();
        QVERIFY2(text.contains("db says debug-1"), text.constData());
        QVERIFY2(text.contains("feed says info-1"), text.constData());
        QVERIFY2(!text.contains("feed says debug-1"), text.constData());
        QCOMPARE(logcat::api()->level(), spdlog::level::info); // one made after init too
    }

    void ocLogLevelIsTheDefault()
    {
        // Only a category in SPDLOG_LEVEL: the default comes from OC_LOG_LEVEL.
        qputenv("SPDLOG_LEVEL", "sim=trace");
        qputenv("OC_LOG_LEVEL", "warn");
        Log::init("tst_loglevels", m_dir.path().toStdString());
        QCOMPARE(logcat::sim()->level(), spdlog::level::trace);
        QCOMPARE(logcat::feed()->level(), spdlog::level::warn);
        // The db=debug of the previous init is gone with SPDLOG_LEVEL.
        QCOMPARE(logcat::db()->level(), spdlog::level::warn);
        logcat::feed()->info("feed says info-2");
        logcat::feed()->warn("feed says warn-2");
        const QByteArray text = logText();
        QVERIFY2(text.contains("feed says warn-2"), text.constData());
        QVERIFY2(!text.contains("feed says info-2"), text.constData());
    }

    void withoutEitherEverythingFromDebug()
    {
        Log::init("tst_loglevels", m_dir.path().toStdString());
        QCOMPARE(logcat::db()->level(), spdlog::level::debug);
        QCOMPARE(logcat::ui()->level(), spdlog::level::debug);
    }

    void emptyOrMisspeltLevelKeepsTheDefault()
    {
        // spdlog reads an unknown name as "off": the log must not go silent.
        qputenv("OC_LOG_LEVEL", "");
        Log::init("tst_loglevels", m_dir.path().toStdString());
        QCOMPARE(logcat::db()->level(), spdlog::level::debug);
        qputenv("OC_LOG_LEVEL", "verbose");
        Log::init("tst_loglevels", m_dir.path().toStdString());
        QCOMPARE(logcat::db()->level(), spdlog::level::debug);
        qputenv("OC_LOG_LEVEL", "off");
        Log::init("tst_loglevels", m_dir.path().toStdString());
        QCOMPARE(logcat::db()->level(), spdlog::level::off);
    }
};

QTEST_GUILESS_MAIN(TestLogLevels)
#include "tst_loglevels.moc"

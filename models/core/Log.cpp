#include "Log.h"

#include <QDir>
#include <QStandardPaths>
#include <QString>
#include <QtGlobal>

#include <spdlog/cfg/env.h>
#include <spdlog/details/registry.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

namespace oc {
namespace {
std::mutex g_mutex;
std::vector<spdlog::sink_ptr> g_sinks;
std::string g_filePath;
spdlog::level::level_enum g_level = spdlog::level::debug;

void qtMessageHandler(QtMsgType type, const QMessageLogContext &ctx, const QString &msg)
{
    auto logger = Log::get(ctx.category && qstrcmp(ctx.category, "default") != 0 ? ctx.category : "qt");
    const std::string text = msg.toStdString();
    switch (type) {
    case QtDebugMsg: logger->debug("{}", text); break;
    case QtInfoMsg: logger->info("{}", text); break;
    case QtWarningMsg: logger->warn("{}", text); break;
    case QtCriticalMsg: logger->error("{}", text); break;
    case QtFatalMsg:
        logger->critical("{}", text);
        logger->flush();
        abort();
    }
}

std::vector<spdlog::sink_ptr> &sinks()
{
    if (g_sinks.empty()) {
        auto err = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
        err->set_level(spdlog::level::info);
        g_sinks.push_back(err);
        // Loggers made before init() log at the default level too.
        spdlog::set_level(g_level);
    }
    return g_sinks;
}
} // namespace

void Log::init(const std::string &appName, const std::string &logDir)
{
    std::lock_guard lock(g_mutex);
    sinks();
    QString dir = logDir.empty() ? QStandardPaths::writableLocation(QStandardPaths::StateLocation)
                                 : QString::fromStdString(logDir);
    if (dir.isEmpty())
        dir = QDir::tempPath();
    if (QDir().mkpath(dir)) {
        g_filePath = QDir(dir).filePath(QString::fromStdString(appName) + QStringLiteral(".log")).toStdString();
        try {
            auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(g_filePath, 5 * 1024 * 1024, 3);
            file->set_level(spdlog::level::debug);
            g_sinks.push_back(file);
        } catch (const spdlog::spdlog_ex &e) {
            // A read-only home must not stop the console; stderr still works.
            g_filePath.clear();
        }
    }
    spdlog::drop_all();
    qInstallMessageHandler(qtMessageHandler);
    // OC_LOG_LEVEL is the default level (and was the only knob before
    // SPDLOG_LEVEL); SPDLOG_LEVEL=info,db=debug, spdlog's own syntax, sets
    // categories and, when it names one, a default that wins over it.
    g_level = spdlog::level::debug;
    // from_str answers "off" to anything it does not know: a typo or an empty
    // value must not silence the log.
    if (const char *lvl = std::getenv("OC_LOG_LEVEL"); lvl && *lvl) {
        if (const auto parsed = spdlog::level::from_str(lvl);
            parsed != spdlog::level::off || std::strcmp(lvl, "off") == 0)
            g_level = parsed;
    }
    // Cleared first so a second init (tests) does not keep the levels of the
    // first when SPDLOG_LEVEL is gone.
    spdlog::details::registry::instance().set_levels({}, &g_level);
    spdlog::cfg::load_env_levels();
}

std::shared_ptr<spdlog::logger> Log::get(const std::string &category)
{
    std::lock_guard lock(g_mutex);
    if (auto existing = spdlog::get(category))
        return existing;
    auto &s = sinks();
    auto logger = std::make_shared<spdlog::logger>(category, s.begin(), s.end());
    // Registers it and gives it its SPDLOG_LEVEL level (else the default);
    // the pattern and flush level after, as it resets both.
    spdlog::initialize_logger(logger);
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e [%n] %^%l%$ %v");
    logger->flush_on(spdlog::level::warn);
    return logger;
}

std::string Log::filePath()
{
    std::lock_guard lock(g_mutex);
    return g_filePath;
}

} // namespace oc

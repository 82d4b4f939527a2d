#pragma once

#include "Log.h"

#include <memory>

// The logging categories, declared once: a misspelt category at a call site
// would silently open a new logger, a misspelt function does not compile.
// Each returns the category's logger (Log::get), so loggers made before
// Log::init picks up the file sink are replaced as before.
//
//     oc::logcat::db()->info("connected to {}", host);
//
// A new category is one line here; keep the names short, they head each line
// of the log.
namespace oc::logcat {

inline std::shared_ptr<spdlog::logger> actions()
{
    return Log::get("actions");
} // one-click actions, audit
inline std::shared_ptr<spdlog::logger> api()
{
    return Log::get("api");
} // the simulator's HTTP side
inline std::shared_ptr<spdlog::logger> app()
{
    return Log::get("app");
} // start-up, shutdown, settings
inline std::shared_ptr<spdlog::logger> db()
{
    return Log::get("db");
} // connections, migrations, servers
inline std::shared_ptr<spdlog::logger> demo()
{
    return Log::get("demo");
} // the --demo processes
inline std::shared_ptr<spdlog::logger> feed()
{
    return Log::get("feed");
} // the live feed
inline std::shared_ptr<spdlog::logger> map()
{
    return Log::get("map");
} // map, geo data
inline std::shared_ptr<spdlog::logger> qt()
{
    return Log::get("qt");
} // Qt's own messages
inline std::shared_ptr<spdlog::logger> review()
{
    return Log::get("review");
} // review desk, host training
inline std::shared_ptr<spdlog::logger> secrets()
{
    return Log::get("secrets");
} // the desktop keychain
inline std::shared_ptr<spdlog::logger> sim()
{
    return Log::get("sim");
} // the simulator's scenario and data
inline std::shared_ptr<spdlog::logger> ui()
{
    return Log::get("ui");
} // widgets

} // namespace oc::logcat

#pragma once

#include <spdlog/logger.h>

#include <memory>

// The logging categories, declared once: a misspelt category string at a call
// site would silently open a new logger, a misspelt function does not compile.
//
//     oc::logcat::db()->info("connected to {}", host);
//
// Each returns Log::get(name), not a cached pointer, so a logger made before
// Log::init still gets the file sink afterwards. A new category is one line
// here and one in LogCategories.cpp; the names head each line of the log.
namespace oc::logcat {

std::shared_ptr<spdlog::logger> actions(); // "actions": one-click actions and their audit
std::shared_ptr<spdlog::logger> alerts(); // "alerts": the incident rule engine and its transitions
std::shared_ptr<spdlog::logger> api(); // "api": the simulator's HTTP side (ops API, public site)
std::shared_ptr<spdlog::logger> app(); // "app": start-up, shutdown, settings, workspaces
std::shared_ptr<spdlog::logger> db(); // "db": connections, migrations, private servers
std::shared_ptr<spdlog::logger> demo(); // "demo": the --demo backend processes
std::shared_ptr<spdlog::logger> feed(); // "feed": the live data source
std::shared_ptr<spdlog::logger> map(); // "map": the map and its geo data
std::shared_ptr<spdlog::logger> qt(); // "qt": Qt's own messages
std::shared_ptr<spdlog::logger> review(); // "review": review desk and host training
std::shared_ptr<spdlog::logger> secrets(); // "secrets": the desktop keychain
std::shared_ptr<spdlog::logger> sim(); // "sim": the simulator's scenario, seeding and import
std::shared_ptr<spdlog::logger> ui(); // "ui": widgets

} // namespace oc::logcat

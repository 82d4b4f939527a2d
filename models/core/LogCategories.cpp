#include "LogCategories.h"

#include "Log.h"

namespace oc::logcat {

// clang-format off
std::shared_ptr<spdlog::logger> actions() { return Log::get("actions"); }
std::shared_ptr<spdlog::logger> alerts() { return Log::get("alerts"); }
std::shared_ptr<spdlog::logger> api() { return Log::get("api"); }
std::shared_ptr<spdlog::logger> app() { return Log::get("app"); }
std::shared_ptr<spdlog::logger> db() { return Log::get("db"); }
std::shared_ptr<spdlog::logger> demo() { return Log::get("demo"); }
std::shared_ptr<spdlog::logger> feed() { return Log::get("feed"); }
std::shared_ptr<spdlog::logger> map() { return Log::get("map"); }
std::shared_ptr<spdlog::logger> qt() { return Log::get("qt"); }
std::shared_ptr<spdlog::logger> review() { return Log::get("review"); }
std::shared_ptr<spdlog::logger> secrets() { return Log::get("secrets"); }
std::shared_ptr<spdlog::logger> sim() { return Log::get("sim"); }
std::shared_ptr<spdlog::logger> ui() { return Log::get("ui"); }
// clang-format on

} // namespace oc::logcat

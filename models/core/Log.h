#pragma once

#include <spdlog/spdlog.h>

#include <memory>
#include <string>

namespace oc {

// Categorized logging: one spdlog logger per category ("db", "feed", "sim",
// "api", "ui", "map", "qt"), all writing to the same sinks so one file tells
// the whole story of an incident.
class Log
{
public:
    // Sets up stderr plus a rotating file under the XDG state directory
    // (or `logDir` when given) and routes Qt's messages into the "qt" logger.
    static void init(const std::string &appName, const std::string &logDir = {});
    static std::shared_ptr<spdlog::logger> get(const std::string &category);
    static std::string filePath();
};

} // namespace oc

#include "util/log.h"

#include <unistd.h>

#include <memory>
#include <string>

#include <spdlog/sinks/ansicolor_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace pw {

Status SetupLogging(std::string_view level) {
  std::shared_ptr<spdlog::sinks::sink> sink;
  if (isatty(STDERR_FILENO)) {
    sink = std::make_shared<spdlog::sinks::ansicolor_stderr_sink_mt>();
  } else {
    sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  }
  auto logger = std::make_shared<spdlog::logger>("policywatch", sink);
  // Under journald the timestamp is added by the journal; keep lines short.
  logger->set_pattern(isatty(STDERR_FILENO) ? "%H:%M:%S %^%l%$ %v" : "%l: %v");
  spdlog::set_default_logger(logger);

  std::string name(level);
  auto parsed = spdlog::level::from_str(name);
  // from_str returns `off` for anything it does not know: accept only real names.
  if (parsed == spdlog::level::off && name != "off") {
    spdlog::set_level(spdlog::level::info);
    return Status::Error("unknown log level '" + name +
                         "' (expected trace, debug, info, warn, error, critical or off)");
  }
  spdlog::set_level(parsed);
  return Status::Ok();
}

}  // namespace pw

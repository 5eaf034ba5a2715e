// Logging set-up: spdlog to stderr (journald under systemd), colour only on a terminal.
#pragma once

#include <string_view>

#include "util/status.h"

namespace pw {

// Installs the default logger. `level` is one of trace, debug, info, warn, error,
// critical, off. Returns an error naming the bad level; the logger is still usable.
Status SetupLogging(std::string_view level);

}  // namespace pw

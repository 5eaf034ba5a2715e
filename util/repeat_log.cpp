#include "util/repeat_log.h"

#include <spdlog/spdlog.h>

namespace pw {

std::string RepeatLog::Format(const std::string& message, int count, SteadyClock::duration span) {
  if (count <= 1) return message;
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(span).count();
  return message + " (repeated " + std::to_string(count) + " times in the last " +
         std::to_string(seconds < 1 ? 1 : seconds) + " s)";
}

void RepeatLog::Log(spdlog::level::level_enum level, const std::string& key,
                    const std::string& message, SteadyClock::time_point now) {
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    spdlog::log(level, "{}", message);
    entries_.emplace(key, Entry{now, 0, level, message});
    return;
  }
  Entry& e = it->second;
  if (now - e.logged_at < window_) {
    ++e.left_out;
    e.level = level;
    e.last = message;
    return;
  }
  spdlog::log(level, "{}", Format(message, e.left_out + 1, now - e.logged_at));
  e = Entry{now, 0, level, message};
}

void RepeatLog::Clear(const std::string& key, SteadyClock::time_point now) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return;
  const Entry& e = it->second;
  if (e.left_out > 0) spdlog::log(e.level, "{}", Format(e.last, e.left_out, now - e.logged_at));
  entries_.erase(it);
}

}  // namespace pw

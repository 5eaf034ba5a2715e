// Query parameters of the lists of changes (internal/filters.h).
#include "web/internal/filters.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "config/categories.h"

namespace pw::web {
namespace {

bool AllDigits(const std::string& text) {
  return !text.empty() && text.size() <= 18 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string ReadSeverity(const std::string& text, store::ChangeFilter* filter) {
  if (text.empty()) return "";
  std::optional<Severity> severity = ParseSeverity(text);
  if (!severity) return "min_severity: '" + text + "' is not none, cosmetic, minor or material";
  filter->min_severity = *severity;
  return "";
}

std::string ReadCategory(const std::string& text, store::ChangeFilter* filter) {
  if (text.empty()) return "";
  const auto& names = config::CategoryNames();
  if (std::find(names.begin(), names.end(), text) == names.end()) {
    return "category: '" + text + "' is not a category (see config/categories.h: e.g. "
           "third-party-sharing, data-retention)";
  }
  filter->category = text;
  return "";
}

std::string ReadLimit(const std::string& text, store::ChangeFilter* filter) {
  if (text.empty()) return "";
  if (!AllDigits(text) || std::stoll(text) < 1 || std::stoll(text) > kMaxLimit) {
    return "limit: '" + text + "' is not a number from 1 to " + std::to_string(kMaxLimit);
  }
  filter->limit = static_cast<int>(std::stoll(text));
  return "";
}

}  // namespace

bool ParseTimeParam(const std::string& text, std::int64_t* unix_seconds) {
  if (AllDigits(text)) {
    *unix_seconds = std::stoll(text);
    return true;
  }
  std::tm tm{};
  int consumed = 0;
  if (text.size() == 10 &&
      std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &consumed) == 3 &&
      consumed == 10) {
  } else if (text.size() == 20 &&
             std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon,
                         &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) == 6 &&
             consumed == 20) {
  } else {
    return false;
  }
  if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
      tm.tm_min > 59 || tm.tm_sec > 60) {
    return false;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  *unix_seconds = static_cast<std::int64_t>(timegm(&tm));
  return true;
}

std::string ReadChangeFilter(const Request& request, store::ChangeFilter* filter) {
  std::string problem = ReadSeverity(request.Param("min_severity"), filter);
  if (problem.empty()) problem = ReadCategory(request.Param("category"), filter);
  if (problem.empty()) problem = ReadLimit(request.Param("limit"), filter);
  if (!problem.empty()) return problem;
  const std::string since = request.Param("since");
  if (!since.empty() && !ParseTimeParam(since, &filter->since)) {
    return "since: '" + since + "' is not a date (YYYY-MM-DD), a time (YYYY-MM-DDTHH:MM:SSZ) or "
           "unix seconds";
  }
  const std::string before = request.Param("before");
  if (!before.empty()) {
    if (!AllDigits(before)) return "before: '" + before + "' is not a change id";
    filter->before_id = std::stoll(before);
  }
  return "";
}

std::string FilterQuery(const store::ChangeFilter& filter) {
  std::string out;
  if (filter.min_severity != Severity::kNone) {
    out += "min_severity=" + std::string(SeverityName(filter.min_severity));
  }
  if (!filter.category.empty()) out += (out.empty() ? "" : "&") + ("category=" + filter.category);
  return out;
}

}  // namespace pw::web

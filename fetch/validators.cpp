#include "fetch/internal/validators.h"

#include <curl/curl.h>

namespace pw::fetch {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool IsLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

}  // namespace

std::string_view TrimHttpSpace(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

std::optional<std::chrono::system_clock::time_point> ParseHttpDate(std::string_view text) {
  text = TrimHttpSpace(text);
  if (text.empty() || !IsLetter(text.front())) return std::nullopt;
  const std::string value(text);
  const time_t when = curl_getdate(value.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  return std::chrono::system_clock::from_time_t(when);
}

std::string StrongLastModified(std::string_view last_modified, std::string_view date,
                               std::chrono::system_clock::time_point received) {
  const auto modified = ParseHttpDate(last_modified);
  if (!modified) return "";
  const auto served = ParseHttpDate(date).value_or(received);
  if (served - *modified < std::chrono::seconds(1)) return "";
  return std::string(TrimHttpSpace(last_modified));
}

}  // namespace pw::fetch

// fuzz_web: what the web view parses and renders from outside. The input is
// split at its first "\n%%\n" (else in two halves): the first part is read as
// lines KEY=VALUE of a query string (ReadChangeFilter) and as a listen address
// (ParseListen); the second as a stored changeset JSON, whose sections are
// rendered side by side.
// Checked: a filter that reads leaves the limit in range; a listen address that
// parses has a port in range; the side-by-side HTML of any text holds no tag
// but the renderer's own (every '<' is one of them).
#include <string>

#include <nlohmann/json.hpp>

#include "config/config.h"
#include "diff/changeset_render.h"
#include "fuzz/fuzz_support.h"
#include "web/internal/filters.h"
#include "web/internal/side_by_side.h"

namespace {

using pw::fuzz::Check;

pw::web::Request QueryOf(std::string_view text) {
  pw::web::Request request;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    const size_t eq = line.find('=');
    if (eq != std::string_view::npos) request.query.emplace(line.substr(0, eq), line.substr(eq + 1));
    start = end + 1;
  }
  return request;
}

// Every '<' opens one of the renderer's own tags.
bool OnlyOwnTags(const std::string& html) {
  static const char* const kTags[] = {"<table", "</table", "<thead", "</thead", "<tbody", "</tbody",
                                      "<tr", "</tr", "<th", "</th", "<td", "</td", "<del", "</del",
                                      "<ins", "</ins", "<br>", "<details", "</details", "<summary",
                                      "</summary", "<p>", "</p>"};
  for (size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
    bool known = false;
    for (const char* tag : kTags) known = known || html.compare(at, std::char_traits<char>::length(tag), tag) == 0;
    if (!known) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto [query, json] = pw::fuzz::SplitInput(input);
  pw::store::ChangeFilter filter;
  if (pw::web::ReadChangeFilter(QueryOf(query), &filter).empty()) {
    Check(filter.limit >= 1 && filter.limit <= pw::web::kMaxLimit, "limit out of range");
  }
  pw::config::WebConfig web;
  if (pw::config::ParseListen(query, &web).empty()) {
    Check(web.port >= 0 && web.port <= 65535, "port out of range");
  }
  const nlohmann::json parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  pw::diff::Changeset cs;
  if (!parsed.is_discarded() && pw::diff::FromJson(parsed, &cs)) {
    for (const auto& section : cs.sections) {
      Check(OnlyOwnTags(pw::web::SideBySide(section.diff)), "side-by-side HTML holds a foreign tag");
    }
  }
  return 0;
}

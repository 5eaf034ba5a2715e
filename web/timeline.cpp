// A document's versions on a time axis, as inline SVG drawn here (no script,
// no image request): one mark per version, its height and colour the severity
// of the change that made it (internal/pages.h, TimelineSvg).
#include <algorithm>

#include "util/clock.h"
#include "web/internal/html.h"
#include "web/internal/pages.h"

namespace pw::web {
namespace {

constexpr int kWidth = 800;
constexpr int kHeight = 90;
constexpr int kLeft = 10;
constexpr int kRight = 790;
constexpr int kBase = 70;  // y of the axis

struct Mark {
  int height;
  const char* color;  // a CSS variable of the page's style
};

Mark MarkFor(const std::string& severity) {
  if (severity == "material") return {55, "var(--material)"};
  if (severity == "minor") return {38, "var(--minor)"};
  if (severity == "cosmetic") return {22, "var(--cosmetic)"};
  return {14, "var(--none)"};  // the first version, or no change recorded
}

std::string Label(int x, std::int64_t at, const char* anchor) {
  return "<text x=\"" + std::to_string(x) + "\" y=\"86\" font-size=\"11\" fill=\"var(--muted)\" "
         "text-anchor=\"" + anchor + "\">" + FormatUtc(at, "%Y-%m-%d") + "</text>";
}

}  // namespace

std::string TimelineSvg(const std::vector<store::VersionInfo>& versions, std::int64_t now) {
  if (versions.empty()) return "";
  const std::int64_t first = versions.front().fetched_at;
  const std::int64_t last = std::max(now, versions.back().fetched_at);
  const double span = static_cast<double>(std::max<std::int64_t>(last - first, 1));
  std::string out = "<svg class=\"timeline\" viewBox=\"0 0 " + std::to_string(kWidth) + " " +
                    std::to_string(kHeight) + "\" role=\"img\" aria-label=\"" +
                    std::to_string(versions.size()) + " versions over time\">";
  out += "<line x1=\"" + std::to_string(kLeft) + "\" y1=\"" + std::to_string(kBase) + "\" x2=\"" +
         std::to_string(kRight) + "\" y2=\"" + std::to_string(kBase) +
         "\" stroke=\"var(--line)\" stroke-width=\"2\"/>";
  for (const auto& v : versions) {
    const Mark mark = MarkFor(v.severity);
    const int x = kLeft + static_cast<int>((kRight - kLeft) * (v.fetched_at - first) / span);
    out += "<rect x=\"" + std::to_string(x - 3) + "\" y=\"" + std::to_string(kBase - mark.height) +
           "\" width=\"6\" height=\"" + std::to_string(mark.height) + "\" rx=\"2\" fill=\"" +
           mark.color + "\"><title>v" + std::to_string(v.id) + " " +
           FormatUtc(v.fetched_at, "%Y-%m-%d %H:%M UTC") + " " +
           Esc(v.severity.empty() ? "first version" : v.severity) + "</title></rect>";
  }
  out += Label(kLeft, first, "start") + Label(kRight, last, "end") + "</svg>\n";
  return out;
}

}  // namespace pw::web

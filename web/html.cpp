// The page frame and the small pieces of the web view (internal/html.h).
#include "web/internal/html.h"

#include <cstdlib>

#include "diff/changeset_render.h"
#include "store/store.h"
#include "util/clock.h"

namespace pw::web {
namespace {

// Light by default, dark when the reader's system is; one column on a phone.
constexpr std::string_view kStyle = R"css(
:root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#5c6670;--line:#d8dee4;
--ins:#d7f5dd;--ins-fg:#0b4f1c;--del:#fde0e0;--del-fg:#7a1010;--link:#0550ae;
--material:#b42318;--minor:#b54708;--cosmetic:#475467;--none:#667085;--card:#f6f8fa}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9aa4ae;
--line:#30363d;--ins:#133d22;--ins-fg:#aff5b4;--del:#4a1616;--del-fg:#ffdcd7;--link:#6cb6ff;
--material:#ff7b72;--minor:#f0b357;--cosmetic:#a5b0bb;--none:#8b949e;--card:#161b22}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:var(--fg);background:var(--bg)}
header.site{padding:.6rem 1rem;border-bottom:1px solid var(--line)}
header.site a{font-weight:600;color:var(--fg);text-decoration:none}
main{max-width:80rem;margin:0 auto;padding:1rem}
a{color:var(--link)}
h1{font-size:1.5rem;margin:.2rem 0 .6rem}h2{font-size:1.2rem;margin:1.4rem 0 .5rem}
.muted{color:var(--muted)}
table.list{border-collapse:collapse;width:100%}
table.list th,table.list td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);
vertical-align:top}
.sev{display:inline-block;padding:0 .45rem;border-radius:.6rem;font-size:.85rem;font-weight:600;
border:1px solid currentColor}
.sev-material{color:var(--material)}.sev-minor{color:var(--minor)}
.technical{font-size:.85rem;color:var(--none);font-style:italic}
.sev-cosmetic{color:var(--cosmetic)}.sev-none,.sev-first{color:var(--none)}
.failing{color:var(--material);font-weight:600}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.5rem 0 1rem}
form.filters label{display:flex;flex-direction:column;font-size:.85rem}
select,button{font:inherit;padding:.2rem .4rem}
section.change{border:1px solid var(--line);border-radius:.4rem;margin:1rem 0;overflow:hidden}
section.change>header{background:var(--card);padding:.5rem .8rem;border-bottom:1px solid var(--line)}
ul.reasons{margin:.3rem 0 0;padding-left:1.2rem}
table.sbs{border-collapse:collapse;width:100%;table-layout:fixed}
table.sbs th{font-size:.85rem;color:var(--muted);text-align:left;padding:.3rem .8rem}
table.sbs td{width:50%;vertical-align:top;padding:.3rem .8rem;border-top:1px solid var(--line);
overflow-wrap:anywhere}
table.sbs td.same{color:var(--muted)}
details.same summary{cursor:pointer;color:var(--muted);font-size:.9rem}
table.sbs td+td{border-left:1px solid var(--line)}
del{background:var(--del);color:var(--del-fg);text-decoration:line-through}
ins{background:var(--ins);color:var(--ins-fg);text-decoration:none}
pre.text{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--card);padding:1rem;
border-radius:.4rem;font-size:.9rem}
svg.timeline{width:100%;height:auto;max-height:7rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;overflow-wrap:anywhere}
@media (max-width:44rem){table.sbs,table.sbs tbody,table.sbs tr,table.sbs td{display:block;width:100%}
table.sbs thead{display:none}table.sbs td+td{border-left:0}
table.list .wide{display:none}}
)css";

}  // namespace

std::string Esc(std::string_view text) { return diff::EscapeHtml(text); }

std::string Page(std::string_view title, std::string_view body) {
  std::string out = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                    "<title>";
  out += Esc(title);
  out += " · policywatch</title><style>";
  out += kStyle;
  out += "</style></head><body><header class=\"site\"><a href=\"/\">policywatch</a></header><main>";
  out += body;
  out += "</main></body></html>\n";
  return out;
}

std::string SeverityBadge(std::string_view severity) {
  const std::string name = severity.empty() ? "first" : std::string(severity);
  const std::string label = severity.empty() ? "first version" : std::string(severity);
  return "<span class=\"sev sev-" + Esc(name) + "\">" + Esc(label) + "</span>";
}

std::string TechnicalLabel(std::uint32_t version_flags) {
  if ((version_flags & store::kVersionTechnical) == 0) return "";
  return " <span class=\"technical\">technical upgrade (no alert)</span>";
}

std::string TimeTag(std::int64_t unix_seconds) {
  if (unix_seconds == 0) return "never";
  return "<time datetime=\"" + FormatUtc(unix_seconds, kRfc3339) + "\">" +
         FormatUtc(unix_seconds, "%Y-%m-%d %H:%M UTC") + "</time>";
}

std::string Ago(std::int64_t unix_seconds, std::int64_t now) {
  if (unix_seconds == 0) return "never";
  const std::int64_t delta = now - unix_seconds;
  const std::int64_t a = std::llabs(delta);
  if (a < 60) return "just now";
  struct Unit {
    std::int64_t seconds;
    const char* name;
  };
  static const Unit kUnits[] = {{86400 * 365, "year"}, {86400 * 30, "month"}, {86400, "day"},
                                {3600, "hour"}, {60, "minute"}};
  for (const Unit& u : kUnits) {
    if (a < u.seconds) continue;
    const std::int64_t n = a / u.seconds;
    const std::string amount = std::to_string(n) + " " + u.name + (n == 1 ? "" : "s");
    return delta > 0 ? amount + " ago" : "in " + amount;
  }
  return "just now";
}

}  // namespace pw::web

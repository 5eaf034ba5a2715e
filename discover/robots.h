// robots.txt (RFC 9309): which paths of a site a crawler named by its product
// token may fetch.
//
//   Robots robots = ParseRobots(body);
//   robots.Allowed("policywatch", "/legal/terms?x=1")
//
// Rules: records are groups of one or more `user-agent` lines followed by
// `allow` / `disallow` lines (keys case-insensitive, `#` comments, blank
// lines and unknown keys such as `sitemap` or `crawl-delay` ignored, CR, LF or
// CRLF line ends, a UTF-8 BOM skipped). The group whose user-agent matches
// the product token case-insensitively is used (all groups naming it, merged);
// else the `*` groups; else everything is allowed. Within the group the
// longest matching pattern wins (in octets of the pattern as written); on a
// tie, allow wins. Patterns match from the start of the path (with its
// query); `*` matches any run of characters and a final `$` anchors the end.
// An empty `disallow` allows everything. Percent-encoding is compared
// case-insensitively for its hex digits; other octets exactly.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pw::discover {

struct RobotsRule {
  bool allow = false;
  std::string pattern;
};

struct RobotsGroup {
  std::vector<std::string> agents;  // lower-case, as written ("*" for any)
  std::vector<RobotsRule> rules;
};

struct Robots {
  std::vector<RobotsGroup> groups;
  // True when `product` ("policywatch") may fetch `path_and_query` ("/a?b";
  // empty means "/"). "/robots.txt" is always allowed.
  bool Allowed(std::string_view product, std::string_view path_and_query) const;
};

// Parses a robots.txt body (any bytes: never fails; lines it cannot read are
// skipped). Only the first 500 KiB are read, as RFC 9309 allows.
Robots ParseRobots(std::string_view body);

// The robots.txt policy for a fetch outcome, per RFC 9309 2.3.1: a 2xx body is
// parsed; a 4xx (no robots.txt) allows everything; a 5xx or a failure to reach
// the server disallows everything (`unreachable` true).
Robots RobotsForStatus(long http_status, std::string_view body, bool unreachable);

}  // namespace pw::discover

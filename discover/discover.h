// `policywatch discover`: from a company's domain (or home page URL) to the
// URLs of its privacy policy, terms of service and cookie policy.
//
//   Options options;                     // user agent, per-host delay, browser
//   SiteReport report = Discover("acme.example", options);
//   for (const FoundDocument& d : report.found) ... d.url, d.evidence ...
//
// The home page is fetched (and, where it links to a legal or trust hub on
// the same site, that page too: one hop), the links to each kind of document
// are found by their text and address in English, French, German, Spanish,
// Italian, Dutch and Portuguese (discover/links.h), and each candidate page is
// fetched and must extract to text of its kind (discover/page_check.h). A kind
// with two verified candidates neither of which clearly wins is ambiguous, one
// with none is missing: both reported with the reason, never guessed.
// robots.txt (discover/robots.h) is honoured for every URL fetched, and
// requests to one host are spaced by `per_host_delay`. Links a script adds
// are found by rendering the home page with the browser when one is installed.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fetch/browser.h"

namespace pw::discover {

// The kinds of document discovered, with their config types.
enum class Kind { kPrivacy, kTerms, kCookies };
inline constexpr Kind kAllKinds[] = {Kind::kPrivacy, Kind::kTerms, Kind::kCookies};
// "privacy-policy", "terms-of-service", "cookie-policy".
std::string_view TypeName(Kind kind);

struct Options {
  std::string user_agent = "policywatch/0.1 (+https://github.com/policywatch/policywatch)";
  std::chrono::milliseconds per_host_delay{2000};  // between two requests to one host
  std::chrono::milliseconds timeout{30000};        // per request (and per render)
  std::uint64_t max_body_size = 10 * 1000 * 1000;
  int max_redirects = 5;
  // Render the home page with the browser when its links are added by script
  // (a script shell, or no candidate link in its HTML) and a browser is
  // installed (fetch::FindBrowser). False: never start one.
  bool browser = true;
  fetch::BrowserOptions browser_options;
};

// A link considered for a kind, with why.
struct Candidate {
  std::string url;       // absolute, without fragment
  std::string evidence;  // "link text 'Privacy Notice' in the footer of https://acme.example/"
  double score = 0;      // link and page together; higher is better
};

struct FoundDocument {
  Kind kind = Kind::kPrivacy;
  std::string url;       // the URL to watch (as linked, fragment dropped)
  std::string evidence;  // the link's evidence, then what the page showed
  std::string title;     // the page's title as extracted
  std::size_t words = 0;     // words of its extracted text
  std::size_t headings = 0;  // headings in its extracted text
  bool needs_browser = false;  // its static HTML is a script shell: render = "auto"
};

struct Ambiguous {
  Kind kind = Kind::kPrivacy;
  std::vector<Candidate> candidates;  // best first; at least two
  std::string why;
};

struct Missing {
  Kind kind = Kind::kPrivacy;
  std::string why;  // "no link whose text or address names it", "the linked page ... is not a policy"
};

struct SiteReport {
  std::string input;     // as given
  std::string home_url;  // the home page read (after redirects)
  // Non-empty when the site could not be read at all (then nothing else is
  // set): "https://acme.example/: could not resolve host", "robots.txt
  // disallows https://acme.example/".
  std::string error;
  std::vector<FoundDocument> found;  // in kAllKinds order
  std::vector<Ambiguous> ambiguous;
  std::vector<Missing> missing;
  // What a user should know: "links added by script: rendered the home page
  // with the browser", "robots.txt disallows https://acme.example/terms".
  std::vector<std::string> notes;
  bool ok() const { return error.empty(); }
};

// Discovers the documents of the site named by `domain_or_url`: a host name
// ("acme.example", tried as https then http), a host and port, or an
// http(s) URL of its home page. Never throws; a failure is report.error.
SiteReport Discover(std::string_view domain_or_url, const Options& options);

}  // namespace pw::discover

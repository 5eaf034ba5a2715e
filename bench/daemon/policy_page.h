// Generated policy-like pages for the daemon benchmarks (bench_daemon serves
// them, bench_pipeline checks them in process): distinct per document, 20-40 KB.
#pragma once

#include <cstdint>
#include <string>

namespace pw::bench {

inline std::uint64_t Mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

inline const char* const kWords[] = {
    "we",        "collect",   "personal",  "information", "when",     "you",      "use",
    "our",       "services",  "including", "your",        "name",     "email",    "address",
    "device",    "identifiers", "and",     "usage",       "data",     "to",       "provide",
    "improve",   "secure",    "the",       "service",     "may",      "share",    "with",
    "processors", "who",      "act",       "on",          "behalf",   "under",    "contract",
    "retain",    "for",       "as",        "long",        "necessary", "legal",   "obligations",
    "request",   "access",    "correction", "deletion",   "of",       "account",  "settings",
    "cookies",   "analytics", "partners",  "transfer",    "outside",  "region",   "safeguards",
    "children",  "under",     "age",       "consent",     "withdraw", "at",       "any",
    "time",      "contact",   "officer",   "protection",  "rights",   "law",      "applicable"};
inline constexpr int kWordCount = sizeof(kWords) / sizeof(kWords[0]);

// Document `i` at edit `round` (0: original). Edits change one sentence with a
// number in it (a material change for policywatch, a diff line for urlwatch).
inline std::string Page(int i, int round) {
  std::uint64_t seed = Mix(static_cast<std::uint64_t>(i) + 1);
  const size_t target = 20000 + seed % 20000;
  std::string html;
  html.reserve(target + 2048);
  html += "<!doctype html><html><head><meta charset=\"utf-8\"><title>Company " +
          std::to_string(i) + " privacy policy</title><script>var v=" + std::to_string(seed % 997) +
          ";</script></head><body><nav><a href=\"/\">Home</a> <a href=\"/help\">Help</a></nav>"
          "<div class=\"cookie-banner\">We use cookies <button>OK</button></div><main><article>"
          "<h1>Company " + std::to_string(i) + " Privacy Policy</h1>\n";
  int section = 0;
  std::uint64_t r = seed;
  while (html.size() < target) {
    html += "<h2>Section " + std::to_string(++section) + ": ";
    for (int w = 0; w < 3; ++w) {
      r = Mix(r);
      html += kWords[r % kWordCount];
      html += ' ';
    }
    html += "</h2>\n";
    if (section == 2) {
      html += "<p>Company " + std::to_string(i) + " keeps account records for " +
              std::to_string(30 + round) + " days after the account is closed.</p>\n";
    }
    for (int p = 0; p < 4; ++p) {
      html += "<p>";
      r = Mix(r);
      int words = 40 + static_cast<int>(r % 40);
      for (int w = 0; w < words; ++w) {
        r = Mix(r);
        html += kWords[r % kWordCount];
        html += w + 1 == words ? ".</p>\n" : " ";
      }
    }
  }
  html += "</article></main><footer>(c) Company " + std::to_string(i) + "</footer></body></html>\n";
  return html;
}

}  // namespace pw::bench

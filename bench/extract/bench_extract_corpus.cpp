// Token agreement of our extraction with Open Terms Archive's text, over the
// corpus snapshots: with each page's declared select/remove, then in automatic
// mode. Tokens: lower-cased words, punctuation stripped; multiset overlap.
// Markup of the reference (link targets, inline tags, list numbers) is dropped.
//
//   bench_extract_corpus                 figures
//   bench_extract_corpus --verbose       + the most frequent missing/extra tokens
//   bench_extract_corpus --show DOC/NAME [--auto]   our Markdown for one page
#include <cctype>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "bench/extract/corpus_pages.h"
#include "extract/canonical.h"
#include "extract/extract.h"

namespace {

using Counts = std::unordered_map<std::string, int>;

// Markup of the reference Markdown that is not text: link targets "](url)",
// inline HTML tags such as <br>, and ordered-list markers ("12. " at a line start;
// list markers are dropped from both texts: ListMarkers).
std::string DropMarkup(const std::string& md) {
  std::string out;
  out.reserve(md.size());
  for (size_t i = 0; i < md.size(); ++i) {
    if (i == 0 || md[i - 1] == '\n') {
      size_t k = i;
      while (k < md.size() && (md[k] == ' ' || md[k] == '\t')) ++k;
      size_t d = k;
      while (d < md.size() && md[d] >= '0' && md[d] <= '9') ++d;
      if (d > k && d + 1 < md.size() && (md[d] == '.' || md[d] == ')') && md[d + 1] == ' ') {
        i = d + 1;
        continue;
      }
    }
    if (md[i] == '<') {
      size_t k = i + 1;
      if (k < md.size() && md[k] == '/') ++k;
      size_t name = k;
      while (k < md.size() && std::isalpha(static_cast<unsigned char>(md[k]))) ++k;
      size_t close = md.find('>', k);
      if (k > name && close != std::string::npos && close - i < 200) {
        out += ' ';
        i = close;
        continue;
      }
    }
    if (md[i] == ']' && i + 1 < md.size() && md[i + 1] == '(') {
      size_t close = md.find(')', i + 2);
      if (close != std::string::npos) {
        i = close;
        continue;
      }
    }
    out += md[i];
  }
  return out;
}

// List markers at a line start, after any bullet ("- 12. ", "c) ", "- iv. "),
// dropped from both texts: we write ordered lists' numbers (and letters) as
// the page shows them, the reference writes every ordered list in decimal,
// and either may hold a number the page wrote in the item's text after a
// bullet. Numbering counts on neither side.
std::string ListMarkers(const std::string& md) {
  std::string out;
  out.reserve(md.size());
  for (size_t i = 0; i < md.size(); ++i) {
    if (i == 0 || md[i - 1] == '\n') {
      size_t k = i;
      while (k + 1 < md.size() && (md[k] == '-' || md[k] == '*' || md[k] == '+' || md[k] == ' ') &&
             (md[k] == ' ' || md[k + 1] == ' ')) {
        ++k;
      }
      size_t d = k;
      while (d < md.size() && d - k < 9 && std::isalnum(static_cast<unsigned char>(md[d]))) ++d;
      const bool digits = d > k && std::isdigit(static_cast<unsigned char>(md[k]));
      const bool letters = d > k && d - k <= 4 && !digits &&
                           (d - k == 1 || md.find_first_not_of("ivxlcdmIVXLCDM", k) >= d);
      if ((digits || letters) && d + 1 < md.size() && (md[d] == '.' || md[d] == ')') &&
          md[d + 1] == ' ') {
        i = d + 1;
        continue;
      }
    }
    out += md[i];
  }
  return out;
}

Counts Tokens(const std::string& text) {
  Counts counts;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) ++counts[word];
    word.clear();
  };
  for (unsigned char c : text) {
    if (c >= 'A' && c <= 'Z') {
      word += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
      word += static_cast<char>(c);
    } else {
      flush();
    }
  }
  flush();
  // Typographic punctuation (UTF-8 general punctuation U+2010..U+206F) as separators.
  Counts cleaned;
  for (const auto& [w, n] : counts) {
    std::string piece;
    for (size_t i = 0; i < w.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(w[i]);
      if (c == 0xE2 && i + 2 < w.size() && static_cast<unsigned char>(w[i + 1]) == 0x80) {
        if (!piece.empty()) cleaned[piece] += n;
        piece.clear();
        i += 2;
        continue;
      }
      if (c == 0xC2 && i + 1 < w.size() &&
          (static_cast<unsigned char>(w[i + 1]) == 0xA0 ||
           static_cast<unsigned char>(w[i + 1]) == 0xAB ||
           static_cast<unsigned char>(w[i + 1]) == 0xBB)) {
        if (!piece.empty()) cleaned[piece] += n;
        piece.clear();
        i += 1;
        continue;
      }
      piece += w[i];
    }
    if (!piece.empty()) cleaned[piece] += n;
  }
  return cleaned;
}

size_t Total(const Counts& c) {
  size_t n = 0;
  for (const auto& [w, k] : c) n += k;
  return n;
}

size_t Common(const Counts& a, const Counts& b) {
  size_t n = 0;
  for (const auto& [w, k] : a) {
    auto it = b.find(w);
    if (it != b.end()) n += std::min(k, it->second);
  }
  return n;
}

void PrintExcess(const char* label, const Counts& a, const Counts& b) {
  std::multimap<int, std::string, std::greater<int>> excess;
  for (const auto& [w, k] : a) {
    auto it = b.find(w);
    int diff = k - (it == b.end() ? 0 : it->second);
    if (diff > 0) excess.emplace(diff, w);
  }
  std::cout << "      " << label << ":";
  int shown = 0;
  for (const auto& [d, w] : excess) {
    if (++shown > 15) break;
    std::cout << " " << w << "(" << d << ")";
  }
  std::cout << "\n";
}

struct Score {
  size_t ours = 0, ref = 0, common = 0;
  void Add(const Score& s) {
    ours += s.ours;
    ref += s.ref;
    common += s.common;
  }
  double P() const { return ours == 0 ? 0 : static_cast<double>(common) / ours; }
  double R() const { return ref == 0 ? 0 : static_cast<double>(common) / ref; }
  double F() const { return P() + R() == 0 ? 0 : 2 * P() * R() / (P() + R()); }
};

std::string Run(const pw::bench::CorpusPage& page, bool automatic, pw::extract::ExtractInfo* info) {
  pw::extract::Options options = automatic ? pw::extract::Options() : page.options;
  pw::extract::Document doc;
  pw::Status s = pw::extract::ExtractHtml(pw::bench::ReadFile(page.html), options, &doc, info);
  if (!s.ok()) std::cerr << page.doc << "/" << page.name << ": " << s.message() << "\n";
  return pw::extract::ToMarkdown(doc);
}

}  // namespace

int main(int argc, char** argv) {
  bool verbose = false, automatic_only = false;
  std::string show;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--verbose") verbose = true;
    if (arg == "--auto") automatic_only = true;
    if (arg == "--show" && i + 1 < argc) show = argv[++i];
  }
  std::vector<pw::bench::CorpusPage> pages;
  if (!pw::bench::LoadCorpusPages(&pages)) return 0;
  if (!show.empty()) {
    for (const auto& page : pages) {
      if (page.doc + "/" + page.name != show) continue;
      pw::extract::ExtractInfo info;
      std::cout << Run(page, automatic_only, &info);
      std::cerr << "rule: " << info.main_content_rule << "\n";
      return 0;
    }
    std::cerr << "no page " << show << "\n";
    return 1;
  }
  for (bool automatic : {false, true}) {
    std::printf("\n== %s mode ==\n", automatic ? "AUTOMATIC (no selectors)" : "DECLARED SELECTORS");
    std::printf("%-40s %-18s %7s %7s %7s  %s\n", "document", "snapshot", "prec", "recall", "F1",
                "rule");
    Score overall;
    std::map<std::string, std::string> texts;  // doc/name -> our Markdown
    for (const auto& page : pages) {
      pw::extract::ExtractInfo info;
      std::string ours = Run(page, automatic, &info);
      texts[page.doc + "/" + page.name] = ours;
      if (page.reference.empty()) continue;
      Counts a = Tokens(ListMarkers(ours));
      Counts b = Tokens(ListMarkers(DropMarkup(pw::bench::ReadFile(page.reference))));
      Score s{Total(a), Total(b), Common(a, b)};
      overall.Add(s);
      std::printf("%-40s %-18s %7.4f %7.4f %7.4f  %s%s\n", page.doc.c_str(), page.name.c_str(),
                  s.P(), s.R(), s.F(), info.main_content_rule.c_str(),
                  info.selectors_used && !info.selector_matched ? " (NO MATCH)" : "");
      if (verbose) {
        PrintExcess("missing", b, a);
        PrintExcess("extra", a, b);
      }
    }
    std::printf("%-40s %-18s %7.4f %7.4f %7.4f  (tokens: ours %zu, reference %zu)\n", "OVERALL",
                "(micro)", overall.P(), overall.R(), overall.F(), overall.ours, overall.ref);
    for (const auto& page : pages) {
      if (page.neighbour.empty()) continue;
      bool same = texts[page.doc + "/" + page.name] == texts[page.doc + "/" + page.neighbour];
      std::printf("noise %-34s %-18s same text as %s: %s\n", page.doc.c_str(), page.name.c_str(),
                  page.neighbour.c_str(), same ? "yes" : "NO");
    }
  }
  return 0;
}

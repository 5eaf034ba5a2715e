// Automatic extraction of news-like pages and a policy with collapsed parts:
// fixtures written for these tests (extract/testdata/main_content/NAME.html,
// with the text a reader sees as the page's content in NAME.txt). Prints the
// word precision, recall and F1 of each page and overall; each page must
// reach F1 >= 0.95 and recall >= 0.99.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "extract/canonical.h"
#include "extract/extract.h"

namespace pw::extract {
namespace {

namespace fs = std::filesystem;

using Words = std::map<std::string, int>;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Lower-cased words of letters and digits (other ASCII separates words).
Words WordsOf(const std::string& text) {
  Words words;
  std::string w;
  for (char ch : text + " ") {
    const unsigned char c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
      w += ch;
    } else if (c >= 'A' && c <= 'Z') {
      w += static_cast<char>(c + 32);
    } else if (!w.empty()) {
      ++words[w];
      w.clear();
    }
  }
  return words;
}

size_t Count(const Words& w) {
  size_t n = 0;
  for (const auto& [word, k] : w) n += static_cast<size_t>(k);
  return n;
}

size_t Common(const Words& a, const Words& b) {
  size_t n = 0;
  for (const auto& [word, k] : a) {
    auto it = b.find(word);
    if (it != b.end()) n += static_cast<size_t>(std::min(k, it->second));
  }
  return n;
}

struct Score {
  size_t ours = 0, want = 0, common = 0;
  double P() const { return ours == 0 ? 0 : static_cast<double>(common) / ours; }
  double R() const { return want == 0 ? 0 : static_cast<double>(common) / want; }
  double F() const { return P() + R() == 0 ? 0 : 2 * P() * R() / (P() + R()); }
};

TEST_CASE("main content: word precision/recall/F1 on our news and policy fixtures",
          "[html][main_content]") {
  const fs::path dir = fs::path(PW_SOURCE_DIR) / "extract" / "testdata" / "main_content";
  std::vector<fs::path> pages;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".html") pages.push_back(entry.path());
  }
  std::sort(pages.begin(), pages.end());
  REQUIRE(pages.size() >= 4);
  Score total;
  for (const fs::path& page : pages) {
    Document doc;
    ExtractInfo info;
    REQUIRE(ExtractHtml(ReadAll(page), Options(), &doc, &info).ok());
    const std::string ours = ToMarkdown(doc);
    fs::path want_path = page;
    want_path.replace_extension(".txt");
    const Words a = WordsOf(ours), b = WordsOf(ReadAll(want_path));
    Score s{Count(a), Count(b), Common(a, b)};
    total.ours += s.ours;
    total.want += s.want;
    total.common += s.common;
    std::printf("main content %-22s P %.3f R %.3f F1 %.3f (%s)\n", page.stem().c_str(), s.P(), s.R(),
                s.F(), info.main_content_rule.c_str());
    INFO(page.stem().string() << "\n" << ours);
    CHECK(s.R() >= 0.99);
    CHECK(s.F() >= 0.95);
  }
  std::printf("main content %-22s P %.3f R %.3f F1 %.3f\n", "OVERALL", total.P(), total.R(), total.F());
}

}  // namespace
}  // namespace pw::extract

#include "extract/canonical.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/internal/ignore.h"
#include "extract/text.h"

using pw::extract::Block;
using pw::extract::BlockKind;
using pw::extract::Document;
using pw::extract::DocumentText;
using pw::extract::FromJson;
using pw::extract::ParseText;
using pw::extract::Section;
using pw::extract::ToJson;
using pw::extract::ToMarkdown;

namespace {

Section Sec(int level, std::vector<std::string> path, std::vector<Block> blocks) {
  Section s;
  s.level = level;
  s.heading = path.empty() ? "" : path.back();
  s.path = std::move(path);
  s.blocks = std::move(blocks);
  return s;
}

Block P(std::string t) { return Block{BlockKind::kParagraph, std::move(t)}; }
Block L(std::string t) { return Block{BlockKind::kListItem, std::move(t)}; }
Block T(std::string t) { return Block{BlockKind::kTableRow, std::move(t)}; }
Block Pre(std::string t) { return Block{BlockKind::kPreformatted, std::move(t)}; }

Document SampleDoc() {
  Document d;
  d.title = "Acme Privacy Policy";
  d.sections = {
      Sec(0, {}, {P("Archived note.")}),
      Sec(1, {"Acme Privacy Policy"}, {P("Welcome.")}),
      Sec(2, {"Acme Privacy Policy", "Data We Collect"},
          {P("We collect your name and email."), L("Account data"), L("Usage data")}),
      Sec(3, {"Acme Privacy Policy", "Data We Collect", "Retention"},
          {T("Category | Period"), T("Email | 2 years"), Pre("key: value\n  nested: 1")}),
      Sec(2, {"Acme Privacy Policy", "Your Rights"}, {P("Ask us.")}),
  };
  return d;
}

void CheckFixedPoint(const Document& d) {
  std::string md = ToMarkdown(d);
  std::string again = ToMarkdown(ParseText(md));
  CHECK(again == md);
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("ToMarkdown writes the canonical form", "[canonical]") {
  CHECK(ToMarkdown(SampleDoc()) ==
        "Archived note.\n"
        "\n"
        "# Acme Privacy Policy\n"
        "\n"
        "Welcome.\n"
        "\n"
        "## Data We Collect\n"
        "\n"
        "We collect your name and email.\n"
        "\n"
        "- Account data\n"
        "\n"
        "- Usage data\n"
        "\n"
        "### Retention\n"
        "\n"
        "| Category | Period |\n"
        "\n"
        "| Email | 2 years |\n"
        "\n"
        "```\n"
        "key: value\n"
        "  nested: 1\n"
        "```\n"
        "\n"
        "## Your Rights\n"
        "\n"
        "Ask us.\n");
}

TEST_CASE("ToMarkdown puts a title that is not a section first", "[canonical]") {
  Document d;
  d.title = "Terms";
  d.sections = {Sec(2, {"Scope"}, {P("Text.")})};
  CHECK(ToMarkdown(d) == "# Terms\n\n## Scope\n\nText.\n");
  CheckFixedPoint(d);
  CHECK(ToMarkdown(Document{}) == "");
}

TEST_CASE("ToMarkdown never wraps and is deterministic", "[canonical]") {
  Document d;
  std::string long_text;
  for (int i = 0; i < 500; ++i) long_text += "word" + std::to_string(i) + " ";
  d.sections = {Sec(1, {"Long"}, {P(long_text)})};
  std::string md = ToMarkdown(d);
  CHECK(md == "# Long\n\n" + long_text.substr(0, long_text.size() - 1) + "\n");
  CHECK(ToMarkdown(d) == md);
}

TEST_CASE("ToMarkdown escapes only what would be read as markup", "[canonical]") {
  Document d;
  d.title = "T";
  d.sections = {Sec(1, {"T"},
                    {P("1. Numbered sentence text."), P("# not a heading"), P("- not a list"),
                     P("| not a row"), P("> not a quote"), P("---"), P("```"),
                     P("See [draft](x) **now**"), P("user_id, 2 * 3, a < b, AT&T"),
                     P("Ends with #")}),
                Sec(2, {"T", "Heading #"}, {L("1. keeps its number"), T("a|b | --- | c")})};
  std::string md = ToMarkdown(d);
  CHECK(md.find("\n1\\. Numbered sentence text.\n") != std::string::npos);
  CHECK(md.find("\n\\# not a heading\n") != std::string::npos);
  CHECK(md.find("\n\\- not a list\n") != std::string::npos);
  CHECK(md.find("\n\\---\n") != std::string::npos);
  // Text that is not markup is written as is.
  CHECK(md.find("\nuser_id, 2 * 3, a < b, AT&T\n") != std::string::npos);
  CHECK(md.find("\nEnds with #\n") != std::string::npos);
  CHECK(md.find("\n## Heading \\#\n") != std::string::npos);
  // A list item that opens with its number is an ordered list line.
  CHECK(md.find("\n1. keeps its number\n") != std::string::npos);
  // Parsing the Markdown gives back exactly the same text.
  Document back = ParseText(md);
  REQUIRE(back.sections.size() == 2);
  REQUIRE(back.sections[0].blocks.size() == d.sections[0].blocks.size());
  for (size_t i = 0; i < d.sections[0].blocks.size(); ++i)
    CHECK(back.sections[0].blocks[i].text == d.sections[0].blocks[i].text);
  CHECK(back.sections[1].heading == "Heading #");
  CHECK(back.sections[1].blocks.at(0).text == "1. keeps its number");
  CHECK(back.sections[1].blocks.at(1).text == "a|b | --- | c");
  CheckFixedPoint(d);
}

TEST_CASE("Round trip through ParseText is a fixed point", "[canonical][roundtrip]") {
  CheckFixedPoint(SampleDoc());

  Document empty_heading;
  empty_heading.sections = {Sec(3, {""}, {}), Sec(2, {"B"}, {P("x")})};
  CheckFixedPoint(empty_heading);

  Document deep;
  deep.title = "Deep";
  deep.sections = {Sec(9, {"Too deep"}, {P("clamped")}), Sec(0, {}, {P("orphan")})};
  CheckFixedPoint(deep);

  Document code;
  code.sections = {Sec(1, {"Code"}, {Pre("```\ninner fence\n```"), Pre("~~~\nx"), Pre("")})};
  CheckFixedPoint(code);

  Document unnormalised;
  unnormalised.title = "  Spaced\xC2\xA0Title ";
  unnormalised.sections = {Sec(1, {"Spaced Title"}, {P("a\n b"), L(" "), T("x |  | y")})};
  CheckFixedPoint(unnormalised);

  Document only_paragraphs;
  only_paragraphs.sections = {Sec(0, {}, {P("First paragraph."), P("Short Title Line"),
                                          P("A much longer paragraph that follows the short one.")})};
  CheckFixedPoint(only_paragraphs);

  // Parsed Markdown is already canonical after one pass.
  const char* inputs[] = {
      "Title\n=====\n\nSub\n---\n\n* a\n  b\n\n1) c\n\n|x|y|\n|-|-|\n|1|2|\n",
      "#Not heading\n\n## Real ##\n\n> quote\n> more\n\n***\n\ntext with \\* star\n",
      "preamble only\nsecond line\n",
      "```\nunterminated\n",
      "# T\n\n[link](u) and ![img](i) and <http://a.b> &amp; &#169;\n",
      // An empty item continued by "--" (found by fuzz_text): "- --" would be a
      // thematic break.
      "# T\n\n-\n--\n", "# T\n\n-\n- -\n",
  };
  for (const char* in : inputs) {
    INFO(in);
    std::string md = ToMarkdown(ParseText(in));
    CHECK(ToMarkdown(ParseText(md)) == md);
  }
}

TEST_CASE("ToJson nests sections by level", "[canonical][json]") {
  nlohmann::json j = ToJson(SampleDoc());
  CHECK(j["title"] == "Acme Privacy Policy");
  REQUIRE(j["sections"].size() == 2);  // preamble and the level-1 section
  CHECK(j["sections"][0]["level"] == 0);
  CHECK(j["sections"][0]["children"].empty());
  const auto& top = j["sections"][1];
  CHECK(top["heading"] == "Acme Privacy Policy");
  REQUIRE(top["children"].size() == 2);
  const auto& collect = top["children"][0];
  CHECK(collect["heading"] == "Data We Collect");
  CHECK(collect["path"] == nlohmann::json({"Acme Privacy Policy", "Data We Collect"}));
  CHECK(collect["blocks"][1]["kind"] == "list_item");
  REQUIRE(collect["children"].size() == 1);
  const auto& retention = collect["children"][0];
  CHECK(retention["heading"] == "Retention");
  CHECK(retention["blocks"][0]["kind"] == "table_row");
  CHECK(retention["blocks"][2]["kind"] == "preformatted");
  CHECK(top["children"][1]["heading"] == "Your Rights");
  CHECK(top["children"][1]["level"] == 2);
}

TEST_CASE("FromJson is the inverse of ToJson", "[canonical][json]") {
  Document d = SampleDoc();
  d.sections.push_back(Sec(4, {"Acme Privacy Policy", "Your Rights", "Skipped Level"}, {}));
  d.sections.push_back(Sec(1, {"Annex"}, {P("x")}));
  Document back;
  REQUIRE(FromJson(ToJson(d), &back));
  CHECK(back.title == d.title);
  REQUIRE(back.sections.size() == d.sections.size());
  for (size_t i = 0; i < d.sections.size(); ++i) {
    CHECK(back.sections[i].heading == d.sections[i].heading);
    CHECK(back.sections[i].level == d.sections[i].level);
    CHECK(back.sections[i].path == d.sections[i].path);
    REQUIRE(back.sections[i].blocks.size() == d.sections[i].blocks.size());
    for (size_t k = 0; k < d.sections[i].blocks.size(); ++k) {
      CHECK(back.sections[i].blocks[k].kind == d.sections[i].blocks[k].kind);
      CHECK(back.sections[i].blocks[k].text == d.sections[i].blocks[k].text);
    }
  }
  // The JSON survives serialisation to text.
  Document reparsed;
  REQUIRE(FromJson(nlohmann::json::parse(ToJson(d).dump()), &reparsed));
  CHECK(ToMarkdown(reparsed) == ToMarkdown(d));
}

TEST_CASE("FromJson rejects malformed JSON shapes", "[canonical][json][hostile]") {
  Document d;
  using nlohmann::json;
  CHECK_FALSE(FromJson(json::array(), &d));
  CHECK_FALSE(FromJson(json{{"title", "x"}}, &d));
  CHECK_FALSE(FromJson(json{{"title", 1}, {"sections", json::array()}}, &d));
  CHECK_FALSE(FromJson(json::parse(R"({"title":"","sections":[{"heading":"a","level":"2","blocks":[]}]})"), &d));
  CHECK_FALSE(FromJson(json::parse(R"({"title":"","sections":[{"heading":"a","level":2,"blocks":[{"kind":"poem","text":"x"}]}]})"), &d));
  CHECK_FALSE(FromJson(json::parse(R"({"title":"","sections":[{"heading":"a","level":99,"blocks":[]}]})"), &d));
  CHECK_FALSE(FromJson(json::parse(R"({"title":"","sections":[{"heading":"a","level":1,"blocks":[],"children":{}}]})"), &d));
  CHECK(FromJson(json::parse(R"({"title":"","sections":[]})"), &d));
  CHECK(d.sections.empty());
  // Absurd nesting is refused, not recursed into without bound.
  json deep = json::parse(R"({"heading":"x","level":1,"blocks":[]})");
  for (int i = 0; i < 200; ++i) {
    json parent = json::parse(R"({"heading":"x","level":1,"blocks":[]})");
    parent["children"] = json::array({deep});
    deep = std::move(parent);
  }
  CHECK_FALSE(FromJson(json{{"title", ""}, {"sections", json::array({deep})}}, &d));
}

TEST_CASE("DocumentText joins title, headings and blocks", "[canonical]") {
  Document d;
  d.title = "T";
  d.sections = {Sec(1, {"T"}, {P("one two")}), Sec(2, {"T", "H"}, {L("three")})};
  CHECK(DocumentText(d) == "T\nT\none two\nH\nthree");
}

TEST_CASE("Ignore rules remove volatile text", "[canonical][ignore]") {
  Document d = ParseText(
      "# Policy\n\nEffective Date: 1 March 2024\n\nLast updated 2024-03-01. We collect data.\n\n"
      "## Changes (rev 12)\n\nWe post changes here.\n");
  pw::extract::IgnoreRules rules;
  REQUIRE(rules.Compile({"Effective Date: .*", R"(Last updated \d{4}-\d{2}-\d{2}\.)",
                         R"( ?\(rev \d+\))"})
              .ok());
  rules.Apply(&d);
  REQUIRE(d.sections.size() == 2);
  REQUIRE(d.sections[0].blocks.size() == 1);  // the date paragraph is gone
  CHECK(d.sections[0].blocks[0].text == "We collect data.");
  CHECK(d.sections[1].heading == "Changes");
  CHECK(d.sections[1].path == std::vector<std::string>{"Policy", "Changes"});
}

TEST_CASE("Ignore rules report a bad regex by name", "[canonical][ignore][hostile]") {
  Document d = ParseText("# P\n\ntext\n");
  pw::Status st = pw::extract::ApplyIgnore(&d, {"ok", "Effective (Date"});
  REQUIRE_FALSE(st.ok());
  CHECK(st.message().find("Effective (Date") != std::string::npos);
  CHECK(d.sections.at(0).blocks.at(0).text == "text");  // untouched on error
  CHECK_FALSE(pw::extract::ApplyIgnore(&d, {""}).ok());
  CHECK(pw::extract::ApplyIgnore(&d, {}).ok());
}

// Real documents, read at run time only; skipped where the corpus is absent.
TEST_CASE("Corpus: seeds section and round-trip", "[canonical][corpus]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(PW_SOURCE_DIR) / ".." / "shared" / "corpus" / "seeds";
  if (!fs::is_directory(dir)) {
    WARN("corpus not found at " << dir.string() << "; skipping");
    SUCCEED();
    return;
  }
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    ++files;
    INFO(entry.path().filename().string());
    std::string text = ReadFile(entry.path());
    Document d = ParseText(text);
    // Markup headings (or bare title lines for plain text) in the file.
    size_t marked = 0;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
      if (line.rfind("#", 0) == 0) ++marked;
    CHECK(d.sections.size() >= std::min<size_t>(5, marked == 0 ? 5 : marked));
    std::string md = ToMarkdown(d);
    CHECK(ToMarkdown(ParseText(md)) == md);
  }
  CHECK(files >= 1);
}

namespace {

bool IsListOrRow(const std::string& t) {
  if (t[0] == '|') return true;
  if ((t[0] == '-' || t[0] == '*' || t[0] == '+') && (t.size() == 1 || t[1] == ' ')) return true;
  size_t d = t.find_first_not_of("0123456789");
  return d > 0 && d != std::string::npos && d <= 9 && (t[d] == '.' || t[d] == ')') &&
         (d + 1 == t.size() || t[d + 1] == ' ');
}

bool IsBreak(const std::string& t) {
  char c = t[0];
  if (c != '-' && c != '*' && c != '_') return false;
  size_t marks = 0;
  for (char x : t) {
    if (x == c) ++marks;
    else if (x != ' ' && x != '\t') return false;
  }
  return marks >= 3;
}

// ATX and setext headings outside fences, counted independently of ParseText.
size_t CountMarkdownHeadings(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  auto trim = [](std::string s) {
    size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  };
  size_t count = 0;
  bool prev_paragraph = false;
  bool fence = false;
  std::string fence_marker;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string t = trim(lines[i]);
    if (fence) {
      if (t.rfind(fence_marker, 0) == 0 && t.find_first_not_of(fence_marker[0]) == std::string::npos)
        fence = false;
      continue;
    }
    if (t.rfind("```", 0) == 0 || t.rfind("~~~", 0) == 0) {
      fence = true;
      fence_marker = t.substr(0, t.find_first_not_of(t[0]));
      prev_paragraph = false;
      continue;
    }
    size_t hashes = t.find_first_not_of('#');
    if (hashes == std::string::npos) hashes = t.size();
    if (hashes >= 1 && hashes <= 6 && (hashes == t.size() || t[hashes] == ' ' || t[hashes] == '\t')) {
      ++count;
      prev_paragraph = false;
      continue;
    }
    // Setext: an underline of 3+ '=' or '-' right after a paragraph line.
    bool under = t.size() >= 3 && (t[0] == '=' || t[0] == '-') &&
                 t.find_first_not_of(t[0]) == std::string::npos;
    if (under && i > 0 && prev_paragraph) ++count;
    prev_paragraph = !under && !t.empty() && !IsListOrRow(t) && !IsBreak(t);
    if (under) prev_paragraph = false;
  }
  return count;
}

}  // namespace

TEST_CASE("Corpus: versions have one section per Markdown heading", "[canonical][corpus]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(PW_SOURCE_DIR) / ".." / "shared" / "corpus" / "versions";
  if (!fs::is_directory(dir)) {
    WARN("corpus not found at " << dir.string() << "; skipping");
    SUCCEED();
    return;
  }
  int files = 0;
  for (const auto& doc_dir : fs::directory_iterator(dir)) {
    if (!doc_dir.is_directory()) continue;
    for (const auto& entry : fs::directory_iterator(doc_dir.path())) {
      if (entry.path().extension() != ".md") continue;
      ++files;
      INFO(entry.path().string());
      std::string text = ReadFile(entry.path());
      Document d = ParseText(text);
      size_t headed = 0;
      for (const Section& s : d.sections) headed += s.level > 0 ? 1 : 0;
      CHECK(headed == CountMarkdownHeadings(text));
      std::string md = ToMarkdown(d);
      CHECK(ToMarkdown(ParseText(md)) == md);
    }
  }
  CHECK(files >= 1);
}

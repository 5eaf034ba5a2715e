// The stored section tree (sections_json.h): the writer must give the bytes of
// nlohmann::json's dump of ToJson, and the reader the Document FromJson gives,
// for every input either of them accepts or refuses.
#include "extract/sections_json.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "extract/canonical.h"

namespace pw::extract {
namespace {

using nlohmann::json;

// Text with everything JSON escapes, and multi-byte UTF-8.
std::string RandomText(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {
      "We ", "collect ", "data", " ", "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t", "\x01",
      "\x1f", "\x7f", "caf\xC3\xA9", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80", "\xC2\xA0", "{", "}",
      "[", "]", ":", ",", "\\u0041", "30 days",
  };
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 12);
  std::string text;
  for (int k = length(rng); k > 0; --k) text += pieces[pick(rng)];
  return text;
}

Document RandomDocument(std::mt19937& rng, bool valid_levels) {
  Document doc;
  doc.title = RandomText(rng);
  std::uniform_int_distribution<int> sections(0, 14), blocks(0, 5), level(0, 6), kind(0, 3),
      odd(-2, 9);
  for (int k = sections(rng); k > 0; --k) {
    Section s;
    s.heading = RandomText(rng);
    s.level = valid_levels ? level(rng) : odd(rng);
    for (int p = level(rng); p > 0; --p) s.path.push_back(RandomText(rng));
    for (int b = blocks(rng); b > 0; --b) {
      s.blocks.push_back({static_cast<BlockKind>(kind(rng)), RandomText(rng)});
    }
    doc.sections.push_back(std::move(s));
  }
  return doc;
}

// What FromJson makes of `text`; false where it (or the JSON parser) refuses.
bool ViaNlohmann(const std::string& text, Document* doc) {
  json j = json::parse(text, nullptr, false);
  return !j.is_discarded() && FromJson(j, doc);
}

}  // namespace

TEST_CASE("Sections JSON: written as nlohmann::json dumps ToJson", "[sections_json]") {
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    Document doc = RandomDocument(rng, round % 2 == 0);
    const std::string want = ToJson(doc).dump();
    INFO("round " << round << ": " << want);
    REQUIRE(WriteSectionsJson(doc) == want);
  }
  CHECK(WriteSectionsJson(Document{}) == R"({"sections":[],"title":""})");
}

TEST_CASE("Sections JSON: read back as FromJson reads it", "[sections_json]") {
  std::mt19937 rng(11);
  for (int round = 0; round < 2000; ++round) {
    Document doc = RandomDocument(rng, true);
    const std::string text = WriteSectionsJson(doc);
    INFO("round " << round << ": " << text);
    Document ours, theirs;
    REQUIRE(ReadSectionsJson(text, &ours));
    REQUIRE(ViaNlohmann(text, &theirs));
    REQUIRE(ToJson(ours) == ToJson(theirs));
    REQUIRE(ToJson(ours) == ToJson(doc));
    // Any layout and key order a JSON writer may choose.
    Document pretty;
    REQUIRE(ReadSectionsJson(ToJson(doc).dump(2), &pretty));
    REQUIRE(ToJson(pretty) == ToJson(doc));
  }
}

TEST_CASE("Sections JSON: refuses what FromJson refuses", "[sections_json][hostile]") {
  const std::string ok_section = R"({"heading":"a","level":2,"path":["a"],"blocks":[]})";
  std::string deep = R"({"heading":"a","level":1,"blocks":[]})";
  for (int i = 0; i < 70; ++i) {
    deep = R"({"heading":"a","level":1,"blocks":[],"children":[)" + deep + "]}";
  }
  const std::vector<std::string> cases = {
      "", "null", "[]", "{}", "1", "\"x\"", R"({"title":"x"})", R"({"sections":[]})",
      R"({"title":1,"sections":[]})", R"({"title":"","sections":{}})",
      R"({"title":"","sections":[]})", R"( {"title" : "" , "sections" : [ ] } )",
      R"({"title":"","sections":[]} x)", R"({"title":"","sections":[],})",
      R"({"title":"","sections":[1]})", R"({"title":"" "sections":[]})",
      R"({"title":"","sections":[)" + ok_section + "]}",
      R"({"title":"","sections":[)" + ok_section + "," + ok_section + "]}",
      R"({"title":"","sections":[{"heading":"a","level":"2","blocks":[]}]})",
      R"({"title":"","sections":[{"heading":"a","level":2.0,"blocks":[]}]})",
      R"({"title":"","sections":[{"heading":"a","level":2e0,"blocks":[]}]})",
      R"({"title":"","sections":[{"heading":"a","level":-1,"blocks":[]}]})",
      R"({"title":"","sections":[{"heading":"a","level":-0,"blocks":[]}]})",
      R"({"title":"","sections":[{"heading":"a","level":7,"blocks":[]}]})",
      R"({"title":"","sections":[{"heading":"a","level":99,"blocks":[]}]})",
      R"({"title":"","sections":[{"heading":"a","level":02,"blocks":[]}]})",
      R"({"title":"","sections":[{"heading":"a","level":1000000,"blocks":[]}]})",
      // Past int (found by fuzz_sections_json: FromJson read it as level 1).
      R"({"title":"","sections":[{"heading":"a","level":4294967297,"blocks":[]}]})",
      R"({"title":"","sections":[{"heading":"a","level":18446744073709551615,"blocks":[]}]})",
      R"({"title":"","sections":[{"heading":"a","blocks":[]}]})",
      R"({"title":"","sections":[{"level":1,"blocks":[]}]})",
      R"({"title":"","sections":[{"heading":"a","level":1}]})",
      R"({"title":"","sections":[{"heading":"a","level":1,"blocks":[{"kind":"poem","text":"x"}]}]})",
      R"({"title":"","sections":[{"heading":"a","level":1,"blocks":[{"kind":"paragraph"}]}]})",
      R"({"title":"","sections":[{"heading":"a","level":1,"blocks":[{"text":"x"}]}]})",
      R"({"title":"","sections":[{"heading":"a","level":1,"blocks":[{"kind":"list_item","text":"x","extra":[1,{"a":null}]}]}]})",
      R"({"title":"","sections":[{"heading":"a","level":1,"blocks":[],"children":{}}]})",
      R"({"title":"","sections":[{"heading":"a","level":1,"blocks":[],"path":"a"}]})",
      R"({"title":"","sections":[{"heading":"a","level":1,"blocks":[],"path":[1]}]})",
      R"({"title":"","sections":[{"heading":"a","level":1,"blocks":[],"x":[true,false,null,-1.5e+3,{}]}]})",
      R"({"title":"","sections":[{"heading":"a","level":1,"blocks":[],"x":01}]})",
      R"({"title":"","sections":[{"heading":"a","level":1,"blocks":[],"x":tru}]})",
      R"({"title":"\u0041\u00e9\ud83d\ude00\n\"\\\/","sections":[]})",
      R"({"title":"\ud800","sections":[]})", R"({"title":"\udc00","sections":[]})",
      R"({"title":"\ud800\u0041","sections":[]})", R"({"title":"\x","sections":[]})",
      R"({"title":"\u00g1","sections":[]})", R"({"title":"abc)", "{\"title\":\"a\tb\",\"sections\":[]}",
      "{\"title\":\"caf\xC3\xA9\",\"sections\":[]}", "{\"title\":\"\xFF\",\"sections\":[]}",
      "{\"title\":\"\xE2\x82\",\"sections\":[]}", "{\"title\":\"\xED\xA0\x80\",\"sections\":[]}",
      R"({"title":"","sections":[)" + deep + "]}",
  };
  for (const std::string& text : cases) {
    INFO(text);
    Document ours, theirs;
    const bool want = ViaNlohmann(text, &theirs);
    REQUIRE(ReadSectionsJson(text, &ours) == want);
    if (want) CHECK(ToJson(ours) == ToJson(theirs));
  }
  // Refused by us only: a key given twice (a JSON parser keeps the last).
  Document d;
  CHECK_FALSE(ReadSectionsJson(R"({"title":"a","title":"b","sections":[]})", &d));
}

}  // namespace pw::extract

// fuzz_sections_json: the hand-written reader and writer of the stored section
// tree (extract/sections_json.h) against nlohmann::json and canonical.h's
// ToJson / FromJson.
//
// The first byte chooses the direction:
//  - even: the rest is JSON text. What ReadSectionsJson accepts, FromJson over
//    nlohmann's parse accepts too, giving the same Document; what nlohmann
//    accepts and ours refuses must have a duplicate key (ours refuses those)
//    or a NUL byte (where nlohmann stops reading).
//  - odd: the rest describes a Document (counted strings, levels, kinds);
//    WriteSectionsJson must equal ToJson(doc).dump(), and (levels 0..6) read
//    back, by ours and by nlohmann, to the same Document.
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "extract/canonical.h"
#include "extract/sections_json.h"
#include "fuzz/fuzz_support.h"

namespace {

using nlohmann::json;
using pw::extract::Document;
using pw::fuzz::Check;

// nlohmann's parse of `text`; *duplicate_key set when an object repeats a key.
json Parse(std::string_view text, bool* duplicate_key) {
  std::vector<std::set<std::string>> keys;
  json::parser_callback_t watch = [&](int, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::object_start) keys.emplace_back();
    if (event == json::parse_event_t::object_end && !keys.empty()) keys.pop_back();
    if (event == json::parse_event_t::key && !keys.empty() &&
        !keys.back().insert(parsed.get<std::string>()).second) {
      *duplicate_key = true;
    }
    return true;
  };
  return json::parse(text.begin(), text.end(), watch, /*allow_exceptions=*/false);
}

void ReadDirection(std::string_view text) {
  bool duplicate_key = false;
  const json j = Parse(text, &duplicate_key);
  Document theirs;
  const bool they_accept = !j.is_discarded() && pw::extract::FromJson(j, &theirs);
  Document ours;
  const bool we_accept = pw::extract::ReadSectionsJson(text, &ours);
  if (we_accept) {
    Check(they_accept, "ReadSectionsJson accepts what nlohmann + FromJson refuse");
    Check(pw::fuzz::SameDocument(ours, theirs), "ReadSectionsJson and FromJson read different documents");
  } else if (they_accept && text.find('\0') == std::string_view::npos) {
    // (nlohmann's lexer takes a NUL byte for the end of the input, so it
    // accepts `{...}\0garbage`; ours refuses it, as a JSON parser should.)
    Check(duplicate_key, "ReadSectionsJson refuses a document FromJson reads (no duplicate key)");
  }
}

// A Document from counted strings; false if any text is not valid UTF-8.
bool MakeDocument(pw::fuzz::Input& in, bool valid_levels, Document* doc) {
  doc->title = in.Counted();
  for (int n = in.Byte() % 12; n > 0; --n) {
    pw::extract::Section& s = doc->sections.emplace_back();
    const int level = in.Byte();
    s.level = valid_levels ? level % 7 : level % 13 - 3;
    s.heading = in.Counted();
    for (int p = in.Byte() % 5; p > 0; --p) s.path.emplace_back(in.Counted());
    for (int b = in.Byte() % 6; b > 0; --b) {
      const auto kind = static_cast<pw::extract::BlockKind>(in.Byte() % 4);
      s.blocks.push_back({kind, std::string(in.Counted())});
    }
  }
  return pw::fuzz::DocumentIsUtf8(*doc);
}

void WriteDirection(pw::fuzz::Input& in, bool valid_levels) {
  Document doc;
  if (!MakeDocument(in, valid_levels, &doc)) return;
  const std::string written = pw::extract::WriteSectionsJson(doc);
  const std::string dumped = pw::extract::ToJson(doc).dump();
  if (written != dumped) pw::fuzz::Fail("WriteSectionsJson != ToJson(doc).dump()", written, dumped);
  if (!valid_levels) return;
  Document ours, theirs;
  Check(pw::extract::ReadSectionsJson(written, &ours), "ReadSectionsJson refuses what it wrote");
  Check(pw::fuzz::SameDocument(ours, doc), "ReadSectionsJson(WriteSectionsJson(doc)) != doc");
  const json j = json::parse(written, nullptr, false);
  Check(!j.is_discarded() && pw::extract::FromJson(j, &theirs), "nlohmann cannot read what we wrote");
  Check(pw::fuzz::SameDocument(theirs, doc), "FromJson(parse(WriteSectionsJson(doc))) != doc");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  pw::fuzz::Input in(data, size);
  const uint8_t mode = in.Byte();
  if (mode % 2 == 0) {
    ReadDirection(in.Rest());
  } else {
    WriteDirection(in, (mode & 2) == 0);
  }
  return 0;
}

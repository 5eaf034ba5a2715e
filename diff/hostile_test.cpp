// Hostile inputs: empty documents, one empty side, many tiny sections, huge
// unrelated documents, broken UTF-8. Only completion and consistency are asserted.
#include <catch2/catch.hpp>

#include "diff/diff.h"
#include "diff/changeset_render.h"
#include "diff/internal/test_util.h"

namespace pw::diff {
namespace {

using testing::Doc;
using testing::S;

TEST_CASE("diff_test: empty documents") {
  extract::Document empty;
  Changeset cs = Compare(empty, empty);
  CHECK(cs.severity == Severity::kNone);
  CHECK(cs.sections.empty());
  CHECK_FALSE(RenderText(cs, false).empty());
  CHECK(ToJson(cs)["sections"].empty());
}

TEST_CASE("diff_test: one empty side") {
  auto full = Doc({{"Sharing", {"We share your data with partners for advertising purposes."}},
                   {"Rights", {"You may ask us to delete your data."}}});
  extract::Document empty;
  Changeset added = Compare(empty, full);
  CHECK(added.summary.sections_added == 2);
  CHECK(added.severity == Severity::kMaterial);
  Changeset removed = Compare(full, empty);
  CHECK(removed.summary.sections_removed == 2);
  CHECK(removed.severity == Severity::kMaterial);
  // Sections with no blocks and no heading at all.
  extract::Document blank;
  blank.sections.resize(3);
  Changeset c = Compare(blank, full);
  CHECK(c.severity == Severity::kMaterial);
}

TEST_CASE("diff_test: 10,000 tiny sections") {
  std::vector<S> from, to;
  for (int i = 0; i < 10000; ++i) {
    from.push_back({"S" + std::to_string(i), {"text " + std::to_string(i)}});
    to.push_back({"S" + std::to_string((i * 7919) % 10000), {"text " + std::to_string(i % 97)}});
  }
  Changeset cs = Compare(Doc(from), Doc(to));
  CHECK(cs.severity >= Severity::kMinor);
  CHECK(ToJson(cs)["sections"].size() == cs.sections.size());
}

TEST_CASE("diff_test: two unrelated 1 MB documents finish") {
  auto make = [](const std::string& stem, int seed) {
    std::vector<S> sections;
    std::string body;
    unsigned x = static_cast<unsigned>(seed);
    for (int s = 0; s < 10; ++s) {
      std::vector<std::string> blocks;
      for (int b = 0; b < 200; ++b) {
        std::string p;
        while (p.size() < 500) {
          x = x * 1103515245u + 12345u;
          p += stem + std::to_string((x >> 8) % 5000) + " ";
        }
        blocks.push_back(p);
      }
      sections.push_back({"Part " + std::to_string(s), blocks});
    }
    return Doc(sections);
  };
  extract::Document a = make("alpha", 1), b = make("beta", 2);
  Changeset cs = Compare(a, b);
  CHECK(cs.severity == Severity::kMaterial);
  CHECK(cs.sections.size() == 10);
}

TEST_CASE("diff_test: broken UTF-8 and control bytes do not crash") {
  auto a = Doc({{"\xff\xfe", {"\xc3", "we do not \x01 sell \xe2\x80"}}});
  auto b = Doc({{"\xfe", {"\xc3\xa9", "we may \x01 sell \xe2"}}});
  Changeset cs = Compare(a, b);
  CHECK(cs.severity == Severity::kMaterial);
  nlohmann::json j = ToJson(cs);
  CHECK_NOTHROW(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  CHECK_FALSE(RenderHtml(cs).empty());
}

}  // namespace
}  // namespace pw::diff

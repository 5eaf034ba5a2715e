#include "diff/changeset_render.h"

#include <catch2/catch.hpp>

#include "diff/internal/test_util.h"

namespace pw::diff {
namespace {

using testing::Doc;
using testing::S;

Changeset Sample() {
  std::vector<S> from = {{"Sharing", {"We do not sell your data. <script>alert(1)</script>"}},
                         {"Old", {"This section goes away and has enough words to be real content for sure."}}};
  std::vector<S> to = {{"Sharing", {"We may sell your data. <script>alert(2)</script> & more"}},
                       {"New <b>", {"A brand new section about cookies and tracking pixels used by partners."}}};
  return Compare(Doc(from), Doc(to));
}

TEST_CASE("diff_test: HTML escapes everything and uses ins/del with inline styles") {
  std::string html = RenderHtml(Sample());
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;") != std::string::npos);
  CHECK(html.find("New &lt;b&gt;") != std::string::npos);
  CHECK(html.find("&amp; more") != std::string::npos);
  CHECK(html.find("<del style=") != std::string::npos);
  CHECK(html.find("<ins style=") != std::string::npos);
  CHECK(html.find("<style") == std::string::npos);  // inline styles only
}

TEST_CASE("diff_test: text renderer colours only when asked") {
  Changeset cs = Sample();
  std::string plain = RenderText(cs, false);
  std::string color = RenderText(cs, true);
  CHECK(plain.find('\x1b') == std::string::npos);
  CHECK(plain.find("[-do not-]") != std::string::npos);
  CHECK(plain.find("{+may+}") != std::string::npos);
  CHECK(plain.find("severity: material") != std::string::npos);
  CHECK(color.find("\x1b[31m") != std::string::npos);
  CHECK(color.find("\x1b[32m") != std::string::npos);
}

TEST_CASE("diff_test: markdown renderer marks and escapes") {
  std::string md = RenderMarkdown(Sample());
  CHECK(md.find("~~do not~~") != std::string::npos);
  CHECK(md.find("**may**") != std::string::npos);
  CHECK(md.find("\\<script\\>") != std::string::npos);
  CHECK(md.find("### Privacy Policy › Sharing (modified, material)") != std::string::npos);
}

TEST_CASE("diff_test: JSON has the schema fields of SPEC.md and round-trips") {
  Changeset cs = Sample();
  nlohmann::json j = ToJson(cs);
  CHECK(j["schema"] == "policywatch.changeset.v1");
  CHECK(j["severity"] == "material");
  for (const char* k : {"sections_added", "sections_removed", "sections_modified",
                        "sections_moved", "words_added", "words_removed"}) {
    CHECK(j["summary"].contains(k));
  }
  REQUIRE(j["sections"].size() == cs.sections.size());
  const auto& s0 = j["sections"][0];
  for (const char* k : {"status", "path", "severity", "categories", "reasons", "diff"}) {
    CHECK(s0.contains(k));
  }
  CHECK(s0["diff"][0]["op"] == "equal");
  CHECK(s0["diff"][1]["op"] == "delete");
  CHECK(s0["diff"][1]["text"] == "do not ");

  Changeset back;
  std::string error;
  REQUIRE(FromJson(j, &back, &error));
  CHECK(ToJson(back) == j);
  REQUIRE(FromJson(nlohmann::json::parse(j.dump()), &back, &error));
  CHECK(ToJson(back) == j);
}

TEST_CASE("diff_test: FromJson rejects bad changesets with a message naming the field") {
  Changeset out;
  std::string error;
  CHECK_FALSE(FromJson(nlohmann::json::array(), &out, &error));
  CHECK(error.find("object") != std::string::npos);
  nlohmann::json j = ToJson(Sample());
  j["schema"] = "other.v9";
  CHECK_FALSE(FromJson(j, &out, &error));
  CHECK(error.find("schema") != std::string::npos);
  j = ToJson(Sample());
  j["sections"][0]["diff"][0]["op"] = "replace";
  CHECK_FALSE(FromJson(j, &out, &error));
  CHECK(error.find("sections[0].diff") != std::string::npos);
  j = ToJson(Sample());
  j["sections"][1]["severity"] = "huge";
  CHECK_FALSE(FromJson(j, &out, &error));
  CHECK(error.find("sections[1].severity") != std::string::npos);
  j = ToJson(Sample());
  j["summary"]["words_added"] = "many";
  CHECK_FALSE(FromJson(j, &out, &error));
  CHECK(error.find("summary.words_added") != std::string::npos);
  CHECK_FALSE(FromJson(nlohmann::json{{"schema", "policywatch.changeset.v1"}, {"severity", "none"}}, &out, &error));
}

TEST_CASE("diff_test: renderers elide long unchanged runs, JSON does not") {
  std::string long_text;
  for (int i = 0; i < 300; ++i) long_text += "unchanged words here ";
  std::vector<S> from = {{"A", {long_text + "We do not sell."}}};
  std::vector<S> to = {{"A", {long_text + "We may sell."}}};
  Changeset cs = Compare(Doc(from), Doc(to));
  CHECK(RenderText(cs, false).size() < 1500);
  CHECK(RenderText(cs, false).find(" … ") != std::string::npos);
  CHECK(ToJson(cs).dump().find(long_text) != std::string::npos);
}

}  // namespace
}  // namespace pw::diff

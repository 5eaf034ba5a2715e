// Versions stored as deltas against keyframes (internal/version_bodies.h): every
// version reads back byte for byte, however long its history, and damage is
// reported, not trusted.
#include <catch2/catch.hpp>

#include <random>

#include "store/evidence.h"
#include "store/internal/version_bodies.h"
#include "store/store.h"
#include "store/test_util.h"

namespace pw::store {
namespace {

using testing::Fetched;
using testing::MakeConfig;
using testing::OpenOrDie;
using testing::RecordCheck;
using testing::TempDir;
using testing::TestCheck;

// A policy-like text of `paragraphs` paragraphs drawn from `rng`.
std::string Paragraphs(std::mt19937& rng, int paragraphs) {
  static const char* const kWords[] = {"we", "collect", "your", "data", "share", "partners",
                                       "retain", "days", "consent", "cookies", "may", "not"};
  std::string text;
  for (int p = 0; p < paragraphs; ++p) {
    const int words = 20 + static_cast<int>(rng() % 40);
    for (int w = 0; w < words; ++w) text += std::string(kWords[rng() % 12]) + " ";
    text += std::to_string(rng() % 1000) + ".\n\n";
  }
  return text;
}

// Edits a few paragraphs of `text` in place: a change a policy might make.
void Edit(std::mt19937& rng, std::string* text) {
  for (int e = 0; e < 3; ++e) {
    const size_t at = rng() % text->size();
    const size_t end = text->find("\n\n", at);
    text->replace(at, end == std::string::npos ? 0 : std::min<size_t>(end - at, 40),
                  "changed " + std::to_string(rng()) + " words");
  }
}

struct Written {
  std::int64_t id;
  std::string text, tree, raw;
};

struct Doc {
  TempDir dir;
  std::unique_ptr<Store> store = OpenOrDie(dir.File("pw.db"));
  std::int64_t doc = 0;
  std::vector<Written> written;
  Doc() {
    REQUIRE(store->SyncConfig(MakeConfig(1), 0).ok());
    std::vector<DocumentRow> docs;
    REQUIRE(store->ListDocuments(false, &docs).ok());
    doc = docs[0].id;
  }
  void Add(const std::string& text, const std::string& tree, const std::string& raw) {
    const std::int64_t latest = written.empty() ? 0 : written.back().id;
    TestCheck check = Fetched(doc, 1000 + static_cast<std::int64_t>(written.size()), text, raw,
                              latest);
    check.version->sections_json = tree;
    CheckOutcome out;
    REQUIRE(RecordCheck(store.get(), check, &out).ok());
    written.push_back({out.version_id, text, tree, raw});
  }
  void RequireAllReadBack() {
    for (const Written& w : written) {
      INFO("version " << w.id);
      VersionRow v;
      REQUIRE(store->GetVersion(doc, w.id, &v).ok());
      CHECK(v.text == w.text);
      CHECK(v.sections_json == w.tree);
      CHECK(v.info.text_size == static_cast<std::int64_t>(w.text.size()));
      std::string raw;
      REQUIRE(store->GetEvidence(w.id, &raw).ok());
      CHECK(raw == w.raw);
    }
  }
  std::int64_t Count(const char* where) {
    std::int64_t n = 0;
    REQUIRE(store->db()->QueryInt(
        (std::string("SELECT count(*) FROM versions WHERE ") + where).c_str(), &n).ok());
    return n;
  }
};

TEST_CASE("a long history of edits reads back byte for byte from deltas", "[history]") {
  Doc d;
  std::mt19937 rng(7);
  std::string text = Paragraphs(rng, 60);
  for (int i = 0; i < 150; ++i) {
    Edit(rng, &text);
    d.Add(text, "{\"sections\":\"" + text.substr(0, 200) + "\"}",
          "<html><p>" + text + "</p><script>nonce " + std::to_string(rng()) + "</script>");
  }
  d.RequireAllReadBack();
  CHECK(d.Count("base_id IS NOT NULL") > 100);  // mostly deltas
  CHECK(d.Count("base_id IS NULL") >= 1);
  CHECK(d.Count("base_id IS NULL") <= 150 / (kMaxChainLength - 1) + 2);
  // Every delta is against the version just before it.
  CHECK(d.Count("base_id IS NOT NULL AND base_id <> id - 1") == 0);
  std::int64_t delta_bytes = 0, text_bytes = 0;
  REQUIRE(d.store->db()->QueryInt("SELECT sum(length(text_z)) FROM versions WHERE base_id IS NOT NULL",
                                  &delta_bytes).ok());
  REQUIRE(d.store->db()->QueryInt("SELECT sum(text_size) FROM versions WHERE base_id IS NOT NULL",
                                  &text_bytes).ok());
  CHECK(delta_bytes * 20 < text_bytes);  // a few edits cost far less than the text
}

TEST_CASE("unusual bodies read back: empty text and NUL and invalid UTF-8 bytes", "[history]") {
  Doc d;
  d.Add("", "[]", "");
  d.Add(std::string("a\0b\xff\xfe", 5), "[]", std::string("\0\0raw", 5));
  d.Add("plain", "", std::string(300000, 'x'));
  d.Add("plain again", "[1]", std::string(300000, 'y'));
  d.RequireAllReadBack();
}

TEST_CASE("a history that drifts far from its keyframe starts a new one", "[history]") {
  Doc d;
  std::mt19937 rng(11);
  for (int i = 0; i < 12; ++i) d.Add(Paragraphs(rng, 40), "[]", Paragraphs(rng, 40));
  d.RequireAllReadBack();
  CHECK(d.Count("base_id IS NULL") >= 10);  // unrelated texts: each its own keyframe
}

TEST_CASE("a damaged delta is reported with its version and a damaged keyframe does not "
          "stop new versions", "[history][hostile]") {
  Doc d;
  std::mt19937 rng(3);
  std::string text = Paragraphs(rng, 30);
  for (int i = 0; i < 3; ++i) {
    Edit(rng, &text);
    d.Add(text, "[]", "<p>" + text);
  }
  const std::int64_t keyframe = d.written[0].id, delta = d.written[2].id;
  REQUIRE(d.Count(("id = " + std::to_string(delta) + " AND base_id IS NOT NULL").c_str()) == 1);
  REQUIRE(d.store->db()->Exec("UPDATE versions SET text_z = x'28b52ffd0000' WHERE id = " +
                              std::to_string(delta)).ok());
  VersionRow v;
  Status s = d.store->GetVersion(d.doc, delta, &v);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("version " + std::to_string(delta)));
  CHECK_THAT(s.message(), Catch::Contains("text"));
  CHECK(d.store->GetVersion(d.doc, d.written[1].id, &v).ok());  // the versions before it are fine

  REQUIRE(d.store->db()->Exec("UPDATE versions SET text_z = x'00', raw_z = x'00' WHERE id = " +
                              std::to_string(keyframe)).ok());
  d.written.clear();
  d.written.push_back({delta, "", "", ""});  // the latest, for the next check's expectation
  d.Add("a new text after the damage", "[]", "<p>new");
  CHECK(d.Count(("id = " + std::to_string(d.written.back().id) + " AND base_id IS NULL").c_str())
        == 1);
  REQUIRE(d.store->GetVersion(d.doc, d.written.back().id, &v).ok());
  CHECK(v.text == "a new text after the damage");
}

TEST_CASE("a delta pointing at itself is refused not followed", "[history][hostile]") {
  Doc d;
  d.Add("one one one one", "[]", "r1");
  d.Add("one one one two", "[]", "r2");
  REQUIRE(d.store->db()->Exec("UPDATE versions SET base_id = id WHERE id = " +
                              std::to_string(d.written[1].id)).ok());
  VersionRow v;
  Status s = d.store->GetVersion(d.doc, d.written[1].id, &v);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("later"));
}

TEST_CASE("a text that does not match its recorded hash is refused", "[history][hostile]") {
  Doc d;
  d.Add("one", "[]", "r1");
  REQUIRE(d.store->db()->Exec("UPDATE versions SET sha256 = 'x'").ok());
  VersionRow v;
  Status s = d.store->GetVersion(d.doc, d.written[0].id, &v);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("SHA-256"));
}

TEST_CASE("delta frames need their prefix and refuse another", "[history][evidence]") {
  const std::string base = "We keep your data for thirty days. We share it with partners.";
  const std::string next = "We keep your data for ninety days. We share it with partners.";
  std::string frame, out;
  REQUIRE(CompressEvidence(next, kEvidenceLevel, &frame, base).ok());
  REQUIRE(DecompressEvidence(frame, next.size(), &out, base).ok());
  CHECK(out == next);
  CHECK_FALSE(DecompressEvidence(frame, next.size(), &out, "").ok());
}

}  // namespace
}  // namespace pw::store

// Bad trees: names that are not dates, files that are not UTF-8, manifests with a
// wrong hash or a path out of the tree. Each is refused with its path named; the
// rest of the tree is imported.
#include <catch2/catch.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "archive/export.h"
#include "archive/import.h"
#include "archive/internal/files.h"
#include "archive/test_fixtures.h"

namespace pw::archive {
namespace {

using testing::PolicyText;
using testing::TempDir;

ImportResult ImportOk(store::Store& store, const std::string& dir) {
  ImportResult result;
  Status s = Import(store, testing::TwoCompanies(), dir, ImportOptions(), &result);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return result;
}

// The error about `path`, "" when none.
std::string ErrorAbout(const ImportResult& r, const std::string& path) {
  for (const auto& e : r.errors) {
    if (e.path == path) return e.message;
  }
  return "";
}

TEST_CASE("dataset files named other than a date or not UTF-8 are refused by name",
          "[archive][hostile]") {
  TempDir tmp;
  tmp.Write("d/Mistral Media/Privacy Policy/2020-01-01T00-00-00Z.md", PolicyText("M", 0));
  tmp.Write("d/Mistral Media/Privacy Policy/latest.md", PolicyText("M", 1));
  tmp.Write("d/Mistral Media/Privacy Policy/2020-02-30T00-00-00Z.md", PolicyText("M", 1));
  tmp.Write("d/Mistral Media/Privacy Policy/2020-03-01T00-00-00Z.md", "# Title\n\nCaf\xe9 \xff\n");
  tmp.Write("d/Mistral Media/Privacy Policy/2020-04-01T00-00-00Z.md", PolicyText("M", 2));
  auto store = testing::OpenStore(tmp.File("pw.db"));
  ImportResult r = ImportOk(*store, tmp.File("d"));
  CHECK(r.Appended() == 2);
  CHECK(ErrorAbout(r, "Mistral Media/Privacy Policy/latest.md").find("not a UTC date") !=
        std::string::npos);
  CHECK(ErrorAbout(r, "Mistral Media/Privacy Policy/2020-02-30T00-00-00Z.md") != "");
  CHECK(ErrorAbout(r, "Mistral Media/Privacy Policy/2020-03-01T00-00-00Z.md") ==
        "not valid UTF-8 text");
}

// An export of the seeded store in DIR/out, its manifest parsed.
struct Tampered {
  TempDir tmp;
  std::string out = tmp.File("out");
  nlohmann::json manifest;
  Tampered() {
    auto source = testing::OpenStore(tmp.File("source.db"));
    testing::SeedHistory(*source);
    ExportResult r;
    REQUIRE(Export(*source, out, ExportOptions(), &r).ok());
    std::string text;
    REQUIRE(internal::ReadWholeFile(out + "/manifest.json", &text).ok());
    manifest = nlohmann::json::parse(text);
  }
  std::string File(int doc, int version) {
    return manifest["documents"][doc]["versions"][version]["file"];
  }
  void Save() { tmp.Write("out/manifest.json", manifest.dump(2)); }
};

TEST_CASE("a manifest entry whose file does not match its hash is refused",
          "[archive][hostile]") {
  Tampered t;
  const std::string file = t.File(0, 1);
  t.tmp.Write("out/" + file, PolicyText("Changed behind our back", 9));
  auto store = testing::OpenStore(t.tmp.File("pw.db"));
  ImportResult r = ImportOk(*store, t.out);
  CHECK(ErrorAbout(r, file).find("SHA-256") != std::string::npos);
  CHECK(r.Appended() == 9);
}

TEST_CASE("a manifest entry whose path leaves the tree is refused", "[archive][hostile]") {
  Tampered t;
  t.tmp.Write("secret.md", PolicyText("Outside", 1));
  t.manifest["documents"][0]["versions"][1]["file"] = "../secret.md";
  t.manifest["documents"][0]["versions"][2]["file"] = "/etc/passwd";
  t.Save();
  auto store = testing::OpenStore(t.tmp.File("pw.db"));
  ImportResult r = ImportOk(*store, t.out);
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].message.find("'..'") != std::string::npos);
  CHECK(r.errors[0].message.find("documents[0].versions[1]") != std::string::npos);
  CHECK(r.errors[1].message.find("absolute") != std::string::npos);
  CHECK(r.Appended() == 8);
}

TEST_CASE("a symbolic link out of the tree is refused", "[archive][hostile]") {
  Tampered t;
  const std::string file = t.File(1, 0);
  t.tmp.Write("elsewhere.md", PolicyText("Outside", 1));
  std::filesystem::remove(t.out + "/" + file);
  std::filesystem::create_symlink(t.tmp.File("elsewhere.md"), t.out + "/" + file);
  auto store = testing::OpenStore(t.tmp.File("pw.db"));
  ImportResult r = ImportOk(*store, t.out);
  CHECK(ErrorAbout(r, file).find("leads outside") != std::string::npos);
}

TEST_CASE("a tree of neither layout and a manifest that is not ours are errors",
          "[archive][hostile]") {
  TempDir tmp;
  auto store = testing::OpenStore(tmp.File("pw.db"));
  ImportResult r;
  tmp.Write("empty/notes.txt", "nothing\n");
  Status s = Import(*store, testing::TwoCompanies(), tmp.File("empty"), ImportOptions(), &r);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find("neither a policywatch export") != std::string::npos);
  tmp.Write("bad/manifest.json", "{\"schema\": \"something.else\"}");
  s = Import(*store, testing::TwoCompanies(), tmp.File("bad"), ImportOptions(), &r);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find("schema") != std::string::npos);
  CHECK(testing::CountRows(*store, "versions") == 0);
}

}  // namespace
}  // namespace pw::archive

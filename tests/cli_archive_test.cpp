// `policywatch export` and `import` as users run them: exit codes and summaries.
#include <catch2/catch.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "tests/support/run_binary.h"
#include "tests/support/temp_dir.h"

namespace {

using pw::testing::Outcome;
using pw::testing::RunBinary;

struct Installation {
  pw::testing::TempDir dir;
  std::string config = dir.Write(
      "pw.toml",
      "[daemon]\ndatabase = \"" + dir.File("pw.db") + "\"\n"
      "[[company]]\nid = \"mistral-media\"\nname = \"Mistral Media\"\n"
      "  [[company.document]]\n  type = \"privacy-policy\"\n  url = \"https://mistral.example/privacy\"\n");
  Installation() {
    dir.Write("ota/Mistral Media/Privacy Policy/2020-01-01T00-00-00Z.md",
              "# Privacy\n\n## Sharing\n\nWe do not sell your data.\n");
    dir.Write("ota/Mistral Media/Privacy Policy/2021-01-01T00-00-00Z.md",
              "# Privacy\n\n## Sharing\n\nWe may sell your data to partners.\n");
    dir.Write("ota/README.md", "# Dataset\n");
  }
  Outcome Run(std::vector<std::string> args) {
    args.insert(args.end(), {"--config", config});
    return RunBinary(args);
  }
};

TEST_CASE("import a dataset then export it: summaries and exit codes", "[cli][archive]") {
  Installation in;
  Outcome o = in.Run({"import", in.dir.File("ota"), "--format", "json"});
  INFO(o.err);
  REQUIRE(o.exit_code == 0);
  auto summary = nlohmann::json::parse(o.out);
  CHECK(summary["layout"] == "open-terms-archive");
  CHECK(summary["appended"] == 2);
  o = in.Run({"import", in.dir.File("ota")});
  CHECK(o.exit_code == 0);
  CHECK(o.out.rfind("imported 0 versions", 0) == 0);
  CHECK(o.out.find("2 already present") != std::string::npos);

  o = in.Run({"export", in.dir.File("out")});
  CHECK(o.exit_code == 0);
  CHECK(o.out.rfind("exported 2 versions of 1 documents", 0) == 0);
  CHECK(std::filesystem::exists(in.dir.File("out/manifest.json")));
  // A non-empty directory that holds no export is refused.
  o = in.Run({"export", in.dir.File("ota")});
  CHECK(o.exit_code == 1);
  CHECK(o.err.find("not empty") != std::string::npos);
}

TEST_CASE("import: a bad file exits 1 naming it and usage errors exit 2", "[cli][archive]") {
  Installation in;
  in.dir.Write("ota/Mistral Media/Privacy Policy/yesterday.md", "# Privacy\n");
  Outcome o = in.Run({"import", in.dir.File("ota"), "--dry-run"});
  CHECK(o.exit_code == 1);
  CHECK(o.out.rfind("would import 2 versions", 0) == 0);
  CHECK(o.out.find("Mistral Media/Privacy Policy/yesterday.md: the name is not a UTC date") !=
        std::string::npos);
  CHECK(in.Run({"import"}).exit_code == 2);
  CHECK(in.Run({"export"}).exit_code == 2);
  CHECK(in.Run({"import", in.dir.File("ota"), "--map", "no-equals"}).exit_code == 2);
}

}  // namespace

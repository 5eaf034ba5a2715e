// File names, timestamps and safe paths of export trees and datasets.
#include <catch2/catch.hpp>

#include "archive/internal/layout.h"
#include "archive/internal/match.h"

namespace pw::archive::internal {
namespace {

TEST_CASE("version file names carry the UTC time and the version id", "[archive][layout]") {
  CHECK(VersionFileName(1700000000, 12) == "2023-11-14T22-13-20Z_v12.md");
  CHECK(Rfc3339(1700000000) == "2023-11-14T22:13:20Z");
}

TEST_CASE("timestamps parse with dashes or colons and reject impossible dates",
          "[archive][layout]") {
  CHECK(ParseUtcTimestamp("2023-11-14T22-13-20Z") == 1700000000);
  CHECK(ParseUtcTimestamp("2023-11-14T22:13:20Z") == 1700000000);
  CHECK(ParseUtcTimestamp("2023-11-14T22:13:20.250Z") == 1700000000);
  CHECK(ParseUtcTimestamp("2024-02-29T00-00-00Z").has_value());
  for (const char* bad : {"2023-02-29T00-00-00Z", "2023-13-01T00-00-00Z", "2023-11-14T24-00-00Z",
                          "2023-11-14T22-13:20Z", "2023-11-14T22-13-20", "2023-11-14",
                          "2023-11-14T22-13-20Z.md", "x2023-11-14T22-13-20Z", "2023-11-14T22-13-20.Z"}) {
    INFO(bad);
    CHECK_FALSE(ParseUtcTimestamp(bad).has_value());
  }
}

TEST_CASE("file names give their time or say why not", "[archive][layout]") {
  std::string why;
  CHECK(TimeOfFileName("2021-05-14T10-23-45Z.md", &why).has_value());
  CHECK(TimeOfFileName("2021-05-14T10:23:45Z.md", &why).has_value());
  CHECK(TimeOfFileName("2023-11-14T22-13-20Z_v12.md", &why) == 1700000000);
  CHECK_FALSE(TimeOfFileName("latest.md", &why).has_value());
  CHECK(why.find("not a UTC date") != std::string::npos);
  CHECK_FALSE(TimeOfFileName("2021-05-14T10-23-45Z.txt", &why).has_value());
  CHECK(why == "not a .md file");
}

TEST_CASE("paths inside a tree are relative and never climb out", "[archive][layout]") {
  CHECK(CheckRelativePath("acme/privacy-policy/2021-05-14T10-23-45Z_v1.md") == "");
  CHECK(CheckRelativePath("Mistral Media/Privacy Policy/x.md") == "");
  for (const char* bad : {"../x", "a/../b", "/etc/passwd", "a//b", "./a", "a/", "", "a\\b"}) {
    INFO(bad);
    CHECK(CheckRelativePath(bad) != "");
  }
  CHECK(CheckSegment("..") != "");
  CHECK(CheckSegment("a/b") != "");
  CHECK(CheckSegment(std::string("a\nb")) != "");
}

TEST_CASE("slugs of service and terms type names", "[archive][match]") {
  CHECK(Slug("Mistral Media") == "mistral-media");
  CHECK(Slug("  Terms of Service ") == "terms-of-service");
  CHECK(Slug("App Store (EU)") == "app-store-eu");
}

}  // namespace
}  // namespace pw::archive::internal

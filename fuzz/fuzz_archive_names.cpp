// fuzz_archive_names: the names of an export tree and of a dataset
// (archive/internal/layout.h). A time parsed from a name prints back as a name
// that parses to the same time; a path accepted as safe has no "..", no
// absolute start and no NUL.
#include <string>

#include "archive/internal/layout.h"
#include "fuzz/fuzz_support.h"

using pw::fuzz::Check;
namespace a = pw::archive::internal;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string why;
  if (auto t = a::TimeOfFileName(input, &why)) {
    const std::string name = a::VersionFileName(*t, 7);
    auto again = a::TimeOfFileName(name, &why);
    Check(again && *again == *t, "a parsed time does not survive its own file name");
    auto stamp = a::ParseUtcTimestamp(a::Rfc3339(*t));
    Check(stamp && *stamp == *t, "Rfc3339 does not parse back");
  }
  (void)a::ParseUtcTimestamp(input);
  if (a::CheckRelativePath(input).empty()) {
    Check(!input.empty() && input.front() != '/', "an absolute or empty path accepted");
    Check(input.find('\0') == std::string_view::npos, "a NUL accepted");
    Check(input != ".." && input.find("../") != 0 && input.find("/../") == std::string_view::npos &&
              !(input.size() >= 3 && input.substr(input.size() - 3) == "/.."),
          "a .. component accepted");
  }
  return 0;
}

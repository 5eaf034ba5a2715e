// fuzz_config: the config loader on arbitrary TOML text (written to a file in a
// private temporary directory, as LoadConfig reads files), and the duration and
// size parsers on its first line. Checked: every error has a message and names
// the file; a duration or size that parses is printed back to the same value.
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "config/config.h"
#include "fuzz/fuzz_support.h"

namespace {

using pw::fuzz::Check;

const std::string& ConfigPath() {
  static const std::string path = [] {
    char dir[] = "/tmp/fuzz_config.XXXXXX";
    if (mkdtemp(dir) == nullptr) pw::fuzz::Fail("mkdtemp failed");
    return std::string(dir) + "/policywatch.toml";
  }();
  return path;
}

void CheckUnits(std::string_view line) {
  std::chrono::milliseconds ms{};
  if (pw::config::ParseDuration(line, &ms)) {
    std::chrono::milliseconds again{};
    Check(pw::config::ParseDuration(std::to_string(ms.count()) + "ms", &again) && again == ms,
          "a parsed duration does not read back in milliseconds");
  }
  std::uint64_t bytes = 0;
  if (pw::config::ParseSize(line, &bytes)) {
    std::uint64_t again = 0;
    Check(pw::config::ParseSize(std::to_string(bytes) + "B", &again) && again == bytes,
          "a parsed size does not read back in bytes");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  pw::fuzz::Input in(data, size);
  CheckUnits(in.Line(64));
  const std::string& path = ConfigPath();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  const pw::config::LoadResult result = pw::config::LoadConfig(path);
  for (const pw::config::ConfigError& e : result.errors) {
    Check(!e.message.empty(), "a config error without a message");
    Check(!e.location.file.empty(), "a config error without a file");
    Check(!e.ToString().empty(), "a config error prints as nothing");
  }
  return 0;
}

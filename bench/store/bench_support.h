// What the store benchmarks share: stop on an error, read a file whole.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "util/status.h"

namespace pw::bench {

// Prints "`bench`: the error" and exits 1 unless `s` is ok.
inline void DieUnlessOk(const char* bench, const pw::Status& s) {
  if (s.ok()) return;
  std::fprintf(stderr, "%s: %s\n", bench, s.ToString().c_str());
  std::exit(1);
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace pw::bench

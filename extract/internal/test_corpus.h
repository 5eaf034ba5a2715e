// The corpus's raw HTML snapshots (../shared/corpus/snapshots), for tests that
// read them at run time and skip where the corpus is absent.
#pragma once

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

namespace pw::extract::testing {

inline std::filesystem::path SnapshotDir() {
  return std::filesystem::path(PW_SOURCE_DIR) / ".." / "shared" / "corpus" / "snapshots";
}

// Calls visit(path, page) for every snapshot page; returns how many there were
// (0 when the corpus is absent).
inline int ForEachSnapshotPage(
    const std::function<void(const std::filesystem::path&, const std::string&)>& visit) {
  const std::filesystem::path dir = SnapshotDir();
  if (!std::filesystem::exists(dir)) return 0;
  int pages = 0;
  for (const auto& doc : std::filesystem::directory_iterator(dir)) {
    if (!doc.is_directory()) continue;
    for (const auto& file : std::filesystem::directory_iterator(doc.path())) {
      if (file.path().extension() != ".html") continue;
      std::ifstream in(file.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      visit(file.path(), ss.str());
      ++pages;
    }
  }
  return pages;
}

}  // namespace pw::extract::testing

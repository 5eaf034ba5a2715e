// The snapshot pages of ../shared/corpus/snapshots, for the extraction benches.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "extract/extract.h"

namespace pw::bench {

struct CorpusPage {
  std::string doc;            // "Bumble__Terms-of-Service"
  std::string name;           // "01_2025-12-19" or "noise_2026-01-05"
  std::filesystem::path html;
  std::filesystem::path reference;  // NN_*.extracted.md; empty for noise pages
  std::string neighbour;      // noise pages: the snapshot whose text they must equal
  extract::Options options;   // the declaration in effect (select / remove)
  // As declared: CSS selectors, and OTA range objects {"startBefore": ..., ...}.
  std::vector<config::SelectorEntry> select, remove;
};

// The corpus snapshot folder: $PW_CORPUS or ${PW_SOURCE_DIR}/../shared/corpus/snapshots.
std::filesystem::path CorpusSnapshotDir();

// Every page, sorted by doc then name. Returns false (with a message on stderr)
// when the folder is absent or a meta.json cannot be read.
bool LoadCorpusPages(std::vector<CorpusPage>* pages);

std::string ReadFile(const std::filesystem::path& path);

}  // namespace pw::bench

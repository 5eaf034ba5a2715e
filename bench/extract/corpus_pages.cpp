#include "bench/extract/corpus_pages.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace pw::bench {
namespace {

std::vector<std::string> StringOrArray(const nlohmann::json& decl, const char* key) {
  std::vector<std::string> out;
  if (!decl.contains(key)) return out;
  const nlohmann::json& v = decl[key];
  if (v.is_string()) out.push_back(v.get<std::string>());
  if (v.is_array()) {
    for (const auto& item : v) {
      if (item.is_string()) out.push_back(item.get<std::string>());
    }
  }
  return out;
}

}  // namespace

std::filesystem::path CorpusSnapshotDir() {
  if (const char* env = std::getenv("PW_CORPUS")) return env;
  return std::filesystem::path(PW_SOURCE_DIR) / ".." / "shared" / "corpus" / "snapshots";
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool LoadCorpusPages(std::vector<CorpusPage>* pages) {
  namespace fs = std::filesystem;
  fs::path root = CorpusSnapshotDir();
  if (!fs::is_directory(root)) {
    std::cerr << "corpus folder " << root << " is absent: skipping\n";
    return false;
  }
  std::vector<fs::path> docs;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory() && fs::exists(entry.path() / "meta.json")) docs.push_back(entry.path());
  }
  std::sort(docs.begin(), docs.end());
  for (const fs::path& dir : docs) {
    nlohmann::json meta = nlohmann::json::parse(ReadFile(dir / "meta.json"), nullptr, false);
    if (meta.is_discarded() || !meta.contains("snapshots")) {
      std::cerr << "cannot read " << dir / "meta.json" << "\n";
      return false;
    }
    std::vector<CorpusPage> doc_pages;
    for (const auto& snap : meta["snapshots"]) {
      CorpusPage page;
      page.doc = dir.filename().string();
      page.html = dir / snap.value("file", "");
      page.name = page.html.stem().string();
      page.reference = dir / snap.value("extracted", "");
      nlohmann::json decl = snap.value("declaration_in_effect", nlohmann::json::object());
      page.select_text = StringOrArray(decl, "select");
      page.remove_text = StringOrArray(decl, "remove");
      pw::Status s = extract::MakeOptions(config::CssEntries(page.select_text),
                                           config::CssEntries(page.remove_text), {}, &page.options);
      if (!s.ok()) std::cerr << page.doc << "/" << page.name << ": " << s.message() << "\n";
      doc_pages.push_back(std::move(page));
    }
    std::sort(doc_pages.begin(), doc_pages.end(),
              [](const CorpusPage& a, const CorpusPage& b) { return a.name < b.name; });
    // Noise pages: the neighbour is the last snapshot dated before them.
    for (const auto& entry : fs::directory_iterator(dir)) {
      std::string file = entry.path().filename().string();
      if (!file.starts_with("noise_") || entry.path().extension() != ".html") continue;
      std::string date = file.substr(6, 10);
      const CorpusPage* before = nullptr;
      for (const CorpusPage& p : doc_pages) {
        if (p.name.substr(3, 10) < date) before = &p;
      }
      if (before == nullptr) continue;
      CorpusPage page = *before;
      page.html = entry.path();
      page.name = entry.path().stem().string();
      page.reference.clear();
      page.neighbour = before->name;
      doc_pages.push_back(std::move(page));
    }
    pages->insert(pages->end(), doc_pages.begin(), doc_pages.end());
  }
  return true;
}

}  // namespace pw::bench

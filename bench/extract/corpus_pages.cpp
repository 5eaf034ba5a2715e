#include "bench/extract/corpus_pages.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace pw::bench {
namespace {

// An Open Terms Archive range object ({"startBefore": "#a", "endBefore": "#b"},
// also startAfter / endAfter) as a range entry; false when it is not one.
bool RangeEntry(const nlohmann::json& item, config::SelectorEntry* out) {
  const std::pair<const char*, std::string*> markers[] = {
      {"startBefore", &out->start_before}, {"startAfter", &out->start_after},
      {"endBefore", &out->end_before}, {"endAfter", &out->end_after}};
  for (const auto& [name, field] : markers) {
    if (item.contains(name) && item[name].is_string()) *field = item[name].get<std::string>();
  }
  return !(out->start_before.empty() && out->start_after.empty()) &&
         !(out->end_before.empty() && out->end_after.empty());
}

// A declaration's `select` or `remove`: a CSS string, a range object, or an array
// of them. What is neither is reported on stderr and skipped.
std::vector<config::SelectorEntry> Entries(const nlohmann::json& decl, const char* key,
                                           const std::string& where) {
  std::vector<config::SelectorEntry> out;
  if (!decl.contains(key) || decl[key].is_null()) return out;
  const nlohmann::json& v = decl[key];
  for (const auto& item : v.is_array() ? v : nlohmann::json::array({v})) {
    config::SelectorEntry range;
    if (item.is_string()) {
      out.push_back(config::CssEntries({item.get<std::string>()}).front());
    } else if (item.is_object() && RangeEntry(item, &range)) {
      out.push_back(std::move(range));
    } else {
      std::cerr << where << ": " << key << " entry skipped: " << item.dump() << "\n";
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
      const std::string where = page.doc + "/" + page.name;
      page.select = Entries(decl, "select", where);
      page.remove = Entries(decl, "remove", where);
      pw::Status s = extract::MakeOptions(page.select, page.remove, {}, &page.options);
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

// Reading an Open Terms Archive dataset (SERVICE/TERMS TYPE/DATE.md) as source
// documents, and choosing between the two layouts.
#include <algorithm>
#include <filesystem>

#include "archive/internal/layout.h"
#include "archive/internal/manifest.h"
#include "archive/internal/source.h"

namespace pw::archive::internal {

namespace fs = std::filesystem;

namespace {

// The directories in `dir`, sorted by name; hidden ones left out.
std::vector<fs::path> Subdirectories(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().filename().string().starts_with(".")) continue;
    if (e.is_directory(ec)) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The version files of one terms type; names that are not dates go to `errors`.
SourceDocument ReadTermsType(const fs::path& type_dir, std::vector<FileError>* errors) {
  const std::string service = type_dir.parent_path().filename().string();
  const std::string type = type_dir.filename().string();
  SourceDocument doc{service + "/" + type, service, type, {}};
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(type_dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.starts_with(".")) continue;
    const std::string relative = doc.label + "/" + name;
    std::string why;
    auto at = e.is_regular_file(ec) ? TimeOfFileName(name, &why) : std::nullopt;
    if (!e.is_regular_file(ec)) why = "not a regular file";
    if (!at) {
      errors->push_back({relative, why});
      continue;
    }
    doc.files.push_back({relative, *at, 0, "", 0});
  }
  if (ec) errors->push_back({doc.label, "cannot list: " + ec.message()});
  return doc;
}

}  // namespace

Status ReadDatasetTree(const std::string& dir, SourceTree* tree) {
  *tree = SourceTree();
  tree->layout = "open-terms-archive";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::Error(dir + ": not a directory");
  for (const auto& service : Subdirectories(dir)) {
    for (const auto& type : Subdirectories(service)) {
      SourceDocument doc = ReadTermsType(type, &tree->errors);
      if (!doc.files.empty()) tree->documents.push_back(std::move(doc));
    }
  }
  if (tree->documents.empty() && tree->errors.empty()) {
    return Status::Error(dir + ": neither a policywatch export (no manifest.json) nor an Open "
                         "Terms Archive dataset (no SERVICE/TERMS TYPE/DATE.md file)");
  }
  return Status::Ok();
}

Status ReadSourceTree(const std::string& dir, SourceTree* tree) {
  std::error_code ec;
  if (fs::exists(fs::path(dir) / kManifestName, ec)) return ReadExportTree(dir, tree);
  return ReadDatasetTree(dir, tree);
}

}  // namespace pw::archive::internal

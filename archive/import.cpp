#include "archive/import.h"

#include <algorithm>
#include <set>

#include "archive/internal/match.h"
#include "archive/internal/source.h"
#include "archive/internal/version_file.h"
#include "check/derive.h"
#include "util/clock.h"

namespace pw::archive {

using internal::SourceDocument;
using internal::SourceFile;

int ImportResult::Appended() const {
  int n = 0;
  for (const auto& d : documents) n += d.appended;
  return n;
}

namespace {

// What the store holds of one document before the import.
struct History {
  std::int64_t document_id = 0;  // 0: not in the store yet (dry run before any sync)
  std::int64_t latest_at = 0;
  std::string latest_sha256;
  std::set<std::pair<std::int64_t, std::string>> versions;  // (fetched_at, sha256)
};

Status ReadHistory(store::Store& store, const std::string& company, const std::string& type,
                   bool dry_run, History* h) {
  store::DocumentRow row;
  Status s = store.GetDocument(company, type, &row);
  if (!s.ok()) return dry_run ? Status::Ok() : s;  // a dry run does not sync the config
  h->document_id = row.id;
  std::vector<store::VersionInfo> versions;
  PW_RETURN_IF_ERROR(store.ListVersions(row.id, &versions));
  for (const auto& v : versions) h->versions.insert({v.fetched_at, v.sha256});
  if (!versions.empty()) {
    h->latest_at = versions.back().fetched_at;
    h->latest_sha256 = versions.back().sha256;
  }
  return Status::Ok();
}

// Appends one read version (or counts it, in a dry run); updates `h`.
Status AppendOne(store::Store& store, const std::string& key, const SourceFile& file,
                 internal::ReadVersion& read, bool dry_run, History* h, ImportedDocument* out) {
  if (!dry_run) {
    check::DerivedVersion v{key,           h->document_id, std::move(read.doc),
                            std::move(read.body), "text/markdown", FromUnixSeconds(file.at),
                            store::kVersionImported | file.flags};
    check::DerivedOutcome outcome;
    PW_RETURN_IF_ERROR(check::AppendDerived(store, v, &outcome));
    if (outcome.unchanged) {
      ++out->unchanged;
      return Status::Ok();
    }
  }
  ++out->appended;
  h->latest_at = file.at;
  h->latest_sha256 = read.text_sha256;
  return Status::Ok();
}

// Imports the files of one source document into company/type.
Status ImportDocument(store::Store& store, const std::string& dir, SourceDocument source,
                      const std::string& company, const std::string& type, bool dry_run,
                      ImportResult* result) {
  ImportedDocument out;
  out.key = company + "/" + type;
  out.source = source.label;
  History h;
  PW_RETURN_IF_ERROR(ReadHistory(store, company, type, dry_run, &h));
  std::sort(source.files.begin(), source.files.end(), [](const SourceFile& a, const SourceFile& b) {
    return a.at != b.at ? a.at < b.at : a.order < b.order;
  });
  for (const auto& file : source.files) {
    internal::ReadVersion read;
    if (Status s = internal::ReadVersionFile(dir, file, &read); !s.ok()) {
      ++out.failed;
      result->errors.push_back({file.path, s.message()});
      continue;
    }
    if (file.at <= h.latest_at) {
      ++(h.versions.count({file.at, read.text_sha256}) ? out.present : out.older);
    } else if (read.text_sha256 == h.latest_sha256) {
      ++out.unchanged;
    } else if (Status s = AppendOne(store, out.key, file, read, dry_run, &h, &out); !s.ok()) {
      // The store failed or another writer added a version: the rest of this
      // document would be diffed against the wrong baseline.
      ++out.failed;
      result->errors.push_back({file.path, "not stored: " + s.message() +
                                               "; the document's later files were not read"});
      break;
    }
  }
  result->documents.push_back(std::move(out));
  return Status::Ok();
}

}  // namespace

Status Import(store::Store& store, const config::Config& config, const std::string& dir,
              const ImportOptions& options, ImportResult* result) {
  *result = ImportResult();
  std::vector<internal::MapEntry> map;
  for (const auto& spec : options.map) {
    map.emplace_back();
    PW_RETURN_IF_ERROR(internal::ParseMapEntry(spec, &map.back()));
  }
  internal::SourceTree tree;
  PW_RETURN_IF_ERROR(internal::ReadSourceTree(dir, &tree));
  result->layout = tree.layout;
  result->errors = std::move(tree.errors);
  if (!options.dry_run) {
    const std::int64_t now = options.now != 0 ? options.now : UnixSeconds(Clock::now());
    PW_RETURN_IF_ERROR(store.SyncConfig(config, now));
  }
  for (auto& source : tree.documents) {
    std::string company, type;
    std::string why = internal::MatchDocument(config, tree.layout, source, map, &company, &type);
    if (!why.empty()) {
      result->unmatched.push_back(source.label + ": " + why);
      continue;
    }
    PW_RETURN_IF_ERROR(
        ImportDocument(store, dir, std::move(source), company, type, options.dry_run, result));
  }
  return Status::Ok();
}

}  // namespace pw::archive

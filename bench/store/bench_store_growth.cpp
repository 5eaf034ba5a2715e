// Measures what the store costs on disk and in time:
//  1. bytes per unchanged check (target < 100), for the three unchanged paths
//     (304, raw body unchanged, text unchanged), after a WAL checkpoint;
//  2. time per check with synchronous=NORMAL and (on CHECKS/10) FULL;
//  3. per changed version: zstd evidence ratio and time at several levels on
//     ${PW_SOURCE_DIR}/../shared/corpus/snapshots/*/*.html, and the database
//     growth per stored version.
// Usage: bench_store_growth [CHECKS]   (default 10000)
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "bench/store/bench_support.h"
#include "store/check_transaction.h"
#include "store/evidence.h"
#include "store/hash.h"
#include "store/internal/version_bodies.h"
#include "store/store.h"

namespace fs = std::filesystem;
using namespace pw::store;
using Clock = std::chrono::steady_clock;

namespace {

using pw::bench::ReadFile;

void Die(const pw::Status& s) { pw::bench::DieUnlessOk("bench_store_growth", s); }

// One check as check/ writes it: the attempt, and a version (with its change)
// only when its text differs from the latest.
struct BenchCheck {
  CheckAttempt attempt;
  std::optional<NewVersion> version;
  std::optional<NewChange> change;
};

CheckOutcome Write(Store* store, BenchCheck check) {
  check.attempt.durable = check.version.has_value();
  CheckTransaction txn(store);
  Die(txn.Begin(check.attempt));
  if (check.version) {
    std::int64_t id = 0;
    Die(txn.AddVersion(*check.version, &id));
    if (check.change) Die(txn.AddChange(*check.change));
  }
  CheckOutcome out;
  Die(txn.Commit(&out));
  return out;
}

std::int64_t FileSize(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 ? static_cast<std::int64_t>(st.st_size) : 0;
}

// Database + WAL bytes after a truncating checkpoint.
std::int64_t DiskBytes(Store* store, const std::string& path) {
  Die(store->db()->Exec("PRAGMA wal_checkpoint(TRUNCATE)"));
  return FileSize(path) + FileSize(path + "-wal");
}

double Ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

pw::config::Config Config(int companies) {
  pw::config::Config c;
  for (int i = 0; i < companies; ++i) {
    pw::config::Company company;
    company.id = "company-" + std::to_string(i);
    company.name = "Company " + std::to_string(i);
    company.documents.push_back(pw::config::PageDocument(
        "privacy-policy", "https://example.org/" + company.id + "/privacy"));
    c.companies.push_back(company);
  }
  return c;
}

enum class Path { kNotModified, kRawUnchanged, kTextUnchanged };

void UnchangedChecks(const std::string& dir, Path path, bool full_sync, int checks) {
  const std::string db_path = dir + "/growth.db";
  fs::remove(db_path);
  fs::remove(db_path + "-wal");
  fs::remove(db_path + "-shm");
  StoreOptions options;
  options.synchronous_full = full_sync;
  std::unique_ptr<Store> store;
  Die(Store::Open(db_path, options, &store));
  const int documents = 100;
  Die(store->SyncConfig(Config(documents), 0));
  std::vector<DocumentRow> docs;
  Die(store->ListDocuments(false, &docs));
  std::string text = "# Privacy\n\n";
  for (int i = 0; i < 200; ++i) text += "We keep paragraph " + std::to_string(i) + " as it is.\n";
  const std::string raw = "<html>" + text + "</html>";
  const std::string raw_sha = Sha256Hex(raw);
  std::vector<std::int64_t> latest(docs.size());
  for (size_t d = 0; d < docs.size(); ++d) {
    BenchCheck r;
    r.attempt.document_id = docs[d].id;
    r.attempt.started_at = 1700000000;
    r.attempt.http_status = 200;
    r.attempt.expected_latest_version_id = 0;  // the first version
    r.version = NewVersion{text, "[]", raw, "text/html", 0, {}, {}};
    r.attempt.etag = "\"5f3c-1a2b3c4d\"";
    r.attempt.last_modified = "Tue, 03 Jun 2025 10:00:00 GMT";
    r.attempt.raw_sha256 = raw_sha;
    latest[d] = Write(store.get(), r).version_id;
  }
  const std::int64_t before = DiskBytes(store.get(), db_path);
  auto start = Clock::now();
  for (int i = 0; i < checks; ++i) {
    size_t d = static_cast<size_t>(i) % docs.size();
    BenchCheck r;
    r.attempt.document_id = docs[d].id;
    r.attempt.started_at = 1700000000 + 60 + i;
    r.attempt.duration_ms = 180 + i % 300;
    r.attempt.etag = "\"5f3c-1a2b3c4d\"";
    r.attempt.last_modified = "Tue, 03 Jun 2025 10:00:00 GMT";
    r.attempt.next_check_at = r.attempt.started_at + 6 * 3600;
    if (path == Path::kNotModified) {
      r.attempt.not_modified = true;
      r.attempt.http_status = 304;
    } else {
      r.attempt.http_status = 200;
      r.attempt.bytes = static_cast<std::int64_t>(raw.size());
      r.attempt.raw_sha256 = raw_sha;
      // kTextUnchanged: extracted and compared with the latest, found the same.
      if (path == Path::kTextUnchanged) r.attempt.expected_latest_version_id = latest[d];
    }
    Write(store.get(), r);
  }
  const double elapsed = Ms(Clock::now() - start);
  const std::int64_t after = DiskBytes(store.get(), db_path);
  const char* name = path == Path::kNotModified    ? "304 not modified"
                     : path == Path::kRawUnchanged ? "raw body unchanged"
                                                   : "text unchanged";
  printf("  %-20s sync=%-6s %6d checks: %+9lld bytes = %6.1f bytes/check, %6.3f ms/check\n",
         name, full_sync ? "FULL" : "NORMAL", checks, static_cast<long long>(after - before),
         static_cast<double>(after - before) / checks, elapsed / checks);
}

using SeriesPages = std::vector<std::pair<fs::path, std::vector<fs::path>>>;  // (series, html pages)

// Each series of the corpus with its HTML snapshots (noise pages left out), in order.
SeriesPages CorpusPages(const fs::path& root) {
  std::vector<fs::path> series;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory()) series.push_back(entry.path());
  }
  std::sort(series.begin(), series.end());
  SeriesPages pages;
  for (const fs::path& s : series) {
    std::vector<fs::path> html;
    for (const auto& entry : fs::directory_iterator(s)) {
      const std::string name = entry.path().filename().string();
      if (entry.path().extension() == ".html" && name.rfind("noise_", 0) != 0) {
        html.push_back(entry.path());
      }
    }
    std::sort(html.begin(), html.end());
    pages.emplace_back(s, html);
  }
  return pages;
}

// The compression ratio and speed of every candidate zstd level on the corpus.
void CompressionLevels(const SeriesPages& pages, std::int64_t raw_total, int files) {
  for (int level : {1, 3, 4, 5, 6, 9, 12, 19}) {
    std::int64_t packed_total = 0;
    auto start = Clock::now();
    for (const auto& [s, html] : pages) {
      for (const fs::path& p : html) {
        std::string packed;
        Die(CompressEvidence(ReadFile(p), level, &packed));
        packed_total += static_cast<std::int64_t>(packed.size());
      }
    }
    const double ms = Ms(Clock::now() - start);
    printf("  zstd level %2d%s: ratio %5.2f (%.2f MB -> %.3f MB), %6.1f ms/page, %5.1f MB/s\n",
           level, level == kVersionLevel ? " (used)" : "        ",
           static_cast<double>(raw_total) / packed_total, raw_total / 1e6, packed_total / 1e6,
           ms / files, raw_total / 1e3 / ms);
  }
}

// One snapshot of a series checked as check/ would: a version only when its
// text differs from the latest (*latest, *latest_sha follow).
CheckOutcome CheckSnapshot(Store* store, std::int64_t document_id, std::int64_t when,
                           const fs::path& page, std::int64_t* latest, std::string* latest_sha,
                           std::int64_t* text_size) {
  fs::path md = page;
  md.replace_extension(".extracted.md");
  std::string raw = ReadFile(page);
  std::string text = fs::exists(md) ? ReadFile(md) : raw;
  BenchCheck r;
  r.attempt.document_id = document_id;
  r.attempt.started_at = when;
  r.attempt.http_status = 200;
  r.attempt.bytes = static_cast<std::int64_t>(raw.size());
  r.attempt.expected_latest_version_id = *latest;
  if (Sha256Hex(text) != *latest_sha) {
    *latest_sha = Sha256Hex(text);
    r.version = NewVersion{text, "[]", raw, "text/html", 0, {}, {}};
    r.change = NewChange{"minor", "{\"schema\":\"policywatch.changeset.v1\"}"};
  }
  CheckOutcome out = Write(store, r);
  *latest = out.version_id;
  *text_size = static_cast<std::int64_t>(text.size());
  return out;
}

// Database growth per changed version: each series stored as one document.
void GrowthPerVersion(const std::string& dir, const SeriesPages& pages, std::int64_t raw_total,
                      int files) {
  const std::string db_path = dir + "/versions.db";
  std::unique_ptr<Store> store;
  Die(Store::Open(db_path, &store));
  Die(store->SyncConfig(Config(static_cast<int>(pages.size())), 0));
  std::vector<DocumentRow> docs;
  Die(store->ListDocuments(false, &docs));
  const std::int64_t before = DiskBytes(store.get(), db_path);
  std::int64_t versions = 0, text_total = 0;
  for (size_t i = 0; i < pages.size(); ++i) {
    std::int64_t latest = 0, text_size = 0;
    std::string latest_sha;
    for (const fs::path& p : pages[i].second) {
      CheckOutcome out = CheckSnapshot(store.get(), docs[i].id, 1700000000 + versions, p,
                                       &latest, &latest_sha, &text_size);
      if (out.version_created) {
        ++versions;
        text_total += text_size;
      }
    }
  }
  const std::int64_t after = DiskBytes(store.get(), db_path);
  printf("  per changed version: %lld versions, %.1f KB/version on disk "
         "(raw %.1f KB + text %.1f KB before compression)\n",
         static_cast<long long>(versions), (after - before) / 1e3 / versions,
         raw_total / 1e3 / files, text_total / 1e3 / versions);
}

void Corpus(const std::string& dir) {
  const fs::path root = fs::path(PW_SOURCE_DIR) / ".." / "shared" / "corpus" / "snapshots";
  if (!fs::is_directory(root)) {
    printf("corpus: %s absent, evidence ratio skipped\n", root.string().c_str());
    return;
  }
  const SeriesPages pages = CorpusPages(root);
  std::int64_t raw_total = 0;
  int files = 0;
  for (const auto& [s, html] : pages) {
    for (const fs::path& p : html) raw_total += static_cast<std::int64_t>(fs::file_size(p));
    files += static_cast<int>(html.size());
  }
  printf("corpus: %d HTML snapshots, %.1f MB raw\n", files, raw_total / 1e6);
  CompressionLevels(pages, raw_total, files);
  GrowthPerVersion(dir, pages, raw_total, files);
}

}  // namespace

int main(int argc, char** argv) {
  const int checks = argc > 1 ? atoi(argv[1]) : 10000;
  if (checks <= 0) {
    fprintf(stderr, "usage: bench_store_growth [CHECKS > 0]\n");
    return 2;
  }
  std::string templ = (fs::temp_directory_path() / "pw-bench-store-XXXXXX").string();
  if (mkdtemp(templ.data()) == nullptr) {
    perror("mkdtemp");
    return 1;
  }
  printf("database growth per unchanged check (100 documents, after WAL checkpoint):\n");
  for (Path path : {Path::kNotModified, Path::kRawUnchanged, Path::kTextUnchanged}) {
    UnchangedChecks(templ, path, /*full_sync=*/false, checks);
  }
  // Growth does not depend on the sync mode; FULL costs one fsync per check,
  // so time it on fewer checks.
  UnchangedChecks(templ, Path::kRawUnchanged, /*full_sync=*/true, std::max(checks / 10, 1));
  Corpus(templ);
  fs::remove_all(templ);
  return 0;
}

// Measures delta-stored history (store/internal/version_bodies.h):
//  1. bytes per stored version on real histories, the release before deltas
//     (text + section tree JSON + zstd raw body) against now (text_z + tree_z +
//     raw_z): ${PW_SOURCE_DIR}/../shared/corpus/snapshots (raw HTML, extracted
//     here) and .../versions (text only, as Open Terms Archive keeps it: compare
//     git's 3.7 KB per version);
//     beside a git repository of the same texts and pages, one commit per
//     version, after `git gc --aggressive` (its pack's bytes per version), and
//     the database file per version after VACUUM;
//  2. reading versions of a 1,000-version history: GetVersion of the newest,
//     the oldest and every version (median and worst), LatestVersion as a check
//     reads it, GetEvidence.
// Skips part 1 with a message where ../shared is absent.
// Usage: bench_history [VERSIONS]   (default 1000)
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "extract/canonical.h"
#include "extract/extract.h"
#include "extract/sections_json.h"
#include "bench/store/bench_support.h"
#include "store/check_transaction.h"
#include "store/evidence.h"
#include "store/hash.h"
#include "store/store.h"

namespace fs = std::filesystem;
using namespace pw::store;
using Clock = std::chrono::steady_clock;

namespace {

using pw::bench::ReadFile;

void Die(const pw::Status& s) { pw::bench::DieUnlessOk("bench_history", s); }

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Body {
  std::string text, tree, raw;
};

// A git repository holding the same texts and pages: one commit per version.
struct GitRepo {
  std::string dir;
  explicit GitRepo(const std::string& d) : dir(d) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    Run("git init -q && git config user.email b@example.org && git config user.name bench");
  }
  void Run(const std::string& command) {
    const std::string line = "cd '" + dir + "' && " + command + " >/dev/null 2>&1";
    if (std::system(line.c_str()) != 0) {
      fprintf(stderr, "bench_history: failed: %s\n", line.c_str());
      exit(1);
    }
  }
  void Commit(const std::string& document, const Body& body, bool with_page) {
    fs::create_directories(dir + "/" + document);
    std::ofstream(dir + "/" + document + "/text.md", std::ios::binary) << body.text;
    if (with_page) std::ofstream(dir + "/" + document + "/page.html", std::ios::binary) << body.raw;
    Run("git add -A && git commit -q --allow-empty -m v");
  }
  // Bytes of its packs after `git gc --aggressive`.
  std::int64_t PackedBytes() {
    Run("git gc -q --aggressive --prune=now");
    std::int64_t bytes = 0;
    for (const auto& e : fs::directory_iterator(dir + "/.git/objects/pack")) {
      if (e.path().extension() == ".pack") bytes += static_cast<std::int64_t>(e.file_size());
    }
    return bytes;
  }
};

// The database file's bytes after VACUUM (and a truncating checkpoint).
std::int64_t VacuumedBytes(Store* store, const std::string& path) {
  Die(store->db()->Exec("PRAGMA wal_checkpoint(TRUNCATE)"));
  Die(store->db()->Exec("VACUUM"));
  Die(store->db()->Exec("PRAGMA wal_checkpoint(TRUNCATE)"));
  return static_cast<std::int64_t>(fs::file_size(path));
}

// A store with `documents` documents, written through CheckTransaction as a check would.
struct Bench {
  std::string path;
  std::unique_ptr<Store> store;
  std::vector<DocumentRow> docs;
  std::vector<std::int64_t> latest;
  Bench(const std::string& p, int documents) : path(p) {
    fs::remove(path);
    fs::remove(path + "-wal");
    fs::remove(path + "-shm");
    Die(Store::Open(path, &store));
    pw::config::Config c;
    for (int i = 0; i < documents; ++i) {
      pw::config::Company company;
      company.id = "c" + std::to_string(i);
      company.name = company.id;
      company.documents.push_back(pw::config::PageDocument("privacy-policy", "https://x/" + company.id));
      c.companies.push_back(company);
    }
    Die(store->SyncConfig(c, 0));
    Die(store->ListDocuments(false, &docs));
    latest.assign(docs.size(), 0);
  }
  void Add(size_t d, std::int64_t when, const Body& b) {
    CheckAttempt a;
    a.document_id = docs[d].id;
    a.started_at = when;
    a.expected_latest_version_id = latest[d];
    a.durable = true;
    CheckTransaction txn(store.get());
    Die(txn.Begin(a));
    NewVersion v{b.text, b.tree, b.raw, "text/html", 0, {}, {}};
    std::int64_t id = 0;
    pw::Status s = txn.AddVersion(v, &id);
    if (!s.ok()) return;  // the same text again: no version
    if (latest[d] != 0) Die(txn.AddChange(NewChange{"minor", "{\"sections\":[]}"}));
    CheckOutcome out;
    Die(txn.Commit(&out));
    latest[d] = id;
  }
  std::int64_t Sum(const char* sql) {
    std::int64_t n = 0;
    Die(store->db()->QueryInt(sql, &n));
    return n;
  }
};

Body FromHtml(const std::string& html) {
  pw::extract::Document doc;
  Die(pw::extract::Extract(html, "text/html", pw::extract::Options(), &doc));
  return {pw::extract::ToMarkdown(doc), pw::extract::WriteSectionsJson(doc), html};
}

Body FromMarkdown(const std::string& md) {
  pw::extract::Document doc;
  Die(pw::extract::Extract(md, "text/markdown", pw::extract::Options(), &doc));
  return {pw::extract::ToMarkdown(doc), pw::extract::WriteSectionsJson(doc), ""};
}

// The histories under `dir` (one folder per document, files in name order).
std::vector<std::vector<fs::path>> Histories(const fs::path& dir, const std::string& suffix) {
  std::vector<std::vector<fs::path>> out;
  std::vector<fs::path> folders;
  for (const auto& e : fs::directory_iterator(dir)) if (e.is_directory()) folders.push_back(e.path());
  std::sort(folders.begin(), folders.end());
  for (const auto& f : folders) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(f)) {
      const std::string name = e.path().filename().string();
      if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0 &&
          name.find(".extracted.") == std::string::npos && name.rfind("noise", 0) != 0) {
        files.push_back(e.path());
      }
    }
    std::sort(files.begin(), files.end());
    if (!files.empty()) out.push_back(files);
  }
  return out;
}

void CorpusHistories(const fs::path& corpus, const std::string& tmp) {
  for (const char* kind : {"snapshots", "versions"}) {
    const bool html = std::string(kind) == "snapshots";
    auto histories = Histories(corpus / kind, html ? ".html" : ".md");
    Bench b(tmp + "/history-" + kind + ".db", static_cast<int>(histories.size()));
    GitRepo git(tmp + "/git-" + kind);
    std::int64_t before = 0;  // bytes as the release before deltas stored them
    for (size_t d = 0; d < histories.size(); ++d) {
      std::int64_t when = 1000;
      for (const auto& file : histories[d]) {
        Body body = html ? FromHtml(ReadFile(file)) : FromMarkdown(ReadFile(file));
        std::string packed;
        Die(CompressEvidence(body.raw, kEvidenceLevel, &packed));
        const std::int64_t old_bytes = static_cast<std::int64_t>(body.text.size() + body.tree.size() + packed.size());
        const std::int64_t had = b.latest[d];
        b.Add(d, when++, body);
        if (b.latest[d] == had) continue;
        before += old_bytes;
        git.Commit(histories[d].front().parent_path().filename().string(), body, html);
      }
    }
    const std::int64_t versions = b.Sum("SELECT count(*) FROM versions");
    const std::int64_t text = b.Sum("SELECT sum(length(text_z)) FROM versions");
    const std::int64_t tree = b.Sum("SELECT sum(length(tree_z)) FROM versions");
    const std::int64_t raw = b.Sum("SELECT sum(length(raw_z)) FROM versions");
    const std::int64_t plain = b.Sum("SELECT sum(text_size) FROM versions");
    const std::int64_t keyframes = b.Sum("SELECT count(*) FROM versions WHERE base_id IS NULL");
    const double n = static_cast<double>(std::max<std::int64_t>(versions, 1));
    printf("corpus %s: %zu documents, %lld versions (%lld keyframes)\n", kind, histories.size(),
           static_cast<long long>(versions), static_cast<long long>(keyframes));
    printf("  canonical text %.1f KB per version; stored now: text %.2f KB + tree %.2f KB + raw %.2f KB"
           " = %.2f KB per version\n", plain / n / 1024, text / n / 1024, tree / n / 1024,
           raw / n / 1024, (text + tree + raw) / n / 1024);
    printf("  before deltas (text + tree JSON + zstd raw): %.1f KB per version: %.1fx smaller now\n",
           before / n / 1024, static_cast<double>(before) / std::max<std::int64_t>(text + tree + raw, 1));
    const std::int64_t git_bytes = git.PackedBytes();
    const std::int64_t file = VacuumedBytes(b.store.get(), b.path);
    printf("  git (%s, gc --aggressive): %.2f KB per version; the database file after VACUUM "
           "(every table and index): %.2f KB per version; blobs/git %.2f\n",
           html ? "texts and pages" : "texts", git_bytes / n / 1024, file / n / 1024,
           static_cast<double>(text + tree + raw) / std::max<std::int64_t>(git_bytes, 1));
  }
}

std::string Policy(std::mt19937& rng, int paragraphs) {
  static const char* const kWords[] = {"we", "collect", "your", "personal", "data", "share",
                                       "partners", "retain", "days", "consent", "cookies", "may",
                                       "not", "process", "lawful", "basis", "transfer", "rights"};
  std::string text = "# Privacy Policy\n\n";
  for (int p = 0; p < paragraphs; ++p) {
    if (p % 8 == 0) text += "## Section " + std::to_string(p / 8 + 1) + "\n\n";
    for (int w = 0; w < 60; ++w) text += std::string(kWords[rng() % 18]) + (w % 15 == 14 ? ". " : " ");
    text += "\n\n";
  }
  return text;
}

void LongHistory(const std::string& tmp, int versions) {
  Bench b(tmp + "/history-long.db", 1);
  std::mt19937 rng(5);
  std::string text = Policy(rng, 120);  // about 50 KB
  std::vector<std::int64_t> ids;
  for (int i = 0; i < versions; ++i) {
    const size_t at = rng() % (text.size() - 100);
    text.replace(at, 20, "amended " + std::to_string(i) + " clause");
    pw::extract::Document doc;
    Die(pw::extract::Extract(text, "text/markdown", pw::extract::Options(), &doc));
    Body body{pw::extract::ToMarkdown(doc), pw::extract::WriteSectionsJson(doc),
              "<html><body><main>" + text + "</main><script>build " + std::to_string(rng()) + "</script></body></html>"};
    b.Add(0, 1000 + i, body);
    ids.push_back(b.latest[0]);
  }
  const std::int64_t doc = b.docs[0].id;
  std::vector<double> times;
  for (std::int64_t id : ids) {
    VersionRow v;
    auto t0 = Clock::now();
    Die(b.store->GetVersion(doc, id, &v));
    times.push_back(Ms(Clock::now() - t0));
  }
  std::vector<double> sorted = times;
  std::sort(sorted.begin(), sorted.end());
  auto time_of = [&](auto fn, int reps) {
    auto t0 = Clock::now();
    for (int r = 0; r < reps; ++r) fn();
    return Ms(Clock::now() - t0) / reps;
  };
  const double newest = time_of([&] { VersionRow v; Die(b.store->GetVersion(doc, ids.back(), &v)); }, 50);
  const double oldest = time_of([&] { VersionRow v; Die(b.store->GetVersion(doc, ids.front(), &v)); }, 50);
  const double latest_check = time_of([&] {
    std::optional<VersionRow> v;
    Die(b.store->LatestVersion(doc, &v, false));
  }, 50);
  const double evidence = time_of([&] { std::string raw; Die(b.store->GetEvidence(ids[ids.size() / 2], &raw)); }, 50);
  const std::int64_t stored = b.Sum("SELECT sum(length(text_z) + length(tree_z) + length(raw_z)) FROM versions");
  printf("a %d-version history of a %.0f KB policy (%lld keyframes): %.2f KB stored per version\n",
         versions, static_cast<double>(text.size()) / 1024,
         static_cast<long long>(b.Sum("SELECT count(*) FROM versions WHERE base_id IS NULL")),
         static_cast<double>(stored) / versions / 1024);
  printf("  GetVersion: newest %.2f ms, oldest %.2f ms; over every version median %.2f ms, worst %.2f ms\n",
         newest, oldest, sorted[sorted.size() / 2], sorted.back());
  printf("  LatestVersion as a check reads it %.2f ms; GetEvidence %.2f ms\n", latest_check, evidence);
}

}  // namespace

int main(int argc, char** argv) {
  const int versions = argc > 1 ? std::atoi(argv[1]) : 1000;
  const std::string tmp = fs::temp_directory_path() / ("bench_history." + std::to_string(getpid()));
  fs::create_directories(tmp);
  const fs::path corpus = fs::path(PW_SOURCE_DIR) / ".." / "shared" / "corpus";
  if (fs::exists(corpus / "snapshots")) {
    CorpusHistories(corpus, tmp);
  } else {
    printf("corpus histories: skipped (%s absent)\n", corpus.c_str());
  }
  LongHistory(tmp, versions);
  fs::remove_all(tmp);
  return 0;
}

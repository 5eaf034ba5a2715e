// bench_pipeline: where the CPU of one check goes, in process (no network).
//
// Twenty documents of generated 20-40 KB policy pages (bench_daemon's), checked
// in turn through check::ProcessFetch against a real SQLite store in a temp dir:
//   unchanged  the same body again (raw hash equal: no extraction)
//   changed    one sentence differs from the stored version (extract, diff,
//              compress the evidence, store a version and a change, fsync)
// and, for the changed case, the stages on their own: extraction, canonical
// Markdown and JSON, the section diff, evidence compression.
//
//   build-X/bench/check/bench_pipeline [CHECKS]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/daemon/policy_page.h"
#include "check/check.h"
#include "diff/diff.h"
#include "diff/changeset_render.h"
#include "extract/canonical.h"
#include "extract/extract.h"
#include "extract/sections_json.h"
#include "store/evidence.h"

namespace {

using pw::Status;

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

void Die(const Status& s) {
  if (!s.ok()) {
    std::fprintf(stderr, "bench_pipeline: %s\n", s.message().c_str());
    std::exit(1);
  }
}

pw::fetch::Response Response(const std::string& body) {
  pw::fetch::Response r;
  r.status = 200;
  r.url = r.final_url = "http://127.0.0.1:9/privacy";
  r.body = body;
  r.charset = "utf-8";
  r.content_type = "text/html";
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const int checks = argc > 1 ? std::max(2, std::atoi(argv[1])) : 200;
  char tmpl[] = "/tmp/pw-bench-pipeline-XXXXXX";
  const std::string dir = mkdtemp(tmpl);

  // kDocs documents of bench_daemon's site (the ones it edits: every tenth),
  // each checked in turn: one page says little (a diff's cost depends on
  // where the edit falls among the sections).
  constexpr int kDocs = 20;
  pw::config::Config config;
  pw::config::Company acme;
  acme.id = "acme";
  acme.name = "Acme";
  for (int d = 0; d < kDocs; ++d) {
    pw::config::Document doc;
    doc.type = "doc-" + std::to_string(d);
    doc.url = "http://127.0.0.1:9/doc/" + std::to_string(d * 10);
    acme.documents.push_back(doc);
  }
  config.companies.push_back(acme);
  std::vector<pw::check::Target> targets;
  for (const auto& doc : config.companies[0].documents) targets.push_back({&config.companies[0], &doc});

  std::unique_ptr<pw::store::Store> store;
  Die(pw::store::Store::Open(dir + "/bench.db", &store));
  Die(store->SyncConfig(config, 0));

  // Each document's page and the same page with its one edit.
  std::vector<std::string> a, b;
  size_t bytes = 0;
  for (int d = 0; d < kDocs; ++d) {
    a.push_back(pw::bench::Page(d * 10, 0));
    b.push_back(pw::bench::Page(d * 10, 1));
    bytes += a.back().size();
  }
  std::printf("%d documents, %.1f KB per page on average; %d checks of each kind\n", kDocs,
              static_cast<double>(bytes) / kDocs / 1e3, checks);
  pw::check::CheckResult result;
  auto check = [&](int i, const std::string& body) {
    const pw::fetch::Response response = Response(body);
    const pw::check::FetchedPage fetched{targets[static_cast<size_t>(i % kDocs)], response,
                                         std::chrono::system_clock::now(), std::nullopt,
                                         nullptr};
    Die(pw::check::ProcessFetch(*store, config, fetched, &result));
  };
  auto page = [&](int i, bool edited) -> const std::string& {
    return (edited ? b : a)[static_cast<size_t>(i % kDocs)];
  };
  for (int d = 0; d < kDocs; ++d) check(d, a[static_cast<size_t>(d)]);

  double t = CpuSeconds();
  for (int i = 0; i < checks; ++i) check(i, page(i, false));
  const double unchanged = (CpuSeconds() - t) / checks;
  t = CpuSeconds();
  // Every document alternates between its two pages: each check is a change.
  for (int i = 0; i < checks; ++i) check(i, page(i, (i / kDocs) % 2 == 0));
  const double changed = (CpuSeconds() - t) / checks;
  std::printf("ProcessFetch, unchanged body :    %8.3f ms cpu per check\n", unchanged * 1e3);
  std::printf("ProcessFetch, changed body   :    %8.3f ms cpu per check (last: %s)\n", changed * 1e3,
              pw::check::DescribeResult(result).c_str());

  // The stages of a changed check, each on its own.
  pw::extract::Options options;
  std::vector<pw::extract::Document> da(kDocs), db(kDocs);
  pw::extract::ExtractInfo info;
  for (int d = 0; d < kDocs; ++d) {
    Die(pw::extract::Extract(a[static_cast<size_t>(d)], "text/html", options, &da[static_cast<size_t>(d)], &info));
    Die(pw::extract::Extract(b[static_cast<size_t>(d)], "text/html", options, &db[static_cast<size_t>(d)], &info));
  }
  auto doc = [&](std::vector<pw::extract::Document>& v, int i) -> pw::extract::Document& {
    return v[static_cast<size_t>(i % kDocs)];
  };
  t = CpuSeconds();
  for (int i = 0; i < checks; ++i) {
    pw::extract::Document out;
    Die(pw::extract::Extract(page(i, true), "text/html", options, &out, &info));
  }
  std::printf("  extract                    :    %8.3f ms\n", (CpuSeconds() - t) / checks * 1e3);
  t = CpuSeconds();
  size_t sink = 0;
  for (int i = 0; i < checks; ++i) {
    sink += pw::extract::ToMarkdown(doc(db, i)).size() + pw::extract::WriteSectionsJson(doc(db, i)).size();
  }
  std::printf("  markdown + sections json   :    %8.3f ms\n", (CpuSeconds() - t) / checks * 1e3);
  std::vector<std::string> json;
  for (const auto& d : da) json.push_back(pw::extract::WriteSectionsJson(d));
  t = CpuSeconds();
  for (int i = 0; i < checks; ++i) {
    pw::extract::Document back;
    sink += pw::extract::ReadSectionsJson(json[static_cast<size_t>(i % kDocs)], &back);
  }
  std::printf("  sections json parse        :    %8.3f ms\n", (CpuSeconds() - t) / checks * 1e3);
  t = CpuSeconds();
  for (int i = 0; i < checks; ++i) {
    sink += pw::diff::ToJson(pw::diff::Compare(doc(da, i), doc(db, i))).dump().size();
  }
  std::printf("  section diff + its json    :    %8.3f ms\n", (CpuSeconds() - t) / checks * 1e3);
  t = CpuSeconds();
  for (int i = 0; i < checks; ++i) {
    std::string packed;
    Die(pw::store::CompressEvidence(page(i, true), pw::store::kEvidenceLevel, &packed));
    sink += packed.size();
  }
  std::printf("  evidence compression       :    %8.3f ms (zstd level %d)\n",
              (CpuSeconds() - t) / checks * 1e3, pw::store::kEvidenceLevel);
  std::printf("(checksum %zu)\n", sink % 1000);
  store.reset();
  std::filesystem::remove_all(dir);
  return 0;
}

// bench_pipeline: where the CPU of one check goes, in process (no network).
//
// One document of a generated 20-40 KB policy page (bench_daemon's), checked through
// daemon::ProcessFetch against a real SQLite store in a temp dir:
//   unchanged  the same body again (raw hash equal: no extraction)
//   changed    one sentence differs from the stored version (extract, diff,
//              compress the evidence, store a version and a change, fsync)
// and, for the changed case, the stages on their own: extraction, canonical
// Markdown and JSON, the section diff, evidence compression.
//
//   build-X/bench/daemon/bench_pipeline [CHECKS]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>

#include "bench/daemon/policy_page.h"
#include "daemon/pipeline.h"
#include "diff/diff.h"
#include "diff/render.h"
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

  pw::config::Config config;
  pw::config::Company acme;
  acme.id = "acme";
  acme.name = "Acme";
  pw::config::Document doc;
  doc.type = "privacy-policy";
  doc.url = "http://127.0.0.1:9/privacy";
  acme.documents.push_back(doc);
  config.companies.push_back(acme);
  const pw::daemon::Target target{&config.companies[0], &config.companies[0].documents[0]};

  std::unique_ptr<pw::store::Store> store;
  Die(pw::store::Store::Open(dir + "/bench.db", &store));
  Die(store->SyncConfig(config, 0));

  // A document of bench_daemon's site of about the average size (30.6 KB),
  // and the same page with its one edit.
  const std::string a = pw::bench::Page(5, 0), b = pw::bench::Page(5, 1);
  std::printf("page: %zu bytes; %d checks of each kind\n", a.size(), checks);
  pw::daemon::CheckResult result;
  auto check = [&](const std::string& body) {
    Die(pw::daemon::ProcessFetch(*store, config, target, Response(body),
                                 std::chrono::system_clock::now(), &result));
  };
  check(a);

  double t = CpuSeconds();
  for (int i = 0; i < checks; ++i) check(a);
  const double unchanged = (CpuSeconds() - t) / checks;
  t = CpuSeconds();
  for (int i = 0; i < checks; ++i) check(i % 2 ? a : b);
  const double changed = (CpuSeconds() - t) / checks;
  std::printf("ProcessFetch, unchanged body : %8.3f ms cpu per check\n", unchanged * 1e3);
  std::printf("ProcessFetch, changed body   : %8.3f ms cpu per check (last: %s)\n", changed * 1e3,
              pw::daemon::DescribeResult(result).c_str());

  // The stages of a changed check, each on its own.
  pw::extract::Options options;
  pw::extract::Document da, db;
  pw::extract::ExtractInfo info;
  t = CpuSeconds();
  for (int i = 0; i < checks; ++i) Die(pw::extract::Extract(i % 2 ? a : b, "text/html", options, &db, &info));
  std::printf("  extract                    : %8.3f ms\n", (CpuSeconds() - t) / checks * 1e3);
  Die(pw::extract::Extract(a, "text/html", options, &da, &info));
  t = CpuSeconds();
  size_t sink = 0;
  for (int i = 0; i < checks; ++i) {
    sink += pw::extract::ToMarkdown(db).size() + pw::extract::WriteSectionsJson(db).size();
  }
  std::printf("  markdown + sections json   : %8.3f ms\n", (CpuSeconds() - t) / checks * 1e3);
  const std::string json = pw::extract::WriteSectionsJson(da);
  t = CpuSeconds();
  for (int i = 0; i < checks; ++i) {
    pw::extract::Document back;
    sink += pw::extract::ReadSectionsJson(json, &back);
  }
  std::printf("  sections json parse        : %8.3f ms\n", (CpuSeconds() - t) / checks * 1e3);
  t = CpuSeconds();
  for (int i = 0; i < checks; ++i) {
    sink += pw::diff::ToJson(pw::diff::Compare(da, db)).dump().size();
  }
  std::printf("  section diff + its json    : %8.3f ms\n", (CpuSeconds() - t) / checks * 1e3);
  t = CpuSeconds();
  for (int i = 0; i < checks; ++i) {
    std::string packed;
    Die(pw::store::CompressEvidence(i % 2 ? a : b, pw::store::kEvidenceLevel, &packed));
    sink += packed.size();
  }
  std::printf("  evidence compression       : %8.3f ms (zstd level %d)\n",
              (CpuSeconds() - t) / checks * 1e3, pw::store::kEvidenceLevel);
  std::printf("(checksum %zu)\n", sink % 1000);
  store.reset();
  std::filesystem::remove_all(dir);
  return 0;
}

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

// kDocs documents of bench_daemon's site (the ones it edits: every tenth),
// each checked in turn: one page says little (a diff's cost depends on where
// the edit falls among the sections).
constexpr int kDocs = 20;

// The documents, each with its page (`a`) and the same page with its one edit (`b`).
struct Site {
  pw::config::Config config;
  std::vector<pw::check::Target> targets;
  std::vector<std::string> a, b;
  const std::string& Page(int i, bool edited) const {
    return (edited ? b : a)[static_cast<size_t>(i % kDocs)];
  }
};

void MakeSite(Site* site) {
  pw::config::Company acme;
  acme.id = "acme";
  acme.name = "Acme";
  for (int d = 0; d < kDocs; ++d) {
    acme.documents.push_back(pw::config::PageDocument(
        "doc-" + std::to_string(d), "http://127.0.0.1:9/doc/" + std::to_string(d * 10)));
    site->a.push_back(pw::bench::Page(d * 10, 0));
    site->b.push_back(pw::bench::Page(d * 10, 1));
  }
  site->config.companies.push_back(acme);
  const auto& company = site->config.companies[0];
  for (const auto& doc : company.documents) site->targets.push_back({&company, &doc});
}

// Whole checks through ProcessFetch: unchanged bodies, then every one a change.
void MeasureChecks(const Site& site, const std::string& dir, int checks) {
  std::unique_ptr<pw::store::Store> store;
  Die(pw::store::Store::Open(dir + "/bench.db", &store));
  Die(store->SyncConfig(site.config, 0));
  pw::check::CheckResult result;
  auto check = [&](int i, const std::string& body) {
    const pw::fetch::Response response = Response(body);
    const std::vector<pw::fetch::Response> parts{response};
    const pw::check::FetchedDocument fetched{site.targets[static_cast<size_t>(i % kDocs)], parts,
                                         std::chrono::system_clock::now(), std::nullopt,
                                         nullptr};
    Die(pw::check::ProcessFetch(*store, site.config, fetched, &result));
  };
  for (int d = 0; d < kDocs; ++d) check(d, site.Page(d, false));
  double t = CpuSeconds();
  for (int i = 0; i < checks; ++i) check(i, site.Page(i, false));
  const double unchanged = (CpuSeconds() - t) / checks;
  t = CpuSeconds();
  // Every document alternates between its two pages: each check is a change.
  for (int i = 0; i < checks; ++i) check(i, site.Page(i, (i / kDocs) % 2 == 0));
  const double changed = (CpuSeconds() - t) / checks;
  std::printf("ProcessFetch, unchanged body :    %8.3f ms cpu per check\n", unchanged * 1e3);
  std::printf("ProcessFetch, changed body   :    %8.3f ms cpu per check (last: %s)\n", changed * 1e3,
              pw::check::DescribeResult(result).c_str());
}

// Runs `step(i)` `checks` times and prints its CPU per run under `label`.
template <typename Step>
void Stage(const char* label, int checks, Step step, const std::string& suffix = "") {
  double t = CpuSeconds();
  for (int i = 0; i < checks; ++i) step(i);
  std::printf("  %-27s:    %8.3f ms%s\n", label, (CpuSeconds() - t) / checks * 1e3, suffix.c_str());
}

// The stages of a changed check, each on its own.
void MeasureStages(const Site& site, int checks) {
  pw::extract::Options options;
  std::vector<pw::extract::Document> da(kDocs), db(kDocs);
  pw::extract::ExtractInfo info;
  for (size_t d = 0; d < kDocs; ++d) {
    Die(pw::extract::Extract(site.a[d], "text/html", options, &da[d], &info));
    Die(pw::extract::Extract(site.b[d], "text/html", options, &db[d], &info));
  }
  auto doc = [](const std::vector<pw::extract::Document>& v, int i) -> const pw::extract::Document& {
    return v[static_cast<size_t>(i % kDocs)];
  };
  std::vector<std::string> json;
  for (const auto& d : da) json.push_back(pw::extract::WriteSectionsJson(d));
  size_t sink = 0;
  Stage("extract", checks, [&](int i) {
    pw::extract::Document out;
    Die(pw::extract::Extract(site.Page(i, true), "text/html", options, &out, &info));
  });
  Stage("markdown + sections json", checks, [&](int i) {
    sink += pw::extract::ToMarkdown(doc(db, i)).size() + pw::extract::WriteSectionsJson(doc(db, i)).size();
  });
  Stage("sections json parse", checks, [&](int i) {
    pw::extract::Document back;
    sink += pw::extract::ReadSectionsJson(json[static_cast<size_t>(i % kDocs)], &back);
  });
  Stage("section diff + its json", checks, [&](int i) {
    sink += pw::diff::ToJson(pw::diff::Compare(doc(da, i), doc(db, i))).dump().size();
  });
  Stage("evidence compression", checks, [&](int i) {
    std::string packed;
    Die(pw::store::CompressEvidence(site.Page(i, true), pw::store::kEvidenceLevel, &packed));
    sink += packed.size();
  }, " (zstd level " + std::to_string(pw::store::kEvidenceLevel) + ")");
  std::printf("(checksum %zu)\n", sink % 1000);
}

}  // namespace

int main(int argc, char** argv) {
  const int checks = argc > 1 ? std::max(2, std::atoi(argv[1])) : 200;
  char tmpl[] = "/tmp/pw-bench-pipeline-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  Site site;
  MakeSite(&site);
  size_t bytes = 0;
  for (const auto& page : site.a) bytes += page.size();
  std::printf("%d documents, %.1f KB per page on average; %d checks of each kind\n", kDocs,
              static_cast<double>(bytes) / kDocs / 1e3, checks);
  MeasureChecks(site, dir, checks);
  MeasureStages(site, checks);
  std::filesystem::remove_all(dir);
  return 0;
}

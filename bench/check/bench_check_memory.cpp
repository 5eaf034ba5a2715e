// bench_check_memory (issue 17): the peak memory of `policywatch check` over a
// few hundred pages served from 127.0.0.1, and its time, first (every document
// new) and unchanged. Prints figures, asserts nothing.
//
//   bench_check_memory [--corpus] [--documents 200] [--size 60000] [--runs 3]
//                      [--wrap PROGRAM]   (e.g. heaptrack: runs PROGRAM policywatch ...)
//
// Pages: generated policy-like HTML of about --size bytes (scale_site.h), or
// with --corpus the real snapshots of ../shared/corpus/snapshots (read at run
// time, repeated to --documents; skipped when absent). The site is a child
// process and this one holds no pages: the peak RSS that wait4 gives for the
// measured child also counts what it was before its exec (a fork of this
// process), so this process must stay smaller than what it measures. The
// environment passes through, so e.g. MALLOC_ARENA_MAX can be compared.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bench/check/scale_process.h"
#include "bench/check/scale_site.h"

namespace fs = std::filesystem;

namespace {

struct Options {
  bool corpus = false;
  long documents = 200;
  size_t size = 60000;
  int runs = 3;
  std::string wrap;
};

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const char* next = i + 1 < argc ? argv[i + 1] : "0";
    if (a == "--corpus") o.corpus = true;
    if (a == "--documents") o.documents = std::stol(next);
    if (a == "--size") o.size = std::stoul(next);
    if (a == "--runs") o.runs = std::stoi(next);
    if (a == "--wrap") o.wrap = next;
  }
  return o;
}

// The corpus snapshots, in a stable order; empty when the corpus is absent.
std::vector<std::string> CorpusFiles() {
  const fs::path dir = fs::path(PW_SOURCE_DIR) / ".." / "shared" / "corpus" / "snapshots";
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& service : fs::directory_iterator(dir, ec)) {
    for (const auto& f : fs::directory_iterator(service.path(), ec)) {
      if (f.path().extension() == ".html") files.push_back(f.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The average page size of what the site serves.
double AverageKB(const Options& o, const std::vector<std::string>& files) {
  if (files.empty()) return static_cast<double>(o.size) / 1e3;
  double total = 0;
  for (long i = 0; i < o.documents; ++i) {
    total += static_cast<double>(fs::file_size(files[static_cast<size_t>(i) % files.size()]));
  }
  return total / 1e3 / static_cast<double>(o.documents);
}

void WriteConfig(const fs::path& path, const std::string& base, long documents) {
  std::ofstream out(path);
  out << "[daemon]\ninterval = \"24h\"\njitter = 0\nper_host_delay = \"0s\"\n";
  for (long i = 0; i < documents; ++i) {
    out << "\n[[company]]\nid = \"company-" << i << "\"\n[[company.document]]\n"
        << "type = \"privacy\"\nurl = \"" << base << i << "\"\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = Parse(argc, argv);
  const std::vector<std::string> files = o.corpus ? CorpusFiles() : std::vector<std::string>{};
  if (o.corpus && files.empty()) {
    std::printf("bench_check_memory: corpus absent, skipped\n");
    return 0;
  }
  pw::bench::ScaleSite site(o.size, files);
  if (site.port() <= 0) return 1;
  char tmpl[] = "/tmp/pw-bench-memory-XXXXXX";
  if (!mkdtemp(tmpl)) return 1;
  const fs::path dir = tmpl, config = dir / "policywatch.toml";
  WriteConfig(config, site.DocumentBase(), o.documents);
  std::printf("bench_check_memory: %ld %s pages, avg %.1f KB, concurrency 16 (the default)\n",
              o.documents, o.corpus ? "corpus" : "generated", AverageKB(o, files));
  const std::string binary = std::string(PW_BINARY_DIR) + "/policywatch";
  for (int run = 0; run < o.runs; ++run) {
    const std::string db = (dir / ("run" + std::to_string(run) + ".db")).string();
    for (const char* label : {"new", "unchanged"}) {
      std::vector<std::string> argv = {binary, "check", "--config", config.string(), "--db", db,
                                       "--log-level", "warning"};
      if (!o.wrap.empty()) argv.insert(argv.begin(), o.wrap);
      auto cost = pw::bench::TimeCommand(argv);
      std::printf("  run %d %-9s  wall %5.2f s  cpu %5.2f s  peak RSS %5.1f MiB%s\n", run + 1,
                  label, cost.wall, cost.cpu, cost.peak_mib, cost.ok ? "" : "  (exit != 0)");
    }
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  return 0;
}

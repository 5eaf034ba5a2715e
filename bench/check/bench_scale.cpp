// bench_scale (issue 17): one daemon's cost per document as the number of
// documents grows, measured where it is spent. Prints figures, asserts nothing.
//
// A site of ours (scale_site.h, a forked child) generates every page from its
// path. For each size N, in a forked child process of its own (so its peak RSS,
// getrusage ru_maxrss, is that run's alone):
//   config load     config::LoadConfig of a TOML file naming N documents
//   first sync      Store::Open + SyncConfig (every document added)
//   cycle 1         check::Runner over every document, all new
//   cycle 2         unchanged (bodies re-fetched and hashed, no validators)
//   cycle 3         1% changed (the site's revision moves: documents N % 100 == 0)
//   list            Store::ListDocuments, what `status` and the web read first
//   reload          LoadConfig + SyncConfig of the same configuration again
// then, over the database it left, the built binary: `policywatch status` and
// `policywatch run` (start until planned, SIGHUP until reloaded). Cycles give
// wall and CPU (user+sys) seconds and µs per document, database bytes per
// document after a checkpoint; the table ends with the growth of the per-document
// cost from the smallest size to each larger one (flat is 1.0).
//
//   build-X/bench/check/bench_scale [--no-cycles] [N...]     (default: 1000 10000)
//   --no-cycles: no check cycles (a database of N documents never checked), for
//   quick before/after figures of config load, sync, status and reload.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "bench/check/scale_process.h"
#include "bench/check/scale_site.h"
#include "check/runner.h"
#include "config/config.h"
#include "store/store.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kDocumentsPerCompany = 10;
constexpr int kConcurrency = 16;
constexpr const char* kConfigName = "policywatch.toml";
constexpr const char* kDbName = "scale.db";
bool g_cycles = true;  // false with --no-cycles

// A phase's cost.
struct Cost {
  double wall = 0;
  double cpu = 0;
};

// One size's figures, written by its child process through a pipe (plain data).
struct Figures {
  long documents = 0;
  Cost load, sync, cycle[3], list, reload;
  double db_bytes[3] = {0, 0, 0};  // after each cycle
  int changed[3] = {0, 0, 0};      // new or changed checks per cycle
  int failed[3] = {0, 0, 0};
  double peak_mib = 0;
  pw::bench::ProcessCost status;
  pw::bench::DaemonTimes daemon;
  char dir[64] = "";  // the run's temporary directory
  bool ok = false;
};

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Runs `f` and returns its wall and CPU seconds.
template <typename F>
Cost Measure(F&& f) {
  const double cpu0 = CpuSeconds();
  const auto t0 = Clock::now();
  f();
  return {std::chrono::duration<double>(Clock::now() - t0).count(), CpuSeconds() - cpu0};
}

// The configuration of `n` documents, kDocumentsPerCompany per company.
void WriteConfig(const fs::path& path, const fs::path& db, const std::string& base, long n) {
  std::ofstream out(path);
  out << "[daemon]\ndatabase = \"" << db.string() << "\"\ninterval = \"24h\"\njitter = 0\n"
      << "concurrency = " << kConcurrency << "\nper_host_delay = \"0s\"\n";
  for (long i = 0; i < n; ++i) {
    if (i % kDocumentsPerCompany == 0) {
      out << "\n[[company]]\nid = \"company-" << i / kDocumentsPerCompany << "\"\n";
    }
    out << "[[company.document]]\ntype = \"doc-" << i % kDocumentsPerCompany
        << "\"\nurl = \"" << base << i << "\"\n";
  }
}

double DbBytes(pw::store::Store& store, const fs::path& db) {
  store.db()->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  std::error_code ec;
  double total = static_cast<double>(fs::file_size(db, ec));
  auto wal = fs::file_size(db.string() + "-wal", ec);
  if (!ec) total += static_cast<double>(wal);
  return total;
}

// One check cycle of every configured document, as `policywatch check` runs it.
Cost Cycle(pw::store::Store& store, const std::shared_ptr<const pw::config::Config>& config,
           int* changed, int* failed) {
  pw::check::Runner runner(&store, config->daemon.concurrency, config->daemon.per_host_delay);
  for (const auto& c : config->companies) {
    for (const auto& d : c.documents) runner.Add(config, pw::check::Target{&c, &d});
  }
  return Measure([&] {
    runner.RunUntilIdle([&](const pw::check::CheckResult& r) {
      using pw::store::AttemptOutcome;
      if (r.outcome == AttemptOutcome::kNew || r.outcome == AttemptOutcome::kChanged) ++*changed;
      if (r.outcome == AttemptOutcome::kFailed) ++*failed;
    });
  });
}

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Everything measured in this process for `n` documents; false on an error.
bool MeasureInProcess(const pw::bench::ScaleSite& site, const fs::path& config_path,
                      const fs::path& db, Figures* f) {
  std::shared_ptr<pw::config::Config> config;
  f->load = Measure([&] {
    auto loaded = pw::config::LoadConfig(config_path.string());
    if (loaded.ok()) config = std::make_shared<pw::config::Config>(std::move(loaded.config));
  });
  if (!config) return false;
  std::unique_ptr<pw::store::Store> store;
  pw::store::StoreOptions options;
  options.group_checks = true;  // as `policywatch check` opens it
  bool ok = true;
  f->sync = Measure([&] {
    ok = pw::store::Store::Open(db.string(), options, &store).ok() &&
         store->SyncConfig(*config, Now()).ok();
  });
  if (!ok) return false;
  for (int c = 0; c < (g_cycles ? 3 : 0); ++c) {
    if (c == 2 && !site.SetRevision(1)) return false;
    f->cycle[c] = Cycle(*store, config, &f->changed[c], &f->failed[c]);
    f->db_bytes[c] = DbBytes(*store, db);
  }
  std::vector<pw::store::DocumentRow> rows;
  f->list = Measure([&] { ok = store->ListDocuments(false, &rows).ok(); });
  f->reload = Measure([&] {
    auto loaded = pw::config::LoadConfig(config_path.string());
    ok = ok && loaded.ok() && store->SyncConfig(loaded.config, Now()).ok();
  });
  return ok;
}

// The child process of one size: measures in process, writes Figures to `fd`;
// leaves the configuration and the database in f.dir for the parent.
[[noreturn]] void RunSize(const pw::bench::ScaleSite& site, long n, int fd) {
  Figures f;
  f.documents = n;
  std::snprintf(f.dir, sizeof f.dir, "/tmp/pw-bench-scale-XXXXXX");
  if (mkdtemp(f.dir) && site.SetRevision(0)) {
    const fs::path dir = f.dir;
    WriteConfig(dir / kConfigName, dir / kDbName, site.DocumentBase(), n);
    f.ok = MeasureInProcess(site, dir / kConfigName, dir / kDbName, &f);
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    f.peak_mib = static_cast<double>(u.ru_maxrss) / 1024.0;
  }
  _exit(write(fd, &f, sizeof f) == sizeof f ? 0 : 1);
}

// The binary over what the child left, from this process: the peak RSS that
// wait4 gives counts what the child was before its exec (a fork of the
// process that starts it), so the one that starts it must stay small.
void MeasureBinary(Figures* f) {
  const fs::path dir = f->dir;
  const std::string binary = std::string(PW_BINARY_DIR) + "/policywatch";
  const std::string config = (dir / kConfigName).string(), db = (dir / kDbName).string();
  f->status = pw::bench::TimeStatus(binary, config, db);
  f->daemon = pw::bench::TimeDaemon(binary, config, db);
}

bool Run(const pw::bench::ScaleSite& site, long n, Figures* f) {
  int fds[2];
  if (pipe(fds) != 0) return false;
  std::fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    RunSize(site, n, fds[1]);
  }
  close(fds[1]);
  bool ok = pid > 0 && read(fds[0], f, sizeof *f) == sizeof *f;
  close(fds[0]);
  int status;
  if (pid > 0) waitpid(pid, &status, 0);
  if (ok && f->ok) MeasureBinary(f);
  std::error_code ec;
  if (ok && f->dir[0]) fs::remove_all(f->dir, ec);
  return ok && f->ok;
}

// --- The table. ---

void Row(const char* name, const std::vector<Figures>& all, double (*value)(const Figures&),
         bool per_document) {
  std::printf("%-30s", name);
  for (const Figures& f : all) {
    const double v = value(f);
    if (per_document) {
      std::printf(" %9.2f (%6.1f)", v, 1e6 * v / static_cast<double>(f.documents));
    } else {
      std::printf(" %18.1f", v);
    }
  }
  for (size_t i = 1; i < all.size(); ++i) {
    const double base = value(all[0]) / (per_document ? static_cast<double>(all[0].documents) : 1);
    const double here = value(all[i]) / (per_document ? static_cast<double>(all[i].documents) : 1);
    std::printf("  %5.2f", base > 0 ? here / base : 0.0);
  }
  std::printf("\n");
}

void PrintTable(const std::vector<Figures>& all) {
  std::printf("\n%-30s", "seconds (µs per document)");
  for (const Figures& f : all) std::printf(" %18ld", f.documents);
  for (size_t i = 1; i < all.size(); ++i) {
    std::printf("  %ldk/%ldk", all[i].documents / 1000, all[0].documents / 1000);
  }
  std::printf("\n");
  Row("config load (wall)", all, [](const Figures& f) { return f.load.wall; }, true);
  Row("open + first SyncConfig (wall)", all, [](const Figures& f) { return f.sync.wall; }, true);
  const char* names[3][2] = {{"cycle 1 new (wall)", "cycle 1 new (cpu)"},
                             {"cycle 2 unchanged (wall)", "cycle 2 unchanged (cpu)"},
                             {"cycle 3 1% changed (wall)", "cycle 3 1% changed (cpu)"}};
  Row(names[0][0], all, [](const Figures& f) { return f.cycle[0].wall; }, true);
  Row(names[0][1], all, [](const Figures& f) { return f.cycle[0].cpu; }, true);
  Row(names[1][0], all, [](const Figures& f) { return f.cycle[1].wall; }, true);
  Row(names[1][1], all, [](const Figures& f) { return f.cycle[1].cpu; }, true);
  Row(names[2][0], all, [](const Figures& f) { return f.cycle[2].wall; }, true);
  Row(names[2][1], all, [](const Figures& f) { return f.cycle[2].cpu; }, true);
  Row("ListDocuments (wall)", all, [](const Figures& f) { return f.list.wall; }, true);
  Row("reload: load + SyncConfig", all, [](const Figures& f) { return f.reload.wall; }, true);
  Row("`policywatch status` (wall)", all, [](const Figures& f) { return f.status.wall; }, true);
  Row("`policywatch run` to planned", all, [](const Figures& f) { return f.daemon.start; }, true);
  Row("`run` SIGHUP to reloaded", all, [](const Figures& f) { return f.daemon.reload; }, true);
  std::printf("%-30s\n", "sizes");
  Row("database KB/doc after cycle 3", all,
      [](const Figures& f) { return f.db_bytes[2] / 1e3 / static_cast<double>(f.documents); },
      false);
  Row("peak RSS MiB (in-process run)", all, [](const Figures& f) { return f.peak_mib; }, false);
  Row("peak RSS MiB (`status`)", all, [](const Figures& f) { return f.status.peak_mib; }, false);
  for (const Figures& f : all) {
    std::printf("N=%ld: new/changed per cycle %d, %d, %d; failed %d, %d, %d; status %s; "
                "daemon %s\n",
                f.documents, f.changed[0], f.changed[1], f.changed[2], f.failed[0], f.failed[1],
                f.failed[2], f.status.ok ? "ok" : "FAILED", f.daemon.ok ? "ok" : "FAILED");
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<long> sizes;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--no-cycles") {
      g_cycles = false;
    } else {
      sizes.push_back(std::stol(argv[i]));
    }
  }
  if (sizes.empty()) sizes = {1000, 10000};
  pw::bench::ScaleSite site;
  if (site.port() <= 0) {
    std::fprintf(stderr, "bench_scale: cannot start the site\n");
    return 1;
  }
  std::printf("bench_scale: pages of 20-60 KB generated from their path on 127.0.0.1, "
              "concurrency %d, %d documents per company\n", kConcurrency, kDocumentsPerCompany);
  std::vector<Figures> all;
  for (long n : sizes) {
    Figures f;
    if (!Run(site, n, &f)) {
      std::fprintf(stderr, "bench_scale: the run of %ld documents failed\n", n);
      return 1;
    }
    std::printf("N=%ld done: cycles %.1f s, %.1f s, %.1f s\n", n, f.cycle[0].wall,
                f.cycle[1].wall, f.cycle[2].wall);
    all.push_back(f);
  }
  PrintTable(all);
  return 0;
}

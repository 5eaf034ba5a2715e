// bench_daemon: the cost of watching many documents, against urlwatch.
//
// For each document count N (default 1000): a local site (in this process, on
// 127.0.0.1) serves N generated policy-like pages of 20-40 KB, distinct per
// document, with no validators (no ETag / Last-Modified: every check downloads
// and hashes the whole body, the expensive path). Then:
//   - `policywatch check` (the daemon's pipeline: Runner over curl multi,
//     ProcessFetch, one transaction per document) for three cycles: the first
//     (every document new), one unchanged, one with 10% of the pages edited;
//     wall time, CPU (user+sys) and peak RSS of the process, by /usr/bin/time;
//   - `policywatch run` with every document scheduled (interval 24h): idle CPU
//     (/proc/PID/stat utime+stime) over --idle-seconds, VmRSS and VmHWM;
//   - urlwatch (Debian's, if found) on the same URLs with its cache in a temp
//     dir: the same three runs, measured the same way; and the ratios.
//
// usage: bench_daemon [--docs 1000,10000] [--idle-seconds 10] [--urlwatch auto|yes|no]
//                     [--repeat 3] [--check-only] [--binary PATH] [--keep DIR]
//   --check-only: only the `policywatch check` cycles, for quick A/B runs.
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

#include "bench/daemon/policy_page.h"
#include <memory>
#include <mutex>
#include <sqlite3.h>

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

using pw::bench::Page;

// Serves the pages of `n` documents, generated once (and again for the 10%
// edited at each NextRound), with a known length and no compression: the
// server costs little, and both tools download the same bytes.
class Site {
 public:
  explicit Site(int n) : pages_(static_cast<size_t>(n)) {
    for (int i = 0; i < n; ++i) pages_[i] = std::make_shared<const std::string>(Page(i, 0));
    server_.new_task_queue = [] { return new httplib::ThreadPool(32); };
    server_.Get(R"(/doc/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
      size_t i = std::stoul(req.matches[1]);
      std::shared_ptr<const std::string> page;
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (i >= pages_.size()) {
          res.status = 404;
          return;
        }
        page = pages_[i];
      }
      res.set_content_provider(page->size(), "text/html; charset=utf-8",
                               [page](size_t offset, size_t length, httplib::DataSink& sink) {
                                 sink.write(page->data() + offset, length);
                                 return true;
                               });
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~Site() {
    server_.stop();
    thread_.join();
  }
  std::string Url(int i) const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/doc/" + std::to_string(i);
  }
  size_t Bytes() const {
    size_t total = 0;
    for (const auto& p : pages_) total += p->size();
    return total;
  }
  // Edits 10% of the documents (every tenth).
  void NextRound() {
    ++round_;
    for (size_t i = 0; i < pages_.size(); i += 10) {
      auto page = std::make_shared<const std::string>(Page(static_cast<int>(i), round_));
      std::lock_guard<std::mutex> lock(mu_);
      pages_[i] = page;
    }
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  std::mutex mu_;
  std::vector<std::shared_ptr<const std::string>> pages_;
  int round_ = 0;
  int port_ = 0;
};

// --- Processes. ---

struct Measure {
  double wall_s = 0;
  double cpu_s = 0;  // user + sys
  long max_rss_kb = 0;
  int exit_code = -1;
};

pid_t Spawn(const std::vector<std::string>& argv, const std::string& out, const std::string& err,
            const std::string& home = "") {
  pid_t pid = fork();
  if (pid == 0) {
    int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int e = open(err.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (o < 0 || e < 0) _exit(126);
    dup2(o, 1);
    dup2(e, 2);
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    if (!home.empty()) setenv("HOME", home.c_str(), 1);
    unsetenv("NOTIFY_SOCKET");
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  return pid;
}

// Runs `argv` under /usr/bin/time: the kernel keeps a process's peak RSS across
// exec, so a child forked from this (large) process would report ours; time's
// own child is forked from a small process and reports only itself.
Measure RunMeasured(const std::vector<std::string>& argv, const std::string& out,
                    const std::string& err, const std::string& home = "") {
  const std::string figures = out + ".time";
  std::vector<std::string> timed = {"/usr/bin/time", "-f", "%U %S %M %x", "-o", figures};
  timed.insert(timed.end(), argv.begin(), argv.end());
  auto start = Clock::now();
  pid_t pid = Spawn(timed, out, err, home);
  int status = 0;
  waitpid(pid, &status, 0);
  Measure m;
  m.wall_s = std::chrono::duration<double>(Clock::now() - start).count();
  std::ifstream in(figures);
  double user = 0, sys = 0;
  if (in >> user >> sys >> m.max_rss_kb >> m.exit_code) {
    m.cpu_s = user + sys;
  } else {
    std::fprintf(stderr, "bench_daemon: no figures from /usr/bin/time for %s\n", argv[0].c_str());
  }
  return m;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

long CpuTicks(pid_t pid) {
  std::string stat = ReadFile("/proc/" + std::to_string(pid) + "/stat");
  auto close = stat.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream in(stat.substr(close + 2));
  std::string field;
  long utime = 0;
  for (int i = 3; in >> field; ++i) {
    if (i == 14) utime = std::stol(field);
    if (i == 15) return utime + std::stol(field);
  }
  return -1;
}

long StatusKb(pid_t pid, const std::string& key) {
  std::istringstream in(ReadFile("/proc/" + std::to_string(pid) + "/status"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
  }
  return -1;
}

long long QueryInt(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  long long v = -1;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 10000);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      v = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return v;
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
}

void Print(const char* who, const char* what, int n, const Measure& m) {
  std::printf("%-12s %-28s N=%-6d wall %8.2f s   cpu %8.2f s   peak RSS %8.1f MB   (exit %d)\n",
              who, what, n, m.wall_s, m.cpu_s, static_cast<double>(m.max_rss_kb) / 1024.0,
              m.exit_code);
  std::fflush(stdout);
}

// Ratios of urlwatch's figures to ours; the wall ratio only when both runs have
// a wall time of their own (a daemon cycle's is set by its schedule).
void Ratio(const char* what, const Measure& ours, const Measure& theirs) {
  std::printf("  ratio %-30s cpu: urlwatch/policywatch = %6.1fx   memory: policywatch/urlwatch = "
              "%5.2f",
              what, theirs.cpu_s / std::max(ours.cpu_s, 1e-3),
              static_cast<double>(ours.max_rss_kb) / static_cast<double>(std::max(theirs.max_rss_kb, 1L)));
  if (ours.wall_s > 0 && theirs.wall_s > 0) {
    std::printf("   wall: urlwatch/policywatch = %5.1fx", theirs.wall_s / ours.wall_s);
  }
  std::printf("\n");
  std::fflush(stdout);
}

// The median of each figure over repeated runs (peak RSS: the largest), so that
// one run disturbed by the noisy machine does not decide a ratio.
Measure Median(std::vector<Measure> runs) {
  Measure m;
  if (runs.empty()) return m;
  auto median = [&](double Measure::*field) {
    std::vector<double> v;
    for (const auto& r : runs) v.push_back(r.*field);
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
  };
  m.wall_s = median(&Measure::wall_s);
  m.cpu_s = median(&Measure::cpu_s);
  m.exit_code = 0;
  for (const auto& r : runs) {
    m.max_rss_kb = std::max(m.max_rss_kb, r.max_rss_kb);
    if (r.exit_code != 0) m.exit_code = r.exit_code;
  }
  return m;
}

// "0.31 0.35 0.31": the CPU seconds of each run.
std::string CpuList(const std::vector<Measure>& runs) {
  std::string cpus;
  for (const auto& r : runs) cpus += (cpus.empty() ? "" : " ") + std::to_string(r.cpu_s).substr(0, 4);
  return cpus;
}

void PrintRuns(const char* who, const std::string& what, int n, const std::vector<Measure>& runs) {
  Measure m = Median(runs);
  std::string label = what + (runs.size() > 1 ? " x" + std::to_string(runs.size()) : "");
  Print(who, label.c_str(), n, m);
  if (runs.size() > 1) {
    std::printf("%-12s   (cpu of each run: %s s; the line above is the median)\n", "",
                CpuList(runs).c_str());
  }
}

struct Options {
  std::vector<int> docs = {1000};
  int idle_seconds = 10;
  std::string urlwatch = "auto";
  std::string binary;
  std::string keep;
  int repeat = 3;  // runs of each unchanged / changed cycle; medians reported
  bool check_only = false;  // only the `policywatch check` cycles (quick A/B runs)
};

bool FindUrlwatch(std::string* path) {
  for (const char* p : {"/usr/bin/urlwatch", "/usr/local/bin/urlwatch"}) {
    if (access(p, X_OK) == 0) {
      *path = p;
      return true;
    }
  }
  return false;
}

// Writes the policywatch config for the `n` documents of `site`.
void WriteConfig(const std::string& path, const Site& site, int n, const std::string& interval) {
  std::string t = "[daemon]\ninterval = \"" + interval +
                  "\"\njitter = \"0%\"\nper_host_delay = \"0s\"\nconcurrency = 16\ntimeout = \"60s\"\n\n";
  for (int c = 0; c < n / 100 + (n % 100 ? 1 : 0); ++c) {
    t += "[[company]]\nid = \"company-" + std::to_string(c) + "\"\n";
    for (int i = c * 100; i < std::min(n, (c + 1) * 100); ++i) {
      t += "  [[company.document]]\n  type = \"doc-" + std::to_string(i) + "\"\n  url = \"" +
           site.Url(i) + "\"\n";
    }
  }
  WriteFile(path, t);
}

// Waits until the database holds at least `count` attempts (false after `limit`).
bool WaitForAttempts(const std::string& db, long long count, std::chrono::seconds limit) {
  auto deadline = Clock::now() + limit;
  while (QueryInt(db, "SELECT count(*) FROM attempts") < count) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

// The daemon's own cycles: `policywatch run` with a short interval checks every
// document once per interval. CPU (/proc/PID/stat) is read in the idle gap
// between cycles, so each figure is one whole cycle of the running service,
// without process start-up (which a daemon pays once, not per cycle). The wall
// time of a daemon cycle is set by its schedule (each document is due one
// interval after its previous check), so it is reported as the cycle's spread,
// not as a speed; `check` gives the unpaced wall time.
struct DaemonCycles {
  Measure first;
  std::vector<Measure> unchanged, changed;
  bool ok = false;
};

DaemonCycles MeasureDaemonCycles(const Options& opt, Site& site, int n, const std::string& dir,
                                 int interval_s) {
  DaemonCycles out;
  const std::string config = dir + "/run.toml", db = dir + "/run.db";
  WriteConfig(config, site, n, std::to_string(interval_s) + "s");
  const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
  auto started = Clock::now();
  pid_t pid = Spawn({opt.binary, "run", "--config", config, "--db", db, "--first-spread", "0",
                     "--log-level", "warn"},
                    dir + "/run-cycles.out", dir + "/run-cycles.log");
  const auto limit = std::chrono::seconds(interval_s * 3 + 60);
  bool ok = WaitForAttempts(db, n, limit);
  long ticks = CpuTicks(pid);
  out.first.wall_s = std::chrono::duration<double>(Clock::now() - started).count();
  out.first.cpu_s = ticks / tick;
  out.first.max_rss_kb = StatusKb(pid, "VmHWM");
  for (int k = 1; ok && k <= 2 * opt.repeat; ++k) {
    const bool changed = k > opt.repeat;
    if (changed) site.NextRound();  // in the idle gap: the next cycle sees the edits
    long before = CpuTicks(pid);
    ok = WaitForAttempts(db, static_cast<long long>(k) * n + 1, limit);
    auto first_attempt = Clock::now();
    ok = ok && WaitForAttempts(db, static_cast<long long>(k + 1) * n, limit);
    Measure m;
    m.wall_s = std::chrono::duration<double>(Clock::now() - first_attempt).count();
    m.cpu_s = (CpuTicks(pid) - before) / tick;
    m.max_rss_kb = StatusKb(pid, "VmHWM");
    m.exit_code = 0;
    (changed ? out.changed : out.unchanged).push_back(m);
  }
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  out.ok = ok;
  if (!ok) std::fprintf(stderr, "bench_daemon: the daemon did not finish its cycles (see %s)\n",
                        (dir + "/run-cycles.log").c_str());
  return out;
}

// A fresh folder for one run of N documents (under --keep, or a temporary one).
std::string BenchDir(const Options& opt, int n) {
  if (!opt.keep.empty()) {
    std::string dir = opt.keep + "/n" + std::to_string(n);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
  }
  std::string tmpl = (fs::temp_directory_path() / "pw-bench-daemon-XXXXXX").string();
  return mkdtemp(tmpl.data()) ? tmpl : "";
}

// `policywatch check` cycles: one process per cycle, start-up included (as under cron).
struct CheckCycles {
  Measure first;
  std::vector<Measure> unchanged, changed;
};

CheckCycles MeasureCheckCycles(const Options& opt, Site& site, int n, const std::string& dir,
                               const std::string& config, const std::string& db) {
  const std::vector<std::string> check = {opt.binary, "check", "--config", config, "--db", db,
                                          "--log-level", "warn"};
  const std::string out = dir + "/check.out", log = dir + "/policywatch.log";
  CheckCycles c;
  c.first = RunMeasured(check, out, log);
  Print("policywatch", "check 1 (all new)", n, c.first);
  for (int r = 0; r < opt.repeat; ++r) c.unchanged.push_back(RunMeasured(check, out, log));
  PrintRuns("policywatch", "check (unchanged)", n, c.unchanged);
  for (int r = 0; r < opt.repeat; ++r) {
    site.NextRound();
    c.changed.push_back(RunMeasured(check, out, log));
  }
  PrintRuns("policywatch", "check (10% changed)", n, c.changed);
  return c;
}

void PrintDaemonCycles(const DaemonCycles& cycles, int n, int interval_s) {
  std::printf("policywatch  run, cycle 1 (all new)          N=%-6d cpu %8.2f s (start-up included)   "
              "peak RSS %8.1f MB\n",
              n, cycles.first.cpu_s, cycles.first.max_rss_kb / 1024.0);
  for (auto* runs : {&cycles.unchanged, &cycles.changed}) {
    if (runs->empty()) continue;
    Measure m = Median(*runs);
    std::printf("policywatch  run, cycle (%s)%s N=%-6d cpu %8.2f s (median of %s)   peak RSS %8.1f MB   "
                "spread %.1f s (interval %d s)\n",
                runs == &cycles.unchanged ? "unchanged" : "10% changed",
                runs == &cycles.unchanged ? "      " : "    ", n, m.cpu_s,
                CpuList(*runs).c_str(),
                m.max_rss_kb / 1024.0, m.wall_s, interval_s);
  }
  std::fflush(stdout);
}

// `policywatch run` idle with every document planned 24 h ahead: its CPU and memory.
void MeasureIdle(const Options& opt, int n, const std::string& dir, const std::string& config,
                 const std::string& db) {
  const long long attempts = QueryInt(db, "SELECT count(*) FROM attempts");
  pid_t daemon = Spawn({opt.binary, "run", "--config", config, "--db", db, "--first-spread", "0",
                        "--log-level", "info"},
                       dir + "/run.out", dir + "/policywatch.log");
  std::this_thread::sleep_for(std::chrono::seconds(2));  // start-up: config, schedule
  long t0 = CpuTicks(daemon);
  long rss0 = StatusKb(daemon, "VmRSS");
  std::this_thread::sleep_for(std::chrono::seconds(opt.idle_seconds));
  long t1 = CpuTicks(daemon);
  long rss1 = StatusKb(daemon, "VmRSS");
  long hwm = StatusKb(daemon, "VmHWM");
  kill(daemon, SIGTERM);
  int status = 0;
  waitpid(daemon, &status, 0);
  const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
  std::printf("policywatch  idle (run)                     N=%-6d start-up cpu %.2f s; over %d s idle: "
              "cpu %.2f s, RSS %.1f -> %.1f MB, VmHWM %.1f MB; %lld checks during idle\n",
              n, static_cast<double>(t0) / tick, opt.idle_seconds,
              static_cast<double>(t1 - t0) / tick, rss0 / 1024.0, rss1 / 1024.0, hwm / 1024.0,
              QueryInt(db, "SELECT count(*) FROM attempts") - attempts);
  std::fflush(stdout);
}

// The same pages through urlwatch, and the ratios of ours to its.
void CompareWithUrlwatch(const Options& opt, Site& site, int n, const std::string& dir,
                         const std::string& urlwatch, const CheckCycles& pw,
                         const DaemonCycles& daemon_cycles) {
  site.NextRound();  // (edited docs move on; the first urlwatch run sees them as new anyway)
  const std::string home = dir + "/uw-home";
  fs::create_directories(home);
  std::string urls;
  for (int i = 0; i < n; ++i) urls += (i ? "---\n" : "") + std::string("url: ") + site.Url(i) + "\n";
  WriteFile(dir + "/urls.yaml", urls);
  const std::vector<std::string> uw = {urlwatch, "--urls", dir + "/urls.yaml", "--config",
                                       dir + "/urlwatch.yaml", "--cache", dir + "/cache.db"};
  const std::string uw_out = dir + "/urlwatch.out", uw_err = dir + "/urlwatch.err";
  Measure uw_first = RunMeasured(uw, uw_out, uw_err, home);
  Print("urlwatch", "run 1 (all new)", n, uw_first);
  std::vector<Measure> uw_same, uw_changed;
  for (int r = 0; r < opt.repeat; ++r) uw_same.push_back(RunMeasured(uw, uw_out, uw_err, home));
  PrintRuns("urlwatch", "run (unchanged)", n, uw_same);
  for (int r = 0; r < opt.repeat; ++r) {
    site.NextRound();
    uw_changed.push_back(RunMeasured(uw, uw_out, uw_err, home));
  }
  PrintRuns("urlwatch", "run (10% changed)", n, uw_changed);
  std::printf("  urlwatch report of the last run: %zu bytes of diffs\n", ReadFile(uw_out).size());
  Ratio("check 1 / run 1 (all new)", pw.first, uw_first);
  Ratio("check (unchanged)", Median(pw.unchanged), Median(uw_same));
  Ratio("check (10% changed)", Median(pw.changed), Median(uw_changed));
  if (daemon_cycles.ok) {
    // The daemon's cycles have no wall figure of their own (see above): cpu and memory.
    Measure same = Median(daemon_cycles.unchanged), changed = Median(daemon_cycles.changed);
    same.wall_s = changed.wall_s = 0;
    Ratio("run cycle (unchanged)", same, Median(uw_same));
    Ratio("run cycle (10% changed)", changed, Median(uw_changed));
    std::fflush(stdout);
  }
}

int BenchOne(const Options& opt, int n, const std::string& urlwatch) {
  const std::string dir = BenchDir(opt, n);
  if (dir.empty()) return 1;
  auto generating = Clock::now();
  Site site(n);
  std::printf("\n(pages generated in %.1f s)",
              std::chrono::duration<double>(Clock::now() - generating).count());
  const std::string config = dir + "/policywatch.toml";
  const std::string db = dir + "/pw.db";
  WriteConfig(config, site, n, "24h");
  const std::size_t page_bytes = site.Bytes();
  std::printf("\n=== %d documents, %.1f MB of pages (%.1f KB average), served from 127.0.0.1; "
              "%d run(s) of each unchanged and 10%%-changed cycle\n",
              n, static_cast<double>(page_bytes) / 1e6, static_cast<double>(page_bytes) / n / 1e3,
              opt.repeat);

  CheckCycles pw = MeasureCheckCycles(opt, site, n, dir, config, db);
  const int cycles = 1 + 2 * opt.repeat;
  long long attempts = QueryInt(db, "SELECT count(*) FROM attempts");
  long long failed = QueryInt(db, "SELECT count(*) FROM attempts WHERE outcome = 4");
  long long versions = QueryInt(db, "SELECT count(*) FROM versions");
  std::printf("  check: %lld attempts (%lld failed), %lld versions (expected %d attempts, %d versions)\n",
              attempts, failed, versions, cycles * n, n + opt.repeat * (n / 10));
  if (opt.check_only) {
    if (opt.keep.empty()) fs::remove_all(dir);
    return attempts == cycles * n && failed == 0 ? 0 : 1;
  }

  // policywatch run: the service's own cycles (no start-up per cycle).
  const int interval_s = std::max(10, static_cast<int>(pw.first.wall_s * 1.5) + 5);
  DaemonCycles daemon_cycles = MeasureDaemonCycles(opt, site, n, dir, interval_s);
  PrintDaemonCycles(daemon_cycles, n, interval_s);
  MeasureIdle(opt, n, dir, config, db);
  if (!urlwatch.empty()) CompareWithUrlwatch(opt, site, n, dir, urlwatch, pw, daemon_cycles);
  if (opt.keep.empty()) fs::remove_all(dir);
  return daemon_cycles.ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  opt.binary = std::string(PW_BINARY_DIR) + "/policywatch";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "bench_daemon: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--docs") {
      opt.docs.clear();
      std::stringstream ss(value());
      std::string item;
      while (std::getline(ss, item, ',')) opt.docs.push_back(std::stoi(item));
    } else if (a == "--idle-seconds") {
      opt.idle_seconds = std::stoi(value());
    } else if (a == "--urlwatch") {
      opt.urlwatch = value();
    } else if (a == "--binary") {
      opt.binary = value();
    } else if (a == "--keep") {
      opt.keep = value();
    } else if (a == "--check-only") {
      opt.check_only = true;
    } else if (a == "--repeat") {
      opt.repeat = std::max(1, std::stoi(value()));
    } else {
      std::fprintf(stderr,
                   "usage: bench_daemon [--docs 1000,10000] [--idle-seconds 10] "
                   "[--urlwatch auto|yes|no] [--repeat 3] [--check-only] [--binary PATH] "
                   "[--keep DIR]\n");
      return 2;
    }
  }
  if (access(opt.binary.c_str(), X_OK) != 0) {
    std::fprintf(stderr, "bench_daemon: %s is not built\n", opt.binary.c_str());
    return 1;
  }
  std::string urlwatch;
  if (opt.urlwatch != "no" && !FindUrlwatch(&urlwatch)) {
    if (opt.urlwatch == "yes") {
      std::fprintf(stderr, "bench_daemon: urlwatch not found (apt-get install urlwatch)\n");
      return 1;
    }
    std::printf("urlwatch not installed: measuring policywatch only "
                "(bench/daemon/bench_daemon_vs_urlwatch.sh installs it)\n");
  }
  std::printf("bench_daemon: policywatch %s; CPU = user+sys of the measured process; peak RSS = "
              "maximum resident set size (/usr/bin/time)\n",
              opt.binary.c_str());
  for (int n : opt.docs) {
    if (BenchOne(opt, n, urlwatch) != 0) return 1;
  }
  return 0;
}

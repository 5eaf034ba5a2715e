// Check-cycle benchmark (issue 4, "Measure"): prints figures, asserts nothing.
//
// 1,000 generated policy pages (20-50 KB each) are served from 127.0.0.1 by a
// cpp-httplib server in a forked child (so that getrusage of this process counts
// the checker only). A full cycle goes through check::Runner over a Store in a
// temporary directory, as `policywatch check` does:
//   cycle 1  every document new (fetch, extract, store, first version)
//   cycle 2  unchanged, no ETag: bodies re-fetched, raw hash equal, extraction skipped
//   cycle 3  unchanged, server now sends ETags (learned on this cycle)
//   cycle 4  unchanged, conditional requests answered 304
// and is compared with the same 1,000 URLs through fetch::Fetcher alone at the
// same concurrency. Also: database growth per unchanged check, and, when
// ../shared/corpus is present, the raw-evidence compression ratio of the real
// snapshots stored through a real check.
//
//   build-X/bench/check/bench_check_cycle [DOCUMENTS] [CONCURRENCY]
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <httplib.h>

#include "config/config.h"
#include "check/runner.h"
#include "fetch/fetch.h"
#include "store/store.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// --- Pages. ---

const char* const kWords[] = {
    "we",       "collect",  "your",     "information", "when",     "you",      "use",
    "our",      "services", "and",      "may",         "share",    "it",       "with",
    "partners", "who",      "help",     "us",          "deliver",  "orders",   "process",
    "payments", "the",      "account",  "data",        "is",       "kept",     "for",
    "as",       "long",     "needed",   "to",          "provide",  "support",  "comply",
    "legal",    "duties",   "request",  "a",           "copy",     "correct",  "delete",
    "by",       "writing",  "privacy",  "team",        "cookies",  "analytics", "device",
    "browser",  "address",  "email",    "name",        "purchase", "history",  "security",
    "measures", "protect",  "against",  "loss",        "misuse",   "children", "under",
    "transfer", "outside",  "country",  "safeguards",  "contract", "notice",   "changes"};

std::string Sentence(std::mt19937& rng) {
  std::uniform_int_distribution<size_t> word(0, sizeof(kWords) / sizeof(kWords[0]) - 1);
  std::uniform_int_distribution<int> length(8, 24);
  std::string s;
  int n = length(rng);
  for (int i = 0; i < n; ++i) {
    std::string w = kWords[word(rng)];
    if (i == 0) w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    s += (i ? " " : "") + w;
  }
  return s + ". ";
}

// A policy page of about `target` bytes: site chrome around an article of
// numbered sections of generated prose.
std::string MakePage(int index, size_t target) {
  std::mt19937 rng(static_cast<unsigned>(index) * 2654435761u + 17u);
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Privacy Policy "
      "of Company " + std::to_string(index) +
      "</title><script>var tracker = {site: " + std::to_string(index) +
      "};</script></head>\n<body><header><nav><a href=\"/\">Home</a> <a href=\"/shop\">Shop"
      "</a> <a href=\"/help\">Help</a></nav></header>\n<div class=\"cookie-banner\">We use "
      "cookies. <button>OK</button></div>\n<main><article><h1>Privacy Policy</h1>\n";
  int section = 0;
  while (html.size() < target) {
    html += "<h2>" + std::to_string(++section) + ". " + Sentence(rng).substr(0, 40) + "</h2>\n";
    for (int p = 0; p < 3 && html.size() < target; ++p) {
      html += "<p>";
      for (int s = 0; s < 4; ++s) html += Sentence(rng);
      html += "</p>\n";
    }
    if (section % 3 == 0) {
      html += "<ul>";
      for (int i = 0; i < 4; ++i) html += "<li>" + Sentence(rng) + "</li>";
      html += "</ul>\n";
    }
  }
  html += "</article></main>\n<footer><p>&copy; 2026 Company " + std::to_string(index) +
          "</p></footer></body></html>\n";
  return html;
}

// --- The server, in a child process. ---

struct ServedPage {
  std::string body;
  std::string etag;
};

// Serves /doc/N from `pages`; GET /mode/etag and /mode/plain switch ETags on and
// off. Returns the child's pid; *port gets the port.
pid_t StartServer(const std::vector<ServedPage>& pages, int* port) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    httplib::Server server;
    server.new_task_queue = [] { return new httplib::ThreadPool(64); };
    server.set_keep_alive_max_count(100000);
    std::atomic<bool> etags{false};
    server.Get("/mode/etag", [&](const httplib::Request&, httplib::Response& res) {
      etags = true;
      res.set_content("etag", "text/plain");
    });
    server.Get("/mode/plain", [&](const httplib::Request&, httplib::Response& res) {
      etags = false;
      res.set_content("plain", "text/plain");
    });
    server.Get(R"(/doc/(\d+))", [&](const httplib::Request& req, httplib::Response& res) {
      size_t i = std::stoul(req.matches[1]);
      if (i >= pages.size()) {
        res.status = 404;
        return;
      }
      const ServedPage& page = pages[i];
      if (etags) {
        res.set_header("ETag", page.etag);
        if (req.get_header_value("If-None-Match") == page.etag) {
          res.status = 304;
          return;
        }
      }
      // A sized provider: sent as is (set_content would compress every answer).
      res.set_content_provider(page.body.size(), "text/html; charset=utf-8",
                               [&page](size_t offset, size_t length, httplib::DataSink& sink) {
                                 sink.write(page.body.data() + offset, length);
                                 return true;
                               });
    });
    int p = server.bind_to_any_port("127.0.0.1");
    if (write(fds[1], &p, sizeof p) != sizeof p) _exit(1);
    close(fds[1]);
    server.listen_after_bind();
    _exit(0);
  }
  close(fds[1]);
  if (read(fds[0], port, sizeof *port) != sizeof *port) *port = 0;
  close(fds[0]);
  return pid;
}

void StopServer(pid_t pid) {
  kill(pid, SIGKILL);
  int status;
  waitpid(pid, &status, 0);
}

void SetMode(int port, const char* mode) {
  pw::fetch::Request r;
  r.url = "http://127.0.0.1:" + std::to_string(port) + "/mode/" + mode;
  pw::fetch::FetchOne(r);
}

// --- Measuring. ---

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Figures {
  double wall = 0;
  double cpu = 0;
  std::map<std::string, int> outcomes;
};

std::uintmax_t DbBytes(pw::store::Store& store, const std::string& path) {
  store.db()->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  std::error_code ec;
  std::uintmax_t total = fs::file_size(path, ec);
  auto wal = fs::file_size(path + "-wal", ec);
  if (!ec) total += wal;
  return total;
}

std::shared_ptr<pw::config::Config> MakeConfig(const std::string& base_url, size_t documents,
                                               int concurrency) {
  auto config = std::make_shared<pw::config::Config>();
  config->daemon.concurrency = concurrency;
  config->daemon.per_host_delay = std::chrono::milliseconds(0);
  config->daemon.jitter = 0;
  const size_t per_company = 10;
  for (size_t i = 0; i < documents; i += per_company) {
    pw::config::Company c;
    c.id = "company-" + std::to_string(i / per_company);
    c.name = "Company " + std::to_string(i / per_company);
    for (size_t j = i; j < std::min(documents, i + per_company); ++j) {
      c.documents.push_back(
          pw::config::PageDocument("doc-" + std::to_string(j - i), base_url + std::to_string(j)));
    }
    config->companies.push_back(std::move(c));
  }
  return config;
}

Figures RunCycle(pw::store::Store& store, const std::shared_ptr<const pw::config::Config>& config,
                 int concurrency) {
  pw::check::Runner runner(&store, concurrency, std::chrono::milliseconds(0));
  for (const auto& c : config->companies) {
    for (const auto& d : c.documents) runner.Add(config, pw::check::Target{&c, &d});
  }
  Figures f;
  double cpu0 = CpuSeconds();
  auto t0 = Clock::now();
  std::string first_error;
  runner.RunUntilIdle([&](const pw::check::CheckResult& r) {
    f.outcomes[pw::store::AttemptOutcomeName(r.outcome)]++;
    if (!r.error.empty() && first_error.empty()) first_error = r.error;
  });
  f.wall = std::chrono::duration<double>(Clock::now() - t0).count();
  f.cpu = CpuSeconds() - cpu0;
  if (!first_error.empty()) std::printf("  first error: %s\n", first_error.c_str());
  return f;
}

Figures FetchOnly(const std::shared_ptr<const pw::config::Config>& config, int concurrency) {
  pw::fetch::Fetcher fetcher(pw::fetch::Fetcher::Options{concurrency, 0});
  Figures f;
  double cpu0 = CpuSeconds();
  auto t0 = Clock::now();
  for (const auto& c : config->companies) {
    for (const auto& d : c.documents) {
      pw::fetch::Request r;
      r.url = d.url;
      fetcher.Add(std::move(r), [&](pw::fetch::Response response) {
        f.outcomes[response.ok() ? "ok" : "failed"]++;
      });
    }
  }
  fetcher.RunUntilIdle();
  f.wall = std::chrono::duration<double>(Clock::now() - t0).count();
  f.cpu = CpuSeconds() - cpu0;
  return f;
}

std::string Outcomes(const Figures& f) {
  std::string s;
  for (const auto& [k, v] : f.outcomes) s += (s.empty() ? "" : ", ") + std::to_string(v) + " " + k;
  return s;
}

void Print(const char* name, const Figures& f, const Figures& fetch_only, size_t documents) {
  std::printf("%-34s wall %6.2f s (%6.0f docs/s)  cpu %6.2f s (%5.2f ms/doc)  "
              "wall x%.2f cpu x%.2f of fetch-only  [%s]\n",
              name, f.wall, static_cast<double>(documents) / f.wall, f.cpu,
              1000.0 * f.cpu / static_cast<double>(documents), f.wall / fetch_only.wall,
              f.cpu / fetch_only.cpu, Outcomes(f).c_str());
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The real snapshots through a real check: raw evidence bytes vs. stored zstd bytes.
void CorpusEvidence(const fs::path& tmp, int concurrency) {
  fs::path snapshots = fs::path(PW_SOURCE_DIR) / ".." / "shared" / "corpus" / "snapshots";
  if (!fs::is_directory(snapshots)) {
    std::printf("corpus: %s absent, evidence ratio skipped\n", snapshots.c_str());
    return;
  }
  std::vector<fs::path> files;
  for (const auto& dir : fs::directory_iterator(snapshots)) {
    if (!dir.is_directory()) continue;
    for (const auto& f : fs::directory_iterator(dir.path())) {
      if (f.path().extension() == ".html") files.push_back(f.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<ServedPage> pages;
  for (const auto& f : files) pages.push_back({ReadFile(f), ""});
  int port = 0;
  pid_t server = StartServer(pages, &port);
  auto config = MakeConfig("http://127.0.0.1:" + std::to_string(port) + "/doc/", pages.size(),
                           concurrency);
  std::string path = (tmp / "corpus.db").string();
  std::unique_ptr<pw::store::Store> store;
  pw::Status s = pw::store::Store::Open(path, &store);
  if (s.ok()) s = store->SyncConfig(*config, 0);
  if (!s.ok()) {
    std::printf("corpus: %s\n", s.message().c_str());
    StopServer(server);
    return;
  }
  Figures f = RunCycle(*store, config, concurrency);
  StopServer(server);
  std::int64_t raw = 0, packed = 0, versions = 0;
  store->db()->QueryInt("SELECT coalesce(sum(raw_size), 0) FROM versions", &raw);
  store->db()->QueryInt("SELECT coalesce(sum(length(raw_z)), 0) FROM versions", &packed);
  store->db()->QueryInt("SELECT count(*) FROM versions", &versions);
  std::printf("corpus: %zu snapshots checked in %.2f s [%s]; %lld versions, raw evidence %.1f MB "
              "-> %.1f MB stored (ratio %.1fx)\n",
              pages.size(), f.wall, Outcomes(f).c_str(), static_cast<long long>(versions),
              static_cast<double>(raw) / 1e6, static_cast<double>(packed) / 1e6,
              packed ? static_cast<double>(raw) / static_cast<double>(packed) : 0.0);
}

}  // namespace

// The served pages: 20-50 KB each, with an ETag.
std::vector<ServedPage> MakePages(size_t documents) {
  std::vector<ServedPage> pages;
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> size(20000, 50000);
  for (size_t i = 0; i < documents; ++i) {
    ServedPage p{MakePage(static_cast<int>(i), size(rng)), ""};
    p.etag = "\"e" + std::to_string(i) + "-" + std::to_string(p.body.size()) + "\"";
    pages.push_back(std::move(p));
  }
  return pages;
}

void PrintFetchOnly(const Figures& f, size_t documents) {
  std::printf("%-34s wall %6.2f s (%6.0f docs/s)  cpu %6.2f s (%5.2f ms/doc)  [%s]\n",
              "fetch only (Fetcher, no ETag)", f.wall, static_cast<double>(documents) / f.wall,
              f.cpu, 1000.0 * f.cpu / static_cast<double>(documents), Outcomes(f).c_str());
}

// The four cycles (new, unchanged, ETag learned, 304) and the database's growth.
void RunCycles(pw::store::Store& store, const std::string& db_path,
               const std::shared_ptr<const pw::config::Config>& config, int port,
               int concurrency, const Figures& fetch_only, size_t documents) {
  struct Cycle {
    const char* label;
    const char* server_mode;  // switched to before the cycle when set
  };
  const Cycle cycles[] = {{"cycle 1: all new", nullptr},
                          {"cycle 2: unchanged, full bodies", nullptr},
                          {"cycle 3: unchanged, ETag learned", "etag"},
                          {"cycle 4: unchanged, 304 answers", nullptr}};
  std::vector<std::uintmax_t> bytes = {DbBytes(store, db_path)};
  for (const Cycle& c : cycles) {
    if (c.server_mode) SetMode(port, c.server_mode);
    Figures f = RunCycle(store, config, concurrency);
    Print(c.label, f, fetch_only, documents);
    bytes.push_back(DbBytes(store, db_path));
  }
  auto per_doc = [&](size_t i) {
    return static_cast<double>(bytes[i + 1] - bytes[i]) / static_cast<double>(documents);
  };
  std::printf("database: %.1f MB after cycle 1 (%.0f bytes/doc for a first version with "
              "evidence); growth per unchanged check: %.0f bytes (full body), %.0f bytes "
              "(ETag learned), %.0f bytes (304)\n",
              static_cast<double>(bytes[1]) / 1e6, per_doc(0), per_doc(1), per_doc(2), per_doc(3));
}

// What a first version costs in the database, on average.
void PrintVersionSizes(pw::store::Store& store, size_t documents) {
  std::int64_t text = 0, tree = 0, packed = 0, raw = 0;
  store.db()->QueryInt("SELECT coalesce(sum(length(text_z)), 0) FROM versions", &text);
  store.db()->QueryInt("SELECT coalesce(sum(length(tree_z)), 0) FROM versions", &tree);
  store.db()->QueryInt("SELECT coalesce(sum(length(raw_z)), 0) FROM versions", &packed);
  store.db()->QueryInt("SELECT coalesce(sum(raw_size), 0) FROM versions", &raw);
  auto avg = [&](std::int64_t v) { return static_cast<double>(v) / 1e3 / static_cast<double>(documents); };
  std::printf("per first version (avg): raw %.1f KB -> evidence %.1f KB (zstd), text %.1f KB, "
              "section tree %.1f KB (compressed; the tree against its text)\n",
              avg(raw), avg(packed), avg(text), avg(tree));
}

int main(int argc, char** argv) {
  const size_t documents = argc > 1 ? std::stoul(argv[1]) : 1000;
  const int concurrency = argc > 2 ? std::stoi(argv[2]) : 16;
  std::vector<ServedPage> pages = MakePages(documents);
  std::uint64_t total = 0;
  for (const auto& p : pages) total += p.body.size();
  std::printf("bench_check_cycle: %zu documents, %.1f MB of HTML (avg %.1f KB), concurrency %d, "
              "server in a child process\n",
              documents, static_cast<double>(total) / 1e6,
              static_cast<double>(total) / 1e3 / static_cast<double>(documents), concurrency);

  int port = 0;
  pid_t server = StartServer(pages, &port);
  if (server < 0 || port <= 0) {
    std::fprintf(stderr, "cannot start the server\n");
    return 1;
  }
  char tmpl[] = "/tmp/pw-bench-check-XXXXXX";
  if (!mkdtemp(tmpl)) return 1;
  const fs::path tmp = tmpl;
  const std::string db_path = (tmp / "check.db").string();
  auto config = MakeConfig("http://127.0.0.1:" + std::to_string(port) + "/doc/", documents,
                           concurrency);
  std::unique_ptr<pw::store::Store> store;
  pw::Status s = pw::store::Store::Open(db_path, &store);
  if (s.ok()) s = store->SyncConfig(*config, 0);
  if (!s.ok()) {
    std::fprintf(stderr, "store: %s\n", s.message().c_str());
    StopServer(server);
    return 1;
  }

  SetMode(port, "plain");
  FetchOnly(config, concurrency);  // warm-up: page cache, server threads
  Figures fetch_only = FetchOnly(config, concurrency);
  PrintFetchOnly(fetch_only, documents);
  RunCycles(*store, db_path, config, port, concurrency, fetch_only, documents);
  StopServer(server);
  PrintVersionSizes(*store, documents);
  CorpusEvidence(tmp, concurrency);
  std::error_code ec;
  fs::remove_all(tmp, ec);
  return 0;
}

// bench_web: requests per second and latency of the web view's overview and a
// change page over a database of 1,000 documents and 10,000 stored changes (the
// issue's figures), and what the web server adds to a process's memory.
//
//   bench_web [--documents N] [--changes M] [--seconds S] [--clients C] [--db PATH]
//
// The database is built once at PATH (default bench-web.db in the working
// directory; kept for reruns): N documents of 20-40 KB generated policies
// (bench/daemon/policy_page.h), each with M changes, extracted and diffed by
// the real code and written by real CheckTransactions. Clients are keep-alive
// HTTP connections on loopback, each in its own thread.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/daemon/policy_page.h"
#include "config/config.h"
#include "diff/changeset_render.h"
#include "diff/diff.h"
#include "extract/canonical.h"
#include "extract/extract.h"
#include "extract/sections_json.h"
#include "store/check_transaction.h"
#include "store/store.h"
#include "web/web.h"

namespace pw::bench {
namespace {

using SteadyTime = std::chrono::steady_clock;

struct Args {
  int documents = 1000;
  int changes = 10;
  int seconds = 5;
  int clients = 2;
  std::string db = "bench-web.db";
};

long RssKiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

config::Config MakeConfig(int documents) {
  config::Config config;
  for (int c = 0; c < (documents + 9) / 10; ++c) {
    config::Company company;
    company.id = "company-" + std::to_string(c);
    company.name = "Company " + std::to_string(c);
    for (int d = c * 10; d < std::min(documents, c * 10 + 10); ++d) {
      company.documents.push_back(config::PageDocument(
          "policy-" + std::to_string(d), "https://c" + std::to_string(c) + ".example/" + std::to_string(d)));
    }
    config.companies.push_back(company);
  }
  return config;
}

bool Check(const Status& s, const char* what) {
  if (!s.ok()) std::fprintf(stderr, "bench_web: %s: %s\n", what, s.message().c_str());
  return s.ok();
}

// Version `round` of document `doc` (id `doc_id`), diffed against `before`.
bool AddVersion(store::Store* store, std::int64_t doc_id, int doc, int round, std::int64_t latest,
                extract::Document* before, std::int64_t* version_id) {
  const std::string html = Page(doc, round);
  extract::Document now;
  if (!Check(extract::Extract(html, "text/html", extract::Options(), &now), "extract")) return false;
  store::CheckAttempt attempt;
  attempt.document_id = doc_id;
  attempt.started_at = 1'700'000'000 + round * 86400 + doc;
  attempt.duration_ms = 200 + doc % 700;
  attempt.http_status = 200;
  attempt.expected_latest_version_id = latest;
  attempt.durable = true;
  store::CheckTransaction txn(store);
  if (!Check(txn.Begin(attempt), "begin")) return false;
  store::NewVersion v{extract::ToMarkdown(now), extract::WriteSectionsJson(now), html, "text/html", 0, {}, {}};
  if (!Check(txn.AddVersion(v, version_id), "add version")) return false;
  if (round > 0) {
    const diff::Changeset cs = diff::Compare(*before, now);
    if (!Check(txn.AddChange({std::string(SeverityName(cs.severity)), diff::ToJson(cs).dump()}), "change")) {
      return false;
    }
  }
  store::CheckOutcome outcome;
  *before = std::move(now);
  return Check(txn.Commit(&outcome), "commit");
}

bool BuildDatabase(const Args& args) {
  std::unique_ptr<store::Store> store;
  store::StoreOptions options;
  options.synchronous_full = false;
  if (!Check(store::Store::Open(args.db, options, &store), "open")) return false;
  if (!Check(store->SyncConfig(MakeConfig(args.documents), 1'700'000'000), "sync")) return false;
  std::vector<store::DocumentRow> docs;
  if (!Check(store->ListDocuments(false, &docs), "list")) return false;
  const auto start = SteadyTime::now();
  for (size_t d = 0; d < docs.size(); ++d) {
    extract::Document before;
    std::int64_t latest = 0;
    for (int round = 0; round <= args.changes; ++round) {
      if (!AddVersion(store.get(), docs[d].id, static_cast<int>(d), round, latest, &before, &latest)) return false;
    }
    if (d % 100 == 99) {
      std::printf("  built %zu documents (%.0f s)\n", d + 1,
                  std::chrono::duration<double>(SteadyTime::now() - start).count());
      std::fflush(stdout);
    }
  }
  return true;
}

struct Load {
  double rps = 0;
  double p50_ms = 0, p95_ms = 0, p99_ms = 0;
  long requests = 0;
  long failures = 0;
  size_t bytes = 0;
};

double Percentile(std::vector<double>* v, double p) {
  if (v->empty()) return 0;
  const size_t k = std::min(v->size() - 1, static_cast<size_t>(p * static_cast<double>(v->size())));
  std::nth_element(v->begin(), v->begin() + static_cast<long>(k), v->end());
  return (*v)[k];
}

Load Hammer(int port, const std::string& path, const Args& args) {
  std::vector<std::vector<double>> latencies(args.clients);
  std::atomic<long> failures{0};
  std::atomic<size_t> bytes{0};
  const auto end = SteadyTime::now() + std::chrono::seconds(args.seconds);
  std::vector<std::thread> threads;
  for (int c = 0; c < args.clients; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);  // as browsers do
      while (SteadyTime::now() < end) {
        const auto t0 = SteadyTime::now();
        auto r = client.Get(path);
        latencies[c].push_back(std::chrono::duration<double, std::milli>(SteadyTime::now() - t0).count());
        if (!r || r->status != 200) ++failures;
        else bytes = r->body.size();
      }
    });
  }
  for (auto& t : threads) t.join();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  Load load;
  load.requests = static_cast<long>(all.size());
  load.failures = failures;
  load.bytes = bytes;
  load.rps = static_cast<double>(all.size()) / args.seconds;
  load.p50_ms = Percentile(&all, 0.50);
  load.p95_ms = Percentile(&all, 0.95);
  load.p99_ms = Percentile(&all, 0.99);
  return load;
}

void Print(const char* what, const std::string& path, const Load& l) {
  std::printf("%-12s %-48s %8.0f req/s  p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  %7zu bytes  %ld failed\n",
              what, path.c_str(), l.rps, l.p50_ms, l.p95_ms, l.p99_ms, l.bytes, l.failures);
}

Args ParseArgs(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    if (k == "--documents") a.documents = std::atoi(argv[i + 1]);
    else if (k == "--changes") a.changes = std::atoi(argv[i + 1]);
    else if (k == "--seconds") a.seconds = std::atoi(argv[i + 1]);
    else if (k == "--clients") a.clients = std::atoi(argv[i + 1]);
    else if (k == "--db") a.db = argv[i + 1];
  }
  return a;
}

// A change page of a document in the middle of the database.
std::string SomeChangePath(const Args& args) {
  std::unique_ptr<store::Store> store;
  store::StoreOptions ro;
  ro.read_only = true;
  if (!Check(store::Store::Open(args.db, ro, &store), "open")) return "";
  store::ChangeFilter filter;
  filter.limit = 1;
  filter.company_id = "company-" + std::to_string(args.documents / 20);
  std::vector<store::ChangeRow> rows;
  if (!Check(store->ListChanges(filter, &rows), "changes") || rows.empty()) return "";
  store::DocumentRow doc;
  if (!Check(store->GetDocumentById(rows[0].document_id, &doc), "document")) return "";
  return config::ChangePagePath(doc.company_id, doc.type, rows[0].to_version);
}

}  // namespace
}  // namespace pw::bench

int main(int argc, char** argv) {
  using namespace pw::bench;
  const Args args = ParseArgs(argc, argv);
  if (!std::filesystem::exists(args.db)) {
    std::printf("building %s: %d documents x %d changes\n", args.db.c_str(), args.documents, args.changes);
    if (!BuildDatabase(args)) return 1;
  }
  std::printf("database %s: %.1f MB\n", args.db.c_str(),
              static_cast<double>(std::filesystem::file_size(args.db)) / 1e6);
  const std::string change = SomeChangePath(args);
  if (change.empty()) return 1;

  const long rss_before = RssKiB();
  pw::web::WebOptions options;
  pw::config::ParseListen("127.0.0.1:0", &options.web);
  options.database = args.db;
  std::unique_ptr<pw::web::WebServer> server;
  if (!Check(pw::web::WebServer::Start(options, &server), "start")) return 1;
  const long rss_started = RssKiB();
  Print("overview", "/", Hammer(server->port(), "/", args));
  Print("change page", change, Hammer(server->port(), change, args));
  Print("document", change.substr(0, change.find("/changes/")),
        Hammer(server->port(), change.substr(0, change.find("/changes/")), args));
  Print("metrics", "/metrics", Hammer(server->port(), "/metrics", args));
  const long rss_after = RssKiB();
  std::printf("memory: process RSS %ld KiB before the server, +%ld KiB started, +%ld KiB after serving "
              "(%d server threads, %d clients in this process)\n",
              rss_before, rss_started - rss_before, rss_after - rss_before, options.threads, args.clients);
  return 0;
}

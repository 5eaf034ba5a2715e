// Fetch benchmark: prints figures, asserts nothing about speed.
//  1. HTTP throughput through one Fetcher against a local server (127.0.0.1),
//     at several concurrency caps: requests/s, MB/s, median and p99 latency.
//  2. Charset detection + conversion to UTF-8 over the real corpus snapshots
//     (../shared/corpus, skipped when absent) and over synthetic text: MB/s.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "fetch/charset.h"
#include "fetch/fetch.h"
#include "fetch/test_http_servers.h"

namespace fs = std::filesystem;
using namespace pw::fetch;
using Clock = std::chrono::steady_clock;

namespace {

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> CorpusPages(const fs::path& corpus) {
  std::vector<std::string> pages;
  fs::path snapshots = corpus / "snapshots";
  if (!fs::is_directory(snapshots)) return pages;
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(snapshots)) {
    if (entry.path().extension() == ".html") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) pages.push_back(ReadFile(f));
  return pages;
}

// The local server is cpp-httplib: a listen backlog of 5 and one thread per
// connection, so connections per host are capped (4) to measure the client.
void BenchHttp(const std::string& page, int requests, int concurrency) {
  testing::HttpServer server([&](httplib::Server& s) {
    s.Get("/page", [&](const httplib::Request&, httplib::Response& a) {
      // A sized content provider: httplib sends it as is (set_content would make it
      // brotli-compress every answer, and the bench would measure the server).
      a.set_content_provider(page.size(), "text/html; charset=utf-8",
                             [&](size_t offset, size_t length, httplib::DataSink& sink) {
                               sink.write(page.data() + offset, length);
                               return true;
                             });
    });
  });
  Fetcher fetcher(Fetcher::Options{concurrency, 4});
  std::vector<double> latencies, connects;
  std::uint64_t bytes = 0;
  int failures = 0;
  auto start = Clock::now();
  for (int i = 0; i < requests; ++i) {
    Request r;
    r.url = server.Url("/page");
    fetcher.Add(std::move(r), [&](Response response) {
      if (!response.ok() && failures++ == 0) std::printf("  first failure: %s\n", response.error_message.c_str());
      bytes += response.body.size();
      latencies.push_back(std::chrono::duration<double, std::milli>(response.timings.total).count());
      connects.push_back(std::chrono::duration<double, std::milli>(response.timings.connect).count());
    });
  }
  fetcher.RunUntilIdle();
  double elapsed = Seconds(Clock::now() - start);
  std::sort(latencies.begin(), latencies.end());
  std::sort(connects.begin(), connects.end());
  std::printf("http  concurrency %3d (4 conns): %5d requests of %zu bytes in %.2f s = %7.0f req/s, %6.1f MB/s "
              "(decoded), latency p50 %.1f ms p99 %.1f ms (connect p99 %.1f ms), failures %d\n",
              concurrency, requests, page.size(), elapsed, requests / elapsed, bytes / elapsed / 1e6,
              latencies[latencies.size() / 2], latencies[latencies.size() * 99 / 100],
              connects[connects.size() * 99 / 100], failures);
}

void BenchCharset(const std::vector<std::string>& pages, const char* label) {
  std::map<std::string, int> by_charset;
  std::uint64_t bytes = 0;
  int invalid = 0;
  auto start = Clock::now();
  for (const std::string& page : pages) {
    CharsetGuess guess = DetectCharset(page, "text/html");
    std::string utf8 = ConvertToUtf8(page, guess.name);
    if (!IsValidUtf8(utf8)) ++invalid;
    by_charset[guess.name]++;
    bytes += page.size();
  }
  double elapsed = Seconds(Clock::now() - start);
  std::printf("charset %-22s: %4zu pages, %7.1f MB in %.3f s = %7.1f MB/s, invalid output %d; charsets:",
              label, pages.size(), bytes / 1e6, elapsed, bytes / elapsed / 1e6, invalid);
  for (const auto& [name, count] : by_charset) std::printf(" %s=%d", name.c_str(), count);
  std::printf("\n");
}

std::string SyntheticLatin1(size_t size) {
  std::string text;
  const std::string word = "Datenschutz\xE9rkl\xE4rung \x93Sie\x94 \x80 ";
  while (text.size() < size) text += word;
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path corpus = argc > 1 ? fs::path(argv[1]) : fs::path(PW_SOURCE_DIR) / ".." / "shared" / "corpus";
  std::vector<std::string> pages = CorpusPages(corpus);

  std::string page = pages.empty() ? std::string(100 * 1000, 'x') : pages.front();
  for (int concurrency : {1, 16, 64}) BenchHttp(page, 1000, concurrency);

  if (pages.empty()) {
    std::printf("charset corpus: skipped (no snapshots under %s)\n", corpus.c_str());
  } else {
    std::vector<std::string> repeated;
    for (int i = 0; i < 10; ++i) repeated.insert(repeated.end(), pages.begin(), pages.end());
    BenchCharset(repeated, "corpus x10");
  }
  BenchCharset(std::vector<std::string>(20, SyntheticLatin1(1000 * 1000)), "synthetic cp1252");
  std::string utf8 = ConvertToUtf8(SyntheticLatin1(1000 * 1000), "windows-1252");
  BenchCharset(std::vector<std::string>(20, utf8), "synthetic utf-8");
  return 0;
}

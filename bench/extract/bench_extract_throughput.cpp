// Throughput of our full extraction (automatic mode, and with the declared
// selectors) against a bare gumbo_parse + gumbo_destroy_output of the same
// bytes, in the same run. Target: >= 0.75 of bare Gumbo.
//
//   bench_extract_throughput [REPETITIONS]   (default 5)
#include <gumbo.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench/extract/corpus_pages.h"
#include "extract/extract.h"
#include "extract/parsed_html.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
  int reps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  std::vector<pw::bench::CorpusPage> pages;
  if (!pw::bench::LoadCorpusPages(&pages)) return 0;
  std::vector<std::string> bodies;
  size_t bytes = 0;
  for (const auto& page : pages) {
    bodies.push_back(pw::bench::ReadFile(page.html));
    bytes += bodies.back().size();
  }
  std::printf("%zu pages, %.1f MB, %d repetitions (best of each shown)\n", bodies.size(),
              bytes / 1e6, reps);
  double best_gumbo = 1e9, best_arena = 1e9, best_auto = 1e9, best_select = 1e9;
  size_t sink = 0;
  for (int r = 0; r < reps; ++r) {
    auto t0 = Clock::now();
    for (const std::string& body : bodies) {
      GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, body.data(), body.size());
      sink += out->document->v.document.children.length;
      gumbo_destroy_output(&kGumboDefaultOptions, out);
    }
    best_gumbo = std::min(best_gumbo, Seconds(t0));

    t0 = Clock::now();
    for (const std::string& body : bodies) {
      pw::extract::ParsedHtml parsed(body);
      sink += parsed.output()->document->v.document.children.length;
    }
    best_arena = std::min(best_arena, Seconds(t0));

    t0 = Clock::now();
    for (const std::string& body : bodies) {
      pw::extract::Document doc;
      (void)pw::extract::ExtractHtml(body, pw::extract::Options(), &doc);
      sink += doc.sections.size();
    }
    best_auto = std::min(best_auto, Seconds(t0));

    t0 = Clock::now();
    for (size_t i = 0; i < bodies.size(); ++i) {
      pw::extract::Document doc;
      (void)pw::extract::ExtractHtml(bodies[i], pages[i].options, &doc);
      sink += doc.sections.size();
    }
    best_select = std::min(best_select, Seconds(t0));
  }
  double mb = bytes / 1e6;
  std::printf("bare gumbo parse+destroy : %7.1f MB/s\n", mb / best_gumbo);
  std::printf("gumbo as extract runs it : %7.1f MB/s  ratio %.2f (arena allocator)\n",
              mb / best_arena, best_gumbo / best_arena);
  std::printf("extract, automatic       : %7.1f MB/s  ratio %.2f\n", mb / best_auto,
              best_gumbo / best_auto);
  std::printf("extract, declared select : %7.1f MB/s  ratio %.2f\n", mb / best_select,
              best_gumbo / best_select);
  std::printf("(target ratio >= 0.75; checksum %zu)\n", sink);
  return 0;
}

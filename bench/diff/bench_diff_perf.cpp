// Diff speed: two ~100 KB versions with a few edits (target < 5 ms), ~1 MB
// (< 50 ms), two unrelated 1 MB documents (bounded), and the largest corpus
// document against its previous version if the corpus is present; each beside
// the time to ParseText the same two documents. Prints median of several runs.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "diff/diff.h"
#include "extract/text.h"

namespace fs = std::filesystem;

namespace {

const char* kWords[] = {
    "we",      "collect",  "your",     "data",      "and",      "share",     "it",
    "with",    "partners", "for",      "service",   "account",  "information", "the",
    "may",     "use",      "to",       "provide",   "improve",  "our",       "products",
    "you",     "can",      "request",  "access",    "deletion", "of",        "personal",
    "retain",  "records",  "as",       "long",      "necessary", "security", "measures",
    "protect", "against",  "unauthorized", "cookies", "analytics", "settings", "choose"};

// A Markdown document of about `bytes` bytes: level-2 sections of 4 paragraphs.
std::string Synthetic(size_t bytes, unsigned seed) {
  std::string out = "# Privacy Policy\n\n";
  unsigned x = seed;
  int section = 0;
  while (out.size() < bytes) {
    out += "## Section " + std::to_string(++section) + " topic " + std::to_string(seed % 7) + "\n\n";
    for (int p = 0; p < 4; ++p) {
      std::string para;
      while (para.size() < 400) {
        x = x * 1103515245u + 12345u;
        para += kWords[(x >> 8) % (sizeof(kWords) / sizeof(kWords[0]))];
        if ((x >> 4) % 11 == 0) para += std::to_string((x >> 12) % 1000);
        para += ((x >> 20) % 13 == 0) ? ". " : " ";
      }
      out += para + "\n\n";
    }
  }
  return out;
}

// `n` word edits spread through the text, plus one new paragraph.
std::string Edit(std::string text, int n) {
  for (int i = 1; i <= n; ++i) {
    size_t pos = text.find(" data ", text.size() * i / (n + 1));
    if (pos != std::string::npos) text.replace(pos, 6, " information ");
  }
  size_t mid = text.find("\n\n", text.size() / 2);
  if (mid != std::string::npos) {
    text.insert(mid, "\n\nWe will not sell your data and we keep it for 30 days.");
  }
  return text;
}

struct Timing {
  double wall_ms, cpu_ms;  // medians; cpu = this thread's CPU time (robust to load)
};

double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

Timing Median(const std::function<void()>& f, int runs) {
  std::vector<double> wall, cpu;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    double cpu_start = ThreadCpuMs();
    f();
    cpu.push_back(ThreadCpuMs() - cpu_start);
    wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                       .count());
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  return {wall[wall.size() / 2], cpu[cpu.size() / 2]};
}

std::string g_filter;  // only cases whose name contains it (argv[1])
int g_runs = 0;        // runs per case if > 0 (argv[2]); for profiling

// Returns false if the case is filtered out.
bool Measure(const std::string& name, const std::string& a, const std::string& b, int runs) {
  if (!g_filter.empty() && name.find(g_filter) == std::string::npos) return false;
  if (g_runs > 0) runs = g_runs;
  pw::extract::Document da, db;
  Timing parse = Median([&] { da = pw::extract::ParseText(a); db = pw::extract::ParseText(b); }, runs);
  pw::diff::Changeset cs;
  Timing diff = Median([&] { cs = pw::diff::Compare(da, db); }, runs);
  std::printf("%-32s %5zu KB %5zu KB  parse both %7.2f ms (cpu %7.2f)  diff %7.2f ms (cpu %7.2f)  %s, %zu sections\n",
              name.c_str(), a.size() / 1024, b.size() / 1024, parse.wall_ms, parse.cpu_ms, diff.wall_ms,
              diff.cpu_ms, std::string(pw::SeverityName(cs.severity)).c_str(), cs.sections.size());
  return true;
}

}  // namespace

// Usage: bench_diff_perf [NAME-SUBSTRING [RUNS]]
int main(int argc, char** argv) {
  if (argc > 1) g_filter = argv[1];
  if (argc > 2) g_runs = std::atoi(argv[2]);
  std::printf("bench_diff_perf: medians of runs (wall, and this thread's CPU time, which is robust to "
              "load); parse = extract::ParseText of both versions\n");
  std::string a100 = Synthetic(100 * 1024, 1);
  Measure("~100 KB, 5 edits", a100, Edit(a100, 5), 21);
  std::string a1m = Synthetic(1024 * 1024, 2);
  Measure("~1 MB, 20 edits", a1m, Edit(a1m, 20), 7);
  Measure("~1 MB, unrelated", a1m, Synthetic(1024 * 1024, 3), 3);
  std::string one_section_a = "# T\n\n" + Synthetic(1024 * 1024, 4).substr(18);
  // Unrelated 1 MB with identical headings: every section diffed word by word.
  std::string b1m = Synthetic(1024 * 1024, 9);
  Measure("~1 MB, same headings, new words", a1m, b1m, 3);

  fs::path versions = fs::path(PW_SOURCE_DIR) / ".." / "shared" / "corpus" / "versions";
  if (!fs::exists(versions)) {
    std::printf("corpus: skipped, no %s\n", versions.string().c_str());
    return 0;
  }
  fs::path largest;
  uintmax_t largest_size = 0;
  for (const auto& e : fs::recursive_directory_iterator(versions)) {
    if (e.is_regular_file() && e.path().extension() == ".md" && e.file_size() > largest_size) {
      largest = e.path();
      largest_size = e.file_size();
    }
  }
  std::vector<fs::path> siblings;
  for (const auto& e : fs::directory_iterator(largest.parent_path())) {
    if (e.path().extension() == ".md") siblings.push_back(e.path());
  }
  std::sort(siblings.begin(), siblings.end());
  auto read = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  auto it = std::find(siblings.begin(), siblings.end(), largest);
  fs::path prev = it == siblings.begin() ? *(it + (siblings.size() > 1 ? 1 : 0)) : *(it - 1);
  if (!Measure("corpus largest vs neighbour", read(prev), read(largest), 21)) return 0;
  std::printf("  (%s vs %s)\n", prev.filename().string().c_str(),
              (largest.parent_path().filename() / largest.filename()).string().c_str());
  return 0;
}

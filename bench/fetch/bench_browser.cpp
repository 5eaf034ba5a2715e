// Browser benchmark (fetch/browser.h): prints figures, asserts nothing about speed.
// Renders N pages (argv[1], default 10) of a local site whose policy text a
// script builds from JSON it fetches after load, through one Browser:
//  1. one page at a time: wall time per page (the first includes the browser's
//     start), then the median and the slowest of the others;
//  2. all N queued at once with max_pages 2 and 4: wall time and pages/s.
//
// Memory. The browser runs in its own process group (Browser starts it with
// setpgid), so its process tree is every /proc/<pid> whose stat names the
// browser's pid as process group. A sampler thread reads that group every
// 50 ms and sums, over its processes, VmRSS (/proc/<pid>/status) and Pss
// (/proc/<pid>/smaps_rollup); the peaks of those sums are printed. The RSS sum
// counts pages shared between the processes (the Chromium binary, shared
// memory between browser and renderers) once per process and so overstates;
// the PSS sum splits each shared page among its sharers and is the fairer
// figure for "memory the browser costs". Beside them: the peak RSS of this
// process (VmHWM of /proc/self/status), which holds the test server, the
// queue and the rendered DOMs.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "fetch/browser.h"
#include "fetch/test_http_servers.h"

using namespace pw::fetch;
using Clock = std::chrono::steady_clock;

namespace {

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// The value in kB of the line starting with `key` ("VmRSS:") in a /proc file, or 0.
long ProcKb(const std::string& path, const std::string& key) {
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(key, 0) == 0) return std::stol(line.substr(key.size()));
  }
  return 0;
}

// Process ids of the process group `group`, from /proc/<pid>/stat.
std::vector<int> GroupMembers(int group) {
  std::vector<int> members;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::ifstream in(entry.path() / "stat");
    std::string stat;
    if (!std::getline(in, stat) || stat.rfind(')') == std::string::npos) continue;
    std::istringstream rest(stat.substr(stat.rfind(')') + 2));
    char state;
    int ppid = 0, pgrp = 0;
    rest >> state >> ppid >> pgrp;
    if (pgrp == group) members.push_back(std::stoi(entry.path().filename()));
  }
  return members;
}

struct GroupMemory {
  long rss_kb = 0, pss_kb = 0, hwm_kb = 0;
  int processes = 0;
};

GroupMemory MeasureGroup(int group) {
  GroupMemory m;
  for (int pid : GroupMembers(group)) {
    std::string dir = "/proc/" + std::to_string(pid);
    m.rss_kb += ProcKb(dir + "/status", "VmRSS:");
    m.hwm_kb += ProcKb(dir + "/status", "VmHWM:");
    m.pss_kb += ProcKb(dir + "/smaps_rollup", "Pss:");
    ++m.processes;
  }
  return m;
}

// Samples the browser's group every 50 ms while it lives; keeps the peaks.
class MemorySampler {
 public:
  explicit MemorySampler(const Browser& browser)
      : thread_([this, &browser] {
          while (!stop_) {
            if (int pid = browser.ProcessId(); pid > 0) Record(MeasureGroup(pid));
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
          }
        }) {}
  ~MemorySampler() { Stop(); }
  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  GroupMemory peak;  // each field's own peak; read after Stop()

 private:
  void Record(const GroupMemory& m) {
    peak.rss_kb = std::max(peak.rss_kb, m.rss_kb);
    peak.pss_kb = std::max(peak.pss_kb, m.pss_kb);
    peak.hwm_kb = std::max(peak.hwm_kb, m.hwm_kb);
    peak.processes = std::max(peak.processes, m.processes);
  }
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

const char kPolicyPage[] = R"(<!DOCTYPE html><html><head><title>Privacy</title></head>
<body><main id="policy">Loading...</main><script>
window.addEventListener('load', async () => {
  const policy = await (await fetch('/policy.json?page=' + location.pathname)).json();
  const main = document.getElementById('policy');
  main.innerHTML = '';
  for (const section of policy.sections) {
    const h = document.createElement('h2');
    h.textContent = section.title;
    main.appendChild(h);
    for (const text of section.paragraphs) {
      const p = document.createElement('p');
      p.textContent = text;
      main.appendChild(p);
    }
  }
});
</script></body></html>)";

// About 20 kB of JSON: 12 sections of 6 paragraphs.
std::string PolicyJson() {
  std::string json = R"({"sections": [)";
  for (int s = 0; s < 12; ++s) {
    json += std::string(s ? "," : "") + R"({"title": "Section )" + std::to_string(s + 1) +
            R"(", "paragraphs": [)";
    for (int p = 0; p < 6; ++p) {
      json += std::string(p ? "," : "") +
              R"("We collect the information you give us, such as your name and email address, )"
              R"(and keep it only as long as we need it for the purposes described here.")";
    }
    json += "]}";
  }
  return json + "]}";
}

RenderRequest PageRequest(const testing::HttpServer& server, int i) {
  RenderRequest request;
  request.url = server.Url("/site/page" + std::to_string(i));
  request.timeout = std::chrono::seconds(30);
  request.network_idle = std::chrono::milliseconds(500);  // the daemon's default
  return request;
}

// Renders `pages` one after another and prints each page's wall time.
void OneAtATime(Browser& browser, const testing::HttpServer& server, int pages) {
  std::vector<double> rest;
  for (int i = 0; i < pages; ++i) {
    std::promise<Response> result;
    auto start = Clock::now();
    browser.Render(PageRequest(server, i), [&](Response r) { result.set_value(std::move(r)); });
    Response r = result.get_future().get();
    double wall = Seconds(Clock::now() - start);
    std::printf("  page %2d: %6.3f s  %s  %zu bytes of DOM%s\n", i, wall, r.ok() ? "ok" : "FAILED",
                r.body.size(), i == 0 ? "  (includes the browser's start)" : "");
    if (!r.ok()) std::printf("    %s\n", r.error_message.c_str());
    if (i > 0) rest.push_back(wall);
  }
  if (rest.empty()) return;
  std::sort(rest.begin(), rest.end());
  std::printf("  pages after the first: median %.3f s, slowest %.3f s\n", rest[rest.size() / 2],
              rest.back());
}

// Queues every page at once and waits for all.
void AllAtOnce(Browser& browser, const testing::HttpServer& server, int pages, int max_pages) {
  std::vector<std::promise<Response>> results(pages);
  auto start = Clock::now();
  for (int i = 0; i < pages; ++i) {
    browser.Render(PageRequest(server, i),
                   [&results, i](Response r) { results[i].set_value(std::move(r)); });
  }
  int failures = 0;
  for (auto& result : results) failures += result.get_future().get().ok() ? 0 : 1;
  double wall = Seconds(Clock::now() - start);
  std::printf("  max_pages %d: %d pages in %.2f s = %.2f pages/s, %.3f s per page, %d failed\n",
              max_pages, pages, wall, pages / wall, wall / pages, failures);
}

void PrintMemory(const char* label, const GroupMemory& peak) {
  std::printf("  %s: browser group peak (sampled every 50 ms, up to %d processes): "
              "sum of RSS %.1f MB, sum of PSS %.1f MB, sum of VmHWM %.1f MB\n",
              label, peak.processes, peak.rss_kb / 1024.0, peak.pss_kb / 1024.0,
              peak.hwm_kb / 1024.0);
}

}  // namespace

int main(int argc, char** argv) {
  int pages = argc > 1 ? std::max(1, std::atoi(argv[1])) : 10;
  BrowserOptions options;
  options.sandbox = geteuid() != 0;  // Chromium's sandbox cannot run as root
  std::string executable = FindBrowser(options);
  if (executable.empty()) {
    std::printf("bench_browser: skipped: no Chromium (install chromium-headless-shell)\n");
    return 0;
  }
  std::string json = PolicyJson();
  testing::HttpServer server([&](httplib::Server& s) {
    s.Get(R"(/site/page\d+)", [](const httplib::Request&, httplib::Response& a) {
      a.set_content(kPolicyPage, "text/html; charset=utf-8");
    });
    s.Get("/policy.json", [&](const httplib::Request&, httplib::Response& a) {
      a.set_content(json, "application/json");
    });
  });
  std::printf("bench_browser: %s (sandbox %s), %d pages, network idle 500 ms\n",
              executable.c_str(), options.sandbox ? "on" : "off", pages);

  std::printf("one at a time (max_pages 1):\n");
  options.max_pages = 1;
  {
    Browser browser(options);
    MemorySampler sampler(browser);
    OneAtATime(browser, server, pages);
    sampler.Stop();
    PrintMemory("one at a time", sampler.peak);
  }
  std::printf("all queued at once:\n");
  for (int max_pages : {2, 4}) {
    options.max_pages = max_pages;
    Browser browser(options);
    MemorySampler sampler(browser);
    AllAtOnce(browser, server, pages, max_pages);
    sampler.Stop();
    PrintMemory(max_pages == 2 ? "max_pages 2" : "max_pages 4", sampler.peak);
  }
  std::printf("this process: peak RSS (VmHWM) %.1f MB\n",
              ProcKb("/proc/self/status", "VmHWM:") / 1024.0);
  return 0;
}

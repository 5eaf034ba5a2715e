// Browser (fetch/browser.h) driving the real headless Chromium against local
// servers on 127.0.0.1. A machine without Chromium fails these tests: CI
// installs chromium-headless-shell (scripts/install-deps).
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include "fetch/browser.h"
#include "fetch/internal/devtools_pipe.h"
#include "fetch/internal/render_job.h"
#include "fetch/test_http_servers.h"

using namespace pw::fetch;
using pw::fetch::testing::HttpServer;
using pw::fetch::testing::RawServer;
using Clock = std::chrono::steady_clock;

namespace {

// Chromium's sandbox cannot run as root (tests run as root in CI containers).
BrowserOptions TestOptions() {
  BrowserOptions options;
  options.sandbox = geteuid() != 0;
  REQUIRE_FALSE(FindBrowser(options).empty());
  return options;
}

RenderRequest Page(const std::string& url) {
  RenderRequest request;
  request.url = url;
  request.timeout = std::chrono::seconds(10);
  request.network_idle = std::chrono::milliseconds(200);
  return request;
}

Response RenderNow(Browser& browser, const RenderRequest& request) {
  std::promise<Response> result;
  browser.Render(request, [&](Response r) { result.set_value(std::move(r)); });
  return result.get_future().get();
}

void Html(httplib::Response& answer, const std::string& html) {
  answer.set_content(html, "text/html; charset=utf-8");
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Processes whose parent is this test process, in state `state` ('Z': zombies;
// 0: any state), from /proc/<pid>/stat ("pid (comm) S ppid ...").
std::vector<int> Children(char state) {
  std::vector<int> found;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::ifstream in(entry.path() / "stat");
    std::string stat;
    if (!std::getline(in, stat)) continue;
    std::size_t close = stat.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(stat.substr(close + 2));
    char s = 0;
    int ppid = 0;
    rest >> s >> ppid;
    if (ppid == getpid() && (state == 0 || s == state)) found.push_back(std::stoi(entry.path().filename()));
  }
  return found;
}

// The --user-data-dir of a running browser, from its command line.
std::string UserDataDir(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline");
  std::string arg;
  while (std::getline(in, arg, '\0')) {
    if (arg.starts_with("--user-data-dir=")) return arg.substr(16);
  }
  return "";
}

// Renders a first page, so that a test can time its own render without the
// browser's start-up.
void StartBrowser(Browser& browser) {
  HttpServer server([](httplib::Server& s) {
    s.Get("/", [](const httplib::Request&, httplib::Response& a) { Html(a, "<p>up</p>"); });
  });
  REQUIRE(RenderNow(browser, Page(server.Url("/"))).ok());
}

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

TEST_CASE("browser: a static page with its status, headers and our user agent, then closing reaps the browser and removes its profile") {
  HttpServer server([](httplib::Server& s) {
    s.Get("/p", [](const httplib::Request& q, httplib::Response& a) {
      a.set_header("X-Test", "yes");
      Html(a, "<!DOCTYPE html><html><head><title>T</title></head><body><p>hello</p><p>" +
                  q.get_header_value("User-Agent") + "</p></body></html>");
    });
  });
  int pid = 0;
  std::string profile;
  {
    Browser browser(TestOptions());
    CHECK(browser.Starts() == 0);
    RenderRequest request = Page(server.Url("/p"));
    request.user_agent = "policywatch-test/1.0";
    Response r = RenderNow(browser, request);
    INFO(r.error_message);
    REQUIRE(r.ok());
    CHECK(r.body.starts_with("<!DOCTYPE html><html>"));
    CHECK(Contains(r.body, "<p>hello</p><p>policywatch-test/1.0</p>"));
    CHECK(r.status == 200);
    CHECK(r.reason == "OK");
    CHECK(r.Header("x-test") == "yes");
    CHECK(r.content_type == "text/html");
    CHECK(r.charset == "utf-8");
    CHECK(r.url == server.Url("/p"));
    CHECK(r.final_url == server.Url("/p"));
    CHECK(r.etag.empty());
    CHECK(r.last_modified.empty());
    CHECK(r.timings.total.count() > 0);
    CHECK(browser.Starts() == 1);
    CHECK(browser.Pending() == 0);

    pid = browser.ProcessId();
    REQUIRE(pid > 0);
    profile = UserDataDir(pid);
    REQUIRE_FALSE(profile.empty());
    CHECK(std::filesystem::is_directory(profile));
  }
  CHECK_FALSE(std::filesystem::exists("/proc/" + std::to_string(pid)));
  CHECK(Children(0).empty());
  CHECK_FALSE(std::filesystem::exists(profile));
}

TEST_CASE("browser: a policy built by a script from JSON it fetches after load, rendered again after a change") {
  std::mutex mutex;
  std::string policy = R"({"title": "Privacy Policy", "sections": ["We collect your email.", "We keep it for 30 days."]})";
  HttpServer server([&](httplib::Server& s) {
    s.Get("/policy", [](const httplib::Request&, httplib::Response& a) {
      Html(a, R"(<!DOCTYPE html><html><body><div id="app">Loading...</div><script>
        window.addEventListener('load', () => {
          fetch('/policy.json').then(r => r.json()).then(p => {
            const app = document.getElementById('app');
            app.innerHTML = '';
            const h = document.createElement('h1');
            h.textContent = p.title;
            app.appendChild(h);
            for (const text of p.sections) {
              const para = document.createElement('p');
              para.textContent = text;
              app.appendChild(para);
            }
          });
        });
      </script></body></html>)");
    });
    s.Get("/policy.json", [&](const httplib::Request&, httplib::Response& a) {
      std::lock_guard lock(mutex);
      a.set_content(policy, "application/json");
    });
  });
  Browser browser(TestOptions());
  Response first = RenderNow(browser, Page(server.Url("/policy")));
  INFO(first.error_message);
  REQUIRE(first.ok());
  CHECK(Contains(first.body, "<h1>Privacy Policy</h1>"));
  CHECK(Contains(first.body, "<p>We keep it for 30 days.</p>"));
  CHECK_FALSE(Contains(first.body, "Loading..."));
  {
    std::lock_guard lock(mutex);
    policy = R"({"title": "Privacy Policy", "sections": ["We collect your email.", "We keep it for 90 days."]})";
  }
  Response second = RenderNow(browser, Page(server.Url("/policy")));
  REQUIRE(second.ok());
  CHECK(Contains(second.body, "<p>We keep it for 90 days.</p>"));
  CHECK_FALSE(Contains(second.body, "30 days"));
  CHECK(browser.Starts() == 1);
}

namespace {

const char kLatePage[] = R"(<html><body><p>wait</p><script>
  setTimeout(() => {
    const div = document.createElement('div');
    div.id = 'late';
    div.textContent = 'Our policy, at last';
    document.body.appendChild(div);
  }, 1500);
</script></body></html>)";

}  // namespace

TEST_CASE("browser: wait_for waits for an element a script adds after 1.5 s, and times out naming one that never appears") {
  HttpServer server([](httplib::Server& s) {
    s.Get("/late", [](const httplib::Request&, httplib::Response& a) { Html(a, kLatePage); });
  });
  Browser browser(TestOptions());
  RenderRequest request = Page(server.Url("/late"));
  request.wait_for = "#late";
  auto start = Clock::now();
  Response r = RenderNow(browser, request);
  INFO(r.error_message);
  REQUIRE(r.ok());
  CHECK(Contains(r.body, "Our policy, at last"));
  CHECK(SecondsSince(start) >= 1.5);

  request.wait_for = "#never .there";
  request.timeout = std::chrono::seconds(2);
  start = Clock::now();
  r = RenderNow(browser, request);
  CHECK(r.error == FetchError::kTimeout);
  CHECK(r.error_message == server.Url("/late") +
                               ": did not finish rendering within 2 s (waiting for '#never .there')");
  CHECK(SecondsSince(start) < 2.7);
}

TEST_CASE("browser: pages that never stop loading time out: a script fetching forever, an endless image, an endless loop") {
  RawServer trickle([](int fd, const RawServer& server) {
    RawServer::SendAll(fd, "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 100000\r\n\r\n");
    while (!server.stopping() && RawServer::SendAll(fd, "x")) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  HttpServer server([&](httplib::Server& s) {
    s.Get("/busy", [](const httplib::Request&, httplib::Response& a) {
      Html(a, "<p>busy</p><script>setInterval(() => fetch('/tick?' + Math.random()), 100);</script>");
    });
    s.Get("/tick", [](const httplib::Request&, httplib::Response& a) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      a.set_content("{}", "application/json");
    });
    s.Get("/image", [&](const httplib::Request&, httplib::Response& a) {
      Html(a, "<p>image:</p><img src='" + trickle.Url("/img.png") + "'>");
    });
    s.Get("/loop", [](const httplib::Request&, httplib::Response& a) {
      Html(a, "<p>spinning</p><script>while (true) {}</script>");
    });
    s.Get("/fine", [](const httplib::Request&, httplib::Response& a) { Html(a, "<p>fine</p>"); });
  });
  Browser browser(TestOptions());
  StartBrowser(browser);

  RenderRequest busy = Page(server.Url("/busy"));
  busy.timeout = std::chrono::seconds(2);
  auto start = Clock::now();
  Response r = RenderNow(browser, busy);
  CHECK(r.error == FetchError::kTimeout);
  CHECK(Contains(r.error_message, server.Url("/busy") + ": did not finish rendering within 2 s (network still busy"));
  CHECK(SecondsSince(start) < 2.7);

  RenderRequest image = Page(server.Url("/image"));
  image.timeout = std::chrono::seconds(2);
  start = Clock::now();
  r = RenderNow(browser, image);
  CHECK(r.error == FetchError::kTimeout);
  CHECK(r.error_message == server.Url("/image") +
                               ": did not finish rendering within 2 s (network still busy: 1 request in flight)");
  CHECK(SecondsSince(start) < 2.7);

  RenderRequest loop = Page(server.Url("/loop"));
  loop.timeout = std::chrono::milliseconds(1500);
  start = Clock::now();
  r = RenderNow(browser, loop);
  CHECK(r.error == FetchError::kTimeout);
  CHECK(r.error_message == server.Url("/loop") +
                               ": did not finish rendering within 1.5 s (the page is still loading)");
  CHECK(SecondsSince(start) < 2.2);
  // Disposing of the page's context stopped the script: the browser still serves.
  r = RenderNow(browser, Page(server.Url("/fine")));
  CHECK(r.ok());
  CHECK(browser.Starts() == 1);
}

TEST_CASE("browser: kill -9 of the browser during a render fails it, the next render starts a new browser, no zombie") {
  HttpServer server([](httplib::Server& s) {
    s.Get("/late", [](const httplib::Request&, httplib::Response& a) { Html(a, kLatePage); });
    s.Get("/p", [](const httplib::Request&, httplib::Response& a) { Html(a, "<p>after</p>"); });
  });
  Browser browser(TestOptions());
  RenderRequest slow = Page(server.Url("/late"));
  slow.wait_for = "#never";
  std::promise<Response> result;
  browser.Render(slow, [&](Response r) { result.set_value(std::move(r)); });
  while (browser.ProcessId() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  int first_pid = browser.ProcessId();
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  auto killed = Clock::now();
  REQUIRE(kill(first_pid, SIGKILL) == 0);
  Response r = result.get_future().get();
  CHECK(SecondsSince(killed) < 2.0);
  CHECK(r.error == FetchError::kBrowser);
  CHECK(r.error_message ==
        server.Url("/late") + ": the browser exited (killed by signal 9) during the render");
  CHECK(browser.ProcessId() == 0);
  CHECK(Children('Z').empty());

  Response next = RenderNow(browser, Page(server.Url("/p")));
  INFO(next.error_message);
  CHECK(next.ok());
  CHECK(Contains(next.body, "<p>after</p>"));
  CHECK(browser.Starts() == 2);
  CHECK(browser.ProcessId() != first_pid);
  CHECK(Children('Z').empty());
}

TEST_CASE("browser: a browser that stops answering (SIGSTOP) is killed after hang_grace, its renders fail, the next starts anew") {
  HttpServer server([](httplib::Server& s) {
    s.Get("/late", [](const httplib::Request&, httplib::Response& a) { Html(a, kLatePage); });
    s.Get("/p", [](const httplib::Request&, httplib::Response& a) { Html(a, "<p>after</p>"); });
  });
  BrowserOptions options = TestOptions();
  options.hang_grace = std::chrono::seconds(1);
  Browser browser(options);
  StartBrowser(browser);
  RenderRequest short_one = Page(server.Url("/late"));
  short_one.wait_for = "#never";
  short_one.timeout = std::chrono::milliseconds(1500);
  RenderRequest long_one = short_one;
  long_one.timeout = std::chrono::seconds(20);
  std::promise<Response> short_result, long_result;
  browser.Render(short_one, [&](Response r) { short_result.set_value(std::move(r)); });
  browser.Render(long_one, [&](Response r) { long_result.set_value(std::move(r)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  int pid = browser.ProcessId();
  REQUIRE(kill(-pid, SIGSTOP) == 0);  // the whole group: the browser hangs
  auto stopped = Clock::now();

  Response timed_out = short_result.get_future().get();
  CHECK(timed_out.error == FetchError::kTimeout);
  // Its context's disposal is not answered: after hang_grace the browser is killed.
  Response hung = long_result.get_future().get();
  CHECK(SecondsSince(stopped) < 4.0);
  CHECK(hung.error == FetchError::kBrowser);
  CHECK(hung.error_message == server.Url("/late") +
                                  ": the browser stopped answering (no reply to "
                                  "Target.disposeBrowserContext within 1 s; it was killed) during the render");
  CHECK(browser.ProcessId() == 0);
  CHECK_FALSE(std::filesystem::exists("/proc/" + std::to_string(pid)));

  Response next = RenderNow(browser, Page(server.Url("/p")));
  INFO(next.error_message);
  CHECK(next.ok());
  CHECK(browser.Starts() == 2);
  CHECK(Children('Z').empty());
}

TEST_CASE("browser: renders are isolated: a cookie and localStorage set by one are gone in the next") {
  HttpServer server([](httplib::Server& s) {
    s.Get("/set", [](const httplib::Request&, httplib::Response& a) {
      a.set_header("Set-Cookie", "server=1; Max-Age=3600");
      Html(a, "<p id='out'></p><script>"
              "document.cookie = 'script=2; max-age=3600';"
              "localStorage.setItem('seen', 'yes');"
              "document.getElementById('out').textContent = 'cookie=' + document.cookie + "
              "' storage=' + localStorage.getItem('seen');</script>");
    });
    s.Get("/get", [](const httplib::Request& q, httplib::Response& a) {
      Html(a, "<p id='header'>header=" + q.get_header_value("Cookie") +
              "</p><p id='out'></p><script>"
              "document.getElementById('out').textContent = 'cookie=' + document.cookie + "
              "' storage=' + localStorage.getItem('seen');</script>");
    });
  });
  Browser browser(TestOptions());
  Response set = RenderNow(browser, Page(server.Url("/set")));
  REQUIRE(set.ok());
  CHECK(Contains(set.body, "storage=yes"));
  CHECK(Contains(set.body, "script=2"));
  Response again = RenderNow(browser, Page(server.Url("/get")));
  REQUIRE(again.ok());
  CHECK(Contains(again.body, "<p id=\"header\">header=</p>"));
  CHECK(Contains(again.body, "<p id=\"out\">cookie= storage=null</p>"));
}

TEST_CASE("browser: HTTP 404 is kHttpStatus, a refused connection kConnect, a PDF unsupported, a bad selector named") {
  HttpServer server([](httplib::Server& s) {
    s.Get("/gone", [](const httplib::Request&, httplib::Response& a) {
      a.status = 404;
      Html(a, "<h1>not here</h1>");
    });
    s.Get("/empty404", [](const httplib::Request&, httplib::Response& a) { a.status = 404; });
    s.Get("/error", [](const httplib::Request&, httplib::Response& a) {
      a.status = 503;
      Html(a, "<h1>down</h1>");
    });
    s.Get("/ok", [](const httplib::Request&, httplib::Response& a) { Html(a, "<p>ok</p>"); });
    s.Get("/pdf", [](const httplib::Request&, httplib::Response& a) {
      a.set_content("%PDF-1.4\n", "application/pdf");
    });
  });
  Browser browser(TestOptions());
  Response gone = RenderNow(browser, Page(server.Url("/gone")));
  CHECK(gone.error == FetchError::kHttpStatus);
  CHECK(gone.error_message == server.Url("/gone") + ": HTTP 404 Not Found");
  CHECK(gone.status == 404);
  Response empty = RenderNow(browser, Page(server.Url("/empty404")));
  CHECK(empty.error == FetchError::kHttpStatus);
  CHECK(empty.error_message == server.Url("/empty404") + ": HTTP 404 Not Found");
  Response down = RenderNow(browser, Page(server.Url("/error")));
  CHECK(down.error == FetchError::kHttpStatus);
  CHECK(down.error_message == server.Url("/error") + ": HTTP 503 Service Unavailable");

  std::string refused_url = "http://127.0.0.1:" + std::to_string(pw::fetch::testing::UnusedPort()) + "/p";
  Response refused = RenderNow(browser, Page(refused_url));
  CHECK(refused.error == FetchError::kConnect);
  CHECK(refused.error_message == refused_url + ": could not connect (net::ERR_CONNECTION_REFUSED)");

  Response pdf = RenderNow(browser, Page(server.Url("/pdf")));
  CHECK(pdf.error == FetchError::kUnsupportedContentType);
  CHECK(Contains(pdf.error_message, server.Url("/pdf") + ": the browser does not render Content-Type 'application/pdf'"));

  RenderRequest bad_selector = Page(server.Url("/ok"));
  bad_selector.wait_for = "[[nope";
  Response invalid = RenderNow(browser, bad_selector);
  CHECK(invalid.error == FetchError::kOther);
  CHECK(Contains(invalid.error_message, server.Url("/ok") + ": invalid wait_for selector '[[nope': SyntaxError"));
  CHECK(browser.Starts() == 1);
}

TEST_CASE("browser: several renders at once, at most max_pages at a time, all complete") {
  std::atomic<int> active{0}, most{0};
  HttpServer server([&](httplib::Server& s) {
    s.Get(R"(/page/(\d+))", [&](const httplib::Request& q, httplib::Response& a) {
      int now = ++active;
      for (int seen = most; now > seen && !most.compare_exchange_weak(seen, now);) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      --active;
      Html(a, "<p>page " + q.matches[1].str() + "</p>");
    });
  });
  BrowserOptions options = TestOptions();
  options.max_pages = 2;
  Browser browser(options);
  constexpr int kPages = 5;
  std::vector<std::promise<Response>> results(kPages);
  for (int i = 0; i < kPages; ++i) {
    browser.Render(Page(server.Url("/page/" + std::to_string(i))),
                   [&results, i](Response r) { results[i].set_value(std::move(r)); });
  }
  CHECK(browser.Pending() > 0);
  for (int i = 0; i < kPages; ++i) {
    Response r = results[i].get_future().get();
    INFO(r.error_message);
    CHECK(r.ok());
    CHECK(Contains(r.body, "<p>page " + std::to_string(i) + "</p>"));
  }
  CHECK(browser.Pending() == 0);
  CHECK(most <= 2);
  CHECK(most >= 1);
  CHECK(browser.Starts() == 1);
}

TEST_CASE("browser: as root with the sandbox on, the browser is refused naming browser_sandbox") {
  if (geteuid() != 0) {
    SUCCEED("not root: the sandbox is allowed");
    return;
  }
  BrowserOptions options = TestOptions();
  options.sandbox = true;
  Browser browser(options);
  Response r = RenderNow(browser, Page("http://127.0.0.1:1/p"));
  CHECK(r.error == FetchError::kBrowser);
  CHECK(Contains(r.error_message, "http://127.0.0.1:1/p: cannot render: Chromium's sandbox cannot run as root"));
  CHECK(Contains(r.error_message, "[daemon] browser_sandbox = false"));
  CHECK(browser.Starts() == 0);
}

TEST_CASE("browser: a URL that is not http(s) is kBadUrl and starts no browser") {
  Browser browser(TestOptions());
  for (std::string url : {"file:///etc/passwd", "javascript:alert(1)", "about:blank", "not a url",
                          "ftp://example.org/"}) {
    Response r = RenderNow(browser, Page(url));
    CHECK(r.error == FetchError::kBadUrl);
    CHECK(r.error_message == url + ": not an absolute http(s) URL");
  }
  CHECK(browser.Starts() == 0);
  CHECK(browser.ProcessId() == 0);
}

TEST_CASE("browser: a missing executable is kBrowser with what to install") {
  BrowserOptions options;
  options.sandbox = false;
  options.executable = "/nonexistent/chromium";
  CHECK(FindBrowser(options).empty());
  Response r = RenderOne(Page("http://127.0.0.1:1/p"), options);
  CHECK(r.error == FetchError::kBrowser);
  CHECK(r.error_message ==
        "http://127.0.0.1:1/p: cannot render: no Chromium found at '/nonexistent/chromium': "
        "install chromium-headless-shell (or set [daemon] browser_path)");
}

TEST_CASE("browser: a DOM over max_body_size is kTooLarge") {
  HttpServer server([](httplib::Server& s) {
    s.Get("/huge", [](const httplib::Request&, httplib::Response& a) {
      Html(a, "<div id='x'></div><script>"
              "const x = document.getElementById('x');"
              "x.textContent = 'policy '.repeat(30000);</script>");
    });
  });
  Browser browser(TestOptions());
  RenderRequest request = Page(server.Url("/huge"));
  request.max_body_size = 100 * 1000;
  Response r = RenderNow(browser, request);
  CHECK(r.error == FetchError::kTooLarge);
  CHECK(r.error_message == server.Url("/huge") + ": rendered page larger than the limit of 100000 bytes");
  request.max_body_size = 1000 * 1000;
  Response fits = RenderNow(browser, request);
  CHECK(fits.ok());
  CHECK(fits.body.size() > 210000);
}

TEST_CASE("browser: HTTP redirects and a script's navigation end at the final page, dialogs are dismissed") {
  HttpServer server([](httplib::Server& s) {
    s.Get("/old", [](const httplib::Request&, httplib::Response& a) { a.set_redirect("/new", 301); });
    s.Get("/new", [](const httplib::Request&, httplib::Response& a) { Html(a, "<p>new policy</p>"); });
    s.Get("/moving", [](const httplib::Request&, httplib::Response& a) {
      Html(a, "<p>moving</p><script>setTimeout(() => location.replace('/old'), 50);</script>");
    });
    s.Get("/dialogs", [](const httplib::Request&, httplib::Response& a) {
      Html(a, "<p id='out'></p><script>alert('hello');"
              "const ok = confirm('sure?');"
              "window.addEventListener('load', () => { alert('loaded');"
              "document.getElementById('out').textContent = 'after dialogs ' + ok; });</script>");
    });
  });
  Browser browser(TestOptions());
  Response r = RenderNow(browser, Page(server.Url("/old")));
  INFO(r.error_message);
  REQUIRE(r.ok());
  CHECK(r.url == server.Url("/old"));
  CHECK(r.final_url == server.Url("/new"));
  CHECK(Contains(r.body, "<p>new policy</p>"));

  Response moved = RenderNow(browser, Page(server.Url("/moving")));
  INFO(moved.error_message);
  REQUIRE(moved.ok());
  CHECK(moved.url == server.Url("/moving"));
  CHECK(moved.final_url == server.Url("/new"));
  CHECK(Contains(moved.body, "<p>new policy</p>"));

  Response dialogs = RenderNow(browser, Page(server.Url("/dialogs")));
  INFO(dialogs.error_message);
  REQUIRE(dialogs.ok());
  CHECK(Contains(dialogs.body, "after dialogs true"));
}

TEST_CASE("browser: a Browser that never renders starts nothing") {
  Browser browser(TestOptions());
  CHECK(browser.Starts() == 0);
  CHECK(browser.ProcessId() == 0);
  CHECK(browser.Pending() == 0);
}

TEST_CASE("browser: DevTools messages are cut at NUL bytes, across reads") {
  pw::fetch::internal::MessageSplitter splitter;
  std::string message;
  splitter.Append("{\"id\":1}", 8);
  CHECK_FALSE(splitter.Next(&message));
  splitter.Append("\0{\"id\":2}\0{\"i", 13);
  REQUIRE(splitter.Next(&message));
  CHECK(message == "{\"id\":1}");
  REQUIRE(splitter.Next(&message));
  CHECK(message == "{\"id\":2}");
  CHECK_FALSE(splitter.Next(&message));
  splitter.Append("d\":3}\0", 6);
  REQUIRE(splitter.Next(&message));
  CHECK(message == "{\"id\":3}");
  CHECK_FALSE(splitter.Next(&message));
}

TEST_CASE("browser: the browser's net::ERR_ texts map to fetch errors") {
  using pw::fetch::internal::NetErrorKind;
  CHECK(NetErrorKind("net::ERR_NAME_NOT_RESOLVED") == FetchError::kDns);
  CHECK(NetErrorKind("net::ERR_CONNECTION_REFUSED") == FetchError::kConnect);
  CHECK(NetErrorKind("net::ERR_CERT_AUTHORITY_INVALID") == FetchError::kTls);
  CHECK(NetErrorKind("net::ERR_SSL_PROTOCOL_ERROR") == FetchError::kTls);
  CHECK(NetErrorKind("net::ERR_TIMED_OUT") == FetchError::kTimeout);
  CHECK(NetErrorKind("net::ERR_CONNECTION_RESET") == FetchError::kNetwork);
  CHECK(NetErrorKind("net::ERR_ABORTED") == FetchError::kNetwork);
}

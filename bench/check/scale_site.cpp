#include "bench/check/scale_site.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <memory>
#include <sstream>

#include <httplib.h>

#include "bench/daemon/policy_page.h"

namespace pw::bench {
namespace {

// `words` words of generated prose from the stream *r, the first capitalised.
void AppendProse(std::string* html, std::uint64_t* r, int words) {
  for (int w = 0; w < words; ++w) {
    *r = Mix(*r);
    std::string word = kWords[*r % kWordCount];
    if (w == 0) word[0] = static_cast<char>(word[0] - 'a' + 'A');
    *html += word;
    *html += w + 1 == words ? "." : " ";
  }
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Serves the pages until killed; writes the bound port to `fd` first.
[[noreturn]] void Serve(int fd, size_t page_size, const std::vector<std::string>& files) {
  httplib::Server server;
  server.new_task_queue = [] { return new httplib::ThreadPool(32); };
  server.set_keep_alive_max_count(1000000);
  std::atomic<int> revision{0};
  server.Get(R"(/revision/(\d+))", [&](const httplib::Request& req, httplib::Response& res) {
    revision = std::stoi(req.matches[1]);
    res.set_content("ok", "text/plain");
  });
  server.Get(R"(/doc/(\d+))", [&](const httplib::Request& req, httplib::Response& res) {
    const long i = std::stol(req.matches[1]);
    auto page = std::make_shared<const std::string>(
        files.empty() ? ScalePage(i, revision, page_size)
                      : ReadFile(files[static_cast<size_t>(i) % files.size()]));
    // A sized provider: sent as is (set_content would compress every answer).
    res.set_content_provider(page->size(), "text/html; charset=utf-8",
                             [page](size_t offset, size_t length, httplib::DataSink& sink) {
                               sink.write(page->data() + offset, length);
                               return true;
                             });
  });
  int port = server.bind_to_any_port("127.0.0.1");
  if (write(fd, &port, sizeof port) != sizeof port) _exit(1);
  close(fd);
  server.listen_after_bind();
  _exit(0);
}

}  // namespace

std::string ScalePage(long i, int revision, size_t size) {
  const std::uint64_t seed = Mix(static_cast<std::uint64_t>(i) + 1);
  const size_t target = size ? size : 20000 + seed % 40000;
  const std::string id = std::to_string(i);
  std::string html;
  html.reserve(target + 4096);
  html += "<!doctype html><html><head><meta charset=\"utf-8\"><title>Company " + id +
          " privacy policy</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/help\">"
          "Help</a></nav><main><article><h1>Company " + id + " Privacy Policy</h1>\n";
  std::uint64_t r = seed;
  for (int section = 1; html.size() < target; ++section) {
    html += "<h2>" + std::to_string(section) + ". ";
    AppendProse(&html, &r, 3);
    html += "</h2>\n";
    if (section == 2) {
      const int days = 30 + (i % 100 == 0 ? revision : 0);
      html += "<p>Company " + id + " keeps account records for " + std::to_string(days) +
              " days after the account is closed.</p>\n";
    }
    for (int p = 0; p < 3; ++p) {
      html += "<p>";
      r = Mix(r);
      AppendProse(&html, &r, 40 + static_cast<int>(r % 50));
      html += "</p>\n";
    }
    if (section % 4 == 0) {
      html += "<ul>";
      for (int k = 0; k < 3; ++k) {
        html += "<li>";
        AppendProse(&html, &r, 12);
        html += "</li>";
      }
      html += "</ul>\n";
    }
  }
  html += "</article></main><footer>(c) Company " + id + "</footer></body></html>\n";
  return html;
}

ScaleSite::ScaleSite(size_t page_size, std::vector<std::string> files) {
  int fds[2];
  if (pipe(fds) != 0) return;
  pid_ = fork();
  if (pid_ == 0) {
    close(fds[0]);
    Serve(fds[1], page_size, files);
  }
  close(fds[1]);
  if (pid_ < 0 || read(fds[0], &port_, sizeof port_) != sizeof port_) port_ = 0;
  close(fds[0]);
}

ScaleSite::~ScaleSite() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status;
  waitpid(pid_, &status, 0);
}

std::string ScaleSite::DocumentBase() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/doc/";
}

bool ScaleSite::SetRevision(int revision) const {
  httplib::Client client("127.0.0.1", port_);
  auto res = client.Get("/revision/" + std::to_string(revision));
  return res && res->status == 200;
}

}  // namespace pw::bench

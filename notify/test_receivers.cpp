#include "notify/test_receivers.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <httplib.h>

namespace pw::notify::testing {

namespace fs = std::filesystem;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Cert MakeSelfSignedCert(const std::string& dir) {
  Cert c{dir + "/cert.pem", dir + "/key.pem"};
  std::string cmd =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2"
      " -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1,DNS:localhost"
      " -keyout '" + c.key + "' -out '" + c.cert + "' >/dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("openssl req failed");
  return c;
}

int RefusedPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);  // bound, never listened: connecting is refused
  return ntohs(addr.sin_port);
}

SmtpServer::SmtpServer(const SmtpOptions& options) {
  mail_dir_ = dir_.path() + "/mail";
  fs::create_directory(mail_dir_);
  std::vector<std::string> args = {"/usr/bin/python3",
                                   std::string(PW_SOURCE_DIR) + "/notify/testdata/smtp_server.py",
                                   mail_dir_};
  if (options.tls != SmtpOptions::Tls::kNone) {
    cert_ = MakeSelfSignedCert(dir_.path());
    args.push_back(options.tls == SmtpOptions::Tls::kStartTls ? "--starttls" : "--implicit-tls");
    args.push_back(cert_.cert);
    args.push_back(cert_.key);
  }
  if (!options.user.empty()) {
    args.insert(args.end(), {"--auth", options.user, options.password});
    if (options.auth_plain_ok) args.push_back("--auth-plain-ok");
  }
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out[1], 1);
    close(out[0]);
    close(out[1]);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  std::string line;
  char ch;
  while (read(out[0], &ch, 1) == 1 && ch != '\n') line += ch;
  close(out[0]);
  if (line.rfind("PORT ", 0) != 0) throw std::runtime_error("smtp_server.py did not start: " + line);
  port_ = std::stoi(line.substr(5));
}

SmtpServer::~SmtpServer() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status;
    waitpid(pid_, &status, 0);
  }
}

std::vector<ReceivedMail> SmtpServer::Messages() const {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(mail_dir_)) {
    if (e.path().extension() == ".eml") names.push_back(e.path().string());
  }
  std::sort(names.begin(), names.end());
  std::vector<ReceivedMail> out;
  for (const auto& n : names) {
    std::string base = n.substr(0, n.size() - 4);
    out.push_back({ReadFile(n), ReadFile(base + ".json")});
  }
  return out;
}

WebhookReceiver::WebhookReceiver(Mode mode) : mode_(mode), server_(new httplib::Server) {
  auto handle = [this](const httplib::Request& req, httplib::Response& res) {
    std::unique_lock<std::mutex> lock(mu_);
    Request r;
    for (const auto& [k, v] : req.headers) r.headers[k] = v;
    r.body = req.body;
    r.method = req.method;
    r.target = req.target;
    requests_.push_back(r);
    switch (mode_) {
      case Mode::kOk:
        res.status = 204;
        return;
      case Mode::kFail500:
        res.status = 500;
        res.set_content("internal trouble: database locked", "text/plain");
        return;
      case Mode::kUnavailable:
        res.status = 503;
        res.set_header("Retry-After", "120");
        res.set_content("try later", "text/plain");
        return;
      case Mode::kStall:
        released_cv_.wait(lock, [this] { return released_; });
        res.status = 204;
        return;
      case Mode::kDedup: {
        std::string id = req.get_header_value("X-Policywatch-Delivery");
        if (seen_.insert(id).second) accepted_.push_back(id);
        res.status = 200;
        res.set_content("ok", "text/plain");
        return;
      }
    }
  };
  server_->Post(".*", handle);
  server_->Put(".*", handle);  // Matrix sends with PUT
  port_ = server_->bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("cannot bind the webhook receiver");
  thread_ = std::thread([this] { server_->listen_after_bind(); });
}

WebhookReceiver::~WebhookReceiver() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    released_ = true;
  }
  released_cv_.notify_all();
  server_->stop();
  thread_.join();
}

std::string WebhookReceiver::url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/hook";
}

void WebhookReceiver::set_mode(Mode mode) {
  std::lock_guard<std::mutex> lock(mu_);
  mode_ = mode;
  if (mode != Mode::kStall) {
    released_ = true;
    released_cv_.notify_all();
  }
}

std::vector<Request> WebhookReceiver::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

std::vector<std::string> WebhookReceiver::accepted() const {
  std::lock_guard<std::mutex> lock(mu_);
  return accepted_;
}

}  // namespace pw::notify::testing

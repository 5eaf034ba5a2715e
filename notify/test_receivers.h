// Real receivers of notifications for the notify and end-to-end tests, on
// 127.0.0.1 with ephemeral ports: an aiosmtpd SMTP server (child process) and a
// cpp-httplib webhook receiver, with what they need (a self-signed certificate,
// a refused port).
#pragma once

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <sys/types.h>

#include "tests/support/temp_dir.h"

namespace httplib {
class Server;
}

namespace pw::notify::testing {

using ::pw::testing::TempDir;

std::string ReadFile(const std::string& path);

// A self-signed certificate for 127.0.0.1/localhost, made with `openssl req -x509`.
struct Cert {
  std::string cert;  // PEM path, also usable as a CA file
  std::string key;
};
Cert MakeSelfSignedCert(const std::string& dir);

// A TCP port on 127.0.0.1 where nothing listens (connection refused).
int RefusedPort();

// The aiosmtpd server of notify/testdata/smtp_server.py.
struct SmtpOptions {
  enum class Tls { kNone, kStartTls, kImplicit } tls = Tls::kNone;
  std::string user, password;  // AUTH required when user is set
  bool auth_plain_ok = false;  // allow AUTH without TLS
};
struct ReceivedMail {
  std::string data;  // the message as received (CRLF)
  std::string envelope_json;
};
class SmtpServer {
 public:
  explicit SmtpServer(const SmtpOptions& options);
  ~SmtpServer();
  int port() const { return port_; }
  const Cert& cert() const { return cert_; }
  std::vector<ReceivedMail> Messages() const;

 private:
  TempDir dir_;
  std::string mail_dir_;
  Cert cert_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// A webhook receiver. Mode decides its answer; every request is recorded.
struct Request {
  std::map<std::string, std::string> headers;  // names as sent
  std::string body;
  std::string method;  // "POST" or "PUT"
  std::string target;  // path and query as sent, percent-encoding kept
};
class WebhookReceiver {
 public:
  enum class Mode { kOk, kFail500, kUnavailable, kStall, kDedup };
  explicit WebhookReceiver(Mode mode);
  ~WebhookReceiver();  // releases stalled handlers, stops the server
  int port() const { return port_; }
  std::string url() const;
  void set_mode(Mode mode);
  std::vector<Request> requests() const;
  // kDedup: the delivery ids accepted once (duplicates are answered 200 and dropped).
  std::vector<std::string> accepted() const;

 private:
  mutable std::mutex mu_;
  std::condition_variable released_cv_;
  bool released_ = false;
  Mode mode_;
  std::vector<Request> requests_;
  std::vector<std::string> accepted_;
  std::set<std::string> seen_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace pw::notify::testing

#include "notify/email.h"

#include <unistd.h>

#include <cstring>
#include <memory>

#include <nlohmann/json.hpp>

#include "notify/mask.h"
#include "notify/mime.h"
#include "notify/email_content.h"
#include "notify/transport.h"

namespace pw::notify {

namespace {

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

struct Upload {
  const std::string* data;
  size_t offset = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t nitems, void* user) {
  auto* up = static_cast<Upload*>(user);
  size_t n = std::min(size * nitems, up->data->size() - up->offset);
  std::memcpy(buffer, up->data->data() + up->offset, n);
  up->offset += n;
  return n;
}

// Keeps the last reply line the server sent (CURLINFO_HEADER_IN). Only the
// server's lines are looked at: what we send (AUTH) is never recorded.
int RecordReply(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;
  auto* last = static_cast<std::string*>(user);
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (!line.empty()) *last = line;
  return 0;
}

std::string TlsAdvice() {
  return " (set " + std::string(kCaFileEnv) + " to a PEM file for a private CA)";
}

}  // namespace

std::string LocalHostName() {
  char buf[256] = {0};
  if (gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') return "localhost";
  return buf;
}

Status ComposeEmail(const config::Channel& channel, const Delivery& delivery,
                    std::chrono::system_clock::time_point now, const std::string& hostname,
                    std::string* message) {
  nlohmann::json event = nlohmann::json::parse(delivery.payload, nullptr, false);
  if (event.is_discarded() || !event.is_object()) {
    return Status::Error("delivery " + delivery.id + ": payload is not a JSON event object");
  }
  EmailContent content = RenderEmail(event);
  std::string to;
  for (const std::string& rcpt : channel.to) {
    if (!to.empty()) to += ", ";
    to += EncodeMailbox(rcpt);
  }
  std::vector<std::pair<std::string, std::string>> headers = {
      {"Date", Rfc5322Date(now)},
      {"From", EncodeMailbox(channel.from)},
      {"To", to},
      {"Subject", content.subject},
      {"Message-ID", "<" + delivery.id + "@policywatch." + hostname + ">"},
      {"Auto-Submitted", "auto-generated"},
      {"X-Auto-Response-Suppress", "All"},
      {"X-Policywatch-Event", delivery.event_type},
      {"X-Policywatch-Delivery", delivery.id},
  };
  *message = MultipartAlternative(headers, content.text, content.html, delivery.id);
  return Status::Ok();
}

Status SendEmail(const config::Channel& channel, const Delivery& delivery, SendResult* result,
                 const std::atomic<bool>* abort) {
  SendResult local;
  SendResult* out = result != nullptr ? result : &local;
  *out = SendResult{};
  const std::string where = "email '" + channel.name + "' (" + RedactUrl(channel.smtp_url) + ")";
  const bool implicit_tls = channel.smtp_url.rfind("smtps://", 0) == 0;
  if (!implicit_tls && channel.smtp_url.rfind("smtp://", 0) != 0) {
    return Status::Error(where + ": smtp_url must start with smtp:// or smtps://");
  }
  std::string from = AddrSpec(channel.from);
  if (from.empty()) return Status::Error(where + ": no address in from = \"" + channel.from + "\"");
  if (channel.to.empty()) return Status::Error(where + ": no recipients in to");

  std::unique_ptr<curl_slist, SlistDeleter> rcpts;
  for (const std::string& rcpt : channel.to) {
    std::string addr = AddrSpec(rcpt);
    if (addr.empty()) return Status::Error(where + ": no address in to entry \"" + rcpt + "\"");
    curl_slist* next = curl_slist_append(rcpts.get(), ("<" + addr + ">").c_str());
    if (next == nullptr) return Status::Error(where + ": out of memory");
    rcpts.release();
    rcpts.reset(next);
  }

  std::string message;
  Status composed =
      ComposeEmail(channel, delivery, std::chrono::system_clock::now(), LocalHostName(), &message);
  if (!composed.ok()) return Status::Error(where + ": " + composed.message());

  EnsureCurlInitialised();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Status::Error(where + ": cannot initialise libcurl");
  CURL* c = curl.get();
  Upload upload{&message};
  std::string last_reply;
  char errbuf[CURL_ERROR_SIZE] = {0};
  long timeout_ms = static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(channel.timeout).count());
  if (timeout_ms <= 0) timeout_ms = 30000;

  curl_easy_setopt(c, CURLOPT_URL, channel.smtp_url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_USE_SSL,
                   implicit_tls || channel.starttls ? static_cast<long>(CURLUSESSL_ALL)
                                                    : static_cast<long>(CURLUSESSL_NONE));
  if (!channel.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, channel.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, channel.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, ("<" + from + ">").c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, RecordReply);
  curl_easy_setopt(c, CURLOPT_DEBUGDATA, &last_reply);
  curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);  // feeds RecordReply only; nothing is printed
  ApplyTlsTrust(c);
  AbortWhen(c, abort);

  CURLcode rc = curl_easy_perform(c);
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  out->status = static_cast<int>(code);
  // Masked before it is cut short: a secret across the cut would leave its start.
  out->answer = Excerpt(MaskSecrets(last_reply, channel));
  if (rc == CURLE_OK) return Status::Ok();

  std::string detail = errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc);
  std::string why;
  switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
      why = "cannot connect to the SMTP server: " + detail;
      break;
    case CURLE_LOGIN_DENIED:
      why = "authentication refused for user '" + channel.username + "'";
      break;
    case CURLE_USE_SSL_FAILED:
      why = "the server does not offer STARTTLS, which is required (set starttls = false only "
            "for a trusted local relay)";
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CONNECT_ERROR:
      why = "TLS failed: " + detail + TlsAdvice();
      break;
    case CURLE_ABORTED_BY_CALLBACK:
      why = "abandoned: stopping";
      break;
    case CURLE_OPERATION_TIMEDOUT:
      why = "no answer within " + std::to_string(channel.timeout.count()) + "s (" + detail + ")";
      break;
    default:
      why = detail;
  }
  std::string msg = where + ": " + Excerpt(MaskSecrets(why, channel), 300);
  if (!out->answer.empty()) msg += "; server said: " + out->answer;
  return Status::Error(msg);
}

}  // namespace pw::notify

#include "notify/email.h"

#include <unistd.h>

#include <cstring>
#include <memory>

#include <nlohmann/json.hpp>

#include "notify/internal/email_content.h"
#include "notify/internal/mime.h"
#include "notify/internal/transport.h"
#include "notify/mask.h"

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

bool IsImplicitTls(const config::Channel& channel) {
  return channel.smtp_url.rfind("smtps://", 0) == 0;
}

// What one SMTP transfer needs alive while libcurl runs it. Not copied or moved
// (`upload` points into `message`).
struct SmtpTransfer {
  std::string from;  // the envelope sender, a bare address
  std::unique_ptr<curl_slist, SlistDeleter> rcpts;  // "<address>" per recipient
  std::string message;
  Upload upload{&message};
  std::string last_reply;  // the server's last reply line (RecordReply)
  char errbuf[CURL_ERROR_SIZE] = {0};
};

// Checks the channel's URL scheme and addresses and fills the envelope of `t`
// (sender and recipients). Errors start with `where`.
Status ReadEnvelope(const config::Channel& channel, const std::string& where, SmtpTransfer* t) {
  if (!IsImplicitTls(channel) && channel.smtp_url.rfind("smtp://", 0) != 0) {
    return Status::Error(where + ": smtp_url must start with smtp:// or smtps://");
  }
  t->from = AddrSpec(channel.from);
  if (t->from.empty()) {
    return Status::Error(where + ": no address in from = \"" + channel.from + "\"");
  }
  if (channel.to.empty()) return Status::Error(where + ": no recipients in to");
  for (const std::string& rcpt : channel.to) {
    std::string addr = AddrSpec(rcpt);
    if (addr.empty()) return Status::Error(where + ": no address in to entry \"" + rcpt + "\"");
    curl_slist* next = curl_slist_append(t->rcpts.get(), ("<" + addr + ">").c_str());
    if (next == nullptr) return Status::Error(where + ": out of memory");
    t->rcpts.release();
    t->rcpts.reset(next);
  }
  return Status::Ok();
}

// Sets every option of the SMTP transfer of `t` through `channel` on `c`.
void SetSmtpOptions(CURL* c, const config::Channel& channel, SmtpTransfer* t,
                    const std::atomic<bool>* abort) {
  long timeout_ms = static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(channel.timeout).count());
  if (timeout_ms <= 0) timeout_ms = 30000;
  curl_easy_setopt(c, CURLOPT_URL, channel.smtp_url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_USE_SSL,
                   IsImplicitTls(channel) || channel.starttls ? static_cast<long>(CURLUSESSL_ALL)
                                                              : static_cast<long>(CURLUSESSL_NONE));
  if (!channel.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, channel.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, channel.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, ("<" + t->from + ">").c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, t->rcpts.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(c, CURLOPT_READDATA, &t->upload);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(t->message.size()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, t->errbuf);
  curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, RecordReply);
  curl_easy_setopt(c, CURLOPT_DEBUGDATA, &t->last_reply);
  curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);  // feeds RecordReply only; nothing is printed
  ApplyTlsTrust(c);
  AbortWhen(c, abort);
}

// Why a transfer that ended with `rc` failed, in the operator's words; `detail`
// is libcurl's own message.
std::string FailureReason(CURLcode rc, const std::string& detail, const config::Channel& channel) {
  switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
      return "cannot connect to the SMTP server: " + detail;
    case CURLE_LOGIN_DENIED:
      return "authentication refused for user '" + channel.username + "'";
    case CURLE_USE_SSL_FAILED:
      return "the server does not offer STARTTLS, which is required (set starttls = false only "
             "for a trusted local relay)";
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CONNECT_ERROR:
      return "TLS failed: " + detail + TlsAdvice();
    case CURLE_ABORTED_BY_CALLBACK:
      return "abandoned: stopping";
    case CURLE_OPERATION_TIMEDOUT:
      return "no answer within " + std::to_string(channel.timeout.count()) + "s (" + detail + ")";
    default:
      return detail;
  }
}

// The error of a failed transfer: where, why (secrets masked, cut short) and
// what the server said last.
std::string FailureMessage(const std::string& where, CURLcode rc, const SmtpTransfer& t,
                           const config::Channel& channel, const std::string& answer) {
  std::string detail = t.errbuf[0] != '\0' ? t.errbuf : curl_easy_strerror(rc);
  std::string why = MaskSecrets(FailureReason(rc, detail, channel), channel);
  std::string msg = where + ": " + Excerpt(why, 300);
  if (!answer.empty()) msg += "; server said: " + answer;
  return msg;
}

}  // namespace

std::string LocalHostName() {
  char buf[256] = {0};
  if (gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') return "localhost";
  return buf;
}

Status ComposeEmail(const config::Channel& channel, const store::Delivery& delivery,
                    std::chrono::system_clock::time_point now, const std::string& hostname,
                    std::string* message) {
  nlohmann::json event = nlohmann::json::parse(delivery.payload_json, nullptr, false);
  if (event.is_discarded() || !event.is_object()) {
    return Status::Error("delivery " + delivery.delivery_id + ": payload is not a JSON event object");
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
      {"Message-ID", "<" + delivery.delivery_id + "@policywatch." + hostname + ">"},
      {"Auto-Submitted", "auto-generated"},
      {"X-Auto-Response-Suppress", "All"},
      {"X-Policywatch-Event", delivery.event_type},
      {"X-Policywatch-Delivery", delivery.delivery_id},
  };
  *message = MultipartAlternative(headers, content.text, content.html, delivery.delivery_id);
  return Status::Ok();
}

Status SendEmail(const config::Channel& channel, const store::Delivery& delivery, SendResult* result,
                 const std::atomic<bool>* abort) {
  SendResult local;
  SendResult* out = result != nullptr ? result : &local;
  *out = SendResult{};
  const std::string where = "email '" + channel.name + "' (" + RedactUrl(channel.smtp_url) + ")";
  SmtpTransfer transfer;
  Status envelope = ReadEnvelope(channel, where, &transfer);
  if (!envelope.ok()) return envelope;
  Status composed = ComposeEmail(channel, delivery, std::chrono::system_clock::now(),
                                 LocalHostName(), &transfer.message);
  if (!composed.ok()) return Status::Error(where + ": " + composed.message());

  EnsureCurlInitialised();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Status::Error(where + ": cannot initialise libcurl");
  SetSmtpOptions(curl.get(), channel, &transfer, abort);
  CURLcode rc = curl_easy_perform(curl.get());
  long code = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &code);
  out->status = static_cast<int>(code);
  // Masked before it is cut short: a secret across the cut would leave its start.
  out->answer = Excerpt(MaskSecrets(transfer.last_reply, channel));
  if (rc == CURLE_OK) return Status::Ok();
  return Status::Error(FailureMessage(where, rc, transfer, channel, out->answer));
}

}  // namespace pw::notify

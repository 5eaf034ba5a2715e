// Shared by the transports: libcurl set-up, TLS trust, and redaction of URLs.
#pragma once

#include <atomic>
#include <string>

#include <curl/curl.h>

namespace pw::notify {

// Environment variable naming a PEM file of CA certificates to trust for webhook
// HTTPS and SMTP TLS instead of the system store: for a private CA or a
// self-signed test server. Unset or empty: the system store. Verification of the
// peer and of the host name is always on; there is no "insecure" switch.
inline constexpr const char* kCaFileEnv = "POLICYWATCH_CA_FILE";

// Calls curl_global_init once per process (thread-safe).
void EnsureCurlInitialised();

// Applies the TLS trust settings (kCaFileEnv) to `curl`. Verification is never off.
void ApplyTlsTrust(CURL* curl);

// Makes the transfer of `curl` end with CURLE_ABORTED_BY_CALLBACK once `*abort`
// is true (libcurl looks at least once a second, also while waiting for an
// answer). Nothing when `abort` is null. `*abort` must outlive the transfer.
void AbortWhen(CURL* curl, const std::atomic<bool>* abort);

// `url` with any user:password@ removed and the query string dropped, for
// messages and logs: "https://hooks.example.org/p?token=x" -> "https://hooks.example.org/p".
std::string RedactUrl(const std::string& url);

// RedactUrl without the path: "https://hooks.slack.com" of
// "https://hooks.slack.com/services/T/B/secret", for a URL that is a credential.
std::string UrlHost(const std::string& url);

// At most `max` bytes of `text` with control characters replaced by spaces and
// "..." appended when cut: a server's answer made safe for one log line.
std::string Excerpt(const std::string& text, size_t max = 200);

}  // namespace pw::notify

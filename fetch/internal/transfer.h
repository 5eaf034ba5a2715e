// Internal: the state of one transfer while libcurl runs it. Not a public header.
#pragma once

#include <curl/curl.h>

#include <functional>
#include <map>
#include <string>

#include "fetch/fetch.h"

namespace pw::fetch {

struct Transfer {
  Request request;
  std::function<void(Response)> done;

  CURL* easy = nullptr;
  curl_slist* request_headers = nullptr;
  char curl_error[CURL_ERROR_SIZE] = {};

  // The response being received. Headers are reset at each status line, so
  // after redirects they are those of the final response.
  long status = 0;
  std::string reason;
  std::map<std::string, std::string> headers;
  std::string last_location;  // Location of the latest redirect seen
  std::string response_url;   // URL that answered with the latest status line
  std::string body;
  bool body_checked = false;  // status and content type checked at first byte

  // Set when a callback stopped the transfer on purpose (body too large,
  // content type refused, error status); takes precedence over curl's code.
  FetchError abort_error = FetchError::kNone;
  std::string abort_message;

  int done_code = 0;  // CURLcode reported by libcurl when the transfer ended

  // Set before the transfer starts, when the request cannot be made at all.
  FetchError setup_error = FetchError::kNone;
  std::string setup_message;

  Transfer() = default;
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;
  ~Transfer();
};

// Sets every option for `transfer->request` on transfer->easy (created when
// null; a reused handle must have been curl_easy_reset).
// On a request that cannot be made (bad URL) sets setup_error instead.
void SetupTransfer(Transfer* transfer);

// Builds the response once libcurl reports the transfer done with `code`.
Response BuildResponse(Transfer* transfer, CURLcode code);

// Why a content type is refused, or "" if it is accepted.
std::string ContentTypeProblem(const Request& request, const std::string& media_type);

}  // namespace pw::fetch

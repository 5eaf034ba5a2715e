// [web] (SPEC.md, "Web"): where the read-only web view listens, the base URL of
// links in alerts and feeds, and the bearer token a non-loopback listener needs.
#include <arpa/inet.h>

#include "config/internal/checks.h"
#include "config/internal/loader.h"

namespace pw::config {
namespace {

const std::vector<std::string> kWebKeys = {"listen", "base_url", "token_file"};

bool IsLoopbackHost(const std::string& host) {
  if (host == "localhost") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

bool IsAddress(const std::string& host) {
  in_addr v4{};
  in6_addr v6{};
  return inet_pton(AF_INET, host.c_str(), &v4) == 1 || inet_pton(AF_INET6, host.c_str(), &v6) == 1;
}

// "PORT" -> 0..65535, or -1.
int ParsePort(std::string_view text) {
  if (text.empty() || text.size() > 5 || text.find_first_not_of("0123456789") != std::string_view::npos) {
    return -1;
  }
  const int port = std::stoi(std::string(text));
  return port <= 65535 ? port : -1;
}

}  // namespace

std::string ParseListen(std::string_view listen, WebConfig* web) {
  const std::string help = " (use HOST:PORT, e.g. \"127.0.0.1:8787\" or \"[::1]:8787\")";
  std::string host;
  std::string_view port_text;
  if (!listen.empty() && listen.front() == '[') {
    const size_t close = listen.find("]:");
    if (close == std::string_view::npos) return "invalid listen address '" + std::string(listen) + "'" + help;
    host = std::string(listen.substr(1, close - 1));
    port_text = listen.substr(close + 2);
  } else {
    const size_t colon = listen.rfind(':');
    if (colon == std::string_view::npos || listen.find(':') != colon) {
      return "invalid listen address '" + std::string(listen) + "'" + help;
    }
    host = std::string(listen.substr(0, colon));
    port_text = listen.substr(colon + 1);
  }
  if (host != "localhost" && !IsAddress(host)) {
    return "listen host '" + host + "' is not an IP address or 'localhost'" + help;
  }
  const int port = ParsePort(port_text);
  if (port < 0) return "invalid port '" + std::string(port_text) + "' (0 to 65535)";
  web->listen = std::string(listen);
  web->host = host;
  web->port = port;
  web->loopback = IsLoopbackHost(host);
  return "";
}

std::string DocumentPagePath(std::string_view company_id, std::string_view type) {
  return "/documents/" + std::string(company_id) + "/" + std::string(type);
}

std::string ChangePagePath(std::string_view company_id, std::string_view type,
                           std::int64_t to_version) {
  return DocumentPagePath(company_id, type) + "/changes/" + std::to_string(to_version);
}

std::string VersionPagePath(std::string_view company_id, std::string_view type,
                            std::int64_t version) {
  return DocumentPagePath(company_id, type) + "/versions/" + std::to_string(version);
}

std::string ChangePageUrl(const WebConfig& web, std::string_view company_id,
                          std::string_view type, std::int64_t to_version) {
  if (web.base_url.empty()) return "";
  return web.base_url + ChangePagePath(company_id, type, to_version);
}

void Loader::ReadWeb(TableReader& r) {
  WebConfig& web = config_.web;
  web.location = r.TableLocation();
  r.CheckKeys(kWebKeys);
  std::string listen;
  if (r.String("listen", &listen)) {
    std::string problem = ParseListen(listen, &web);
    if (!problem.empty()) r.Error(*r.Find("listen"), r.Key("listen"), problem);
  }
  if (r.String("base_url", &web.base_url)) {
    std::string problem = CheckUrl(web.base_url, {"http", "https"});
    if (!problem.empty()) r.Error(*r.Find("base_url"), r.Key("base_url"), problem);
    while (!web.base_url.empty() && web.base_url.back() == '/') web.base_url.pop_back();
  }
  ReadSecret(r, "token_file", &web.token_file, &web.token);
  if (!web.listen.empty() && !web.loopback && !r.Find("token_file")) {
    r.ErrorAtKey("listen", "listening on '" + web.host +
                               "', which is not loopback, requires token_file (a bearer token "
                               "for every request)");
  }
}

}  // namespace pw::config

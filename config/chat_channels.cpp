// Chat channels (SPEC.md, "Chat channels"): slack, teams, discord, mattermost and
// ntfy post to one URL; matrix posts to a room of a homeserver with a token.
#include "config/internal/checks.h"
#include "config/internal/loader.h"

namespace pw::config {

void Loader::ReadChatChannel(TableReader& r, Channel* c) const {
  if (!r.String("url", &c->url, /*required=*/true)) return;
  std::string problem = CheckUrl(c->url, {"http", "https"});
  if (!problem.empty()) r.Error(*r.Find("url"), r.Key("url"), problem);
}

void Loader::ReadMatrixChannel(TableReader& r, Channel* c) const {
  if (r.String("homeserver", &c->homeserver, /*required=*/true)) {
    std::string problem = CheckUrl(c->homeserver, {"http", "https"});
    if (!problem.empty()) r.Error(*r.Find("homeserver"), r.Key("homeserver"), problem);
  }
  if (r.String("room", &c->room, /*required=*/true)) {
    // Messages are sent to a room id; an alias would need a directory lookup.
    const bool shaped = c->room.size() > 3 && c->room[0] == '!' && c->room.find(':') != std::string::npos;
    if (!shaped) {
      r.Error(*r.Find("room"), r.Key("room"),
              "expected a room id such as '!abc:example.org' (Element shows it under Room "
              "settings > Advanced), got '" + c->room + "'");
    }
  }
  if (!r.Find("token_file")) {
    r.Missing("token_file");
    return;
  }
  ReadSecret(r, "token_file", &c->token_file, &c->token);
}

}  // namespace pw::config

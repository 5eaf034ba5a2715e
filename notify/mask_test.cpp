// MaskSecrets: a channel's secrets never reach a person's screen or a log, in any
// form a server may echo them.
#include "notify/mask.h"

#include <catch2/catch.hpp>

namespace {

using pw::notify::MaskSecrets;

pw::config::Channel Email() {
  pw::config::Channel c;
  c.name = "mail";
  c.type = "email";
  c.username = "ops";
  c.password = "hunter2-pass";
  return c;
}

}  // namespace

TEST_CASE("mask: the password and the webhook secret as written, every occurrence") {
  pw::config::Channel c = Email();
  CHECK(MaskSecrets("535 bad: hunter2-pass (hunter2-pass)", c) == "535 bad: *** (***)");
  c.password.clear();
  c.secret = "whsec-1";
  CHECK(MaskSecrets("url /whsec-1/x?k=whsec-1", c) == "url /***/x?k=***");
  CHECK(MaskSecrets("nothing secret here", c) == "nothing secret here");
}

TEST_CASE("mask: the password as SMTP AUTH sends it, base64-encoded") {
  const pw::config::Channel c = Email();
  // AUTH LOGIN: base64("hunter2-pass"); AUTH PLAIN: base64("\0ops\0hunter2-pass").
  CHECK(MaskSecrets("535 5.7.8 got aHVudGVyMi1wYXNz", c) == "535 5.7.8 got ***");
  CHECK(MaskSecrets("535 5.7.8 got AG9wcwBodW50ZXIyLXBhc3M=", c) == "535 5.7.8 got ***");
}

TEST_CASE("mask: without secrets nothing changes, and every channel of a config is masked") {
  pw::config::Channel none;
  none.name = "plain";
  CHECK(MaskSecrets("abc ***", none) == "abc ***");
  pw::config::Config config;
  config.channels.push_back(Email());
  config.channels.push_back(none);
  pw::config::Channel hook;
  hook.secret = "whsec-2";
  config.channels.push_back(hook);
  CHECK(MaskSecrets("hunter2-pass and whsec-2", config) == "*** and ***");
}

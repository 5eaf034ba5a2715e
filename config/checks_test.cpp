#include <catch2/catch.hpp>

#include "config/internal/checks.h"
#include "tests/support/temp_dir.h"

namespace pw::config {
namespace {

using ::pw::testing::TempDir;

const std::vector<std::string> kWeb = {"http", "https"};

TEST_CASE("CheckUrl accepts http(s) URLs with a host", "[config][checks]") {
  CHECK(CheckUrl("https://example.org", kWeb) == "");
  CHECK(CheckUrl("http://example.org:8080/privacy?lang=en#top", kWeb) == "");
  CHECK(CheckUrl("HTTPS://Example.org/", kWeb) == "");
  CHECK(CheckUrl("http://127.0.0.1:1/", kWeb) == "");
  CHECK(CheckUrl("http://[::1]:8080/x", kWeb) == "");
  CHECK(CheckUrl("smtps://user@mail.example.org:465", {"smtp", "smtps"}) == "");
}

TEST_CASE("CheckUrl says what is wrong", "[config][checks]") {
  CHECK(CheckUrl("", kWeb) == "empty URL (use http or https)");
  CHECK(CheckUrl("example.org/privacy", kWeb) ==
        "not an absolute URL: missing scheme (use http or https)");
  CHECK(CheckUrl("ftp://example.org/", kWeb) == "unsupported scheme 'ftp' (use http or https)");
  CHECK(CheckUrl("file:///etc/passwd", kWeb) == "unsupported scheme 'file' (use http or https)");
  CHECK(CheckUrl("https:///privacy", kWeb) == "URL has no host");
  CHECK(CheckUrl("https://:80/", kWeb) == "URL has no host");
  CHECK(CheckUrl("https://example.org/a b", kWeb) ==
        "URL contains a space or control character at position 22 (percent-encode it, e.g. %20)");
  CHECK(CheckUrl("https://example.org:99999/", kWeb) == "invalid port '99999' in URL (use 1-65535)");
  CHECK(CheckUrl("https://example.org:http/", kWeb) == "invalid port 'http' in URL (use 1-65535)");
  CHECK(CheckUrl("https://example.org:/", kWeb) == "empty port in URL");
  CHECK(CheckUrl("http://[::1/", kWeb) == "unterminated IPv6 address in URL");
  CHECK(CheckUrl("http://x", {"smtp", "smtps"}) == "unsupported scheme 'http' (use smtp or smtps)");
}

TEST_CASE("CheckEmailAddress accepts plain and named addresses", "[config][checks]") {
  CHECK(CheckEmailAddress("legal@example.org") == "");
  CHECK(CheckEmailAddress("Policy alerts <alerts@example.org>") == "");
  const std::string help = "' (use user@example.org or \"Name <user@example.org>\")";
  CHECK(CheckEmailAddress("legal") == "invalid email address 'legal" + help);
  CHECK(CheckEmailAddress("@example.org") == "invalid email address '@example.org" + help);
  CHECK(CheckEmailAddress("a@b@c") == "invalid email address 'a@b@c" + help);
  CHECK(CheckEmailAddress("Name <a@b") == "invalid email address 'Name <a@b" + help);
  CHECK(CheckEmailAddress("a b@c") == "invalid email address 'a b@c" + help);
  CHECK(CheckEmailAddress("a@b\r\nBcc: x@y") == "email address contains a line break");
}

TEST_CASE("CheckSlug allows only command-line-friendly ids", "[config][checks]") {
  CHECK(CheckSlug("mistral-media") == "");
  CHECK(CheckSlug("a.b_c-9") == "");
  CHECK(CheckSlug("9gag") == "");
  CHECK(CheckSlug("") == "must not be empty");
  const std::string help =
      "' (use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit)";
  CHECK(CheckSlug("Mistral") == "invalid 'Mistral" + help);
  CHECK(CheckSlug("a/b") == "invalid 'a/b" + help);
  CHECK(CheckSlug("-a") == "invalid '-a" + help);
  CHECK(CheckSlug(std::string(65, 'a')) == "'" + std::string(64, 'a') + "...' is longer than 64 characters");
}

TEST_CASE("Suggest finds near misses only", "[config][checks]") {
  const std::vector<std::string> keys = {"interval", "jitter", "per_host_delay", "timeout", "to"};
  CHECK(Suggest("intervall", keys) == "interval");
  CHECK(Suggest("Interval", keys) == "interval");
  CHECK(Suggest("per-host-delay", keys) == "per_host_delay");
  CHECK(Suggest("jiter", keys) == "jitter");
  CHECK(Suggest("colour", keys) == "");
  CHECK(Suggest("x", keys) == "");  // "to" is 2 edits away, too far for so short a word
  CHECK(Suggest("anything", {}) == "");
}

TEST_CASE("ReadSecretFile trims trailing blanks and names the file on error",
          "[config][checks]") {
  TempDir dir;
  std::string secret, error;
  REQUIRE(ReadSecretFile(dir.Write("ok", "s3cret \n"), &secret, &error));
  CHECK(secret == "s3cret");

  CHECK_FALSE(ReadSecretFile(dir.path() + "/missing", &secret, &error));
  CHECK(error == "cannot read secret file '" + dir.path() + "/missing': No such file or directory");
  CHECK_FALSE(ReadSecretFile(dir.Write("empty", "\n\n"), &secret, &error));
  CHECK(error == "secret file '" + dir.path() + "/empty' is empty");
  CHECK_FALSE(ReadSecretFile(dir.path(), &secret, &error));
  CHECK(error == "secret file '" + dir.path() + "' is a directory");
  CHECK_FALSE(ReadSecretFile(dir.Write("big", std::string(70000, 'x')), &secret, &error));
  CHECK(error == "secret file '" + dir.path() + "/big' is larger than 64 KiB");
  CHECK(error.find("xxx") == std::string::npos);
}

TEST_CASE("FindOverlyDottedKey ignores dots in strings and comments", "[config][checks]") {
  CHECK(FindOverlyDottedKey("a.b.c = 1\n[x.y]\n", 3).line == 0);
  CHECK(FindOverlyDottedKey("u = \"a.b.c.d.e\"\nv = 'a.b.c.d'\n# a.b.c.d.e\n", 3).line == 0);
  CHECK(FindOverlyDottedKey("m = \"\"\"\na.b.c.d.e\n\"\"\"\n", 3).line == 0);
  CHECK(FindOverlyDottedKey("f = [1.5, 2.5, 3.5]\n", 2).line == 0);
  TextPosition p = FindOverlyDottedKey("ok = 1\n  a.b.c.d = 1\n", 3);
  CHECK(p.line == 2);
  CHECK(p.column == 8);
  p = FindOverlyDottedKey("x = { a.b.c.d = 1 }\n", 3);
  CHECK(p.line == 1);
  CHECK(p.column == 12);
}

}  // namespace
TEST_CASE("OneLineSecret: one line, a final LF or CRLF allowed", "[config][checks]") {
  std::string secret;
  CHECK(OneLineSecret("abc", &secret) == "");
  CHECK(secret == "abc");
  CHECK(OneLineSecret("  a b  \t\r\n", &secret) == "");
  CHECK(secret == "  a b");  // leading blanks are the secret's; trailing ones are not
  CHECK(OneLineSecret("abc\r", &secret) == "");
  CHECK(secret == "abc");
}

TEST_CASE("OneLineSecret: several lines, empty or control characters", "[config][checks]") {
  const std::string many = "holds 2 lines; a secret file must hold exactly one line (a final "
                           "newline is fine)";
  std::string secret = "untouched";
  CHECK(OneLineSecret("a\nb", &secret) == many);
  CHECK(OneLineSecret("a\n\n", &secret) == many);
  CHECK(OneLineSecret("a\r\nb\r\n", &secret) == many);
  CHECK(OneLineSecret("a\rb", &secret) == many);
  CHECK(OneLineSecret("a\nb\nc\nd\n", &secret).rfind("holds 4 lines;", 0) == 0);
  CHECK(OneLineSecret("", &secret) == "is empty");
  CHECK(OneLineSecret("\n", &secret) == "is empty");
  CHECK(OneLineSecret(" \t\r\n", &secret) == "is empty");
  CHECK(OneLineSecret("\n\n \n", &secret) == "is empty");  // blank lines only
  CHECK(OneLineSecret(std::string("ab\0c", 4), &secret) ==
        "holds a control character (byte 0x00 at column 3); a secret is one line of text");
  CHECK(OneLineSecret("ab\x7f", &secret) ==
        "holds a control character (byte 0x7f at column 3); a secret is one line of text");
  CHECK(secret == "untouched");
}

}  // namespace pw::config

#include "notify/internal/mime.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace pw::notify;

namespace {

size_t LongestLine(const std::string& s) {
  size_t longest = 0, start = 0;
  while (start < s.size()) {
    size_t end = s.find("\r\n", start);
    if (end == std::string::npos) end = s.size();
    longest = std::max(longest, end - start);
    start = end + 2;
  }
  return longest;
}

bool OnlyCrlf(const std::string& s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')) return false;
    if (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n')) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("quoted-printable keeps lines within 76 and round-trips") {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "Daten können übermittelt werden = ja; ";
  text += "\n.leading dot\ntrailing blank \nTab\tinside\t\n\nÜ";
  std::string qp = QuotedPrintable(text);
  REQUIRE(LongestLine(qp) <= 76);
  REQUIRE(OnlyCrlf(qp));
  REQUIRE(qp.find("=C3=B6") != std::string::npos);      // ö
  REQUIRE(qp.find("=3D") != std::string::npos);         // '='
  REQUIRE(qp.find("\r\n=2Eleading") != std::string::npos);
  REQUIRE(qp.find("blank=20\r\n") != std::string::npos);
  REQUIRE(qp.find("inside=09\r\n") != std::string::npos);
  REQUIRE(DecodeQuotedPrintable(qp) == text);
}

TEST_CASE("quoted-printable of one very long word and of binary bytes") {
  std::string text(1000, 'x');
  text += std::string("\x00\x01\xff\x7f", 4);
  std::string qp = QuotedPrintable(text);
  REQUIRE(LongestLine(qp) <= 76);
  REQUIRE(DecodeQuotedPrintable(qp) == text);
  REQUIRE(QuotedPrintable("") == "");
}

TEST_CASE("ASCII header is folded at spaces") {
  std::string value;
  for (int i = 0; i < 30; ++i) value += "word" + std::to_string(i) + " ";
  std::string h = HeaderField("Subject", value);
  REQUIRE(h.rfind("Subject: word0 word1", 0) == 0);
  REQUIRE(LongestLine(h) <= 78);
  REQUIRE(h.find("\r\n ") != std::string::npos);
  REQUIRE(HeaderField("Auto-Submitted", "auto-generated") == "Auto-Submitted: auto-generated");
}

TEST_CASE("non-ASCII subject becomes RFC 2047 encoded-words, folded, UTF-8 intact") {
  std::string subject = "[policywatch] Société Générale politique de confidentialité: "
                        "changement important dans 3 sections — ü€😀";
  std::string h = HeaderField("Subject", subject);
  REQUIRE(h.find("=?UTF-8?B?") != std::string::npos);
  REQUIRE(LongestLine(h) <= 78);
  REQUIRE(OnlyCrlf(h));
  for (unsigned char c : h) REQUIRE(c < 0x80);
  // Decode every word and concatenate: each must be valid on its own and the
  // whole equals the subject.
  std::string decoded;
  size_t pos = 0;
  while ((pos = h.find("=?UTF-8?B?", pos)) != std::string::npos) {
    size_t end = h.find("?=", pos + 10);
    std::string b64 = h.substr(pos + 10, end - pos - 10);
    std::string cmd_out;
    // Minimal base64 decoder.
    const std::string a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned v = 0;
    int bits = 0;
    std::string word;
    for (char c : b64) {
      if (c == '=') break;
      v = (v << 6) | static_cast<unsigned>(a.find(c));
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        word += static_cast<char>((v >> bits) & 0xff);
      }
    }
    // A word never starts with a UTF-8 continuation byte.
    REQUIRE((static_cast<unsigned char>(word[0]) & 0xC0) != 0x80);
    decoded += word;
    pos = end + 2;
  }
  REQUIRE(decoded == subject);
}

TEST_CASE("header injection: CR and LF in a value become spaces") {
  std::string h = HeaderField("Subject", "hello\r\nBcc: victim@example.org");
  REQUIRE(h.find("\r\nBcc") == std::string::npos);
  REQUIRE(h.find("\nBcc") == std::string::npos);
}

TEST_CASE("addr-spec extraction") {
  REQUIRE(AddrSpec("Policy alerts <alerts@example.org>") == "alerts@example.org");
  REQUIRE(AddrSpec("  legal@example.org ") == "legal@example.org");
  REQUIRE(AddrSpec("\"Doe, Jane\" <jane@example.org>") == "jane@example.org");
  REQUIRE(AddrSpec("<a@b>") == "a@b");
  REQUIRE(AddrSpec("") == "");
  REQUIRE(AddrSpec("no at sign") == "");
  REQUIRE(AddrSpec("Name <broken@example.org") == "");
  REQUIRE(AddrSpec("@example.org") == "");
  REQUIRE(AddrSpec("user@") == "");
  REQUIRE(AddrSpec("a b@example.org") == "");
  REQUIRE(AddrSpec("x@y>") == "");
}

TEST_CASE("mailbox encoding") {
  REQUIRE(EncodeMailbox("Policy alerts <alerts@example.org>") == "Policy alerts <alerts@example.org>");
  REQUIRE(EncodeMailbox("alerts@example.org") == "alerts@example.org");
  REQUIRE(EncodeMailbox("Doe, Jane <j@example.org>") == "\"Doe, Jane\" <j@example.org>");
  std::string enc = EncodeMailbox("Équipe juridique <legal@example.org>");
  REQUIRE(enc.rfind("=?UTF-8?B?", 0) == 0);
  REQUIRE(enc.find("<legal@example.org>") != std::string::npos);
}

TEST_CASE("RFC 5322 date") {
  REQUIRE(Rfc5322Date(std::chrono::system_clock::from_time_t(1795428000)) ==
          "Mon, 23 Nov 2026 10:00:00 +0000");
}

TEST_CASE("multipart/alternative structure") {
  std::string m = MultipartAlternative({{"Subject", "hi"}}, "plain = text\n", "<p>html</p>\n", "abc");
  REQUIRE(OnlyCrlf(m));
  REQUIRE(m.find("Subject: hi\r\n") == 0);
  REQUIRE(m.find("MIME-Version: 1.0\r\n") != std::string::npos);
  REQUIRE(m.find("boundary=\"=_policywatch_abc\"") != std::string::npos);
  REQUIRE(m.find("--=_policywatch_abc\r\nContent-Type: text/plain; charset=UTF-8") != std::string::npos);
  REQUIRE(m.find("--=_policywatch_abc\r\nContent-Type: text/html; charset=UTF-8") != std::string::npos);
  REQUIRE(m.find("plain =3D text") != std::string::npos);
  REQUIRE(m.find("\r\n--=_policywatch_abc--\r\n") != std::string::npos);
  REQUIRE(LongestLine(m) <= 78);
}

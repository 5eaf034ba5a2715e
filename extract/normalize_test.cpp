#include "extract/internal/normalize.h"

#include <catch2/catch.hpp>

#include <string>

using pw::extract::DecodeEntities;
using pw::extract::NormalizePreformatted;
using pw::extract::NormalizeText;

TEST_CASE("NormalizeText collapses and trims ASCII whitespace", "[normalize]") {
  CHECK(NormalizeText("  We   collect\tdata\n\r\nabout you.  ") == "We collect data about you.");
  CHECK(NormalizeText("plain") == "plain");
  CHECK(NormalizeText("") == "");
  CHECK(NormalizeText(" \t\n\r\f\v ") == "");
}

TEST_CASE("NormalizeText composes to NFC", "[normalize]") {
  // "e" + COMBINING ACUTE ACCENT -> U+00E9.
  CHECK(NormalizeText("caf\x65\xCC\x81") == "caf\xC3\xA9");
  // Already composed text is unchanged.
  CHECK(NormalizeText("caf\xC3\xA9") == "caf\xC3\xA9");
  // Decomposed and composed spellings normalise to the same bytes.
  CHECK(NormalizeText("Mu\xCC\x88nchen") == NormalizeText("M\xC3\xBCnchen"));
  // Angstrom sign U+212B is canonically A with ring U+00C5.
  CHECK(NormalizeText("\xE2\x84\xAB") == "\xC3\x85");
}

TEST_CASE("NormalizeText maps Unicode spaces and removes zero-width characters",
          "[normalize]") {
  CHECK(NormalizeText("do\xC2\xA0not\xC2\xA0sell") == "do not sell");  // U+00A0
  CHECK(NormalizeText("30\xE2\x80\xAF" "days") == "30 days");          // U+202F
  CHECK(NormalizeText("1\xE2\x80\x87" "000") == "1 000");              // U+2007
  CHECK(NormalizeText("a\xE2\x80\xA8" "b\xE2\x80\xA9" "c") == "a b c");  // U+2028/9
  CHECK(NormalizeText("a\xE3\x80\x80\xE3\x80\x80" "b") == "a b");      // ideographic
  CHECK(NormalizeText("pri\xE2\x80\x8Bvacy") == "privacy");            // U+200B
  CHECK(NormalizeText("pri\xE2\x80\x8C\xE2\x80\x8Dvacy") == "privacy");  // ZWNJ, ZWJ
  CHECK(NormalizeText("\xEF\xBB\xBFPolicy") == "Policy");              // BOM
  CHECK(NormalizeText("word\xE2\x81\xA0joiner") == "wordjoiner");      // U+2060
  CHECK(NormalizeText("infor\xC2\xADmation") == "information");        // soft hyphen
  CHECK(NormalizeText("\xC2\xA0 \xE2\x80\x8B \xC2\xA0") == "");
  // Zero-width characters between spaces do not leave a double space.
  CHECK(NormalizeText("a \xE2\x80\x8B b") == "a b");
}

TEST_CASE("NormalizeText replaces invalid UTF-8 with U+FFFD", "[normalize][hostile]") {
  const std::string fffd = "\xEF\xBF\xBD";
  CHECK(NormalizeText("a\xFF" "b") == "a" + fffd + "b");
  CHECK(NormalizeText("\xC0\xAF") == fffd + fffd);  // overlong '/'
  CHECK(NormalizeText("\xED\xA0\x80") == fffd + fffd + fffd);  // surrogate
  CHECK(NormalizeText("end\xE2\x82") == "end" + fffd);  // truncated sequence
  CHECK(NormalizeText("\xF4\x90\x80\x80").find(fffd) == 0);  // > U+10FFFF
  // The output is valid UTF-8: normalising it again changes nothing.
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage.push_back(static_cast<char>((i * 7919) % 256));
  std::string once = NormalizeText(garbage);
  CHECK(NormalizeText(once) == once);
  CHECK(once.find('\0') == std::string::npos);
}

TEST_CASE("NormalizeText drops control characters", "[normalize][hostile]") {
  CHECK(NormalizeText(std::string("a\0b\x01" "c\x7F", 6)) == "abc");
}

TEST_CASE("NormalizeText is idempotent on mixed text", "[normalize]") {
  std::string s = "  \xE2\x80\x9CQuoted\xE2\x80\x9D \xC2\xA0text\xE2\x80\x8B with caf\x65\xCC\x81 ";
  std::string once = NormalizeText(s);
  CHECK(once == "\xE2\x80\x9CQuoted\xE2\x80\x9D text with caf\xC3\xA9");
  CHECK(NormalizeText(once) == once);
}

TEST_CASE("NormalizeText handles a 1 MB line", "[normalize][hostile]") {
  std::string big;
  big.reserve(1 << 20);
  while (big.size() < (1u << 20)) big += "data\xC2\xA0 collected ";
  std::string out = NormalizeText(big);
  CHECK(out.size() < big.size());
  CHECK(out.find("  ") == std::string::npos);
  CHECK(out.substr(0, 20) == "data collected data ");
}

TEST_CASE("NormalizePreformatted keeps lines and indentation", "[normalize]") {
  CHECK(NormalizePreformatted("\n\n  key = 1   \r\n\tnested\n\n\nend  \n\n") ==
        "  key = 1\n nested\n\n\nend");
  CHECK(NormalizePreformatted("   \n \n") == "");
  CHECK(NormalizePreformatted("x\xC2\xA0y") == "x y");
}

TEST_CASE("DecodeEntities decodes named and numeric references", "[normalize][entities]") {
  CHECK(DecodeEntities("Terms &amp; Conditions") == "Terms & Conditions");
  CHECK(DecodeEntities("&lt;b&gt; &quot;x&quot; &apos;y&apos;") == "<b> \"x\" 'y'");
  CHECK(DecodeEntities("a&nbsp;b") == "a\xC2\xA0" "b");
  CHECK(DecodeEntities("&copy; 2024 &mdash; &hellip;") == "\xC2\xA9 2024 \xE2\x80\x94 \xE2\x80\xA6");
  CHECK(DecodeEntities("&rsquo;&ldquo;&rdquo;&eacute;&Uuml;&szlig;&euro;") ==
        "\xE2\x80\x99\xE2\x80\x9C\xE2\x80\x9D\xC3\xA9\xC3\x9C\xC3\x9F\xE2\x82\xAC");
  CHECK(DecodeEntities("&#169; &#xA9; &#XA9; &#65") == "\xC2\xA9 \xC2\xA9 \xC2\xA9 A");
  // 0x80..0x9F are Windows-1252, as in browsers: &#150; is an en dash.
  CHECK(DecodeEntities("&#150;") == "\xE2\x80\x93");
}

TEST_CASE("DecodeEntities leaves unknown or malformed references alone",
          "[normalize][entities][hostile]") {
  CHECK(DecodeEntities("AT&T") == "AT&T");
  CHECK(DecodeEntities("&nosuch; &amp") == "&nosuch; &amp");
  CHECK(DecodeEntities("& ; &#; &#x;") == "& ; &#; &#x;");
  CHECK(DecodeEntities("trailing &") == "trailing &");
  const std::string fffd = "\xEF\xBF\xBD";
  CHECK(DecodeEntities("&#0;") == fffd);
  CHECK(DecodeEntities("&#xD800;") == fffd);
  CHECK(DecodeEntities("&#x110000;") == fffd);
  CHECK(DecodeEntities("&#99999999999999999999999;") == fffd);
  CHECK(DecodeEntities("&&&&amp;&&") == "&&&&&&");
}

#include "fetch/charset.h"

#include <catch2/catch.hpp>

using namespace pw::fetch;

TEST_CASE("charset: Content-Type parameter and media type are parsed") {
  CHECK(CharsetParameter("text/html; charset=ISO-8859-1") == "ISO-8859-1");
  CHECK(CharsetParameter("text/html;charset=\"utf-8\"") == "utf-8");
  CHECK(CharsetParameter("text/html") == "");
  CHECK(MediaType(" Text/HTML ; charset=utf-8") == "text/html");
  CHECK(MediaType("") == "");
}

TEST_CASE("charset: labels are canonicalised with browser aliases") {
  CHECK(CanonicalCharset("UTF8") == "utf-8");
  CHECK(CanonicalCharset(" utf-8 ") == "utf-8");
  CHECK(CanonicalCharset("ISO-8859-1") == "windows-1252");
  CHECK(CanonicalCharset("latin1") == "windows-1252");
  CHECK(CanonicalCharset("US-ASCII") == "windows-1252");
  CHECK(CanonicalCharset("Shift_JIS") == "shift_jis");
  CHECK(CanonicalCharset("no-such-charset-xyz") == "");
  CHECK(CanonicalCharset("") == "");
}

TEST_CASE("charset: UTF-8 validation rejects overlongs, surrogates and truncation") {
  CHECK(IsValidUtf8("plain ascii"));
  CHECK(IsValidUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
  CHECK_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(IsValidUtf8("\xE2\x82"));          // truncated
  CHECK_FALSE(IsValidUtf8("caf\xE9"));           // latin-1 byte
}

TEST_CASE("charset: detection precedence is BOM, header, meta, UTF-8 sniff, windows-1252") {
  CHECK(DetectCharset("\xEF\xBB\xBFhi", "text/html; charset=iso-8859-1").source ==
        CharsetSource::kBom);
  CHECK(DetectCharset(std::string("\xFF\xFEh\0i\0", 6), "").name == "utf-16le");
  CharsetGuess header = DetectCharset("<meta charset=koi8-r>caf\xE9", "text/html; charset=latin1");
  CHECK(header.name == "windows-1252");
  CHECK(header.source == CharsetSource::kHeader);
  CharsetGuess meta = DetectCharset("<html><head><meta charset=\"ISO-8859-2\">", "text/html");
  CHECK(meta.name == "iso-8859-2");
  CHECK(meta.source == CharsetSource::kMeta);
  CharsetGuess equiv = DetectCharset(
      "<!-- <meta charset=utf-8> --><META HTTP-EQUIV='Content-Type' "
      "CONTENT='text/html; charset=KOI8-R'>",
      "");
  CHECK(equiv.name == "koi8-r");
  CHECK(DetectCharset("caf\xC3\xA9", "").source == CharsetSource::kSniffedUtf8);
  CharsetGuess fallback = DetectCharset("caf\xE9", "");
  CHECK(fallback.name == "windows-1252");
  CHECK(fallback.source == CharsetSource::kDefault);
}

TEST_CASE("charset: a meta tag beyond the first 4 KB is not used") {
  std::string body(5000, ' ');
  body += "<meta charset=koi8-r>caf\xC3\xA9";
  CHECK(DetectCharset(body, "").name == "utf-8");
}

TEST_CASE("charset: meta declaring UTF-16 in an ASCII page means UTF-8") {
  CHECK(DetectCharset("<meta charset=utf-16>", "").name == "utf-8");
}

TEST_CASE("charset: an unknown declared charset falls back with a note") {
  CharsetGuess g = DetectCharset("caf\xE9", "text/html; charset=x-bogus-42");
  CHECK(g.name == "windows-1252");
  CHECK(g.note == "unknown charset 'x-bogus-42' in the Content-Type header was ignored");
  CharsetGuess m = DetectCharset("<meta charset=\"nonsense\">ok", "");
  CHECK(m.name == "utf-8");
  CHECK(m.note.find("'nonsense' in a <meta> tag") != std::string::npos);
}

TEST_CASE("charset: windows-1252 converts like a browser, including 0x80-0x9F") {
  CHECK(ConvertToUtf8("caf\xE9 \x93quoted\x94 \x80 \x81", "windows-1252") ==
        "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x82\xAC \xC2\x81");
  CHECK(ConvertToUtf8("\xA3", "iso-8859-1") == "\xC2\xA3");
}

TEST_CASE("charset: invalid UTF-8 bytes become U+FFFD and the BOM is stripped") {
  CHECK(ConvertToUtf8("\xEF\xBB\xBFok \xFF\xFE bad \xE2\x82", "utf-8") ==
        "ok \xEF\xBF\xBD\xEF\xBF\xBD bad \xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("charset: iconv charsets convert, bad and truncated sequences are replaced") {
  CHECK(ConvertToUtf8("\xB1", "iso-8859-2") == "\xC4\x85");                  // a-ogonek
  CHECK(ConvertToUtf8(std::string("\xFF\xFEh\0i\0", 6), "utf-16le") == "hi");                 // BOM removed
  CHECK(ConvertToUtf8("\x82\xA0", "shift_jis") == "\xE3\x81\x82");           // hiragana a
  CHECK(ConvertToUtf8("a\x82", "shift_jis") == "a\xEF\xBF\xBD");             // truncated
  CHECK(ConvertToUtf8("a\x85\x30z", "shift_jis").find("\xEF\xBF\xBD") != std::string::npos);
  CHECK(ConvertToUtf8("abc", "no-such-charset") == "abc");
}

TEST_CASE("charset: random bytes never break conversion or produce invalid UTF-8") {
  std::string noise;
  unsigned state = 12345;
  for (int i = 0; i < 20000; ++i) {
    state = state * 1103515245u + 12345u;
    noise += static_cast<char>(state >> 16);
  }
  for (const char* cs : {"utf-8", "windows-1252", "shift_jis", "utf-16le", "euc-jp", "gbk"}) {
    INFO(cs);
    CHECK(IsValidUtf8(ConvertToUtf8(noise, cs)));
  }
}

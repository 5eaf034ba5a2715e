#include "store/evidence.h"

#include <catch2/catch.hpp>

#include "store/hash.h"

namespace pw::store {
namespace {

TEST_CASE("Sha256Hex matches the FIPS 180-2 vectors", "[hash]") {
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex(std::string("a\0b", 3)) != Sha256Hex("ab"));
}

TEST_CASE("Sha256 in pieces equals Sha256Hex of the joined pieces", "[hash]") {
  std::string body(100000, 'x');
  for (size_t i = 0; i < body.size(); i += 7) body[i] = static_cast<char>(i % 251);
  Sha256 h;
  h.Update(std::string_view(body).substr(0, 12345));
  h.Update("");
  h.Update(std::string_view(body).substr(12345));
  h.Update(std::string_view("\0tail", 5));
  CHECK(h.HexDigest() == Sha256Hex(body + std::string("\0tail", 5)));
  Sha256 empty;
  CHECK(empty.HexDigest() == Sha256Hex(""));
  // A copy goes on from the same data, independently of the original.
  Sha256 prefix;
  prefix.Update("common ");
  Sha256 copy(prefix);
  copy.Update("one");
  prefix.Update("two");
  CHECK(copy.HexDigest() == Sha256Hex("common one"));
  CHECK(prefix.HexDigest() == Sha256Hex("common two"));
}

TEST_CASE("evidence round-trips, including NUL bytes and empty bodies", "[evidence]") {
  const char raw_start[] = "<html>\0<p>binary\xff\xfe</p>";
  std::string body(raw_start, sizeof raw_start - 1);  // the NUL inside included
  for (int i = 0; i < 200; ++i) body += "<p>Repeated paragraph " + std::to_string(i % 7) + "</p>";
  for (const std::string& raw : {body, std::string()}) {
    std::string packed, back;
    REQUIRE(CompressEvidence(raw, kEvidenceLevel, &packed).ok());
    REQUIRE(DecompressEvidence(packed, raw.size(), &back).ok());
    CHECK(back == raw);
  }
  std::string packed;
  REQUIRE(CompressEvidence(body, kEvidenceLevel, &packed).ok());
  CHECK(packed.size() < body.size() / 4);
}

TEST_CASE("hostile evidence blobs give clear errors", "[evidence]") {
  std::string raw(10000, 'x');
  std::string packed, back;
  REQUIRE(CompressEvidence(raw, 3, &packed).ok());

  Status s = DecompressEvidence(packed, raw.size() + 1, &back);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("expected 10001"));

  s = DecompressEvidence("definitely not zstd", 5, &back);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("not a zstd frame"));

  s = DecompressEvidence(std::string_view(packed).substr(0, packed.size() - 3), raw.size(), &back);
  REQUIRE_FALSE(s.ok());
  CHECK(back.empty());

  s = DecompressEvidence(packed, kMaxEvidenceSize + 1, &back);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("exceeds the limit"));

  s = DecompressEvidence("", 0, &back);
  CHECK_FALSE(s.ok());
}

}  // namespace
}  // namespace pw::store

#include "store/hash.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace pw::store {
namespace {

// Only on allocation failure inside OpenSSL; there is no sensible fallback.
[[noreturn]] void Fail(const char* what) {
  throw std::runtime_error(std::string("OpenSSL ") + what + " (SHA-256) failed");
}

std::string Hex(const unsigned char* digest, unsigned int size) {
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xf]);
  }
  return hex;
}

EVP_MD_CTX* Ctx(void* p) { return static_cast<EVP_MD_CTX*>(p); }

// SHA-256 fetched from OpenSSL's providers once: EVP_sha256() makes every
// digest look it up again (OpenSSL 3's "implicit fetch"), which costs about as
// much as hashing a few kilobytes.
const EVP_MD* Sha256Md() {
  static const EVP_MD* md = [] {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return fetched != nullptr ? static_cast<const EVP_MD*>(fetched) : EVP_sha256();
  }();
  return md;
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &size, Sha256Md(), nullptr) != 1) {
    Fail("EVP_Digest");
  }
  return Hex(digest, size);
}

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  if (!ctx_ || EVP_DigestInit_ex(Ctx(ctx_), Sha256Md(), nullptr) != 1) {
    EVP_MD_CTX_free(Ctx(ctx_));
    Fail("EVP_DigestInit_ex");
  }
}

Sha256::Sha256(const Sha256& other) : ctx_(EVP_MD_CTX_new()) {
  if (!ctx_ || EVP_MD_CTX_copy_ex(Ctx(ctx_), Ctx(other.ctx_)) != 1) {
    EVP_MD_CTX_free(Ctx(ctx_));
    Fail("EVP_MD_CTX_copy_ex");
  }
}

Sha256::~Sha256() { EVP_MD_CTX_free(Ctx(ctx_)); }

void Sha256::Update(std::string_view data) {
  if (EVP_DigestUpdate(Ctx(ctx_), data.data(), data.size()) != 1) Fail("EVP_DigestUpdate");
}

std::string Sha256::HexDigest() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(Ctx(ctx_), digest, &size) != 1) Fail("EVP_DigestFinal_ex");
  return Hex(digest, size);
}

}  // namespace pw::store

#include "store/hash.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace pw::store {

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
    // Only on allocation failure inside OpenSSL; there is no sensible fallback.
    throw std::runtime_error("OpenSSL EVP_Digest(SHA-256) failed");
  }
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xf]);
  }
  return hex;
}

}  // namespace pw::store

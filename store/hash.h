// SHA-256 as lowercase hex, through OpenSSL's EVP interface.
#pragma once

#include <string>
#include <string_view>

namespace pw::store {

// The 64-character lowercase hex SHA-256 of `data` (which may hold NUL bytes).
std::string Sha256Hex(std::string_view data);

// The same digest over data given in pieces, without joining them first:
// Update(a); Update(b); HexDigest() == Sha256Hex(a + b).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  // A copy goes on from the same data: hash a common prefix once, then finish
  // two digests (the copy and the original) over different suffixes.
  Sha256(const Sha256& other);
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view data);
  // Ends the hash; call once.
  std::string HexDigest();

 private:
  void* ctx_;  // EVP_MD_CTX
};

}  // namespace pw::store

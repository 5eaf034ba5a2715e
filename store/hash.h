// SHA-256 as lowercase hex, through OpenSSL's EVP interface.
#pragma once

#include <string>
#include <string_view>

namespace pw::store {

// The 64-character lowercase hex SHA-256 of `data` (which may hold NUL bytes).
std::string Sha256Hex(std::string_view data);

}  // namespace pw::store

// SHA-256 through OpenSSL's one-shot EVP_Digest (no handle to own).
#pragma once

#include <string>
#include <string_view>

namespace verity::util {

// Lowercase hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

} // namespace verity::util

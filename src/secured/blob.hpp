// The `secured` value's two text forms, parsed exactly (no cryptography here):
//   v1 (legacy, verify only):  "<base64 ciphertext>;<base64 16-byte IV>", AES-CBC, no MAC
//   v2 (authenticated):        "v2:" + base64 of the SCD2 envelope (see envelope.hpp)
// Every deviation is a FormatError naming the byte offset in the value and the rule broken.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace verity::secured {

struct FormatError {
  size_t offset = 0; // byte offset in the value
  std::string rule;
};

struct V1Blob {
  std::vector<std::uint8_t> ciphertext; // 16·m bytes, 1 <= m <= 4096
  std::vector<std::uint8_t> iv;         // 16 bytes
};

inline constexpr size_t k_max_value_chars = 96 * 1024;
inline constexpr size_t k_max_v1_blocks = 4096;

// Parses a v1 value; nullopt error means success.
std::variant<V1Blob, FormatError> parse_v1(std::string_view value);

// "v1" for legacy values, "v2" for "v2:...", or the unknown "vN" prefix (a format error).
enum class BlobVersion { V1, V2, Unknown };
BlobVersion detect_version(std::string_view value);

// SHA-256(ciphertext || IV), lowercase hex: what the pin lockfile records for a v1 blob.
std::string v1_pin_hash(const V1Blob& blob);

} // namespace verity::secured

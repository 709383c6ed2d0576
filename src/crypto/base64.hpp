// Strict RFC 4648 §4 base64: the standard alphabet, '=' padding required, no line breaks or
// whitespace, no padding in the middle, and zero pad bits, so one byte string has exactly one text
// form. OpenSSL's EVP_DecodeBlock accepts all of those deviations, hence this decoder.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verity::crypto {

struct Base64Error {
  size_t offset = 0; // byte offset in the text where the rule is broken
  std::string rule;  // what is wrong, for a finding message
};

struct Base64Result {
  std::vector<std::uint8_t> bytes;
  std::optional<Base64Error> error;
  bool ok() const { return !error.has_value(); }
};

// Decodes `text`; on error `bytes` is empty and `error` names the first offending offset.
Base64Result base64_decode(std::string_view text);

// Canonical padded encoding.
std::string base64_encode(const std::uint8_t* data, size_t size);
inline std::string base64_encode(const std::vector<std::uint8_t>& data) {
  return base64_encode(data.data(), data.size());
}

// The exact decoded length of a canonical encoding of `text_length` characters (0 if invalid).
size_t base64_decoded_size(std::string_view text);

} // namespace verity::crypto

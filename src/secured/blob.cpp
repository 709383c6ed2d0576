#include "secured/blob.hpp"

#include "crypto/base64.hpp"
#include "util/hash.hpp"

namespace verity::secured {

BlobVersion detect_version(std::string_view value) {
  if (value.substr(0, 3) == "v2:") {
    return BlobVersion::V2;
  }
  // "v3:", "v10:"...: ':' is outside the base64 alphabet, so this cannot be a v1 value.
  if (value.size() > 2 && value[0] == 'v') {
    size_t i = 1;
    while (i < value.size() && value[i] >= '0' && value[i] <= '9') {
      ++i;
    }
    if (i > 1 && i < value.size() && value[i] == ':') {
      return BlobVersion::Unknown;
    }
  }
  return BlobVersion::V1;
}

std::variant<V1Blob, FormatError> parse_v1(std::string_view value) {
  if (value.empty()) {
    return FormatError{0, "empty value (expected \"<base64 ciphertext>;<base64 IV>\")"};
  }
  if (value.size() > k_max_value_chars) {
    return FormatError{k_max_value_chars,
                       "value longer than " + std::to_string(k_max_value_chars) + " characters"};
  }
  size_t semi = value.find(';');
  if (semi == std::string_view::npos) {
    return FormatError{value.size(),
                       "no ';' separator (expected \"<base64 ciphertext>;<base64 IV>\")"};
  }
  size_t second = value.find(';', semi + 1);
  if (second != std::string_view::npos) {
    return FormatError{second, "more than one ';' separator"};
  }
  std::string_view ct_text = value.substr(0, semi);
  std::string_view iv_text = value.substr(semi + 1);
  if (ct_text.empty()) {
    return FormatError{0, "empty ciphertext before ';'"};
  }
  auto ct = crypto::base64_decode(ct_text);
  if (!ct.ok()) {
    return FormatError{ct.error->offset, "ciphertext: " + ct.error->rule};
  }
  if (iv_text.empty()) {
    return FormatError{semi + 1, "empty IV after ';'"};
  }
  auto iv = crypto::base64_decode(iv_text);
  if (!iv.ok()) {
    return FormatError{semi + 1 + iv.error->offset, "IV: " + iv.error->rule};
  }
  if (iv.bytes.size() != 16) {
    return FormatError{semi + 1, "IV is " + std::to_string(iv.bytes.size()) +
                                     " bytes; AES-CBC needs exactly 16 (24 base64 characters)"};
  }
  if (ct.bytes.size() % 16 != 0) {
    return FormatError{0, "ciphertext is " + std::to_string(ct.bytes.size()) +
                              " bytes, not a whole number of 16-byte AES blocks"};
  }
  if (ct.bytes.size() / 16 > k_max_v1_blocks) {
    return FormatError{0,
                       "ciphertext is longer than " + std::to_string(k_max_v1_blocks) + " blocks"};
  }
  return V1Blob{std::move(ct.bytes), std::move(iv.bytes)};
}

std::string v1_pin_hash(const V1Blob& blob) {
  std::string data(blob.ciphertext.begin(), blob.ciphertext.end());
  data.append(blob.iv.begin(), blob.iv.end());
  return util::sha256_hex(data);
}

} // namespace verity::secured

#include "crypto/kid.hpp"

#include <cstring>

namespace verity::crypto {
namespace {

std::array<std::uint8_t, 16> first16(const std::array<std::uint8_t, 32>& a) {
  std::array<std::uint8_t, 16> out{};
  std::memcpy(out.data(), a.data(), 16);
  return out;
}

} // namespace

std::array<std::uint8_t, 16> kid_aes_gcm(ByteView key) {
  return first16(hmac_sha256(key, as_bytes("secured/v2/kid")));
}
std::array<std::uint8_t, 16> kid_legacy(ByteView key) {
  return first16(hmac_sha256(key, as_bytes("secured/v1/kid")));
}
std::array<std::uint8_t, 16> kid_ed25519(ByteView pub) {
  return first16(sha256(pub));
}

std::string hex(ByteView bytes) {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (auto b : bytes) {
    out += k_hex[b >> 4];
    out += k_hex[b & 15];
  }
  return out;
}

} // namespace verity::crypto

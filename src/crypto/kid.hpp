// Key ids, derived from key material and never declared, so a key file cannot claim another
// key's id: AES-GCM HMAC-SHA256(K, "secured/v2/kid")[0..16), legacy AES-CBC the same with
// "secured/v1/kid", Ed25519 SHA-256(public key)[0..16).
#pragma once

#include "crypto/primitives.hpp"

#include <array>
#include <string>

namespace verity::crypto {

std::array<std::uint8_t, 16> kid_aes_gcm(ByteView key);
std::array<std::uint8_t, 16> kid_legacy(ByteView key);
std::array<std::uint8_t, 16> kid_ed25519(ByteView public_key);

std::string hex(ByteView bytes);

} // namespace verity::crypto

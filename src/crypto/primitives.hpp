// The cryptographic primitives verity uses, over OpenSSL 3 EVP: AES-CBC without padding (the
// caller unpads in constant time), AES-256-GCM with a 16-byte tag only, HMAC-SHA256, SHA-256 and
// Ed25519. Lengths are checked before any EVP call; failures are plain `false`.
#pragma once

#include "crypto/openssl.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace verity::crypto {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

inline ByteView as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::array<std::uint8_t, 32> sha256(ByteView data);
std::array<std::uint8_t, 32> hmac_sha256(ByteView key, ByteView data);

// AES-{128,192,256}-CBC decryption of whole blocks with padding off; the key length picks the
// variant. Returns false for a bad key/IV length or a partial block.
bool aes_cbc_decrypt_raw(ByteView key, ByteView iv, ByteView ciphertext, SecretBytes& out);
// AES-CBC with PKCS#7 padding (used by tests and to build legacy fixtures, never by `seal`).
bool aes_cbc_encrypt_pkcs7(ByteView key, ByteView iv, ByteView plaintext, Bytes& out);

// Constant-time PKCS#7 unpad of the last block: the plaintext length, or nullopt, decided after
// examining all 16 bytes with no data-dependent branch.
std::optional<size_t> pkcs7_unpad_ct(ByteView padded);

// AES-256-GCM with a 12-byte nonce and a 16-byte tag.
bool aes256gcm_seal(ByteView key, ByteView nonce, ByteView aad, ByteView plaintext,
                    Bytes& ciphertext, std::array<std::uint8_t, 16>& tag);
// Decrypts into a private buffer and releases it only when the tag verifies; on failure `out` is
// wiped and empty.
bool aes256gcm_open(ByteView key, ByteView nonce, ByteView aad, ByteView ciphertext, ByteView tag,
                    SecretBytes& out);

// Ed25519 from a 32-byte seed; the 32-byte public key; sign and verify (64-byte signatures).
bool ed25519_public_from_seed(ByteView seed, std::array<std::uint8_t, 32>& pub);
bool ed25519_sign(ByteView seed, ByteView message, std::array<std::uint8_t, 64>& sig);
bool ed25519_verify(ByteView pub, ByteView message, ByteView sig);

bool random_bytes(std::span<std::uint8_t> out);

// Constant-time equality of two equal-length byte strings (false when lengths differ).
bool equal_ct(ByteView a, ByteView b);

} // namespace verity::crypto

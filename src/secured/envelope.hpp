// The v2 envelope ("v2:" + base64), AES-256-GCM with an optional Ed25519 signature:
//   0 magic "SCD2" | 4 alg (1 GCM, 2 GCM+Ed25519) | 5 flags (bit0: body hash bound) | 6 reserved
//   8 kid[16] | 24 nonce[12] | 36 n (u32 BE, 1..65536) | 40 ciphertext[n] | 40+n tag[16]
//   alg 2 only: 56+n sig_kid[16] | 72+n sig[64]
// The header, the document id, the bound fields and (flag bit0) the body hash are authenticated:
// AAD = PAE("secured/v2/aead", H, BIND); the signature covers PAE("secured/v2/sig", ENV[0..72+n),
// BIND).
#pragma once

#include "crypto/kid.hpp"
#include "crypto/openssl.hpp"
#include "crypto/primitives.hpp"
#include "secured/blob.hpp"

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace verity::secured {

inline constexpr std::uint8_t k_alg_gcm = 0x01;
inline constexpr std::uint8_t k_alg_gcm_ed25519 = 0x02;
inline constexpr std::uint8_t k_flag_body = 0x01;
inline constexpr size_t k_max_plaintext = 65536;

struct Envelope {
  std::uint8_t alg = k_alg_gcm;
  std::uint8_t flags = 0;
  std::array<std::uint8_t, 16> kid{};
  std::array<std::uint8_t, 12> nonce{};
  crypto::Bytes ciphertext;
  std::array<std::uint8_t, 16> tag{};
  std::array<std::uint8_t, 16> sig_kid{}; // alg 2
  std::array<std::uint8_t, 64> sig{};     // alg 2
};

// What the blob is bound to: the document, public fields (in policy order) and maybe the body.
struct Binding {
  std::string doc_id;
  std::vector<std::pair<std::string, std::string>> fields;
  std::string body; // Markdown after the front matter, CRLF already turned into LF
};

// Parses "v2:<base64>" with exact lengths; no cryptography.
std::variant<Envelope, FormatError> parse_v2(std::string_view value);
// The canonical text form of an envelope.
std::string serialize_v2(const Envelope& env);
// The envelope bytes (what the base64 encodes).
crypto::Bytes envelope_bytes(const Envelope& env);

// PASETO pre-authentication encoding: LE64(count) || for each: LE64(len) || bytes.
crypto::Bytes pae(const std::vector<crypto::ByteView>& parts);
crypto::Bytes bind_bytes(const Binding& binding, std::uint8_t flags);

struct Signer {
  crypto::SecretBytes seed; // Ed25519 private seed
};

// Seals `plaintext` (1..65536 bytes) under `key`; with `signer`, alg 2. `nonce` is random unless
// given (tests use the design note's vector). Returns nullopt on a crypto failure.
std::optional<Envelope> seal_v2(crypto::ByteView key, const Binding& binding,
                                crypto::ByteView plaintext, std::uint8_t flags,
                                const Signer* signer,
                                const std::array<std::uint8_t, 12>* nonce = nullptr);

// Opens with the AEAD key: the plaintext only when the tag verifies.
bool open_v2(const Envelope& env, crypto::ByteView key, const Binding& binding,
             crypto::SecretBytes& out);

// Verifies an alg-2 signature with a 32-byte public key.
bool verify_v2_signature(const Envelope& env, crypto::ByteView public_key, const Binding& binding);

} // namespace verity::secured

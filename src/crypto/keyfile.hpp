// Typed key files and the key ring a run uses. A key file is exactly:
//   secured-key 1\n alg=<alg>\n status=<active|decrypt-only|revoked>\n key=hex:<lowercase hex>\n
// LF only, one final LF, no BOM, spaces, unknown or repeated keys. The key length follows from alg.
// Secret key files are refused unless they are regular files owned by the user (or root), not
// group/world accessible, not symlinks, and at most 4 KiB (as OpenSSH does for private keys).
#pragma once

#include "crypto/openssl.hpp"

#include <array>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace verity::crypto {

enum class KeyAlg {
  Aes128CbcLegacy,
  Aes192CbcLegacy,
  Aes256CbcLegacy,
  Aes256Gcm,
  Ed25519Public,
  Ed25519Private
};
enum class KeyStatus { Active, DecryptOnly, Revoked };

std::string_view to_string(KeyAlg alg);
std::optional<KeyAlg> parse_key_alg(std::string_view text);
std::string_view to_string(KeyStatus status);
size_t key_length(KeyAlg alg);
bool is_secret(KeyAlg alg);
bool is_legacy(KeyAlg alg);

// A key file verity refuses: exit code 2, with a message that says how to fix it.
class KeyError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

struct Key {
  std::filesystem::path path;
  KeyAlg alg;
  KeyStatus status;
  SecretBytes material;               // the key (for ed25519-private: the 32-byte seed)
  std::array<std::uint8_t, 32> pub{}; // Ed25519 public key (both Ed25519 kinds)
  std::array<std::uint8_t, 16> kid{}; // derived, never declared
};

// Parses key file text (no file checks). Throws KeyError naming `name` and the line.
Key parse_key_file(std::string_view text, const std::string& name);

// Renders a key file.
std::string format_key_file(KeyAlg alg, KeyStatus status, const SecretBytes& material);

struct KeyLoadOptions {
  bool insecure_permissions = false; // --insecure-key-perms: warn instead of refusing
};

class KeyRing {
public:
  // Loads every *.key file in `dir`. Throws KeyError. `warnings` receives permission warnings
  // when insecure permissions are allowed.
  static KeyRing load(const std::filesystem::path& dir, const KeyLoadOptions& options,
                      std::vector<std::string>& warnings);

  const Key* find(std::initializer_list<KeyAlg> algs,
                  const std::array<std::uint8_t, 16>& kid) const;
  // The one active key of these algorithms (nullptr if none; KeyError if several).
  const Key* active(std::initializer_list<KeyAlg> algs) const;
  const std::vector<Key>& keys() const { return m_keys; }
  bool empty() const { return m_keys.empty(); }
  void add(Key key) { m_keys.push_back(std::move(key)); }

private:
  std::vector<Key> m_keys;
};

} // namespace verity::crypto

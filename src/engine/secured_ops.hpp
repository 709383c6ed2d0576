// Site-wide operations on `secured` values behind `verity secured ...`: pinning legacy blobs,
// sealing one document, and resealing every blob under the active key.
#pragma once

#include "config/config.hpp"
#include "crypto/keyfile.hpp"
#include "secured/pins.hpp"
#include "verity/document.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace verity::engine {

// The pin lockfile the run trusts: the working tree's, or with `pins_from` (--pins-from REV) the
// one committed at that git revision, so that a pull request cannot pin blobs of its own. nullopt
// when there is none; a malformed lockfile or an unknown revision is a ConfigError.
std::optional<secured::PinFile> load_pins(const config::Config& cfg,
                                          const std::optional<std::string>& pins_from);

// Loads one document of the site (any path under the root), with load findings in `out`.
Document load_site_document(const config::Config& cfg, const std::filesystem::path& file,
                            Findings& out);

struct PinSummary {
  size_t pinned = 0;
  size_t with_kid = 0;
  std::vector<std::string> skipped; // "file: reason" for values that are not valid v1
};

// Writes the lockfile for every v1 blob of the site (atomically). The key id is recorded when the
// key ring holds exactly one legacy key; blobs are never trial-decrypted to find one.
PinSummary pin_site(const config::Config& cfg, const crypto::KeyRing* keys);

// Seals `plaintext` into the document's `secured` field under the active aes-256-gcm key (signed
// by the active ed25519-private key when there is one, or when the policy requires it), writes the
// file atomically and drops a now obsolete pin. Throws UsageError/RunError with the reason.
void seal_document(const config::Config& cfg, const std::filesystem::path& file,
                   const crypto::KeyRing& keys, std::string_view plaintext);

struct ResealSummary {
  size_t resealed = 0;
  size_t current = 0; // already v2 under the active key: left alone (so re-running is safe)
  Findings problems;  // blobs that could not be opened, with the reason
};

// Rotates every blob to the active key (v1 -> v2 included), one atomic write per file.
// Legacy blobs are opened only when pinned by `load_pins(cfg, pins_from)`.
ResealSummary reseal_site(const config::Config& cfg, const crypto::KeyRing& keys,
                          const std::optional<std::string>& pins_from = std::nullopt);

} // namespace verity::engine

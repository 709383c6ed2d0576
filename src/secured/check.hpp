// The `secured` rules of `verity check`: strict format (always, no key needed), the legacy pin
// lockfile, policy, and with keys the v2 signature and (with --decrypt) AEAD and legacy
// decryption. Findings never contain a key, a plaintext or an OpenSSL error string.
#pragma once

#include "crypto/keyfile.hpp"
#include "secured/envelope.hpp"
#include "secured/pins.hpp"
#include "verity/document.hpp"
#include "verity/finding.hpp"

#include <optional>
#include <string>
#include <vector>

namespace verity::secured {

struct SecuredPolicy {
  std::string lockfile = "secured.lock"; // relative to the site root
  std::vector<std::string> fields;       // public fields bound into v2 blobs, in this order
  bool bind_body = false;                // v2 blobs must bind the document body
  int min_version = 1;                   // 2 = legacy v1 blobs are a policy finding
  int require_alg = 1;                   // 2 = v2 blobs must carry an Ed25519 signature
};

struct SecuredContext {
  const SecuredPolicy* policy = nullptr;
  const PinFile* pins = nullptr;         // nullptr: the site has no lockfile yet
  const crypto::KeyRing* keys = nullptr; // nullptr: no --keys given
  bool decrypt = false;                  // --decrypt: open AEAD and pinned legacy blobs
};

struct SecuredOutcome {
  bool had_v1 = false;
};

// The document id blobs are bound to: front matter `id` when present, else the site path.
std::string document_id(const Document& doc);

// The binding of a document under `policy`; a FormatError when a bound field is missing or not
// a scalar.
std::variant<Binding, FormatError> binding_for(const Document& doc, const SecuredPolicy& policy);

void check_secured(const Document& doc, const SecuredContext& ctx, Findings& out,
                   SecuredOutcome& outcome);

// Decrypts a document's blob for `verity secured decrypt` / `reseal`: the same checks as
// check_secured with --decrypt; on success the plaintext, else the findings say why.
std::optional<crypto::SecretBytes> decrypt_document(const Document& doc, const SecuredContext& ctx,
                                                    Findings& out);

} // namespace verity::secured

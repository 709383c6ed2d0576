// The `secured` rules of `verity check`: strict format (always, no key needed), the legacy pin
// lockfile, policy, and with keys the v2 signature and (with --decrypt) AEAD and legacy
// decryption. Findings never contain a key, a plaintext or an OpenSSL error string.
#pragma once

#include "config/secured_policy.hpp"
#include "crypto/keyfile.hpp"
#include "secured/envelope.hpp"
#include "secured/pins.hpp"
#include "verity/document.hpp"
#include "verity/finding.hpp"
#include "verity/record.hpp"

#include <optional>
#include <string>
#include <vector>

namespace verity::secured {

using SecuredPolicy = config::SecuredPolicy;

// The record check_secured keeps for each well-formed legacy v1 blob (the corpus check
// secured/no-lockfile reads them).
inline constexpr const char* k_legacy_blob_record = "legacy-blob";

struct SecuredContext {
  const SecuredPolicy* policy = nullptr;
  const PinFile* pins = nullptr;         // nullptr: the site has no lockfile yet
  const crypto::KeyRing* keys = nullptr; // nullptr: no --keys given
  bool decrypt = false;                  // --decrypt: open AEAD and pinned legacy blobs
};

// The document id blobs are bound to: front matter `id` when present, else the site path.
std::string document_id(const Document& doc);

// The binding of a document under `policy`; a FormatError when a bound field is missing or not
// a scalar.
std::variant<Binding, FormatError> binding_for(const Document& doc, const SecuredPolicy& policy);

// Findings for the `secured` field of `doc`; a well-formed legacy blob also leaves a record.
void check_secured(const Document& doc, const SecuredContext& ctx, Findings& out, Records& records);

// Decrypts a document's blob for `verity secured decrypt` / `reseal`: the same checks as
// check_secured with --decrypt; on success the plaintext, else the findings say why.
std::optional<crypto::SecretBytes> decrypt_document(const Document& doc, const SecuredContext& ctx,
                                                    Findings& out);

} // namespace verity::secured

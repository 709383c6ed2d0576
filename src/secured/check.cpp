#include "secured/check.hpp"

#include "crypto/primitives.hpp"
#include "frontmatter/document_finding.hpp"
#include "frontmatter/source_text.hpp"
#include "rules/catalogue.hpp"
#include "util/utf8.hpp"

#include <algorithm>

namespace verity::secured {
namespace {

const std::string k_pointer = "/secured";

// One message for every way a pinned legacy blob can fail after decryption, so the result says
// nothing about padding, encoding or content (no oracle).
const std::string k_invalid_message =
    "the legacy secured blob did not decrypt to valid content with its pinned key";

std::string type_name(const nlohmann::json& v) {
  if (v.is_null())
    return "null";
  if (v.is_object())
    return "a mapping";
  if (v.is_array())
    return "a list";
  if (v.is_boolean())
    return "a boolean";
  if (v.is_number())
    return "a number";
  return "a string";
}

struct Emitter {
  const Document& doc;
  Findings& out;
  void operator()(const rules::Rule& rule, std::string message) const {
    out.push_back(frontmatter::finding_at(doc, rule, k_pointer, std::move(message)));
  }
};

std::string kid_text(const std::array<std::uint8_t, 16>& kid) {
  return crypto::hex(kid);
}

// The key to use, or nullptr after the finding that says why not: unknown id (no-key) or a
// revoked key (policy). There is never a fallback to another key.
const crypto::Key* usable_key(const Emitter& emit, const crypto::Key* key, const std::string& kid,
                              const std::string& kind) {
  if (!key) {
    emit(rules::secured_no_key, "no " + kind + " key with id " + kid + " in the key directory");
    return nullptr;
  }
  if (key->status == crypto::KeyStatus::Revoked) {
    emit(rules::secured_policy, "the blob depends on " + kind + " key " + kid +
                                    ", which is revoked: reseal it under an active key");
    return nullptr;
  }
  return key;
}

// A plain or single-line quoted scalar, not a block scalar, anchor, alias or tag.
std::optional<std::string> shape_problem(const Document& doc, const nlohmann::json& value) {
  for (const auto& refused : doc.refused) {
    if (refused == k_pointer) {
      return "the secured value is an alias or tagged: it must be a plain or quoted string";
    }
  }
  for (const auto& duplicate : doc.duplicates) {
    if (duplicate == k_pointer) {
      return "the secured key appears twice: YAML parsers disagree on which one wins; keep one";
    }
  }
  if (!value.is_string()) {
    return "the secured value must be a string, got " + type_name(value);
  }
  std::string_view src = frontmatter::rest_of_line(doc, doc.map.find(k_pointer).value);
  if (!src.empty() && (src[0] == '|' || src[0] == '>')) {
    return "the secured value is a block scalar ('|' or '>'): write it on one line, in quotes";
  }
  if (!src.empty() && (src[0] == '&' || src[0] == '!' || src[0] == '*')) {
    return "the secured value carries an anchor, alias or tag: write the plain string";
  }
  if (!src.empty() && (src[0] == '"' || src[0] == '\'')) {
    // The closing quote must be on the same line: multi-line quoted scalars fold line breaks.
    size_t close = src.find(src[0], 1);
    if (close == std::string_view::npos) {
      return "the secured value spans several lines: write it on one line";
    }
  }
  return std::nullopt;
}

std::string format_message(const FormatError& e) {
  return "malformed secured value at byte " + std::to_string(e.offset) + ": " + e.rule;
}

void check_v1(const Document& doc, const std::string& value, const SecuredContext& ctx,
              const Emitter& emit, Records& records, crypto::SecretBytes* plaintext_out) {
  auto parsed = parse_v1(value);
  if (auto* e = std::get_if<FormatError>(&parsed)) {
    emit(rules::secured_format, format_message(*e));
    return;
  }
  const V1Blob& blob = std::get<V1Blob>(parsed);
  // A fact about the site (it has legacy blobs), not about this document: no strings, so that
  // 100k documents with blobs cost nothing, and the scan keeps it once.
  records.push_back({k_legacy_blob_record, "", "", "", {}});
  if (ctx.policy->min_version >= 2) {
    emit(rules::secured_policy,
         "legacy v1 blob where the policy requires v2 (min_version: 2): migrate "
         "it with `verity secured reseal`");
    return;
  }
  if (!ctx.pins) {
    return; // format checks only; one secured/no-lockfile note per run
  }
  std::string id = document_id(doc);
  const Pin* pin = ctx.pins->find(id);
  std::string hash = v1_pin_hash(blob);
  if (!pin || pin->hash != hash) {
    const std::string& lockfile =
        ctx.pins->source().empty() ? ctx.policy->lockfile : ctx.pins->source();
    emit(rules::secured_unpinned_legacy,
         std::string(pin ? "this legacy blob differs from the one pinned for '"
                         : "no legacy blob is pinned for '") +
             id + "' in " + lockfile +
             ": a new, edited or copied v1 blob is never decrypted; seal new content as v2, or "
             "re-pin from "
             "the trusted branch");
    return;
  }
  if (!ctx.decrypt || !ctx.keys) {
    return;
  }
  if (pin->kid.empty()) {
    emit(rules::secured_no_key,
         "the pin for '" + id + "' records no key id: re-pin with `verity secured pin --keys DIR`");
    return;
  }
  const crypto::Key* found = nullptr;
  for (const auto& k : ctx.keys->keys()) {
    if (crypto::is_legacy(k.alg) && kid_text(k.kid) == pin->kid) {
      found = &k;
    }
  }
  const crypto::Key* key = usable_key(emit, found, pin->kid, "legacy");
  if (!key) {
    return;
  }
  // Every step runs whatever the previous one found, and the verdict is taken once at the end:
  // padding and content failures take the same path to the same finding (no early exit).
  crypto::SecretBytes padded;
  bool ok =
      crypto::aes_cbc_decrypt_raw(crypto::ByteView(key->material.data(), key->material.size()),
                                  blob.iv, blob.ciphertext, padded);
  std::optional<size_t> len =
      crypto::pkcs7_unpad_ct(crypto::ByteView(padded.data(), padded.size()));
  bool utf8 = util::is_valid_utf8(padded.view().substr(0, len.value_or(padded.size())));
  bool good = ok & len.has_value() & utf8;
  if (!good) {
    emit(rules::secured_invalid, k_invalid_message);
    return;
  }
  if (plaintext_out) {
    padded.resize(*len);
    *plaintext_out = std::move(padded);
  }
}

void check_v2(const Document& doc, const std::string& value, const SecuredContext& ctx,
              const Emitter& emit, crypto::SecretBytes* plaintext_out) {
  auto parsed = parse_v2(value);
  if (auto* e = std::get_if<FormatError>(&parsed)) {
    emit(rules::secured_format, format_message(*e));
    return;
  }
  const Envelope& env = std::get<Envelope>(parsed);
  if (ctx.policy->require_alg >= 2 && env.alg != k_alg_gcm_ed25519) {
    emit(rules::secured_policy,
         "unsigned v2 blob (alg 0x01) where the policy requires a signature (require_alg: 2)");
    return;
  }
  if (ctx.policy->bind_body && !(env.flags & k_flag_body)) {
    emit(rules::secured_policy,
         "v2 blob does not bind the document body, which the policy requires (bind_body: true)");
    return;
  }
  auto binding = binding_for(doc, *ctx.policy);
  if (auto* e = std::get_if<FormatError>(&binding)) {
    emit(rules::secured_format, e->rule);
    return;
  }
  if (!ctx.keys) {
    return; // format and policy only
  }
  if (env.alg == k_alg_gcm_ed25519) {
    const crypto::Key* pub =
        usable_key(emit,
                   ctx.keys->find({crypto::KeyAlg::Ed25519Public, crypto::KeyAlg::Ed25519Private},
                                  env.sig_kid),
                   kid_text(env.sig_kid), "Ed25519");
    if (!pub) {
      return;
    }
    if (!verify_v2_signature(env, pub->pub, std::get<Binding>(binding))) {
      emit(rules::secured_auth,
           "the signature does not verify: the blob was altered, copied from another document, "
           "or a bound field or the body changed since it was sealed");
      return;
    }
  }
  if (!ctx.decrypt) {
    return;
  }
  const crypto::Key* key = usable_key(emit, ctx.keys->find({crypto::KeyAlg::Aes256Gcm}, env.kid),
                                      kid_text(env.kid), "aes-256-gcm");
  if (!key) {
    return;
  }
  crypto::SecretBytes plaintext;
  if (!open_v2(env, crypto::ByteView(key->material.data(), key->material.size()),
               std::get<Binding>(binding), plaintext)) {
    emit(rules::secured_auth,
         "the blob does not authenticate: it was altered, copied from another document, or a "
         "bound field or the body changed since it was sealed");
    return;
  }
  if (plaintext_out) {
    *plaintext_out = std::move(plaintext);
  }
}

void run(const Document& doc, const SecuredContext& ctx, Findings& out, Records& records,
         crypto::SecretBytes* plaintext) {
  if (!doc.parsed) {
    return;
  }
  auto it = doc.data.find("secured");
  if (it == doc.data.end()) {
    return;
  }
  Emitter emit{doc, out};
  if (auto problem = shape_problem(doc, *it)) {
    emit(rules::secured_format, *problem);
    return;
  }
  const std::string& value = it->get_ref<const std::string&>();
  switch (detect_version(value)) {
  case BlobVersion::V1:
    check_v1(doc, value, ctx, emit, records, plaintext);
    break;
  case BlobVersion::V2:
    check_v2(doc, value, ctx, emit, plaintext);
    break;
  case BlobVersion::Unknown:
    emit(rules::secured_format, "unknown secured version prefix '" +
                                    value.substr(0, value.find(':') + 1) +
                                    "' (verity reads legacy v1 and v2:)");
    break;
  }
}

} // namespace

std::string document_id(const Document& doc) {
  if (doc.parsed) {
    auto it = doc.data.find("id");
    if (it != doc.data.end() && it->is_string() && !it->get_ref<const std::string&>().empty()) {
      return it->get<std::string>();
    }
  }
  return doc.path;
}

std::variant<Binding, FormatError> binding_for(const Document& doc, const SecuredPolicy& policy) {
  Binding b;
  b.doc_id = document_id(doc);
  for (const auto& field : policy.fields) {
    if (field == "secured") {
      return FormatError{0, "the policy binds 'secured' itself, which is never bound"};
    }
    auto it = doc.data.find(field);
    if (it == doc.data.end() || it->is_structured() || it->is_null()) {
      return FormatError{0, "bound field '" + field + "' must be present once, as a scalar"};
    }
    b.fields.emplace_back(field, it->is_string() ? it->get<std::string>() : it->dump());
  }
  std::string_view body = doc.body();
  b.body.reserve(body.size());
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\r' && i + 1 < body.size() && body[i + 1] == '\n') {
      continue;
    }
    b.body += body[i];
  }
  return b;
}

void check_secured(const Document& doc, const SecuredContext& ctx, Findings& out,
                   Records& records) {
  run(doc, ctx, out, records, nullptr);
}

std::optional<crypto::SecretBytes> decrypt_document(const Document& doc, const SecuredContext& ctx,
                                                    Findings& out) {
  SecuredContext c = ctx;
  c.decrypt = true;
  Records records;
  crypto::SecretBytes plaintext;
  size_t before = out.size();
  run(doc, c, out, records, &plaintext);
  if (out.size() != before || plaintext.empty()) {
    return std::nullopt;
  }
  return plaintext;
}

} // namespace verity::secured

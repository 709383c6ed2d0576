#include "engine/secured_ops.hpp"

#include "engine/discover.hpp"
#include "frontmatter/loader.hpp"
#include "secured/blob.hpp"
#include "secured/check.hpp"
#include "secured/envelope.hpp"
#include "secured/no_lockfile.hpp"
#include "secured/rewrite.hpp"
#include "util/confine.hpp"
#include "util/file.hpp"
#include "verity/check.hpp"

#include <set>

namespace verity::engine {
namespace fs = std::filesystem;

std::optional<secured::PinFile> load_pins(const config::Config& cfg,
                                          const std::optional<std::string>& pins_from) {
  try {
    if (pins_from) {
      return secured::PinFile::at_revision(cfg.site_root, cfg.secured.lockfile, *pins_from);
    }
    return secured::PinFile::load(cfg.site_root / cfg.secured.lockfile);
  } catch (const secured::PinError& e) {
    throw config::ConfigError({e.what()});
  }
}

namespace {

void write_pins(const config::Config& cfg, const secured::PinFile& pins) {
  try {
    util::write_file_atomic(cfg.site_root / cfg.secured.lockfile, pins.render());
  } catch (const std::exception& e) {
    throw RunError(e.what());
  }
}

const crypto::Key* active_signer(const config::Config& cfg, const crypto::KeyRing& keys) {
  const crypto::Key* signer = keys.active({crypto::KeyAlg::Ed25519Private});
  if (!signer && cfg.secured.require_alg >= 2) {
    throw UsageError(
        "the policy requires signed blobs (require_alg: 2) but the key directory has no active "
        "ed25519-private key: create one with `verity secured keygen --alg ed25519-private`");
  }
  return signer;
}

// Seals and rewrites; returns the new file content.
std::string sealed_content(const config::Config& cfg, const Document& doc,
                           const crypto::KeyRing& keys, crypto::ByteView plaintext) {
  const crypto::Key* key = keys.active({crypto::KeyAlg::Aes256Gcm});
  if (!key) {
    throw UsageError("no active aes-256-gcm key in the key directory: create one with "
                     "`verity secured keygen --alg aes-256-gcm`");
  }
  const crypto::Key* signer_key = active_signer(cfg, keys);
  auto binding = secured::binding_for(doc, cfg.secured);
  if (auto* e = std::get_if<secured::FormatError>(&binding)) {
    throw UsageError(doc.path + ": " + e->rule);
  }
  std::optional<secured::Signer> signer;
  if (signer_key) {
    signer = secured::Signer{signer_key->material};
  }
  auto env = secured::seal_v2(crypto::ByteView(key->material.data(), key->material.size()),
                              std::get<secured::Binding>(binding), plaintext,
                              cfg.secured.bind_body ? secured::k_flag_body : 0,
                              signer ? &*signer : nullptr);
  if (!env) {
    throw RunError(doc.path + ": sealing failed");
  }
  auto content = secured::with_secured_value(doc, secured::serialize_v2(*env));
  if (!content) {
    throw UsageError(doc.path +
                     ": the document has no front matter, or its secured value is not a one-line "
                     "string: fix it first");
  }
  return *content;
}

} // namespace

Document load_site_document(const config::Config& cfg, const fs::path& file, Findings& out) {
  auto rel = util::relative_within(cfg.site_root, file);
  if (!rel || rel->empty()) {
    throw UsageError(file.string() + " is not a document under the site root " +
                     cfg.site_root.string());
  }
  frontmatter::LoadOptions load;
  load.limits = cfg.limits;
  return frontmatter::load_document(fs::absolute(file).lexically_normal(), *rel, load, out);
}

PinSummary pin_site(const config::Config& cfg, const crypto::KeyRing* keys) {
  std::string kid;
  if (keys) {
    const crypto::Key* only = nullptr;
    size_t legacy = 0;
    for (const auto& k : keys->keys()) {
      if (crypto::is_legacy(k.alg)) {
        only = &k;
        ++legacy;
      }
    }
    if (legacy == 1) {
      kid = crypto::hex(only->kid);
    }
  }
  PinSummary summary;
  secured::PinFile pins;
  std::shared_ptr<const Discovery> site = discover(cfg);
  for (const auto& src : site->files) {
    if (src.data) {
      continue;
    }
    Findings ignored;
    frontmatter::LoadOptions load;
    load.limits = cfg.limits;
    Document doc = frontmatter::load_document(src.absolute, src.relative, load, ignored);
    if (!doc.parsed || !doc.data.contains("secured") || !doc.data["secured"].is_string()) {
      continue;
    }
    const std::string& value = doc.data["secured"].get_ref<const std::string&>();
    if (secured::detect_version(value) != secured::BlobVersion::V1) {
      continue;
    }
    auto parsed = secured::parse_v1(value);
    if (auto* e = std::get_if<secured::FormatError>(&parsed)) {
      summary.skipped.push_back(doc.path + ": " + e->rule);
      continue;
    }
    pins.set(secured::document_id(doc),
             {secured::v1_pin_hash(std::get<secured::V1Blob>(parsed)), kid});
    ++summary.pinned;
    summary.with_kid += kid.empty() ? 0 : 1;
  }
  write_pins(cfg, pins);
  return summary;
}

void seal_document(const config::Config& cfg, const fs::path& file, const crypto::KeyRing& keys,
                   std::string_view plaintext) {
  if (plaintext.empty() || plaintext.size() > secured::k_max_plaintext) {
    throw UsageError("the plaintext must be 1 to 65536 bytes, got " +
                     std::to_string(plaintext.size()));
  }
  Findings load_findings;
  Document doc = load_site_document(cfg, file, load_findings);
  if (!doc.parsed) {
    throw UsageError(doc.path +
                     ": the front matter does not parse; run `verity check` on it first");
  }
  std::string content = sealed_content(cfg, doc, keys, crypto::as_bytes(plaintext));
  try {
    util::write_file_atomic(fs::absolute(file), content);
  } catch (const std::exception& e) {
    throw RunError(e.what());
  }
  auto pins = load_pins(cfg, std::nullopt);
  if (pins && pins->find(secured::document_id(doc))) {
    pins->erase(secured::document_id(doc));
    write_pins(cfg, *pins);
  }
}

ResealSummary reseal_site(const config::Config& cfg, const crypto::KeyRing& keys,
                          const std::optional<std::string>& pins_from) {
  const crypto::Key* key = keys.active({crypto::KeyAlg::Aes256Gcm});
  if (!key) {
    throw UsageError("no active aes-256-gcm key in the key directory: create one with "
                     "`verity secured keygen --alg aes-256-gcm`");
  }
  const crypto::Key* signer = active_signer(cfg, keys);
  auto pins = load_pins(cfg, pins_from);
  secured::SecuredContext ctx{&cfg.secured, pins ? &*pins : nullptr, &keys, true};
  ResealSummary summary;
  std::set<std::string> still_v1;
  std::shared_ptr<const Discovery> site = discover(cfg);
  for (const auto& src : site->files) {
    if (src.data) {
      continue;
    }
    Findings load_findings;
    frontmatter::LoadOptions load;
    load.limits = cfg.limits;
    Document doc = frontmatter::load_document(src.absolute, src.relative, load, load_findings);
    if (!doc.parsed || !doc.data.contains("secured")) {
      continue;
    }
    const auto& value = doc.data["secured"];
    bool v1 = value.is_string() &&
              secured::detect_version(value.get<std::string>()) == secured::BlobVersion::V1;
    if (value.is_string() && !v1) {
      auto parsed = secured::parse_v2(value.get<std::string>());
      if (auto* env = std::get_if<secured::Envelope>(&parsed)) {
        bool signed_ok = signer
                             ? env->alg == secured::k_alg_gcm_ed25519 && env->sig_kid == signer->kid
                             : env->alg == secured::k_alg_gcm;
        bool flags_ok = (env->flags & secured::k_flag_body) ==
                        (cfg.secured.bind_body ? secured::k_flag_body : 0);
        if (env->kid == key->kid && signed_ok && flags_ok) {
          ++summary.current;
          continue;
        }
      }
    }
    if (v1) {
      still_v1.insert(secured::document_id(doc));
    }
    if (v1 && !pins) {
      summary.problems.push_back(secured::no_lockfile_for_document(doc.path));
      continue;
    }
    auto plaintext = secured::decrypt_document(doc, ctx, summary.problems);
    if (!plaintext) {
      continue;
    }
    std::string content =
        sealed_content(cfg, doc, keys, crypto::ByteView(plaintext->data(), plaintext->size()));
    try {
      util::write_file_atomic(src.absolute, content);
    } catch (const std::exception& e) {
      throw RunError(e.what());
    }
    ++summary.resealed;
    if (v1) {
      still_v1.erase(secured::document_id(doc));
    }
  }
  // Pins go after the files they describe are rewritten: an interrupted run leaves stale pins for
  // migrated documents (harmless, and removed by the next run), never a missing pin for a v1 blob.
  if (pins) {
    secured::PinFile kept;
    for (const auto& id : still_v1) {
      if (const secured::Pin* pin = pins->find(id)) {
        kept.set(id, *pin);
      }
    }
    if (kept.size() != pins->size()) {
      write_pins(cfg, kept);
    }
  }
  return summary;
}

} // namespace verity::engine

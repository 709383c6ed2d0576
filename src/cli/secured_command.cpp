// `verity secured ...`: pin, keygen, seal, reseal, inspect, decrypt. Plaintext is printed only by
// `decrypt --reveal`; keys are never printed.
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "crypto/keyfile.hpp"
#include "crypto/primitives.hpp"
#include "engine/secured_ops.hpp"
#include "engine/site.hpp"
#include "secured/blob.hpp"
#include "secured/check.hpp"
#include "secured/envelope.hpp"
#include "secured/no_lockfile.hpp"
#include "util/file.hpp"
#include "util/logging.hpp"
#include "util/printable.hpp"
#include "verity/check.hpp"

#include <iostream>
#include <iterator>
#include <memory>

namespace verity::cli {
namespace fs = std::filesystem;

namespace {

struct SecuredFlags {
  std::string path;
  std::string config;
  std::string keys;
  bool insecure_key_perms = false;
  std::string alg = "aes-256-gcm";
  std::string status = "active";
  std::string out;
  std::string input = "-";
  bool reveal = false;
  std::string pins_from;
};

std::optional<std::string> pins_from(const SecuredFlags& f) {
  return f.pins_from.empty() ? std::nullopt : std::optional(f.pins_from);
}

crypto::KeyRing load_keys(const SecuredFlags& f, bool required) {
  if (f.keys.empty()) {
    if (required) {
      throw UsageError("this command needs keys: give --keys DIR or set VERITY_KEYS");
    }
    return {};
  }
  std::vector<std::string> warnings;
  auto ring = crypto::KeyRing::load(f.keys, {f.insecure_key_perms}, warnings);
  for (const auto& w : warnings) {
    spdlog::warn("{}", w);
  }
  return ring;
}

config::Config site_for(const SecuredFlags& f) {
  std::vector<fs::path> paths;
  if (!f.path.empty()) {
    paths.emplace_back(f.path);
  }
  return engine::open_site(paths, f.config);
}

std::string read_plaintext(const std::string& input) {
  std::string text;
  if (input == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    auto r = util::read_file(input, secured::k_max_plaintext + 1);
    if (r.status != util::ReadResult::Status::Ok) {
      throw UsageError(input + ": cannot read the plaintext" +
                       (r.error.empty() ? " (over 64 KiB)" : ": " + r.error));
    }
    text = std::move(r.bytes);
  }
  return text;
}

ExitCode print_findings(const Findings& findings) {
  for (const auto& f : findings) {
    std::cerr << util::printable(f.file) << ": " << to_string(f.severity) << " [" << f.rule << "] "
              << util::printable(f.message) << "\n";
  }
  return findings.empty() ? ExitCode::Ok : ExitCode::Findings;
}

ExitCode pin(const SecuredFlags& f) {
  config::Config cfg = site_for(f);
  crypto::KeyRing keys = load_keys(f, false);
  auto summary = engine::pin_site(cfg, f.keys.empty() ? nullptr : &keys);
  for (const auto& s : summary.skipped) {
    std::cerr << "verity: not pinned (malformed): " << util::printable(s) << "\n";
  }
  emit("-", "pinned " + std::to_string(summary.pinned) + " legacy blobs in " +
                (cfg.site_root / cfg.secured.lockfile).string() + " (" +
                std::to_string(summary.with_kid) + " with a key id); review and commit it\n");
  return summary.skipped.empty() ? ExitCode::Ok : ExitCode::Findings;
}

ExitCode keygen(const SecuredFlags& f) {
  auto alg = crypto::parse_key_alg(f.alg);
  if (!alg || *alg == crypto::KeyAlg::Ed25519Public) {
    throw UsageError("--alg must be aes-256-gcm, ed25519-private or aes-{128,192,256}-cbc-legacy");
  }
  crypto::KeyStatus status = f.status == "active"         ? crypto::KeyStatus::Active
                             : f.status == "decrypt-only" ? crypto::KeyStatus::DecryptOnly
                                                          : crypto::KeyStatus::Revoked;
  fs::path out(f.out);
  std::error_code ec;
  if (fs::exists(out, ec)) {
    throw UsageError(out.string() + " exists: not overwritten");
  }
  crypto::SecretBytes material(crypto::key_length(*alg));
  if (!crypto::random_bytes({material.data(), material.size()})) {
    throw RunError("the system random generator failed");
  }
  try {
    util::write_file_atomic(out, crypto::format_key_file(*alg, status, material), 0600);
    std::string message = "wrote " + out.string() + " (" + f.alg + ", " + f.status + ", mode 0600)";
    if (*alg == crypto::KeyAlg::Ed25519Private) {
      std::array<std::uint8_t, 32> pub{};
      crypto::ed25519_public_from_seed({material.data(), material.size()}, pub);
      fs::path pub_path = out.parent_path() / (out.stem().string() + "-public.key");
      util::write_file_atomic(pub_path,
                              crypto::format_key_file(crypto::KeyAlg::Ed25519Public, status,
                                                      crypto::SecretBytes(pub.data(), pub.size())),
                              0644);
      message += " and its public key " + pub_path.string() + " (safe to share with CI)";
    }
    emit("-", message + "\n");
  } catch (const std::exception& e) {
    throw RunError(e.what());
  }
  return ExitCode::Ok;
}

ExitCode seal(const SecuredFlags& f) {
  config::Config cfg = site_for(f);
  crypto::KeyRing keys = load_keys(f, true);
  std::string plaintext = read_plaintext(f.input);
  engine::seal_document(cfg, f.path, keys, plaintext);
  OPENSSL_cleanse(plaintext.data(), plaintext.size());
  emit("-", "sealed " + f.path + "\n");
  return ExitCode::Ok;
}

ExitCode reseal(const SecuredFlags& f) {
  config::Config cfg = site_for(f);
  crypto::KeyRing keys = load_keys(f, true);
  auto summary = engine::reseal_site(cfg, keys, pins_from(f));
  emit("-", "resealed " + std::to_string(summary.resealed) + " blobs; " +
                std::to_string(summary.current) + " already current; " +
                std::to_string(summary.problems.size()) + " could not be opened\n");
  return print_findings(summary.problems);
}

ExitCode inspect(const SecuredFlags& f) {
  config::Config cfg = site_for(f);
  Findings findings;
  Document doc = engine::load_site_document(cfg, f.path, findings);
  if (!doc.parsed || !doc.data.contains("secured") || !doc.data["secured"].is_string()) {
    throw UsageError(f.path + ": no secured string in the front matter");
  }
  std::string value = doc.data["secured"].get<std::string>();
  nlohmann::ordered_json j;
  j["file"] = doc.path;
  j["doc_id"] = secured::document_id(doc);
  if (secured::detect_version(value) == secured::BlobVersion::V1) {
    auto parsed = secured::parse_v1(value);
    j["version"] = 1;
    if (auto* e = std::get_if<secured::FormatError>(&parsed)) {
      j["format_error"] = {{"offset", e->offset}, {"rule", e->rule}};
    } else {
      const auto& b = std::get<secured::V1Blob>(parsed);
      j["algorithm"] = "AES-CBC (key size from the key file), PKCS#7, no MAC";
      j["ciphertext_bytes"] = b.ciphertext.size();
      j["iv_bytes"] = b.iv.size();
      j["pin_hash"] = secured::v1_pin_hash(b);
    }
  } else {
    auto parsed = secured::parse_v2(value);
    j["version"] = 2;
    if (auto* e = std::get_if<secured::FormatError>(&parsed)) {
      j["format_error"] = {{"offset", e->offset}, {"rule", e->rule}};
    } else {
      const auto& env = std::get<secured::Envelope>(parsed);
      j["algorithm"] = env.alg == secured::k_alg_gcm ? "AES-256-GCM" : "AES-256-GCM + Ed25519";
      j["body_bound"] = (env.flags & secured::k_flag_body) != 0;
      j["kid"] = crypto::hex(env.kid);
      j["ciphertext_bytes"] = env.ciphertext.size();
      j["tag_bytes"] = env.tag.size();
      if (env.alg == secured::k_alg_gcm_ed25519) {
        j["signature_kid"] = crypto::hex(env.sig_kid);
      }
      j["bound_fields"] = cfg.secured.fields;
    }
  }
  emit("-", j.dump(2) + "\n");
  return j.contains("format_error") ? ExitCode::Findings : ExitCode::Ok;
}

ExitCode decrypt(const SecuredFlags& f) {
  config::Config cfg = site_for(f);
  crypto::KeyRing keys = load_keys(f, true);
  std::optional<secured::PinFile> pins = engine::load_pins(cfg, pins_from(f));
  Findings findings;
  Document doc = engine::load_site_document(cfg, f.path, findings);
  if (!doc.parsed || !doc.data.contains("secured")) {
    throw UsageError(f.path + ": no secured value in the front matter");
  }
  secured::SecuredContext ctx{&cfg.secured, pins ? &*pins : nullptr, &keys, true};
  auto plaintext = secured::decrypt_document(doc, ctx, findings);
  if (!plaintext) {
    if (findings.empty()) {
      findings.push_back(secured::no_lockfile_for_document(doc.path));
    }
    return print_findings(findings);
  }
  if (f.reveal) {
    std::cout.write(reinterpret_cast<const char*>(plaintext->data()),
                    static_cast<std::streamsize>(plaintext->size()));
    std::cout.flush();
  } else {
    emit("-", "decrypted and authenticated " + std::to_string(plaintext->size()) +
                  " bytes; add --reveal to print the plaintext\n");
  }
  return ExitCode::Ok;
}

} // namespace

Action add_secured_command(CLI::App& app) {
  auto f = std::make_shared<SecuredFlags>();
  CLI::App* cmd = app.add_subcommand(
      "secured", "Work with the secured field: pin, keygen, seal, reseal, inspect, decrypt");
  cmd->require_subcommand(1);
  auto with_site = [&](CLI::App* sub) {
    sub->add_option("--config", f->config, "verity.yaml to use")->check(CLI::ExistingFile);
  };
  auto with_keys = [&](CLI::App* sub) {
    sub->add_option("--keys", f->keys, "Directory of typed key files (default: $VERITY_KEYS)")
        ->envname("VERITY_KEYS");
    sub->add_flag("--insecure-key-perms", f->insecure_key_perms,
                  "Accept group/world-readable secret key files");
  };
  auto with_pins = [&](CLI::App* sub) {
    sub->add_option("--pins-from", f->pins_from,
                    "Trust only the legacy pins committed at this git revision (the base branch), "
                    "not the working tree's lockfile");
  };
  CLI::App* pin_cmd =
      cmd->add_subcommand("pin", "Write the legacy pin lockfile from the current (trusted) tree");
  pin_cmd->add_option("path", f->path, "Site directory (default: current)");
  with_site(pin_cmd);
  with_keys(pin_cmd);
  CLI::App* keygen_cmd = cmd->add_subcommand("keygen", "Create a typed key file (mode 0600)");
  keygen_cmd->add_option("--alg", f->alg,
                         "aes-256-gcm, ed25519-private or aes-{128,192,256}-cbc-legacy");
  keygen_cmd->add_option("--status", f->status, "active, decrypt-only or revoked")
      ->check(CLI::IsMember({"active", "decrypt-only", "revoked"}));
  keygen_cmd->add_option("-o,--out", f->out, "Key file to create (ends in .key)")->required();
  CLI::App* seal_cmd =
      cmd->add_subcommand("seal", "Encrypt a plaintext into a document's secured field (v2)");
  seal_cmd->add_option("file", f->path, "The document")->required();
  seal_cmd->add_option("-i,--input", f->input, "Plaintext file, or - for standard input (default)");
  with_site(seal_cmd);
  with_keys(seal_cmd);
  CLI::App* reseal_cmd =
      cmd->add_subcommand("reseal", "Re-encrypt every blob under the active key (v1 -> v2 too)");
  reseal_cmd->add_option("path", f->path, "Site directory (default: current)");
  with_site(reseal_cmd);
  with_keys(reseal_cmd);
  with_pins(reseal_cmd);
  CLI::App* inspect_cmd =
      cmd->add_subcommand("inspect", "Show a blob's version, algorithm, key id and lengths");
  inspect_cmd->add_option("file", f->path, "The document")->required();
  with_site(inspect_cmd);
  CLI::App* decrypt_cmd = cmd->add_subcommand("decrypt", "Verify and decrypt a document's blob");
  decrypt_cmd->add_option("file", f->path, "The document")->required();
  decrypt_cmd->add_flag("--reveal", f->reveal, "Print the plaintext on standard output");
  with_site(decrypt_cmd);
  with_keys(decrypt_cmd);
  with_pins(decrypt_cmd);
  return [=] {
    util::init_logging(util::Verbosity::Normal);
    if (pin_cmd->parsed())
      return pin(*f);
    if (keygen_cmd->parsed())
      return keygen(*f);
    if (seal_cmd->parsed())
      return seal(*f);
    if (reseal_cmd->parsed())
      return reseal(*f);
    if (inspect_cmd->parsed())
      return inspect(*f);
    if (decrypt_cmd->parsed())
      return decrypt(*f);
    return ExitCode::UsageError;
  };
}

} // namespace verity::cli

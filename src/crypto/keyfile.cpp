#include "crypto/keyfile.hpp"

#include "crypto/kid.hpp"
#include "crypto/primitives.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace verity::crypto {
namespace fs = std::filesystem;

namespace {

constexpr size_t k_max_key_file = 4096;

struct AlgName {
  KeyAlg alg;
  std::string_view name;
  size_t length;
};
constexpr AlgName k_algs[] = {{KeyAlg::Aes128CbcLegacy, "aes-128-cbc-legacy", 16},
                              {KeyAlg::Aes192CbcLegacy, "aes-192-cbc-legacy", 24},
                              {KeyAlg::Aes256CbcLegacy, "aes-256-cbc-legacy", 32},
                              {KeyAlg::Aes256Gcm, "aes-256-gcm", 32},
                              {KeyAlg::Ed25519Public, "ed25519-public", 32},
                              {KeyAlg::Ed25519Private, "ed25519-private", 32}};

int hex_digit(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1; // uppercase is refused: one encoding only
}

} // namespace

std::string_view to_string(KeyAlg alg) {
  for (const auto& a : k_algs) {
    if (a.alg == alg)
      return a.name;
  }
  return "?";
}
std::optional<KeyAlg> parse_key_alg(std::string_view text) {
  for (const auto& a : k_algs) {
    if (a.name == text)
      return a.alg;
  }
  return std::nullopt;
}
size_t key_length(KeyAlg alg) {
  for (const auto& a : k_algs) {
    if (a.alg == alg)
      return a.length;
  }
  return 0;
}
std::string_view to_string(KeyStatus s) {
  return s == KeyStatus::Active        ? "active"
         : s == KeyStatus::DecryptOnly ? "decrypt-only"
                                       : "revoked";
}
bool is_secret(KeyAlg alg) {
  return alg != KeyAlg::Ed25519Public;
}
bool is_legacy(KeyAlg alg) {
  return alg == KeyAlg::Aes128CbcLegacy || alg == KeyAlg::Aes192CbcLegacy ||
         alg == KeyAlg::Aes256CbcLegacy;
}

Key parse_key_file(std::string_view text, const std::string& name) {
  auto fail = [&](int line, const std::string& what) -> KeyError {
    return KeyError(
        name + (line > 0 ? ":" + std::to_string(line) : "") + ": " + what +
        " (expected: 'secured-key 1', then alg=, status=, key=hex:..., one per line, LF "
        "line ends; create one with `verity secured keygen`)");
  };
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    throw fail(1, "byte order mark");
  }
  if (text.find('\r') != std::string_view::npos) {
    throw fail(0, "CR line ends");
  }
  if (text.empty() || text.back() != '\n' || (text.size() > 1 && text[text.size() - 2] == '\n')) {
    throw fail(0, "the file must end with exactly one line feed");
  }
  std::vector<std::string_view> lines;
  for (size_t start = 0; start < text.size();) {
    size_t nl = text.find('\n', start);
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  if (lines.empty() || lines[0] != "secured-key 1") {
    throw fail(1, "first line must be 'secured-key 1'");
  }
  std::optional<KeyAlg> alg;
  std::optional<KeyStatus> status;
  std::string_view material;
  bool have_key = false;
  for (size_t i = 1; i < lines.size(); ++i) {
    int ln = static_cast<int>(i) + 1;
    std::string_view l = lines[i];
    size_t eq = l.find('=');
    if (eq == std::string_view::npos || l.find(' ') != std::string_view::npos ||
        l.find('\t') != std::string_view::npos) {
      throw fail(ln, "malformed line (no spaces; name=value)");
    }
    std::string_view k = l.substr(0, eq), v = l.substr(eq + 1);
    if (k == "alg") {
      if (alg)
        throw fail(ln, "duplicate alg");
      alg = parse_key_alg(v);
      if (!alg)
        throw fail(ln, "unknown alg '" + std::string(v) + "'");
    } else if (k == "status") {
      if (status)
        throw fail(ln, "duplicate status");
      if (v == "active")
        status = KeyStatus::Active;
      else if (v == "decrypt-only")
        status = KeyStatus::DecryptOnly;
      else if (v == "revoked")
        status = KeyStatus::Revoked;
      else
        throw fail(ln, "unknown status '" + std::string(v) + "'");
    } else if (k == "key") {
      if (have_key)
        throw fail(ln, "duplicate key");
      if (v.substr(0, 4) != "hex:")
        throw fail(ln, "key material must start with 'hex:'");
      material = v.substr(4);
      have_key = true;
    } else {
      throw fail(ln, "unknown field '" + std::string(k) + "'");
    }
  }
  if (!alg || !status || !have_key) {
    throw fail(0, "alg, status and key are all required");
  }
  size_t len = key_length(*alg);
  if (material.size() != 2 * len) {
    throw fail(0, "alg " + std::string(to_string(*alg)) + " needs " + std::to_string(len) +
                      " bytes (" + std::to_string(2 * len) + " lowercase hex digits), got " +
                      std::to_string(material.size()) + " digits");
  }
  Key key;
  key.alg = *alg;
  key.status = *status;
  key.material = SecretBytes(len);
  for (size_t i = 0; i < len; ++i) {
    int hi = hex_digit(material[2 * i]), lo = hex_digit(material[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      throw fail(0, "key material is not lowercase hex");
    }
    key.material.data()[i] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  ByteView m(key.material.data(), key.material.size());
  switch (key.alg) {
  case KeyAlg::Aes256Gcm:
    key.kid = kid_aes_gcm(m);
    break;
  case KeyAlg::Ed25519Public:
    std::copy(m.begin(), m.end(), key.pub.begin());
    key.kid = kid_ed25519(m);
    break;
  case KeyAlg::Ed25519Private:
    if (!ed25519_public_from_seed(m, key.pub)) {
      throw fail(0, "not a valid Ed25519 seed");
    }
    key.kid = kid_ed25519(key.pub);
    break;
  default:
    key.kid = kid_legacy(m);
  }
  return key;
}

std::string format_key_file(KeyAlg alg, KeyStatus status, const SecretBytes& material) {
  return "secured-key 1\nalg=" + std::string(to_string(alg)) +
         "\nstatus=" + std::string(to_string(status)) +
         "\nkey=hex:" + hex(ByteView(material.data(), material.size())) + "\n";
}

KeyRing KeyRing::load(const fs::path& dir, const KeyLoadOptions& options,
                      std::vector<std::string>& warnings) {
  KeyRing ring;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw KeyError(dir.string() + ": not a directory of key files (--keys or VERITY_KEYS)");
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".key") {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::string name = path.string();
    int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
      if (errno == ELOOP) {
        throw KeyError(name +
                       ": is a symlink; key files must be regular files (copy the key instead)");
      }
      throw KeyError(name + ": cannot open: " + std::strerror(errno));
    }
    struct Closer {
      int fd;
      ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      throw KeyError(name + ": not a regular file");
    }
    if (st.st_size > static_cast<off_t>(k_max_key_file)) {
      throw KeyError(name + ": larger than 4 KiB, not a key file");
    }
    std::string text(static_cast<size_t>(st.st_size), '\0');
    if (::read(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
      throw KeyError(name + ": cannot read");
    }
    Key key = parse_key_file(text, name);
    OPENSSL_cleanse(text.data(), text.size());
    if (is_secret(key.alg)) {
      char mode[8];
      std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
      std::string problem;
      if (st.st_uid != ::geteuid() && st.st_uid != 0) {
        problem =
            name + ": owned by uid " + std::to_string(st.st_uid) + ", not by you: fix with chown";
      } else if ((st.st_mode & 077) != 0) {
        problem = std::string("Permissions ") + mode + " for '" + name +
                  "' are too open: a secret key must be readable by its owner only (chmod 600 " +
                  name + ")";
      }
      if (!problem.empty()) {
        if (!options.insecure_permissions) {
          throw KeyError(problem);
        }
        warnings.push_back(problem + " [accepted: --insecure-key-perms]");
      }
    }
    key.path = path;
    ring.m_keys.push_back(std::move(key));
  }
  return ring;
}

const Key* KeyRing::find(std::initializer_list<KeyAlg> algs,
                         const std::array<std::uint8_t, 16>& kid) const {
  for (const auto& k : m_keys) {
    if (std::find(algs.begin(), algs.end(), k.alg) != algs.end() && equal_ct(k.kid, kid)) {
      return &k;
    }
  }
  return nullptr;
}

const Key* KeyRing::active(std::initializer_list<KeyAlg> algs) const {
  const Key* found = nullptr;
  for (const auto& k : m_keys) {
    if (k.status == KeyStatus::Active && std::find(algs.begin(), algs.end(), k.alg) != algs.end()) {
      if (found) {
        throw KeyError("two active keys of the same kind (" + found->path.string() + ", " +
                       k.path.string() + "): demote one to status=decrypt-only");
      }
      found = &k;
    }
  }
  return found;
}

} // namespace verity::crypto

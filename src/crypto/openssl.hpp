// One RAII owner per OpenSSL handle type, and a cleansing byte buffer for secrets. OpenSSL error
// codes stop here: callers get bool/optional, never ERR_* strings (they would leak which check
// failed, and reports must not carry them).
#pragma once

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace verity::crypto {

struct CipherCtxDeleter {
  void operator()(EVP_CIPHER_CTX* p) const { EVP_CIPHER_CTX_free(p); }
};
struct PkeyDeleter {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

// Bytes that are wiped with OPENSSL_cleanse when they go away: keys and plaintexts.
class SecretBytes {
public:
  SecretBytes() = default;
  explicit SecretBytes(size_t n) : m_bytes(n) {}
  SecretBytes(const std::uint8_t* p, size_t n) : m_bytes(p, p + n) {}
  ~SecretBytes() { wipe(); }
  SecretBytes(const SecretBytes& o) : m_bytes(o.m_bytes) {}
  SecretBytes& operator=(const SecretBytes& o) {
    if (this != &o) {
      wipe();
      m_bytes = o.m_bytes;
    }
    return *this;
  }
  SecretBytes(SecretBytes&& o) noexcept : m_bytes(std::move(o.m_bytes)) {}
  SecretBytes& operator=(SecretBytes&& o) noexcept {
    wipe();
    m_bytes = std::move(o.m_bytes);
    return *this;
  }

  std::uint8_t* data() { return m_bytes.data(); }
  const std::uint8_t* data() const { return m_bytes.data(); }
  size_t size() const { return m_bytes.size(); }
  bool empty() const { return m_bytes.empty(); }
  void resize(size_t n) {
    if (n < m_bytes.size()) {
      OPENSSL_cleanse(m_bytes.data() + n, m_bytes.size() - n);
    }
    m_bytes.resize(n);
  }
  void wipe() {
    if (!m_bytes.empty()) {
      OPENSSL_cleanse(m_bytes.data(), m_bytes.size());
    }
    m_bytes.clear();
  }
  std::string_view view() const {
    return {reinterpret_cast<const char*>(m_bytes.data()), m_bytes.size()};
  }

private:
  std::vector<std::uint8_t> m_bytes;
};

} // namespace verity::crypto

#include "crypto/primitives.hpp"

#include <climits>
#include <openssl/err.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

namespace verity::crypto {
namespace {

const EVP_CIPHER* cbc_for(size_t key_size) {
  switch (key_size) {
  case 16:
    return EVP_aes_128_cbc();
  case 24:
    return EVP_aes_192_cbc();
  case 32:
    return EVP_aes_256_cbc();
  default:
    return nullptr;
  }
}

bool fits_int(size_t n) {
  return n <= static_cast<size_t>(INT_MAX / 2);
}

// Every expected failure leaves the error queue empty, so nothing can leak through it.
bool failed() {
  ERR_clear_error();
  return false;
}

} // namespace

std::array<std::uint8_t, 32> sha256(ByteView data) {
  std::array<std::uint8_t, 32> out{};
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha256(), nullptr);
  return out;
}

std::array<std::uint8_t, 32> hmac_sha256(ByteView key, ByteView data) {
  std::array<std::uint8_t, 32> out{};
  size_t len = 0;
  EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key.data(), key.size(), data.data(),
            data.size(), out.data(), out.size(), &len);
  return out;
}

bool aes_cbc_decrypt_raw(ByteView key, ByteView iv, ByteView ct, SecretBytes& out) {
  const EVP_CIPHER* cipher = cbc_for(key.size());
  if (!cipher || iv.size() != 16 || ct.empty() || ct.size() % 16 != 0 || !fits_int(ct.size())) {
    return false;
  }
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  SecretBytes buf(ct.size() + 16);
  int n1 = 0, n2 = 0;
  if (!ctx || EVP_DecryptInit_ex2(ctx.get(), cipher, key.data(), iv.data(), nullptr) != 1 ||
      EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1 ||
      EVP_DecryptUpdate(ctx.get(), buf.data(), &n1, ct.data(), static_cast<int>(ct.size())) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), buf.data() + n1, &n2) != 1) {
    return failed();
  }
  buf.resize(static_cast<size_t>(n1 + n2));
  out = std::move(buf);
  return true;
}

bool aes_cbc_encrypt_pkcs7(ByteView key, ByteView iv, ByteView pt, Bytes& out) {
  const EVP_CIPHER* cipher = cbc_for(key.size());
  if (!cipher || iv.size() != 16 || !fits_int(pt.size())) {
    return false;
  }
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  out.assign(pt.size() + 16, 0);
  int n1 = 0, n2 = 0;
  if (!ctx || EVP_EncryptInit_ex2(ctx.get(), cipher, key.data(), iv.data(), nullptr) != 1 ||
      EVP_EncryptUpdate(ctx.get(), out.data(), &n1, pt.data(), static_cast<int>(pt.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), out.data() + n1, &n2) != 1) {
    out.clear();
    return failed();
  }
  out.resize(static_cast<size_t>(n1 + n2));
  return true;
}

namespace {
// Branch-free helpers: all-ones (0xFF...) or zero masks.
inline std::uint32_t ct_is_zero(std::uint32_t x) {
  return 0u - ((~x & (x - 1)) >> 31);
}
} // namespace

std::optional<size_t> pkcs7_unpad_ct(ByteView padded) {
  if (padded.empty() || padded.size() % 16 != 0) {
    return std::nullopt; // lengths are public: not a secret-dependent branch
  }
  const std::uint8_t* b = padded.data() + padded.size() - 16;
  std::uint32_t p = b[15];
  // good = (p != 0) & (p <= 16)
  std::uint32_t good = ~ct_is_zero(p) & (0u - ((16u - p) >> 31 ^ 1u));
  for (std::uint32_t i = 0; i < 16; ++i) {
    std::uint32_t in = 0u - ((i - p) >> 31);      // i < p
    std::uint32_t eq = ct_is_zero(b[15 - i] ^ p); // byte == p
    good &= ~in | eq;
  }
  size_t len = padded.size() - p;
  // Decide once, after all the work.
  if (good == 0xFFFFFFFFu) {
    return len;
  }
  return std::nullopt;
}

bool aes256gcm_seal(ByteView key, ByteView nonce, ByteView aad, ByteView pt, Bytes& ct,
                    std::array<std::uint8_t, 16>& tag) {
  if (key.size() != 32 || nonce.size() != 12 || !fits_int(pt.size()) || !fits_int(aad.size())) {
    return false;
  }
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  ct.assign(pt.size(), 0);
  int n = 0, f = 0;
  if (!ctx ||
      EVP_EncryptInit_ex2(ctx.get(), EVP_aes_256_gcm(), key.data(), nonce.data(), nullptr) != 1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &n, aad.data(), static_cast<int>(aad.size())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), ct.data(), &n, pt.data(), static_cast<int>(pt.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), ct.data() + n, &f) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, 16, tag.data()) != 1) {
    ct.clear();
    return failed();
  }
  return true;
}

bool aes256gcm_open(ByteView key, ByteView nonce, ByteView aad, ByteView ct, ByteView tag,
                    SecretBytes& out) {
  out.wipe();
  // OpenSSL accepts truncated tags (1..16 bytes): only exactly 16 is ever handed to it.
  if (key.size() != 32 || nonce.size() != 12 || tag.size() != 16 || !fits_int(ct.size()) ||
      !fits_int(aad.size())) {
    return false;
  }
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  SecretBytes buf(ct.size() + 16);
  int n = 0, f = 0;
  std::array<std::uint8_t, 16> tag_copy{};
  std::copy(tag.begin(), tag.end(), tag_copy.begin());
  bool ok =
      ctx &&
      EVP_DecryptInit_ex2(ctx.get(), EVP_aes_256_gcm(), key.data(), nonce.data(), nullptr) == 1 &&
      EVP_DecryptUpdate(ctx.get(), nullptr, &n, aad.data(), static_cast<int>(aad.size())) == 1 &&
      EVP_DecryptUpdate(ctx.get(), buf.data(), &n, ct.data(), static_cast<int>(ct.size())) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, 16, tag_copy.data()) == 1 &&
      EVP_DecryptFinal_ex(ctx.get(), buf.data() + n, &f) > 0;
  if (!ok) {
    buf.wipe(); // plaintext written before the tag check never leaves this function
    return failed();
  }
  buf.resize(static_cast<size_t>(n + f));
  out = std::move(buf);
  return true;
}

bool ed25519_public_from_seed(ByteView seed, std::array<std::uint8_t, 32>& pub) {
  if (seed.size() != 32) {
    return false;
  }
  Pkey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()));
  size_t len = pub.size();
  if (!key || EVP_PKEY_get_raw_public_key(key.get(), pub.data(), &len) != 1 || len != 32) {
    return failed();
  }
  return true;
}

bool ed25519_sign(ByteView seed, ByteView msg, std::array<std::uint8_t, 64>& sig) {
  if (seed.size() != 32) {
    return false;
  }
  Pkey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()));
  MdCtx md(EVP_MD_CTX_new());
  size_t len = sig.size();
  if (!key || !md || EVP_DigestSignInit(md.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
      EVP_DigestSign(md.get(), sig.data(), &len, msg.data(), msg.size()) != 1 || len != 64) {
    return failed();
  }
  return true;
}

bool ed25519_verify(ByteView pub, ByteView msg, ByteView sig) {
  if (pub.size() != 32 || sig.size() != 64) {
    return false;
  }
  Pkey key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, pub.data(), pub.size()));
  MdCtx md(EVP_MD_CTX_new());
  if (!key || !md || EVP_DigestVerifyInit(md.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
      EVP_DigestVerify(md.get(), sig.data(), sig.size(), msg.data(), msg.size()) != 1) {
    return failed();
  }
  return true;
}

bool random_bytes(std::span<std::uint8_t> out) {
  return RAND_bytes(out.data(), static_cast<int>(out.size())) == 1 || failed();
}

bool equal_ct(ByteView a, ByteView b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace verity::crypto

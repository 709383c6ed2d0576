#include "secured/envelope.hpp"

#include "crypto/base64.hpp"

#include <cstring>

namespace verity::secured {
using crypto::hex;
using crypto::kid_aes_gcm;
using crypto::kid_ed25519;

namespace {

constexpr size_t k_header = 40;

void put_le64(crypto::Bytes& out, std::uint64_t v) {
  v &= 0x7FFFFFFFFFFFFFFFull; // PAE clears the top bit
  for (int i = 0; i < 8; ++i) {
    out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  }
}

crypto::ByteView view(const std::string& s) {
  return crypto::as_bytes(s);
}

crypto::Bytes aad_for(const crypto::Bytes& env, const crypto::Bytes& bind) {
  return pae({view("secured/v2/aead"), crypto::ByteView(env.data(), k_header), bind});
}

crypto::Bytes sigmsg_for(const crypto::Bytes& env, size_t n, const crypto::Bytes& bind) {
  return pae({view("secured/v2/sig"), crypto::ByteView(env.data(), 72 + n), bind});
}

} // namespace

crypto::Bytes pae(const std::vector<crypto::ByteView>& parts) {
  crypto::Bytes out;
  put_le64(out, parts.size());
  for (const auto& p : parts) {
    put_le64(out, p.size());
    out.insert(out.end(), p.begin(), p.end());
  }
  return out;
}

crypto::Bytes bind_bytes(const Binding& b, std::uint8_t flags) {
  std::vector<crypto::ByteView> field_parts;
  for (const auto& [name, value] : b.fields) {
    field_parts.push_back(view(name));
    field_parts.push_back(view(value));
  }
  crypto::Bytes fields = pae(field_parts);
  std::array<std::uint8_t, 32> body_hash{};
  crypto::ByteView body_part;
  if (flags & k_flag_body) {
    body_hash = crypto::sha256(view(b.body));
    body_part = body_hash;
  }
  return pae(
      {view("doc-id"), view(b.doc_id), view("fields"), fields, view("body-sha256"), body_part});
}

crypto::Bytes envelope_bytes(const Envelope& e) {
  crypto::Bytes out = {'S', 'C', 'D', '2', e.alg, e.flags, 0, 0};
  out.insert(out.end(), e.kid.begin(), e.kid.end());
  out.insert(out.end(), e.nonce.begin(), e.nonce.end());
  auto n = static_cast<std::uint32_t>(e.ciphertext.size());
  for (int i = 3; i >= 0; --i) {
    out.push_back(static_cast<std::uint8_t>(n >> (8 * i)));
  }
  out.insert(out.end(), e.ciphertext.begin(), e.ciphertext.end());
  out.insert(out.end(), e.tag.begin(), e.tag.end());
  if (e.alg == k_alg_gcm_ed25519) {
    out.insert(out.end(), e.sig_kid.begin(), e.sig_kid.end());
    out.insert(out.end(), e.sig.begin(), e.sig.end());
  }
  return out;
}

std::string serialize_v2(const Envelope& e) {
  return "v2:" + crypto::base64_encode(envelope_bytes(e));
}

std::variant<Envelope, FormatError> parse_v2(std::string_view value) {
  if (value.substr(0, 3) != "v2:") {
    return FormatError{0, "a v2 value starts with 'v2:'"};
  }
  if (value.size() > k_max_value_chars) {
    return FormatError{k_max_value_chars,
                       "value longer than " + std::to_string(k_max_value_chars) + " characters"};
  }
  auto decoded = crypto::base64_decode(value.substr(3));
  if (!decoded.ok()) {
    return FormatError{3 + decoded.error->offset, "envelope: " + decoded.error->rule};
  }
  const auto& b = decoded.bytes;
  // Envelope offsets are reported as byte offsets in the decoded envelope.
  if (b.size() < 56) {
    return FormatError{3, "envelope is " + std::to_string(b.size()) +
                              " bytes, shorter than the 56-byte minimum"};
  }
  if (std::memcmp(b.data(), "SCD2", 4) != 0) {
    return FormatError{3, "envelope magic is not \"SCD2\" (unknown version)"};
  }
  Envelope e;
  e.alg = b[4];
  e.flags = b[5];
  if (e.alg != k_alg_gcm && e.alg != k_alg_gcm_ed25519) {
    return FormatError{3, "unknown algorithm 0x" + hex(crypto::ByteView(&b[4], 1)) +
                              " at envelope byte 4"};
  }
  if (e.flags & ~k_flag_body) {
    return FormatError{3, "reserved flag bits set (envelope byte 5 = 0x" +
                              hex(crypto::ByteView(&b[5], 1)) + ")"};
  }
  if (b[6] != 0 || b[7] != 0) {
    return FormatError{3, "reserved envelope bytes 6-7 are not zero"};
  }
  std::memcpy(e.kid.data(), &b[8], 16);
  std::memcpy(e.nonce.data(), &b[24], 12);
  std::uint32_t n = (std::uint32_t(b[36]) << 24) | (b[37] << 16) | (b[38] << 8) | b[39];
  if (n < 1 || n > k_max_plaintext) {
    return FormatError{3, "ciphertext length " + std::to_string(n) + " is outside 1..65536"};
  }
  size_t expected = (e.alg == k_alg_gcm ? 56 : 136) + static_cast<size_t>(n);
  if (b.size() != expected) {
    return FormatError{3, "envelope is " + std::to_string(b.size()) + " bytes; alg " +
                              std::to_string(e.alg) + " with n = " + std::to_string(n) +
                              " needs exactly " + std::to_string(expected) +
                              " (truncated or extended tag or signature)"};
  }
  e.ciphertext.assign(b.begin() + 40, b.begin() + 40 + n);
  std::memcpy(e.tag.data(), &b[40 + n], 16);
  if (e.alg == k_alg_gcm_ed25519) {
    std::memcpy(e.sig_kid.data(), &b[56 + n], 16);
    std::memcpy(e.sig.data(), &b[72 + n], 64);
  }
  return e;
}

std::optional<Envelope> seal_v2(crypto::ByteView key, const Binding& binding,
                                crypto::ByteView plaintext, std::uint8_t flags,
                                const Signer* signer, const std::array<std::uint8_t, 12>* nonce) {
  if (key.size() != 32 || plaintext.empty() || plaintext.size() > k_max_plaintext) {
    return std::nullopt;
  }
  Envelope e;
  e.alg = signer ? k_alg_gcm_ed25519 : k_alg_gcm;
  e.flags = flags;
  e.kid = kid_aes_gcm(key);
  if (nonce) {
    e.nonce = *nonce;
  } else if (!crypto::random_bytes(e.nonce)) {
    return std::nullopt;
  }
  e.ciphertext.assign(plaintext.size(), 0); // for the header's length field
  crypto::Bytes env = envelope_bytes(e);
  crypto::Bytes bind = bind_bytes(binding, flags);
  crypto::Bytes aad = aad_for(env, bind);
  if (!crypto::aes256gcm_seal(key, e.nonce, aad, plaintext, e.ciphertext, e.tag)) {
    return std::nullopt;
  }
  if (signer) {
    std::array<std::uint8_t, 32> pub{};
    if (!crypto::ed25519_public_from_seed(
            crypto::ByteView(signer->seed.data(), signer->seed.size()), pub)) {
      return std::nullopt;
    }
    e.sig_kid = kid_ed25519(pub);
    env = envelope_bytes(e);
    crypto::Bytes msg = sigmsg_for(env, e.ciphertext.size(), bind);
    if (!crypto::ed25519_sign(crypto::ByteView(signer->seed.data(), signer->seed.size()), msg,
                              e.sig)) {
      return std::nullopt;
    }
  }
  return e;
}

bool open_v2(const Envelope& e, crypto::ByteView key, const Binding& binding,
             crypto::SecretBytes& out) {
  crypto::Bytes env = envelope_bytes(e);
  crypto::Bytes aad = aad_for(env, bind_bytes(binding, e.flags));
  return crypto::aes256gcm_open(key, e.nonce, aad, e.ciphertext, e.tag, out);
}

bool verify_v2_signature(const Envelope& e, crypto::ByteView public_key, const Binding& binding) {
  if (e.alg != k_alg_gcm_ed25519) {
    return false;
  }
  crypto::Bytes env = envelope_bytes(e);
  crypto::Bytes msg = sigmsg_for(env, e.ciphertext.size(), bind_bytes(binding, e.flags));
  return crypto::ed25519_verify(public_key, msg, e.sig);
}

} // namespace verity::secured

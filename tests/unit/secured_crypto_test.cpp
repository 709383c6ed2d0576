#include "crypto/base64.hpp"
#include "crypto/primitives.hpp"
#include "secured/blob.hpp"
#include "secured/envelope.hpp"

#include <gtest/gtest.h>

using namespace verity;
using namespace verity::secured;
using crypto::hex;
using crypto::kid_aes_gcm;

namespace {

crypto::Bytes seq(std::uint8_t from, std::uint8_t to) {
  crypto::Bytes b;
  for (int v = from; v <= to; ++v) {
    b.push_back(static_cast<std::uint8_t>(v));
  }
  return b;
}

const char* k_v2_vector = "v2:U0NEMgEAAAAfxNfwPcnEixC/DtkBVwO5AAECAwQFBgcICQoLAAAADm27/"
                          "bHeANJ4+GUxYbS5B71LZa7IvYJvwl82OAmHng==";

Binding example_binding(const std::string& doc_id = "docs/example.md") {
  return Binding{doc_id, {{"title", "Example"}}, ""};
}

} // namespace

TEST(Base64, StrictDecoderRejectsWhatEvpDecodeBlockAccepts) {
  EXPECT_EQ(crypto::base64_decode("YQ==").bytes, crypto::Bytes({'a'}));
  EXPECT_EQ(crypto::base64_decode("YWJj").bytes, crypto::Bytes({'a', 'b', 'c'}));
  for (const char* bad : {"YQ", "YWJ", "YQ=", "YR==", "YQ==YQ==", "YQ=a", "====", " YQ==", "YQ==\n",
                          "Y-Q=", "YQ_=", "", "Y\x00Q="}) {
    EXPECT_FALSE(crypto::base64_decode(bad).ok()) << bad;
  }
  auto r = crypto::base64_decode("YR==");
  EXPECT_EQ(r.error->offset, 1u);
  EXPECT_NE(r.error->rule.find("pad bits"), std::string::npos);
  size_t round_trips = 0;
  for (size_t n = 1; n < 40; ++n) { // n = 0 encodes to "", which the strict decoder refuses
    crypto::Bytes data = seq(0, static_cast<std::uint8_t>(n));
    data.resize(n);
    EXPECT_EQ(crypto::base64_decode(crypto::base64_encode(data)).bytes, data) << n;
    ++round_trips;
  }
  EXPECT_EQ(round_trips, 39u);
}

TEST(SecuredV1, DesignNoteVectorDecryptsWithConstantTimeUnpad) {
  auto parsed = parse_v1("uOCx9rV5Ww9TADV7ViEc8g==;EBESExQVFhcYGRobHB0eHw==");
  ASSERT_TRUE(std::holds_alternative<V1Blob>(parsed));
  const auto& blob = std::get<V1Blob>(parsed);
  EXPECT_EQ(blob.iv, seq(0x10, 0x1f));
  crypto::SecretBytes padded;
  ASSERT_TRUE(crypto::aes_cbc_decrypt_raw(seq(0, 0x1f), blob.iv, blob.ciphertext, padded));
  auto len = crypto::pkcs7_unpad_ct(crypto::ByteView(padded.data(), padded.size()));
  ASSERT_TRUE(len);
  EXPECT_EQ(std::string(padded.view().substr(0, *len)), "hello, secured");
  crypto::Bytes again;
  ASSERT_TRUE(crypto::aes_cbc_encrypt_pkcs7(seq(0, 0x1f), blob.iv,
                                            crypto::as_bytes("hello, secured"), again));
  EXPECT_EQ(again, blob.ciphertext);
}

TEST(SecuredV1, UnpadRejectsEveryMalformedPadding) {
  crypto::Bytes block(16, 0x41);
  for (int p = 0; p <= 17; ++p) {
    crypto::Bytes b = block;
    b[15] = static_cast<std::uint8_t>(p);
    for (int i = 0; i < p && i < 16; ++i) {
      b[15 - i] = static_cast<std::uint8_t>(p);
    }
    auto len = crypto::pkcs7_unpad_ct(b);
    if (p >= 1 && p <= 16) {
      ASSERT_TRUE(len) << p;
      EXPECT_EQ(*len, 16u - p);
      b[16 - p] ^= 1; // one wrong padding byte (for p = 1 the pad byte itself becomes 0)
      EXPECT_FALSE(crypto::pkcs7_unpad_ct(b)) << p;
    } else {
      EXPECT_FALSE(len) << p;
    }
  }
}

TEST(SecuredV1, GrammarErrorsNameTheOffset) {
  auto err = [](std::string_view v) {
    auto r = parse_v1(v);
    return std::holds_alternative<FormatError>(r) ? std::get<FormatError>(r)
                                                  : FormatError{999, "ok"};
  };
  const std::string iv = "EBESExQVFhcYGRobHB0eHw==";
  const std::string ct = "uOCx9rV5Ww9TADV7ViEc8g==";
  EXPECT_EQ(err(ct + ";" + iv).rule, "ok");
  EXPECT_NE(err("").rule, "ok");
  EXPECT_NE(err(ct).rule.find("no ';'"), std::string::npos);
  EXPECT_EQ(err(ct + ";" + iv + ";").offset, ct.size() + 1 + iv.size());
  EXPECT_NE(err(ct + "; " + iv).rule.find("IV"), std::string::npos);
  EXPECT_EQ(err(ct + "; " + iv).offset, ct.size() + 1);
  const std::string ct32 = crypto::base64_encode(crypto::Bytes(32, 1));
  EXPECT_NE(err(iv + ";" + ct32).rule.find("IV is 32 bytes"), std::string::npos); // parts swapped
  EXPECT_NE(err(ct + ";" + iv.substr(0, 20) + "==").rule, "ok"); // IV of 15 bytes: wrong length
  EXPECT_NE(err("YWJj;" + iv).rule.find("16-byte"), std::string::npos);
  EXPECT_NE(err(";" + iv).rule.find("empty ciphertext"), std::string::npos);
  EXPECT_NE(err(ct + ";").rule.find("empty IV"), std::string::npos);
  EXPECT_NE(err("\xEF\xBB\xBF" + ct + ";" + iv).rule, "ok");
  EXPECT_EQ(detect_version("v3:abc"), BlobVersion::Unknown);
  EXPECT_EQ(detect_version(ct + ";" + iv), BlobVersion::V1);
}

TEST(SecuredV2, DesignNoteVectorIsReproducedAndOpens) {
  crypto::Bytes key(32, 0x42);
  EXPECT_EQ(hex(kid_aes_gcm(key)), "1fc4d7f03dc9c48b10bf0ed9015703b9");
  std::array<std::uint8_t, 12> nonce{};
  for (int i = 0; i < 12; ++i) {
    nonce[static_cast<size_t>(i)] = static_cast<std::uint8_t>(i);
  }
  auto env =
      seal_v2(key, example_binding(), crypto::as_bytes("hello, secured"), 0, nullptr, &nonce);
  ASSERT_TRUE(env);
  EXPECT_EQ(serialize_v2(*env), k_v2_vector);
  auto parsed = parse_v2(k_v2_vector);
  ASSERT_TRUE(std::holds_alternative<Envelope>(parsed));
  crypto::SecretBytes pt;
  ASSERT_TRUE(open_v2(std::get<Envelope>(parsed), key, example_binding(), pt));
  EXPECT_EQ(pt.view(), "hello, secured");
  EXPECT_FALSE(open_v2(std::get<Envelope>(parsed), key, example_binding("docs/other.md"), pt));
  EXPECT_TRUE(pt.empty());
}

TEST(SecuredV2, SignatureBindsDocumentFieldsAndBody) {
  crypto::Bytes key(32, 7);
  Signer signer{crypto::SecretBytes(crypto::Bytes(32, 9).data(), 32)};
  std::array<std::uint8_t, 32> pub{};
  ASSERT_TRUE(crypto::ed25519_public_from_seed(crypto::Bytes(32, 9), pub));
  Binding b{"_news/a.md", {{"title", "T"}}, "body\n"};
  auto env = seal_v2(key, b, crypto::as_bytes("secret"), k_flag_body, &signer);
  ASSERT_TRUE(env);
  auto round = std::get<Envelope>(parse_v2(serialize_v2(*env)));
  EXPECT_TRUE(verify_v2_signature(round, pub, b));
  Binding edited = b;
  edited.fields[0].second = "T2";
  EXPECT_FALSE(verify_v2_signature(round, pub, edited));
  edited = b;
  edited.body = "other\n";
  EXPECT_FALSE(verify_v2_signature(round, pub, edited));
  crypto::SecretBytes pt;
  EXPECT_FALSE(open_v2(round, key, edited, pt));
  EXPECT_TRUE(open_v2(round, key, b, pt));
  // Swapped fields: PAE keeps "ab","c" apart from "a","bc".
  Binding x{"d", {{"ab", "c"}}, ""}, y{"d", {{"a", "bc"}}, ""};
  EXPECT_NE(bind_bytes(x, 0), bind_bytes(y, 0));
}

TEST(SecuredV2, EnvelopeLengthsAndReservedBitsAreExact) {
  crypto::Bytes raw = crypto::base64_decode(std::string(k_v2_vector).substr(3)).bytes;
  auto text = [](crypto::Bytes b) { return "v2:" + crypto::base64_encode(b); };
  auto is_error = [](const std::string& v) {
    return std::holds_alternative<FormatError>(parse_v2(v));
  };
  EXPECT_FALSE(is_error(text(raw)));
  crypto::Bytes truncated(raw.begin(), raw.end() - 4); // 12-byte tag
  EXPECT_TRUE(is_error(text(truncated)));
  crypto::Bytes longer = raw;
  longer.push_back(0);
  EXPECT_TRUE(is_error(text(longer)));
  crypto::Bytes flags = raw;
  flags[5] = 0x02;
  EXPECT_TRUE(is_error(text(flags)));
  crypto::Bytes alg = raw;
  alg[4] = 0x03;
  EXPECT_TRUE(is_error(text(alg)));
  crypto::Bytes magic = raw;
  magic[0] = 'X';
  EXPECT_TRUE(is_error(text(magic)));
  crypto::Bytes reserved = raw;
  reserved[7] = 1;
  EXPECT_TRUE(is_error(text(reserved)));
  crypto::Bytes two = raw;
  two[4] = 0x02; // claims a signature that is not there
  EXPECT_TRUE(is_error(text(two)));
}

TEST(SecuredV2, OpenRefusesTruncatedTagsBeforeOpenSsl) {
  // OpenSSL itself verifies a tag prefix of any length from 1 to 16 bytes, so each truncation
  // below would open if verity handed it on. Sealed with a real AAD (the v2 binding), so the full
  // tag verifies: the positive control that makes the refusals mean something.
  crypto::Bytes key(32, 0x42);
  std::array<std::uint8_t, 12> nonce{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  crypto::Bytes aad = bind_bytes(example_binding(), 0);
  ASSERT_FALSE(aad.empty());
  crypto::Bytes ciphertext;
  std::array<std::uint8_t, 16> tag{};
  ASSERT_TRUE(
      crypto::aes256gcm_seal(key, nonce, aad, crypto::as_bytes("hello, secured"), ciphertext, tag));
  crypto::SecretBytes pt;
  ASSERT_TRUE(crypto::aes256gcm_open(key, nonce, aad, ciphertext, tag, pt));
  EXPECT_EQ(pt.view(), "hello, secured");
  size_t refused = 0;
  for (size_t len : {0u, 1u, 4u, 8u, 12u, 13u, 14u, 15u}) {
    EXPECT_FALSE(
        crypto::aes256gcm_open(key, nonce, aad, ciphertext, crypto::ByteView(tag.data(), len), pt))
        << len << "-byte tag";
    EXPECT_TRUE(pt.empty()) << len;
    ++refused;
  }
  EXPECT_EQ(refused, 8u);
  // The same full tag under another AAD, or with one bit flipped, fails too.
  crypto::Bytes other_aad = bind_bytes(example_binding("docs/other.md"), 0);
  EXPECT_FALSE(crypto::aes256gcm_open(key, nonce, other_aad, ciphertext, tag, pt));
  std::array<std::uint8_t, 16> flipped = tag;
  flipped[15] ^= 1;
  EXPECT_FALSE(crypto::aes256gcm_open(key, nonce, aad, ciphertext, flipped, pt));
  EXPECT_TRUE(pt.empty());
  // And the published v2 vector, opened through its real AAD, still opens with its full tag.
  auto env = std::get<Envelope>(parse_v2(k_v2_vector));
  EXPECT_TRUE(open_v2(env, key, example_binding(), pt));
}

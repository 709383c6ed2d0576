// Every row of the bad-input table of the secured design note (§10) that a document can carry,
// through the same check `verity check` runs. Key-file rows (24) are in the integration tests.
#include "crypto/base64.hpp"
#include "crypto/kid.hpp"
#include "frontmatter/loader.hpp"
#include "secured/check.hpp"
#include "secured/envelope.hpp"

#include <gtest/gtest.h>

using namespace verity;
using namespace verity::secured;

namespace {

const std::string k_ct = "uOCx9rV5Ww9TADV7ViEc8g==";
const std::string k_iv = "EBESExQVFhcYGRobHB0eHw==";
const std::string k_v2 = "v2:U0NEMgEAAAAfxNfwPcnEixC/DtkBVwO5AAECAwQFBgcICQoLAAAADm27/"
                         "bHeANJ4+GUxYbS5B71LZa7IvYJvwl82OAmHng==";

struct Case {
  const char* row;
  std::string secured_yaml; // the text after "secured: " (or a whole block)
  const char* expected;     // rule id, or "" for no finding
};

std::vector<std::string> run(const std::string& fm, const SecuredContext& ctx,
                             const std::string& path = "docs/example.md") {
  Findings load;
  Document doc = frontmatter::parse_document("---\n" + fm + "---\nbody\n", path, {}, load);
  Findings out;
  Records records;
  check_secured(doc, ctx, out, records);
  std::vector<std::string> rules;
  for (const auto& f : out) {
    rules.push_back(f.rule);
  }
  return rules;
}

std::string b64(const crypto::Bytes& b) {
  return crypto::base64_encode(b);
}

crypto::Bytes envelope() {
  return crypto::base64_decode(k_v2.substr(3)).bytes;
}

} // namespace

TEST(SecuredBadInput, EveryFormatRowIsAFormatFindingBeforeAnyCrypto) {
  SecuredPolicy policy;
  SecuredContext ctx{&policy, nullptr, nullptr, false};
  std::string good = "\"" + k_ct + ";" + k_iv + "\"";
  crypto::Bytes env = envelope();
  auto env_with = [&](size_t at, std::uint8_t v) {
    crypto::Bytes e = env;
    e[at] = v;
    return "\"v2:" + b64(e) + "\"";
  };
  crypto::Bytes short_tag(env.begin(), env.end() - 4);
  std::vector<Case> cases = {
      {"control: well-formed v1", good, ""},
      {"control: well-formed v2", "\"" + k_v2 + "\"", ""},
      {"1 truncated base64", "\"YQ;" + k_iv + "\"", "secured/format"},
      {"1 23-char IV", "\"" + k_ct + ";" + k_iv.substr(1) + "\"", "secured/format"},
      {"2 non-canonical pad bits", "\"" + k_ct.substr(0, 21) + "h==;" + k_iv + "\"",
       "secured/format"},
      {"3 padding mid-string", "\"YQ==YQ==" + k_ct.substr(8) + ";" + k_iv + "\"", "secured/format"},
      {"3 ====", "\"====;" + k_iv + "\"", "secured/format"},
      {"4 space inside", "\"" + k_ct + " ;" + k_iv + "\"", "secured/format"},
      {"4 tab escape", "\"" + k_ct + "\\t;" + k_iv + "\"", "secured/format"},
      {"4 newline escape", "\"" + k_ct + ";" + k_iv + "\\n\"", "secured/format"},
      {"4 BOM", "\"\xEF\xBB\xBF" + k_ct + ";" + k_iv + "\"", "secured/format"},
      {"4 NUL", "\"" + k_ct + "\\0;" + k_iv + "\"", "secured/format"},
      {"4 non-ASCII", "\"\xC3\xA9" + k_ct + ";" + k_iv + "\"", "secured/format"},
      {"4 base64url", "\"" + k_ct.substr(0, 4) + "-_" + k_ct.substr(6) + ";" + k_iv + "\"",
       "secured/format"},
      {"6 IV of 12 bytes", "\"" + k_ct + ";" + b64(crypto::Bytes(12, 1)) + "\"", "secured/format"},
      {"6 IV of 17 bytes", "\"" + k_ct + ";" + b64(crypto::Bytes(17, 1)) + "\"", "secured/format"},
      {"7 ciphertext not a block multiple", "\"" + b64(crypto::Bytes(20, 1)) + ";" + k_iv + "\"",
       "secured/format"},
      {"7 more than 4096 blocks", "\"" + b64(crypto::Bytes(16 * 4097, 1)) + ";" + k_iv + "\"",
       "secured/format"},
      {"8 no separator", "\"" + k_ct + k_iv + "\"", "secured/format"},
      {"8 two separators", "\"" + k_ct + ";" + k_iv + ";\"", "secured/format"},
      {"8 separator at the end", "\"" + k_ct + ";\"", "secured/format"},
      {"8 spaces around ;", "\"" + k_ct + " ; " + k_iv + "\"", "secured/format"},
      {"8 parts swapped (32-byte ciphertext)", "\"" + k_iv + ";" + b64(crypto::Bytes(32, 1)) + "\"",
       "secured/format"},
      {"13 truncated GCM tag", "\"v2:" + b64(short_tag) + "\"", "secured/format"},
      {"15 unknown alg", env_with(4, 3), "secured/format"},
      {"23 reserved flag bits", env_with(5, 0x80), "secured/format"},
      {"23 reserved bytes", env_with(6, 1), "secured/format"},
      {"23 bad magic", env_with(0, 'X'), "secured/format"},
      {"23 unknown version prefix", "\"v3:" + b64(env) + "\"", "secured/format"},
      {"27 empty value", "\"\"", "secured/format"},
      {"20 !!binary tag", "!!binary " + k_ct, "secured/format"},
      {"20 null", "~", "secured/format"},
      {"20 number", "42", "secured/format"},
      {"20 mapping", "{a: b}", "secured/format"},
      {"20 list", "[a]", "secured/format"},
      {"20 folded block scalar", ">\n  " + k_ct + ";" + k_iv, "secured/format"},
      {"20 literal block scalar", "|\n  " + k_ct + ";" + k_iv, "secured/format"},
      {"20 multi-line quoted", "\"" + k_ct + "\n  ;" + k_iv + "\"", "secured/format"},
      {"22 value over 96 Ki characters", "\"" + std::string(100 * 1024, 'A') + ";" + k_iv + "\"",
       "secured/format"},
  };
  for (const auto& c : cases) {
    auto rules = run("title: Example\nsecured: " + c.secured_yaml + "\n", ctx);
    std::vector<std::string> expected;
    if (*c.expected) {
      expected.push_back(c.expected);
    }
    EXPECT_EQ(rules, expected) << "row " << c.row;
  }
}

TEST(SecuredBadInput, AliasesAndDuplicateKeysAreFormatFindings) {
  SecuredPolicy policy;
  SecuredContext ctx{&policy, nullptr, nullptr, false};
  EXPECT_EQ(run("a: &x \"" + k_ct + ";" + k_iv + "\"\nsecured: *x\n", ctx),
            std::vector<std::string>{"secured/format"});
  EXPECT_EQ(
      run("secured: \"" + k_ct + ";" + k_iv + "\"\nsecured: \"" + k_ct + ";" + k_iv + "\"\n", ctx),
      std::vector<std::string>{"secured/format"});
  EXPECT_EQ(run("secured: &a \"" + k_ct + ";" + k_iv + "\"\n", ctx),
            std::vector<std::string>{"secured/format"});
}

TEST(SecuredBadInput, KeyedRowsAuthPolicyAndNoKey) {
  crypto::KeyRing ring;
  crypto::Key gcm;
  gcm.alg = crypto::KeyAlg::Aes256Gcm;
  gcm.status = crypto::KeyStatus::Active;
  gcm.material = crypto::SecretBytes(crypto::Bytes(32, 0x42).data(), 32);
  gcm.kid = crypto::kid_aes_gcm(crypto::Bytes(32, 0x42));
  ring.add(gcm);
  crypto::Key other = gcm;
  other.material = crypto::SecretBytes(crypto::Bytes(32, 0x43).data(), 32);
  other.kid = crypto::kid_aes_gcm(crypto::Bytes(32, 0x43));
  ring.add(other);
  SecuredPolicy policy;
  policy.fields = {"title"};
  SecuredContext ctx{&policy, nullptr, &ring, true};
  std::string fm = "title: Example\nsecured: \"" + k_v2 + "\"\n";
  EXPECT_EQ(run(fm, ctx), std::vector<std::string>{});
  // 16: replayed into another document.
  EXPECT_EQ(run(fm, ctx, "docs/other.md"), std::vector<std::string>{"secured/auth"});
  // 18: a bound field edited.
  EXPECT_EQ(run("title: Exampl3\nsecured: \"" + k_v2 + "\"\n", ctx),
            std::vector<std::string>{"secured/auth"});
  // 12: kid swapped to another existing key: no fallback, the tag fails.
  crypto::Bytes env = envelope();
  std::copy(other.kid.begin(), other.kid.end(), env.begin() + 8);
  EXPECT_EQ(run("title: Example\nsecured: \"v2:" + b64(env) + "\"\n", ctx),
            std::vector<std::string>{"secured/auth"});
  // 15: flag bit0 set after sealing (claims a body binding).
  crypto::Bytes flagged = envelope();
  flagged[5] = 1;
  EXPECT_EQ(run("title: Example\nsecured: \"v2:" + b64(flagged) + "\"\n", ctx),
            std::vector<std::string>{"secured/auth"});
  // Unknown kid: no-key, not auth.
  crypto::Bytes unknown = envelope();
  unknown[8] ^= 1;
  EXPECT_EQ(run("title: Example\nsecured: \"v2:" + b64(unknown) + "\"\n", ctx),
            std::vector<std::string>{"secured/no-key"});
  // Revoked key: policy.
  crypto::KeyRing revoked_ring;
  crypto::Key revoked = gcm;
  revoked.status = crypto::KeyStatus::Revoked;
  revoked_ring.add(revoked);
  SecuredContext revoked_ctx{&policy, nullptr, &revoked_ring, true};
  EXPECT_EQ(run(fm, revoked_ctx), std::vector<std::string>{"secured/policy"});
  // 15: policy requires a signature, the blob has none; 14: policy requires v2.
  SecuredPolicy strict = policy;
  strict.require_alg = 2;
  strict.min_version = 2;
  SecuredContext strict_ctx{&strict, nullptr, nullptr, false};
  EXPECT_EQ(run(fm, strict_ctx), std::vector<std::string>{"secured/policy"});
  EXPECT_EQ(run("title: Example\nsecured: \"" + k_ct + ";" + k_iv + "\"\n", strict_ctx),
            std::vector<std::string>{"secured/policy"});
}

TEST(SecuredBadInput, LegacyBlobsFollowThePinsNeverThePadding) {
  crypto::KeyRing ring;
  crypto::Key legacy;
  legacy.alg = crypto::KeyAlg::Aes256CbcLegacy;
  legacy.status = crypto::KeyStatus::DecryptOnly;
  crypto::Bytes k(32);
  for (int i = 0; i < 32; ++i) {
    k[static_cast<size_t>(i)] = static_cast<std::uint8_t>(i);
  }
  legacy.material = crypto::SecretBytes(k.data(), k.size());
  legacy.kid = crypto::kid_legacy(k);
  ring.add(legacy);
  SecuredPolicy policy;
  PinFile pins;
  V1Blob blob = std::get<V1Blob>(parse_v1(k_ct + ";" + k_iv));
  pins.set("docs/example.md", {v1_pin_hash(blob), crypto::hex(legacy.kid)});
  SecuredContext ctx{&policy, &pins, &ring, true};
  EXPECT_EQ(run("secured: \"" + k_ct + ";" + k_iv + "\"\n", ctx), std::vector<std::string>{});
  // 9/10/14: an edited or foreign blob is never decrypted: the pin decides.
  crypto::Bytes iv = crypto::base64_decode(k_iv).bytes;
  iv[15] ^= 1;
  EXPECT_EQ(run("secured: \"" + k_ct + ";" + b64(iv) + "\"\n", ctx),
            std::vector<std::string>{"secured/unpinned-legacy"});
  EXPECT_EQ(run("secured: \"" + k_ct + ";" + k_iv + "\"\n", ctx, "docs/copy.md"),
            std::vector<std::string>{"secured/unpinned-legacy"});
  // A pinned blob whose padding is wrong (the pin itself was forged): one uniform invalid.
  crypto::Bytes bad_ct = crypto::base64_decode(k_ct).bytes;
  bad_ct[3] ^= 0x55;
  V1Blob forged{bad_ct, crypto::base64_decode(k_iv).bytes};
  pins.set("docs/forged.md", {v1_pin_hash(forged), crypto::hex(legacy.kid)});
  EXPECT_EQ(run("secured: \"" + b64(bad_ct) + ";" + k_iv + "\"\n", ctx, "docs/forged.md"),
            std::vector<std::string>{"secured/invalid"});
  // The pinned key is unknown here.
  pins.set("docs/foreign.md", {v1_pin_hash(blob), std::string(32, 'a')});
  EXPECT_EQ(run("secured: \"" + k_ct + ";" + k_iv + "\"\n", ctx, "docs/foreign.md"),
            std::vector<std::string>{"secured/no-key"});
}

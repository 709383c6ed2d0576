// No decryption oracle (issue 11, section 6). A pull request that edits secured.lock can pin
// hundreds of variants of one legacy (AES-CBC, no MAC) blob; if verity decrypted them, "finding
// or no finding" per document would be a padding oracle. With --pins-from REV only the pins
// committed at REV count: the variants are never decrypted, each gets the same unpinned finding,
// and every decryption failure of a trusted pin is the same finding with no detail.
#include "crypto/base64.hpp"
#include "crypto/primitives.hpp"
#include "support.hpp"

#include <map>
#include <set>

namespace verity::test {
namespace {

const std::string k_key_hex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

crypto::Bytes key_bytes() {
  crypto::Bytes k;
  for (size_t i = 0; i < 32; ++i) {
    k.push_back(static_cast<std::uint8_t>(i));
  }
  return k;
}

// "CT;IV" of `plaintext` under the test key.
std::string v1_blob(std::string_view plaintext, crypto::Bytes iv) {
  crypto::Bytes ct;
  EXPECT_TRUE(crypto::aes_cbc_encrypt_pkcs7(key_bytes(), iv, crypto::as_bytes(plaintext), ct));
  return crypto::base64_encode(ct) + ";" + crypto::base64_encode(iv);
}

crypto::Bytes test_iv() {
  crypto::Bytes iv;
  for (std::uint8_t i = 0x10; i < 0x20; ++i) {
    iv.push_back(i);
  }
  return iv;
}

class DecryptOracle : public ::testing::Test {
protected:
  void SetUp() override {
    // The site sits below the repository root, as in a monorepo: the lockfile path given to git
    // is relative to the site.
    git({"init", "-q", "."});
    write_file(site() / "verity.yaml",
               "version: 1\nrules:\n  schema/none: off # not what this test is about\ncollections:\n  notes:\n    paths: [\"notes/*.md\"]\n");
    fs::create_directories(keys());
    write_file(keys() / "legacy.key",
               "secured-key 1\nalg=aes-256-cbc-legacy\nstatus=decrypt-only\nkey=hex:" + k_key_hex +
                   "\n");
    fs::permissions(keys() / "legacy.key", fs::perms(0600));
  }
  fs::path repo() const { return m_dir.path() / "repo"; }
  fs::path site() const { return repo() / "site"; }
  fs::path keys() const { return m_dir.path() / "keys"; }

  void git(const std::vector<std::string>& args) {
    fs::create_directories(repo());
    std::vector<std::string> argv{"git", "-c", "user.name=t", "-c", "user.email=t@example.org"};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = util::run_process(argv, repo());
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  void commit(const std::string& message) {
    git({"add", "-A"});
    git({"commit", "-q", "-m", message});
  }
  void note(const std::string& name, const std::string& blob) {
    write_file(site() / "notes" / (name + ".md"),
               "---\ntitle: " + name + "\nsecured: \"" + blob + "\"\n---\nBody.\n");
  }
  void pin() {
    RunResult r = run_verity({"secured", "pin", "--keys", keys().string()}, site());
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  RunResult check(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"check",  "--format",      "json",
                                  "--keys", keys().string(), "--decrypt"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_verity(args, site());
  }

  // The original blob pinned on the base branch (HEAD~1 after pull_request()); the pull request
  // adds 255 variants (the IV's last byte flipped by 1..255) and pins them all in its lockfile.
  void base_and_pull_request() {
    note("original", v1_blob("hello, secured", test_iv()));
    pin();
    commit("base");
    for (int delta = 1; delta < 256; ++delta) {
      crypto::Bytes iv = test_iv();
      iv[15] = static_cast<std::uint8_t>(iv[15] ^ delta);
      char name[16];
      std::snprintf(name, sizeof name, "v%03d", delta);
      note(name,
           v1_blob("hello, secured", test_iv()).substr(0, 24) + ";" + crypto::base64_encode(iv));
    }
    pin();
    commit("pull request");
  }

  TempDir m_dir;
};

// rule -> the files that got it
std::map<std::string, std::vector<std::string>> by_rule(const RunResult& r) {
  std::map<std::string, std::vector<std::string>> out;
  const nlohmann::json report = r.json();
  for (const auto& f : report["findings"]) {
    out[f["rule"].get<std::string>()].push_back(f["file"].get<std::string>());
  }
  return out;
}

TEST_F(DecryptOracle, PinsFromTheBaseBranchDecryptNoneOfThePullRequestsVariants) {
  base_and_pull_request();
  // Positive control: trusting the pull request's own lockfile is the oracle. Exactly one
  // variant (IV byte ^ 3: the last plaintext byte becomes a valid 0x01 padding) decrypts.
  RunResult trusting = check();
  ASSERT_EQ(trusting.exit_code, 1) << trusting.err;
  auto trusted_rules = by_rule(trusting);
  EXPECT_EQ(trusted_rules["secured/invalid"].size(), 254u);
  EXPECT_EQ(trusted_rules.count("secured/unpinned-legacy"), 0u);

  RunResult r = check({"--pins-from", "HEAD~1"});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  auto rules = by_rule(r);
  EXPECT_EQ(rules.count("secured/invalid"), 0u) << r.out; // nothing was decrypted
  ASSERT_EQ(rules["secured/unpinned-legacy"].size(), 255u);
  EXPECT_EQ(rules.size(), 1u) << r.out; // and the pinned original decrypts: no finding for it
  std::set<std::string> messages;
  const nlohmann::json report = r.json();
  for (const auto& f : report["findings"]) {
    std::string m = f["message"].get<std::string>();
    std::string id = f["file"].get<std::string>();
    m.replace(m.find(id), id.size(), "<doc>");
    messages.insert(f["severity"].get<std::string>() + " " + f["pointer"].get<std::string>() + " " +
                    std::to_string(f["line"].get<int>()) + " " + m);
  }
  ASSERT_EQ(messages.size(), 1u); // every variant: one finding, word for word
  EXPECT_NE(
      messages.begin()->find("no legacy blob is pinned for '<doc>' in secured.lock at HEAD~1"),
      std::string::npos)
      << *messages.begin();

  // `secured decrypt` follows the same rule, and prints nothing of the plaintext.
  RunResult one = run_verity({"secured", "decrypt", (site() / "notes/v003.md").string(), "--keys",
                              keys().string(), "--pins-from", "HEAD~1", "--reveal"},
                             site());
  EXPECT_EQ(one.exit_code, 1) << one.err;
  EXPECT_EQ(one.out, "");
  EXPECT_NE(one.err.find("[secured/unpinned-legacy]"), std::string::npos) << one.err;
  RunResult original = run_verity({"secured", "decrypt", (site() / "notes/original.md").string(),
                                   "--keys", keys().string(), "--pins-from", "HEAD~1", "--reveal"},
                                  site());
  EXPECT_EQ(original.exit_code, 0) << original.err;
  EXPECT_EQ(original.out, "hello, secured");
}

TEST_F(DecryptOracle, EveryDecryptionFailureIsTheSameFindingWithNoDetail) {
  // Pinned on the trusted branch, yet failing in different ways after decryption.
  crypto::Bytes iv = test_iv();
  iv[15] ^= 0x40; // the last byte of the padding becomes 0x42: invalid padding
  std::string good = v1_blob("hello, secured", test_iv());
  note("bad-padding", good.substr(0, 24) + ";" + crypto::base64_encode(iv));
  note("bad-utf8", v1_blob("\xff\xfe not UTF-8", test_iv()));
  crypto::Bytes zero_pad_iv = test_iv();
  zero_pad_iv[15] ^= 0x02; // last byte 0x00: a zero padding length
  note("zero-padding", good.substr(0, 24) + ";" + crypto::base64_encode(zero_pad_iv));
  note("fine", good);
  pin();
  commit("base");
  RunResult r = check({"--pins-from", "HEAD"});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  std::map<std::string, std::string> seen; // file -> everything of the finding but the file
  const nlohmann::json report = r.json();
  for (auto f : report["findings"]) {
    std::string file = f["file"].get<std::string>();
    f.erase("file");
    f.erase("key"); // a hash of the file's path
    seen[file] = f.dump();
  }
  ASSERT_EQ(seen.size(), 3u) << r.out; // notes/fine.md decrypts
  EXPECT_EQ(seen["notes/bad-padding.md"], seen["notes/bad-utf8.md"]);
  EXPECT_EQ(seen["notes/bad-padding.md"], seen["notes/zero-padding.md"]);
  EXPECT_NE(seen["notes/bad-padding.md"].find("\"rule\":\"secured/invalid\""), std::string::npos)
      << seen["notes/bad-padding.md"];
  // `secured decrypt` too: the same words for both causes.
  auto decrypt_err = [&](const std::string& name) {
    RunResult d = run_verity({"secured", "decrypt", (site() / "notes" / name).string(), "--keys",
                              keys().string(), "--pins-from", "HEAD"},
                             site());
    EXPECT_EQ(d.exit_code, 1);
    std::string err = d.err;
    err.replace(err.find(name), name.size(), "<doc>");
    return err;
  };
  EXPECT_EQ(decrypt_err("bad-padding.md"), decrypt_err("bad-utf8.md"));
}

TEST_F(DecryptOracle, AnUnknownRevisionIsAUsageError) {
  note("original", v1_blob("hello, secured", test_iv()));
  pin();
  commit("base");
  RunResult r = check({"--pins-from", "no-such-branch"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--pins-from no-such-branch: not a commit"), std::string::npos) << r.err;
  RunResult dash = check({"--pins-from=--output=x"});
  EXPECT_EQ(dash.exit_code, 2);
  EXPECT_FALSE(fs::exists(site() / "x"));
  // A revision without a lockfile: nothing is pinned, so nothing legacy is decrypted, whatever
  // the working tree's lockfile says.
  fs::remove(site() / "secured.lock");
  crypto::Bytes iv = test_iv();
  iv[15] ^= 0x40; // invalid padding once decrypted
  note("original",
       v1_blob("hello, secured", test_iv()).substr(0, 24) + ";" + crypto::base64_encode(iv));
  commit("no lockfile");
  pin(); // in the working tree only
  RunResult trusting = check();
  EXPECT_EQ(by_rule(trusting)["secured/invalid"].size(), 1u) << trusting.out; // decrypted
  RunResult none = check({"--pins-from", "HEAD"});
  EXPECT_EQ(none.exit_code, 0) << none.out << none.err;
  auto rules = by_rule(none);
  EXPECT_EQ(rules.count("secured/invalid"), 0u) << none.out;
  EXPECT_EQ(rules["secured/no-lockfile"].size(), 1u) << none.out;
}

} // namespace
} // namespace verity::test

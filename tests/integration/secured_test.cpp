// The secured field end to end through the real binary: key files, seal/check/decrypt, tampering,
// legacy pins (on fixtures and on the shared corpus), cross-checks with `openssl enc` and Python's
// `cryptography`, and the guarantee that plaintext and key bytes never reach any output.
#include "support.hpp"

#include <sys/stat.h>
#include <unistd.h>

namespace verity::test {
namespace {

const std::string k_marker = "PLAINTEXT-MARKER-7f3a";
const std::string k_legacy_key_hex =
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

struct Site {
  TempDir dir;
  fs::path root() const { return dir.path() / "site"; }
  fs::path keys() const { return dir.path() / "keys"; }
  fs::path doc(const std::string& name) const { return root() / "_news" / name; }
};

std::string news(const std::string& title, const std::string& url, const std::string& extra = "") {
  return "---\ntitle: \"" + title +
         "\"\npublishedDateTime: 2024-03-02T09:30:00Z\noriginalUrl: " + url +
         "\ntype: article\nprovider:\n  name: P\n" + extra + "---\nBody of " + title + ".\n";
}

void make_site(Site& s, const std::string& config = "") {
  write_file(s.doc("2024-03-02-a.md"), news("A", "https://a.example/"));
  write_file(s.doc("2024-03-02-b.md"), news("B", "https://b.example/"));
  if (!config.empty()) {
    write_file(s.root() / "verity.yaml", config);
  }
  fs::create_directories(s.keys());
}

RunResult run_in(const Site& s, std::vector<std::string> args, const std::string& stdin_text = "") {
  if (!stdin_text.empty()) {
    write_file(s.dir.path() / "stdin.txt", stdin_text);
    args.insert(args.end(), {"--input", (s.dir.path() / "stdin.txt").string()});
  }
  return run_verity(args, s.root());
}

std::string secured_line(const fs::path& doc) {
  std::string text = read_file(doc);
  size_t at = text.find("secured: ");
  return at == std::string::npos ? "" : text.substr(at, text.find('\n', at) - at);
}

void keygen(const Site& s) {
  ASSERT_EQ(run_in(s, {"secured", "keygen", "--alg", "aes-256-gcm", "-o",
                       (s.keys() / "gcm.key").string()})
                .exit_code,
            0);
  ASSERT_EQ(run_in(s, {"secured", "keygen", "--alg", "ed25519-private", "-o",
                       (s.keys() / "sign.key").string()})
                .exit_code,
            0);
}

std::vector<std::string> rules(const RunResult& r) {
  std::vector<std::string> out;
  const nlohmann::json report = r.json(); // keep it alive for the loop
  for (const auto& f : report["findings"]) {
    out.push_back(f["rule"].get<std::string>() + " " + f["file"].get<std::string>());
  }
  return out;
}

TEST(SecuredCli, KeygenWritesTypedKeyFilesReadableByTheOwnerOnly) {
  Site s;
  make_site(s);
  keygen(s);
  struct stat st {};
  ASSERT_EQ(::stat((s.keys() / "gcm.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::string key = read_file(s.keys() / "gcm.key");
  EXPECT_EQ(key.rfind("secured-key 1\nalg=aes-256-gcm\nstatus=active\nkey=hex:", 0), 0u);
  EXPECT_EQ(key.size(),
            std::string("secured-key 1\nalg=aes-256-gcm\nstatus=active\nkey=hex:\n").size() + 64);
  EXPECT_TRUE(fs::exists(s.keys() / "sign-public.key"));
  EXPECT_NE(run_in(s, {"secured", "keygen", "-o", (s.keys() / "gcm.key").string()}).exit_code,
            0); // no overwrite
}

TEST(SecuredCli, SealCheckDecryptRoundTripAndTamperingIsCaught) {
  Site s;
  make_site(s, "version: 1\ncollections:\n  news:\n    paths: [\"_news/*.md\"]\n    schema: "
               "builtin:news.schema.yaml\n"
               "secured:\n  fields: [title]\n  bind_body: true\n  require_alg: 2\n");
  keygen(s);
  std::string keys = s.keys().string();
  auto sealed =
      run_in(s, {"secured", "seal", s.doc("2024-03-02-a.md").string(), "--keys", keys}, k_marker);
  ASSERT_EQ(sealed.exit_code, 0) << sealed.err;
  EXPECT_EQ(secured_line(s.doc("2024-03-02-a.md")).rfind("secured: \"v2:", 0), 0u);
  auto ok = run_in(s, {"check", "--format", "json", "--keys", keys, "--decrypt"});
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  auto dec = run_in(s, {"secured", "decrypt", s.doc("2024-03-02-a.md").string(), "--keys", keys});
  EXPECT_EQ(dec.exit_code, 0);
  EXPECT_EQ(dec.out.find(k_marker), std::string::npos);
  auto reveal = run_in(
      s, {"secured", "decrypt", s.doc("2024-03-02-a.md").string(), "--keys", keys, "--reveal"});
  EXPECT_EQ(reveal.out, k_marker);

  // The blob copied into another document: bound to its doc id, so it fails there.
  std::string text = read_file(s.doc("2024-03-02-b.md"));
  text.insert(text.find("---\nBody"), secured_line(s.doc("2024-03-02-a.md")) + "\n");
  write_file(s.doc("2024-03-02-b.md"), text);
  // A bound field edited, and the body edited, in the original.
  std::string a = read_file(s.doc("2024-03-02-a.md"));
  write_file(s.doc("2024-03-02-a.md"), a.replace(a.find("Body of A"), 9, "Body of Z"));
  auto bad = run_in(s, {"check", "--format", "json", "--keys", keys});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(rules(bad), (std::vector<std::string>{"secured/auth _news/2024-03-02-a.md",
                                                  "secured/auth _news/2024-03-02-b.md"}));
  // Only the public key: the signature still catches it (no secret needed in CI).
  fs::create_directories(s.dir.path() / "public");
  fs::copy(s.keys() / "sign-public.key", s.dir.path() / "public" / "sign-public.key");
  auto pub = run_in(s, {"check", "--format", "json", "--keys", (s.dir.path() / "public").string()});
  EXPECT_EQ(rules(pub), rules(bad));
  // Without keys: format and policy only.
  EXPECT_EQ(run_in(s, {"check", "-q"}).exit_code, 0);
}

TEST(SecuredCli, PolicyFindingsForUnsignedBlobsAndLegacyWhereV2IsRequired) {
  Site s;
  make_site(s, "version: 1\ncollections:\n  news:\n    paths: [\"_news/*.md\"]\nsecured:\n  "
               "require_alg: 2\n  min_version: 2\n");
  write_file(s.doc("2024-03-02-c.md"),
             news("C", "https://c.example/",
                  "secured: \"uOCx9rV5Ww9TADV7ViEc8g==;EBESExQVFhcYGRobHB0eHw==\"\n"));
  write_file(s.doc("2024-03-02-d.md"),
             news("D", "https://d.example/",
                  "secured: "
                  "\"v2:U0NEMgEAAAAfxNfwPcnEixC/DtkBVwO5AAECAwQFBgcICQoLAAAADm27/"
                  "bHeANJ4+GUxYbS5B71LZa7IvYJvwl82OAmHng==\"\n"));
  auto r = run_in(s, {"check", "--format", "json"});
  EXPECT_EQ(rules(r), (std::vector<std::string>{"secured/policy _news/2024-03-02-c.md",
                                                "secured/policy _news/2024-03-02-d.md",
                                                "secured/no-lockfile secured.lock"}));
}

TEST(SecuredCli, InsecureKeyFilesAreRefusedWithExit2AndAFix) {
  Site s;
  make_site(s);
  keygen(s);
  fs::permissions(s.keys() / "gcm.key", fs::perms(0644));
  auto r = run_in(s, {"check", "--keys", s.keys().string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("Permissions 0644"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("chmod 600"), std::string::npos);
  auto relaxed = run_in(s, {"check", "--keys", s.keys().string(), "--insecure-key-perms"});
  EXPECT_EQ(relaxed.exit_code, 0) << relaxed.err;
  EXPECT_NE(relaxed.err.find("too open"), std::string::npos);
  fs::permissions(s.keys() / "gcm.key", fs::perms(0600));
  fs::create_symlink(s.keys() / "gcm.key", s.keys() / "link.key");
  r = run_in(s, {"check", "--keys", s.keys().string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("symlink"), std::string::npos);
  fs::remove(s.keys() / "link.key");
  write_file(s.keys() / "bad.key", "secured-key 1\r\nalg=aes-256-gcm\r\n");
  fs::permissions(s.keys() / "bad.key", fs::perms(0600));
  r = run_in(s, {"check", "--keys", s.keys().string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.key"), std::string::npos);
  fs::remove(s.keys() / "bad.key");
  write_file(s.keys() / "short.key",
             "secured-key 1\nalg=aes-256-gcm\nstatus=active\nkey=hex:0011\n");
  fs::permissions(s.keys() / "short.key", fs::perms(0600));
  r = run_in(s, {"check", "--keys", s.keys().string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("needs 32 bytes"), std::string::npos) << r.err;
}

TEST(SecuredCli, LegacyBlobFromOpensslEncIsPinnedDecryptedAndResealed) {
  REQUIRE_TOOL_OR_SKIP("openssl");
  Site s;
  make_site(s);
  keygen(s);
  write_file(s.keys() / "legacy.key",
             "secured-key 1\nalg=aes-256-cbc-legacy\nstatus=decrypt-only\nkey=hex:" +
                 k_legacy_key_hex + "\n");
  fs::permissions(s.keys() / "legacy.key", fs::perms(0600));
  write_file(s.dir.path() / "plain.txt", k_marker);
  auto enc =
      util::run_process({"sh", "-c",
                         "openssl enc -aes-256-cbc -K " + k_legacy_key_hex +
                             " -iv 101112131415161718191a1b1c1d1e1f -in plain.txt | base64 -w0"},
                        s.dir.path());
  ASSERT_EQ(enc.exit_code, 0);
  std::string blob = enc.out + ";EBESExQVFhcYGRobHB0eHw==";
  write_file(s.doc("2024-03-02-legacy.md"),
             news("L", "https://l.example/", "secured: \"" + blob + "\"\n"));
  std::string keys = s.keys().string();

  auto before = run_in(s, {"check", "--format", "json"});
  EXPECT_EQ(rules(before), std::vector<std::string>{"secured/no-lockfile secured.lock"});
  ASSERT_EQ(run_in(s, {"secured", "pin", "--keys", keys}).exit_code, 0);
  EXPECT_EQ(run_in(s, {"check", "--format", "json", "--keys", keys, "--decrypt"})
                .json()["findings"]
                .size(),
            0u);
  EXPECT_EQ(run_in(s, {"secured", "decrypt", s.doc("2024-03-02-legacy.md").string(), "--keys", keys,
                       "--reveal"})
                .out,
            k_marker);

  // A copy of the pinned blob in another document is not pinned there.
  const std::string b = read_file(s.doc("2024-03-02-b.md"));
  std::string with_copy = b;
  write_file(s.doc("2024-03-02-b.md"),
             with_copy.insert(b.find("---\nBody"), "secured: \"" + blob + "\"\n"));
  EXPECT_EQ(rules(run_in(s, {"check", "--format", "json"})),
            std::vector<std::string>{"secured/unpinned-legacy _news/2024-03-02-b.md"});
  write_file(s.doc("2024-03-02-b.md"), b);

  auto resealed = run_in(s, {"secured", "reseal", "--keys", keys});
  ASSERT_EQ(resealed.exit_code, 0) << resealed.err;
  EXPECT_EQ(secured_line(s.doc("2024-03-02-legacy.md")).rfind("secured: \"v2:", 0), 0u);
  EXPECT_EQ(read_file(s.root() / "secured.lock"), "verity-legacy-pins 1\n");
  EXPECT_EQ(run_in(s, {"secured", "decrypt", s.doc("2024-03-02-legacy.md").string(), "--keys", keys,
                       "--reveal"})
                .out,
            k_marker);
  auto again = run_in(s, {"secured", "reseal", "--keys", keys});
  EXPECT_NE(again.out.find("resealed 0 blobs; 1 already current"), std::string::npos) << again.out;
}

TEST(SecuredCli, V2BlobsOpenWithPythonCryptography) {
  VERITY_NEED_OR_SKIP(util::run_process({"python3", "-c", "import cryptography"}, ".").exit_code ==
                          0,
                      "python3-cryptography");
  Site s;
  make_site(s);
  ASSERT_EQ(run_in(s, {"secured", "keygen", "-o", (s.keys() / "gcm.key").string()}).exit_code, 0);
  ASSERT_EQ(
      run_in(s, {"secured", "seal", s.doc("2024-03-02-a.md").string(), "--keys", s.keys().string()},
             k_marker)
          .exit_code,
      0);
  std::string value = secured_line(s.doc("2024-03-02-a.md")).substr(10);
  value.pop_back(); // closing quote
  std::string key_hex = read_file(s.keys() / "gcm.key");
  key_hex = key_hex.substr(key_hex.find("hex:") + 4, 64);
  // An independent implementation of the envelope, PAE and AAD (design note §5).
  const char* script = R"PY(
import base64, hashlib, hmac, struct, sys
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
value, key, doc = sys.argv[1], bytes.fromhex(sys.argv[2]), sys.argv[3].encode()
env = base64.b64decode(value[3:], validate=True)
def le64(n): return struct.pack('<Q', n & 0x7FFFFFFFFFFFFFFF)
def pae(*parts): return le64(len(parts)) + b''.join(le64(len(p)) + p for p in parts)
assert env[:4] == b'SCD2' and env[4] == 1
assert env[8:24] == hmac.new(key, b'secured/v2/kid', hashlib.sha256).digest()[:16]
n = struct.unpack('>I', env[36:40])[0]
bind = pae(b'doc-id', doc, b'fields', pae(), b'body-sha256', b'')
aad = pae(b'secured/v2/aead', env[:40], bind)
print(AESGCM(key).decrypt(env[24:36], env[40:40 + n + 16], aad).decode(), end='')
)PY";
  auto r = util::run_process({"python3", "-c", script, value, key_hex, "_news/2024-03-02-a.md"},
                             s.dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, k_marker);
}

TEST(SecuredCli, NeitherPlaintextNorKeyBytesReachAnyOutputWithoutReveal) {
  Site s;
  make_site(s);
  keygen(s);
  std::string keys = s.keys().string();
  ASSERT_EQ(
      run_in(s, {"secured", "seal", s.doc("2024-03-02-a.md").string(), "--keys", keys}, k_marker)
          .exit_code,
      0);
  std::string b = read_file(s.doc("2024-03-02-b.md"));
  write_file(s.doc("2024-03-02-b.md"),
             b.insert(b.find("---\nBody"), secured_line(s.doc("2024-03-02-a.md")) + "\n"));
  std::vector<std::string> secrets = {k_marker};
  for (const char* name : {"gcm.key", "sign.key"}) {
    std::string k = read_file(s.keys() / name);
    std::string hex = k.substr(k.find("hex:") + 4, 64);
    secrets.push_back(hex);
    std::string bin;
    for (size_t i = 0; i < hex.size(); i += 2) {
      bin += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    }
    std::string b64 =
        util::run_process({"sh", "-c", "printf '%s' \"$0\" | xxd -r -p | base64 -w0", hex}, ".")
            .out;
    if (!b64.empty()) {
      secrets.push_back(b64.substr(0, 40));
    }
  }
  std::vector<RunResult> runs;
  for (const char* fmt : {"text", "json", "sarif", "junit"}) {
    runs.push_back(run_in(s, {"check", "--format", fmt, "--keys", keys, "--decrypt", "--verbose"}));
  }
  runs.push_back(
      run_in(s, {"secured", "decrypt", s.doc("2024-03-02-a.md").string(), "--keys", keys}));
  runs.push_back(
      run_in(s, {"secured", "decrypt", s.doc("2024-03-02-b.md").string(), "--keys", keys}));
  runs.push_back(run_in(s, {"secured", "inspect", s.doc("2024-03-02-a.md").string()}));
  for (const auto& r : runs) {
    for (const auto& secret : secrets) {
      EXPECT_EQ(r.out.find(secret), std::string::npos) << secret;
      EXPECT_EQ(r.err.find(secret), std::string::npos) << secret;
    }
  }
  EXPECT_NE(runs[1].out.find("secured/auth"), std::string::npos); // the copied blob was checked
}

TEST(SecuredCorpus, PinningTheSharedCorpusThenOneByteOrOneCopyGivesExactlyOneFinding) {
  fs::path corpus = source_dir().parent_path() / "shared/corpus/smartable-power-apps";
  if (!fs::exists(corpus)) {
    GTEST_SKIP() << "shared corpus not found at " << corpus << ": skipping";
  }
  TempDir dir;
  fs::path site = dir.path() / "site";
  fs::copy(corpus, site, fs::copy_options::recursive); // a scratch copy, deleted after the test
  ASSERT_EQ(run_verity({"secured", "pin"}, site).exit_code, 0);
  auto secured_findings = [&] {
    std::vector<std::string> out;
    const nlohmann::json report = run_verity({"check", "--format", "json"}, site).json();
    for (const auto& f : report["findings"]) {
      if (f["rule"].get<std::string>().rfind("secured/", 0) == 0) {
        out.push_back(f["rule"].get<std::string>() + " " + f["file"].get<std::string>());
      }
    }
    return out;
  };
  EXPECT_EQ(secured_findings(), std::vector<std::string>{});
  fs::path a = site / "_news/2019-08-19-microsoft-power-apps-2019-release-wave-2-overview.md";
  std::string original = read_file(a);
  std::string changed = original;
  size_t at = changed.find("secured: \"") + 10;
  changed[at] = changed[at] == 'A' ? 'B' : 'A';
  write_file(a, changed);
  EXPECT_EQ(secured_findings(),
            std::vector<std::string>{
                "secured/unpinned-legacy "
                "_news/2019-08-19-microsoft-power-apps-2019-release-wave-2-overview.md"});
  write_file(a, original);
  // Copy that blob over the one of another document.
  fs::path b = site / "_people/april-dunnam.md";
  std::string other = read_file(b);
  size_t ob = other.find("secured: ");
  std::string line = original.substr(original.find("secured: "));
  line = line.substr(0, line.find('\n'));
  write_file(b, other.substr(0, ob) + line + other.substr(other.find('\n', ob)));
  EXPECT_EQ(secured_findings(),
            std::vector<std::string>{"secured/unpinned-legacy _people/april-dunnam.md"});
}

} // namespace
} // namespace verity::test

namespace verity::test {
namespace {

fs::path private_keys_copy(const TempDir& dir) {
  fs::path keys = dir.path() / "keys";
  fs::create_directories(keys);
  for (const auto& e : fs::directory_iterator(source_dir() / "keys")) {
    if (e.path().extension() == ".key") {
      fs::copy_file(e.path(), keys / e.path().filename());
      fs::permissions(keys / e.path().filename(), fs::perms(0600));
    }
  }
  return keys;
}

TEST(SecuredFixture, TestKeysOpenEveryBlobOfTheFixtureSite) {
  TempDir dir;
  fs::path keys = private_keys_copy(dir);
  fs::path site = source_dir() / "fixtures/secured-site";
  auto r =
      run_verity({"check", "--format", "json", "--keys", keys.string(), "--decrypt", site.string()},
                 source_dir());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.json()["summary"]["documents"], 2);
  EXPECT_EQ(r.json()["findings"].size(), 0u);
  EXPECT_EQ(r.out.find("FIXTURE-SECRET"), std::string::npos);
  auto legacy = run_verity({"secured", "decrypt", (site / "_news/2024-06-06-legacy.md").string(),
                            "--keys", keys.string(), "--reveal"},
                           source_dir());
  EXPECT_EQ(legacy.out, "FIXTURE-SECRET legacy note");
  auto sealed = run_verity({"secured", "decrypt", (site / "_news/2024-06-06-sealed.md").string(),
                            "--keys", keys.string(), "--reveal"},
                           source_dir());
  EXPECT_EQ(sealed.out, "FIXTURE-SECRET sealed note");
  // A checkout's 0644 key files are refused.
  auto refused = run_verity({"check", "--keys", (source_dir() / "keys").string(), site.string()},
                            source_dir());
  if (fs::status(source_dir() / "keys/test-aes256gcm.key").permissions() != fs::perms(0600)) {
    EXPECT_EQ(refused.exit_code, 2);
  }
}

} // namespace
} // namespace verity::test

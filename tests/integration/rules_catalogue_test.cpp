// The rule catalogue is the single source (issue 12): the real binary is run over sites built to
// produce as many rules as possible (the bad-site fixture, a schema failing every keyword, images,
// secured blobs with and without keys, links and remote images on a loopback server, link rot over
// several days), and every id in its JSON and SARIF reports must be in `verity rules`, with the
// catalogue's severity as SARIF's default level and in the JSON report's `rules`. Also: the
// README's rule list is `verity rules --format markdown`, secured/no-lockfile is a note
// everywhere, and ci/check-rule-ids finds rule id literals outside src/rules/.
#include "counting_server.hpp"
#include "crypto/base64.hpp"
#include "crypto/primitives.hpp"
#include "schema_keywords.hpp"
#include "support.hpp"

#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace verity::test {
namespace {

// id -> default severity, from `verity rules --format json`.
std::map<std::string, std::string> catalogue() {
  RunResult r = run_verity({"rules", "--format", "json"}, ".");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, std::string> out;
  const nlohmann::json listing = r.json();
  for (const auto& rule : listing["rules"]) {
    out[rule["id"].get<std::string>()] = rule["default_severity"].get<std::string>();
  }
  return out;
}

// A server whose answer per path the test sets (and changes between linkrot runs).
class ScriptedServer : public LoopbackServer {
public:
  ScriptedServer() : LoopbackServer("127.0.0.1") {
    http().Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
      std::string behaviour = behaviour_of(req.path);
      if (behaviour == "sleep") {
        std::this_thread::sleep_for(std::chrono::milliseconds(3000));
        res.set_content("late", "text/plain");
      } else if (behaviour == "wall") {
        res.status = 403;
        res.set_header("cf-mitigated", "challenge");
      } else if (behaviour == "moved") {
        res.set_redirect(url("/ok"), 301);
      } else if (behaviour == "html") {
        res.set_content("<!DOCTYPE html><html><body>not an image</body></html>", "text/html");
      } else {
        res.status = std::stoi(behaviour);
        res.set_content("body", "text/plain");
      }
    });
  }
  void set(const std::string& path, const std::string& behaviour) {
    std::lock_guard lock(m_mutex);
    m_behaviour[path] = behaviour;
  }

private:
  std::string behaviour_of(const std::string& path) {
    std::lock_guard lock(m_mutex);
    auto it = m_behaviour.find(path);
    return it == m_behaviour.end() ? "200" : it->second;
  }
  std::mutex m_mutex;
  std::map<std::string, std::string> m_behaviour;
};

const crypto::Bytes& legacy_key() {
  static const crypto::Bytes k = [] {
    crypto::Bytes b;
    for (std::uint8_t i = 0; i < 32; ++i) {
      b.push_back(i);
    }
    return b;
  }();
  return k;
}

crypto::Bytes legacy_iv(std::uint8_t last) {
  crypto::Bytes iv;
  for (std::uint8_t i = 0x10; i < 0x1F; ++i) {
    iv.push_back(i);
  }
  iv.push_back(last);
  return iv;
}

// A legacy v1 blob "CT;IV" of `plaintext`.
std::string v1_blob(std::string_view plaintext, std::uint8_t iv_last = 0x1F) {
  crypto::Bytes ct;
  EXPECT_TRUE(crypto::aes_cbc_encrypt_pkcs7(legacy_key(), legacy_iv(iv_last),
                                            crypto::as_bytes(plaintext), ct));
  return crypto::base64_encode(ct) + ";" + crypto::base64_encode(legacy_iv(iv_last));
}

// An unsigned v2 blob under a key no test site has.
const std::string k_foreign_v2 = "v2:U0NEMgEAAAAfxNfwPcnEixC/DtkBVwO5AAECAwQFBgcICQoLAAAADm27/"
                                 "bHeANJ4+GUxYbS5B71LZa7IvYJvwl82OAmHng==";

std::string page(const std::string& title, const std::string& extra) {
  return "---\ntitle: " + title + "\n" + extra + "---\nBody of " + title + ".\n";
}

std::string image(const std::string& url, int width, int height) {
  return "  - url: \"" + url + "\"\n    width: " + std::to_string(width) +
         "\n    height: " + std::to_string(height) + "\n";
}

class EmittedRules : public ::testing::Test {
protected:
  // Runs verity in `cwd` with a JSON and a SARIF report besides, and checks both reports.
  void run_and_audit(const std::string& what, std::vector<std::string> args, const fs::path& cwd) {
    std::string n = std::to_string(++m_runs);
    fs::path json_path = m_dir.path() / ("report-" + n + ".json");
    fs::path sarif_path = m_dir.path() / ("report-" + n + ".sarif");
    args.insert(args.end(), {"--report", "json=" + json_path.string(), "--report",
                             "sarif=" + sarif_path.string()});
    RunResult r = run_verity(args, cwd);
    ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << what << ": " << r.err;
    audit_json(what, nlohmann::json::parse(read_file(json_path)));
    audit_sarif(what, nlohmann::json::parse(read_file(sarif_path)));
  }

  void audit_json(const std::string& what, const nlohmann::json& report) {
    std::set<std::string> ids;
    for (const auto& f : report["findings"]) {
      std::string id = f["rule"].get<std::string>();
      EXPECT_TRUE(m_catalogue.count(id)) << what << ": " << id << " is not in `verity rules`";
      ids.insert(id);
      m_json_ids.insert(id);
    }
    // The report's `rules` holds exactly the ids of its findings, with the catalogue's values.
    std::set<std::string> described;
    for (const auto& [id, entry] : report["rules"].items()) {
      described.insert(id);
      EXPECT_EQ(entry["default_severity"], m_catalogue[id]) << what << ": " << id;
      EXPECT_FALSE(entry["short_description"].get<std::string>().empty()) << id;
    }
    EXPECT_EQ(described, ids) << what;
  }

  void audit_sarif(const std::string& what, const nlohmann::json& sarif) {
    const auto& run = sarif["runs"][0];
    const auto& driver_rules = run["tool"]["driver"]["rules"];
    std::map<std::string, std::string> level_of;
    for (const auto& rule : driver_rules) {
      level_of[rule["id"].get<std::string>()] =
          rule["defaultConfiguration"]["level"].get<std::string>();
    }
    size_t results = 0;
    std::set<std::string> result_ids;
    for (const auto& result : run["results"]) {
      ++results;
      std::string id = result["ruleId"].get<std::string>();
      m_sarif_ids.insert(id);
      result_ids.insert(id);
      EXPECT_TRUE(m_catalogue.count(id)) << what << ": " << id << " is not in `verity rules`";
      ASSERT_TRUE(level_of.count(id)) << what << ": no rules[] entry for " << id;
      EXPECT_EQ(level_of[id], m_catalogue[id]) << what << ": default level of " << id;
      size_t index = result["ruleIndex"].get<size_t>();
      ASSERT_LT(index, driver_rules.size());
      EXPECT_EQ(driver_rules[index]["id"], id);
    }
    // rules[] describes exactly the rules of the results, each once.
    EXPECT_EQ(level_of.size(), driver_rules.size()) << what;
    EXPECT_EQ(level_of.size(), result_ids.size()) << what;
    EXPECT_EQ(results == 0, driver_rules.empty()) << what;
  }

  TempDir m_dir;
  std::map<std::string, std::string> m_catalogue = catalogue();
  std::set<std::string> m_json_ids, m_sarif_ids;
  int m_runs = 0;
};

TEST_F(EmittedRules, EveryIdInTheReportsIsInTheCatalogueWithItsDefaultLevel) {
  ASSERT_GE(m_catalogue.size(), 60u);

  // 1. The bad-site fixture: front matter, the default schemas, content, local images.
  fs::path bad = m_dir.path() / "bad-site";
  fs::copy(source_dir() / "fixtures/bad-site", bad, fs::copy_options::recursive);
  write_file(bad / "assets/small.png", png_header(10, 10));
  fs::create_symlink("/etc/hostname", bad / "assets/escape.png");
  fs::create_symlink("no-such-target.md", bad / "_news/2021-05-01-dangling.md");
  run_and_audit("bad-site", {"check", "--format", "json"}, bad);

  // 2. Offline extras: every schema keyword, image formats, secured blobs without keys.
  fs::path extras = m_dir.path() / "extras";
  write_file(extras / "verity.yaml", "version: 1\nrules:\n  schema/none: off # not what this test is about\ncollections:\n  keywords:\n    paths: "
                                     "[\"schema/*.md\"]\n    schema: keywords.schema.json\n"
                                     "  pages:\n    paths: [\"pages/*.md\"]\n"
                                     "secured:\n  require_alg: 2\n");
  write_file(extras / "keywords.schema.json", k_keyword_schema);
  write_file(extras / "schema/all.md",
             std::string("---\n") + k_keyword_front_matter + "---\nAll keywords.\n");
  write_file(extras / "img/rotated.tiff", rotated_tiff());
  write_file(extras / "img/relative.svg",
             "<svg width=\"100%\" height=\"50%\" viewBox=\"0 0 1 1\"/>");
  write_file(extras / "img/cut.png", png_header(10, 10).substr(0, 20));
  write_file(extras / "img/packed.svgz", std::string("\x1f\x8b\x08\x00", 4) + std::string(64, 'z'));
  write_file(extras / "pages/images.md",
             page("images", "images:\n" + image("/img/rotated.tiff", 30, 10) +
                                image("/img/relative.svg", 5, 5) + image("/img/cut.png", 10, 10) +
                                image("/img/packed.svgz", 5, 5)));
  write_file(extras / "pages/bogus.md", page("bogus", "secured: \"v9:nothing\"\n"));
  write_file(extras / "pages/legacy.md", page("legacy", "secured: \"" + v1_blob("old") + "\"\n"));
  write_file(extras / "pages/unsigned.md", page("unsigned", "secured: \"" + k_foreign_v2 + "\"\n"));
  run_and_audit("extras", {"check", "--format", "json"}, extras);

  // 3. Secured blobs with keys: pinned but undecryptable, unpinned, an unknown key, a copy.
  fs::path keyed = m_dir.path() / "keyed";
  fs::path keys = m_dir.path() / "keys";
  write_file(keyed / "verity.yaml",
             "version: 1\nrules:\n  schema/none: off # not what this test is about\ncollections:\n  pages:\n    paths: [\"pages/*.md\"]\n");
  fs::create_directories(keys);
  write_file(keys / "legacy.key",
             "secured-key 1\nalg=aes-256-cbc-legacy\nstatus=decrypt-only\nkey=hex:"
             "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n");
  fs::permissions(keys / "legacy.key", fs::perms(0600));
  ASSERT_EQ(
      run_verity({"secured", "keygen", "--alg", "aes-256-gcm", "-o", (keys / "gcm.key").string()},
                 keyed)
          .exit_code,
      0);
  std::string good = v1_blob("hello, secured");
  // The IV's last byte changed: the padding is invalid once decrypted.
  write_file(keyed / "pages/bad-padding.md",
             page("bad", "secured: \"" + good.substr(0, 24) + ";" +
                             crypto::base64_encode(legacy_iv(0x1F ^ 0x40)) + "\"\n"));
  write_file(keyed / "pages/sealed.md", page("sealed", ""));
  write_file(m_dir.path() / "plain.txt", "secret words");
  ASSERT_EQ(run_verity({"secured", "seal", (keyed / "pages/sealed.md").string(), "--keys",
                        keys.string(), "--input", (m_dir.path() / "plain.txt").string()},
                       keyed)
                .exit_code,
            0);
  ASSERT_EQ(run_verity({"secured", "pin", "--keys", keys.string()}, keyed).exit_code, 0);
  std::string sealed = read_file(keyed / "pages/sealed.md");
  size_t at = sealed.find("secured: ");
  ASSERT_NE(at, std::string::npos);
  std::string sealed_line = sealed.substr(at, sealed.find('\n', at) - at);
  write_file(keyed / "pages/copied.md", page("copied", sealed_line + "\n"));
  write_file(keyed / "pages/unpinned.md",
             page("unpinned", "secured: \"" + v1_blob("new") + "\"\n"));
  write_file(keyed / "pages/foreign.md", page("foreign", "secured: \"" + k_foreign_v2 + "\"\n"));
  run_and_audit("keyed", {"check", "--format", "json", "--keys", keys.string(), "--decrypt"},
                keyed);

  // 4. Links and remote images on a loopback server.
  ScriptedServer server;
  ASSERT_GT(server.port(), 0);
  server.set("/gone", "404");
  server.set("/moved", "moved");
  server.set("/wall", "wall");
  server.set("/slow", "sleep");
  server.set("/missing.png", "404");
  server.set("/page.png", "html");
  fs::path online = m_dir.path() / "online";
  write_file(online / "verity.yaml", "version: 1\nrules:\n  schema/none: off # not what this test is about\ncollections:\n  pages:\n    paths: "
                                     "[\"*.md\"]\nlinks:\n  retries: 0\n");
  write_link_page(online, "links",
                  {server.url("/ok"), server.url("/gone"), server.url("/moved"),
                   server.url("/wall"), server.url("/slow"),
                   "http://127.0.0.2:" + std::to_string(server.port()) + "/private",
                   "ftp://files.invalid/file", "https://example.com/reserved"});
  write_file(online / "images.md",
             page("images", "images:\n" + image(server.url("/missing.png"), 5, 5) +
                                image(server.url("/page.png"), 5, 5)));
  run_and_audit("online",
                {"check", "--format", "json", "--online", "--allow-address", "127.0.0.1",
                 "--no-cache", "--timeout", "1"},
                online);
  fs::path late = m_dir.path() / "late";
  write_file(late / "verity.yaml", "version: 1\nrules:\n  schema/none: off # not what this test is about\ncollections:\n  pages:\n    paths: [\"*.md\"]\n");
  write_link_page(late, "slow", {server.url("/slow")});
  run_and_audit("deadline",
                {"check", "--format", "json", "--online", "--allow-address", "127.0.0.1",
                 "--no-cache", "--deadline", "1s"},
                late);

  // 5. Link rot over four days (a link is broken after two failing runs here).
  fs::path rot = m_dir.path() / "rot";
  write_file(rot / "verity.yaml", "version: 1\nrules:\n  schema/none: off # not what this test is about\ncollections:\n  pages:\n    paths: "
                                  "[\"*.md\"]\nlinks:\n  retries: 0\n");
  write_link_page(rot, "rot", {server.url("/breaks"), server.url("/flaps"), server.url("/walls")});
  auto linkrot_day = [&](const std::string& day) {
    run_and_audit("linkrot " + day,
                  {"linkrot", "--format", "json", "--allow-address", "127.0.0.1", "--run-time",
                   day + "T02:00:00Z", "--failures-to-broken", "2"},
                  rot);
  };
  linkrot_day("2026-11-01"); // all ok
  server.set("/breaks", "404");
  server.set("/flaps", "500");
  server.set("/walls", "wall");
  linkrot_day("2026-11-02"); // newly-broken, newly-broken, blocked
  server.set("/flaps", "200");
  linkrot_day("2026-11-03"); // broken, recovered
  server.set("/flaps", "500");
  linkrot_day("2026-11-04"); // broken, flaky

  EXPECT_EQ(m_json_ids, m_sarif_ids);
  std::string missing;
  for (const auto& [id, severity] : m_catalogue) {
    if (!m_json_ids.count(id)) {
      missing += " " + id;
    }
  }
  RecordProperty("rules_exercised", static_cast<int>(m_json_ids.size()));
  RecordProperty("rules_never_exercised", missing);
  // All but schema/invalid (the rule of a keyword without its own) can be produced here.
  EXPECT_GE(m_json_ids.size(), 64u) << "rules never exercised:" << missing;
  for (std::string_view id :
       {"secured/format", "secured/policy", "secured/no-key", "secured/unpinned-legacy",
        "secured/invalid", "secured/auth", "secured/no-lockfile", "image/unreachable", "schema/if",
        "schema/propertyNames", "linkrot/flaky", "link/private-address"}) {
    EXPECT_TRUE(m_json_ids.count(std::string(id))) << id << " was not exercised";
  }
}

TEST(RulesCommand, TextJsonAndMarkdownListTheSameRules) {
  RunResult json = run_verity({"rules", "--format", "json"}, ".");
  RunResult text = run_verity({"rules"}, ".");
  RunResult md = run_verity({"rules", "--format", "markdown"}, ".");
  ASSERT_EQ(json.exit_code, 0);
  ASSERT_EQ(text.exit_code, 0);
  ASSERT_EQ(md.exit_code, 0);
  const nlohmann::json listing = json.json();
  size_t n = listing["rules"].size();
  ASSERT_GE(n, 60u);
  size_t text_lines = 0, md_rows = 0;
  std::set<std::string> fixable;
  for (const auto& rule : listing["rules"]) {
    std::string id = rule["id"].get<std::string>();
    std::string severity = rule["default_severity"].get<std::string>();
    const bool fix = rule["fixable"].get<bool>();
    if (fix) {
      fixable.insert(id);
      EXPECT_FALSE(rule["fix"].get<std::string>().empty()) << id;
      EXPECT_NE(md.out.find(" | " + rule["fix"].get<std::string>() + " |"), std::string::npos)
          << id;
    } else {
      EXPECT_FALSE(rule.contains("fix")) << id;
    }
    text_lines += text.out.find(id + " (" + severity + (fix ? ", fixable" : "") + "): ") !=
                          std::string::npos
                      ? 1
                      : 0;
    md_rows += md.out.find("| `" + id + "` | " + severity + " | ") != std::string::npos ? 1 : 0;
  }
  EXPECT_EQ(text_lines, n);
  EXPECT_EQ(md_rows, n);
  // What `verity fix` repairs, and nothing else (issue 15).
  EXPECT_EQ(fixable, (std::set<std::string>{"frontmatter/ambiguous-bool", "image/dimension-mismatch",
                                            "image/orientation", "link/redirect",
                                            "link/internal-missing", "link/missing-baseurl"}));
  EXPECT_EQ(static_cast<size_t>(std::count(text.out.begin(), text.out.end(), '\n')), n);
  EXPECT_EQ(run_verity({"rules", "--format", "sarif"}, ".").exit_code, 2);
}

TEST(RulesCommand, TheReadmeRuleListIsTheGeneratedOne) {
  std::string readme = read_file(source_dir() / "README.md");
  const std::string begin = "<!-- rules:begin -->\n", end = "<!-- rules:end -->";
  size_t from = readme.find(begin);
  size_t to = readme.find(end);
  ASSERT_NE(from, std::string::npos) << "README.md has no " << begin;
  ASSERT_NE(to, std::string::npos) << "README.md has no " << end;
  ASSERT_LT(from, to);
  std::string block = readme.substr(from + begin.size(), to - from - begin.size());
  RunResult md = run_verity({"rules", "--format", "markdown"}, ".");
  ASSERT_EQ(md.exit_code, 0);
  EXPECT_EQ(block, md.out) << "README.md's rule list differs from `verity rules --format "
                              "markdown`: regenerate it with `ci/update-readme-rules` (after "
                              "ci/build)";
}

TEST(NoLockfile, IsANoteInCheckInSarifAndInTheSecuredCommands) {
  TempDir dir;
  fs::path site = dir.path() / "site";
  fs::path keys = dir.path() / "keys";
  write_file(site / "verity.yaml",
             "version: 1\nrules:\n  schema/none: off # not what this test is about\ncollections:\n  pages:\n    paths: [\"pages/*.md\"]\n");
  write_file(site / "pages/legacy.md", page("legacy", "secured: \"" + v1_blob("old") + "\"\n"));
  fs::create_directories(keys);
  ASSERT_EQ(
      run_verity({"secured", "keygen", "--alg", "aes-256-gcm", "-o", (keys / "gcm.key").string()},
                 site)
          .exit_code,
      0);

  fs::path sarif_path = dir.path() / "r.sarif";
  RunResult check =
      run_verity({"check", "--format", "json", "--report", "sarif=" + sarif_path.string()}, site);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err; // a note fails nothing
  const nlohmann::json report = check.json();
  ASSERT_EQ(report["findings"].size(), 1u) << check.out;
  EXPECT_EQ(report["findings"][0]["rule"], "secured/no-lockfile");
  EXPECT_EQ(report["findings"][0]["severity"], "note");
  EXPECT_EQ(report["rules"]["secured/no-lockfile"]["default_severity"], "note");
  const nlohmann::json sarif = nlohmann::json::parse(read_file(sarif_path));
  const auto& run = sarif["runs"][0];
  ASSERT_EQ(run["results"].size(), 1u);
  EXPECT_EQ(run["results"][0]["level"], "note");
  ASSERT_EQ(run["tool"]["driver"]["rules"].size(), 1u);
  const auto& rule = run["tool"]["driver"]["rules"][0];
  EXPECT_EQ(rule["id"], "secured/no-lockfile");
  EXPECT_EQ(rule["defaultConfiguration"]["level"], "note");
  EXPECT_EQ(rule["shortDescription"]["text"], "Legacy blobs but no pin lockfile");

  // The secured commands refuse to decrypt the unpinned legacy blob with the same rule, a note.
  RunResult reseal = run_verity({"secured", "reseal", "--keys", keys.string()}, site);
  EXPECT_EQ(reseal.exit_code, 1) << reseal.err;
  EXPECT_NE(reseal.err.find("pages/legacy.md: note [secured/no-lockfile] legacy blobs are "
                            "decrypted only when pinned"),
            std::string::npos)
      << reseal.err;
  RunResult decrypt = run_verity(
      {"secured", "decrypt", (site / "pages/legacy.md").string(), "--keys", keys.string()}, site);
  EXPECT_EQ(decrypt.exit_code, 1) << decrypt.err;
  EXPECT_NE(decrypt.err.find("pages/legacy.md: note [secured/no-lockfile] legacy blobs are "
                             "decrypted only when pinned"),
            std::string::npos)
      << decrypt.err;
  EXPECT_EQ(decrypt.out, "");
}

TEST(RuleIdCheck, FindsLiteralsOutsideTheCatalogueWithFileAndLine) {
  fs::path script = source_dir() / "ci/check-rule-ids";
  auto clean = util::run_process({"bash", script.string(), source_dir().string()}, ".");
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;

  TempDir dir;
  write_file(dir.path() / "src/rules/catalogue.def", "VERITY_RULE(a, \"image/missing\", Error)\n");
  write_file(dir.path() / "src/media/x.cpp",
             "#include \"schema/compiled_schema.hpp\"\nauto k = \"secured/v2/kid\";\n"
             "f.rule = \"linkrot/\" + state;\nif (r == \"link/redirect\") {}\n");
  write_file(dir.path() / "include/verity/y.hpp", "// e.g. \"content/duplicate-url\"\n");
  auto dirty = util::run_process({"bash", script.string(), dir.path().string()}, ".");
  EXPECT_EQ(dirty.exit_code, 1);
  EXPECT_NE(dirty.out.find("src/media/x.cpp:3:"), std::string::npos) << dirty.out;
  EXPECT_NE(dirty.out.find("src/media/x.cpp:4:"), std::string::npos) << dirty.out;
  // Include paths, other strings with a slash, and the catalogue itself are not findings.
  EXPECT_EQ(dirty.out.find("x.cpp:1:"), std::string::npos) << dirty.out;
  EXPECT_EQ(dirty.out.find("x.cpp:2:"), std::string::npos) << dirty.out;
  EXPECT_EQ(dirty.out.find("catalogue.def"), std::string::npos) << dirty.out;
  EXPECT_NE(dirty.out.find("include/verity/y.hpp:1:"), std::string::npos) << dirty.out;
  EXPECT_EQ(std::count(dirty.out.begin(), dirty.out.end(), '\n'), 3);
}

} // namespace
} // namespace verity::test

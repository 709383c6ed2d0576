// Nothing outside the site root is read or written. Every hostile path is built at test time:
// symlinks out of the site (to a file holding a marker, and dangling), `..` and absolute paths in
// verity.yaml. A refused file's bytes never reach any output, and a refused path and a missing
// path get the same words, so no run tells whether a file outside the checkout exists.
#include "support.hpp"

#include <unistd.h>

namespace verity::test {
namespace {

constexpr const char* k_pages = "version: 1\nrules:\n  schema/none: off # not what this test is about\ncollections:\n  pages:\n    paths: [\"*.md\"]\n";
constexpr const char* k_marker = "OUTSIDE-SECRET-7f3a";

class Confine : public ::testing::Test {
protected:
  void SetUp() override {
    site = dir.path() / "site";
    outside = dir.path() / "outside";
    fs::create_directories(site);
    fs::create_directories(outside);
    // An outside file that parses as a document, a schema and a config, all holding the marker.
    write_file(outside / "secret.md", std::string("---\n") + k_marker + ": " + k_marker +
                                          "\ntitle: [" + k_marker + "\n---\n");
    write_file(outside / "secret.yaml", std::string("type: object\nrequired: [") + k_marker +
                                            "]\nproperties: {" + k_marker + ": {type: integer}}\n");
    write_file(site / "page.md", "---\ntitle: ok\n---\n");
  }
  void config(const std::string& extra) { write_file(site / "verity.yaml", k_pages + extra); }
  RunResult run(std::vector<std::string> args) { return run_verity(args, site); }
  static void no_marker(const RunResult& r) {
    EXPECT_EQ(r.out.find(k_marker), std::string::npos) << r.out;
    EXPECT_EQ(r.err.find(k_marker), std::string::npos) << r.err;
  }

  TempDir dir;
  fs::path site;
  fs::path outside;
};

TEST_F(Confine, ADocumentThatIsASymlinkOutIsNeverReadInAnyFormat) {
  config("");
  fs::create_symlink(outside / "secret.md", site / "leak.md");
  int formats = 0;
  std::string message;
  for (const char* format : {"text", "json", "sarif", "markdown", "junit", "html"}) {
    RunResult r = run({"check", "--format", format});
    EXPECT_EQ(r.exit_code, 1) << format << r.out << r.err;
    no_marker(r);
    EXPECT_NE(r.out.find("leak.md"), std::string::npos) << format;
    ++formats;
  }
  EXPECT_EQ(formats, 6);
  RunResult r = run({"check", "--format", "json"});
  const nlohmann::json report = r.json(); // not a temporary: findings refers into it
  const auto& findings = report["findings"];
  ASSERT_EQ(findings.size(), 1u) << r.out;
  EXPECT_EQ(findings[0]["rule"], "frontmatter/unreadable");
  EXPECT_EQ(findings[0]["file"], "leak.md");
  message = findings[0]["message"];

  // A dangling link, and a link to a missing file outside: the very same finding.
  fs::remove(site / "leak.md");
  fs::create_symlink(outside / "no-such-file.md", site / "leak.md");
  RunResult dangling = run({"check", "--format", "json"});
  ASSERT_EQ(dangling.json()["findings"].size(), 1u) << dangling.out;
  EXPECT_EQ(dangling.json()["findings"][0]["message"], message);

  // Positive control: a symlink that stays inside the site is read like any document.
  fs::remove(site / "leak.md");
  write_file(site / "sub" / "real.md", "---\ntitle: [broken\n---\n");
  fs::create_symlink(site / "sub" / "real.md", site / "inner.md");
  RunResult inner = run({"check", "--format", "json", "inner.md"});
  ASSERT_EQ(inner.json()["findings"].size(), 1u) << inner.out;
  EXPECT_EQ(inner.json()["findings"][0]["rule"], "frontmatter/yaml-error");
}

TEST_F(Confine, AnExplicitPathArgumentThatLinksOutIsRefusedToo) {
  config("");
  fs::create_symlink(outside / "secret.md", site / "leak.md");
  RunResult r = run({"check", "leak.md", "--format", "sarif"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  no_marker(r);
  EXPECT_NE(r.out.find("frontmatter/unreadable"), std::string::npos) << r.out;
}

TEST_F(Confine, AVerityYamlThatLinksOutIsRefusedInTheSameWordsAsADanglingOne) {
  write_file(outside / "verity.yaml", std::string(k_pages) + "rules: {" + k_marker + ": bad}\n");
  fs::create_symlink(outside / "verity.yaml", site / "verity.yaml");
  RunResult r = run({"check"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  no_marker(r);
  EXPECT_NE(r.err.find("leaves the site root"), std::string::npos) << r.err;

  fs::remove(site / "verity.yaml");
  fs::create_symlink(outside / "missing.yaml", site / "verity.yaml");
  RunResult dangling = run({"check"});
  EXPECT_EQ(dangling.exit_code, 2) << dangling.err;
  EXPECT_EQ(dangling.err, r.err);
}

TEST_F(Confine, SchemaPathsOutsideTheSiteAreRefusedWithoutLeakingOrTellingExistence) {
  std::vector<std::string> messages;
  const std::vector<std::string> schemas{(outside / "secret.yaml").string(),
                                         "../outside/secret.yaml", "../outside/missing.yaml"};
  for (const std::string& schema : schemas) {
    config("    schema: " + schema + "\n");
    RunResult r = run({"check"});
    EXPECT_EQ(r.exit_code, 2) << schema << r.out << r.err;
    no_marker(r);
    EXPECT_NE(r.err.find("verity.yaml:7:13"), std::string::npos) << r.err;
    messages.push_back(r.err.substr(r.err.find("leaves")));
  }
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[1], messages[2]); // existing and missing outside files: the same words

  // A schema inside the site that is a symlink out: refused in the same way.
  fs::create_symlink(outside / "secret.yaml", site / "schema.yaml");
  config("    schema: schema.yaml\n");
  RunResult r = run({"check"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  no_marker(r);
  // Positive control: a real schema file inside the site applies.
  fs::remove(site / "schema.yaml");
  write_file(site / "schema.yaml", "type: object\nrequired: [author]\n");
  r = run({"check", "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.json()["summary"]["by_rule"].value("schema/required", 0), 1) << r.out;
}

TEST_F(Confine, StatePathsOutsideTheSiteAreRefusedAndNothingIsCreatedOrWritten) {
  // {setting, the key the message must name}; links.cache is refused in a checkout's config
  // whatever its path (a trusted config may name one, but only inside the site or absolute).
  const std::vector<std::pair<std::string, std::string>> settings{
      {"secured:\n  lockfile: ../outside/secured.lock\n", "secured.lockfile"},
      {"secured:\n  lockfile: " + (outside / "secured.lock").string() + "\n", "secured.lockfile"},
      {"linkrot:\n  history: ../outside/h/history.sqlite\n", "linkrot.history"},
      {"links:\n  cache: ../outside/c/cache.sqlite\n", "links.cache"}};
  int refused = 0;
  for (const auto& [setting, key] : settings) {
    config(setting);
    RunResult r = run({"check"});
    EXPECT_EQ(r.exit_code, 2) << setting << r.err;
    EXPECT_NE(r.err.find(key), std::string::npos) << r.err;
    refused += r.exit_code == 2;
    r = run({"linkrot", "--allow-private"});
    EXPECT_EQ(r.exit_code, 2) << setting << r.err;
  }
  // In a trusted config, a relative path still may not leave the site.
  write_file(dir.path() / "trusted.yaml",
             std::string(k_pages) + "links:\n  cache: ../outside/c/cache.sqlite\n");
  RunResult r = run({"check", "--trusted-config", (dir.path() / "trusted.yaml").string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("leaves the site root"), std::string::npos) << r.err;
  EXPECT_EQ(refused, 4);
  EXPECT_FALSE(fs::exists(outside / "h"));
  EXPECT_FALSE(fs::exists(outside / "c"));
  EXPECT_FALSE(fs::exists(outside / "secured.lock"));
}

TEST_F(Confine, DefaultStatePathsThatAreSymlinksOutAreRefused) {
  config("");
  // secured.lock (the default lockfile) pointing at a file outside: never read, never replaced.
  write_file(outside / "victim", std::string(k_marker) + "\n");
  fs::create_symlink(outside / "victim", site / "secured.lock");
  RunResult r = run({"check"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  no_marker(r);
  r = run({"secured", "pin"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(read_file(outside / "victim"), std::string(k_marker) + "\n");
  fs::remove(site / "secured.lock");

  // .verity pointing at a directory outside: the history is never created there.
  fs::create_directories(outside / "state");
  fs::create_directory_symlink(outside / "state", site / ".verity");
  r = run({"linkrot"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("linkrot.history"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::is_empty(outside / "state"));
}

TEST_F(Confine, AJekyllConfigThatLinksOutIsTreatedAsMissing) {
  // With its url known, an image under that URL is a local file (missing here)...
  config("");
  write_file(site / "img.md", "---\nimage: {url: \"https://" + std::string("marker.example") +
                                  "/a.png\", width: 10, height: 10}\n---\n");
  write_file(site / "_config.yml", "url: https://marker.example\n");
  RunResult r = run({"check", "--format", "json"});
  EXPECT_EQ(r.json()["summary"]["by_rule"].value("image/missing", 0), 1) << r.out;
  // ...a _config.yml that links outside is not read: the URL stays remote (not checked offline).
  fs::remove(site / "_config.yml");
  write_file(outside / "_config.yml", "url: https://marker.example\n");
  fs::create_symlink(outside / "_config.yml", site / "_config.yml");
  r = run({"check", "--format", "json"});
  EXPECT_EQ(r.json()["summary"]["by_rule"].value("image/missing", 0), 0) << r.out;
  // ...and the run says so (site/config), without a byte of the file it points to.
  EXPECT_EQ(r.json()["summary"]["by_rule"].value("site/config", 0), 1) << r.out;
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
}

} // namespace
} // namespace verity::test

namespace verity::test {
namespace {

TEST_F(Confine, AnImageSymlinkOutAndADanglingOneGetTheSameFinding) {
  config("");
  write_file(outside / "real.png", png_header(10, 10));
  write_file(site / "img.md", "---\nimage: {url: /a.png, width: 10, height: 10}\n---\n");
  std::vector<std::string> messages;
  for (const fs::path& target : {outside / "real.png", outside / "missing.png"}) {
    fs::remove(site / "a.png");
    fs::create_symlink(target, site / "a.png");
    RunResult r = run({"check", "--format", "json"});
    const nlohmann::json report = r.json();
    ASSERT_EQ(report["findings"].size(), 1u) << r.out;
    EXPECT_EQ(report["findings"][0]["rule"], "image/outside-site");
    messages.push_back(report["findings"][0]["message"]);
  }
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0], messages[1]);
  // Positive control: a symlink to an image inside the site is probed (and its size is wrong).
  write_file(site / "img" / "b.png", png_header(12, 10));
  fs::remove(site / "a.png");
  fs::create_symlink(site / "img" / "b.png", site / "a.png");
  RunResult r = run({"check", "--format", "json"});
  EXPECT_EQ(r.json()["summary"]["by_rule"].value("image/dimension-mismatch", 0), 1) << r.out;
}

} // namespace
} // namespace verity::test

// Runs the real verity binary on the fixture sites and asserts exit codes and report contents.
#include "support.hpp"

#include <regex>
#include <set>
#include <sys/stat.h>

namespace verity::test {
namespace {

// Copies fixtures/bad-site to a temp dir and adds what cannot be committed as plain files:
// generated images, a symlink out of the site, a directory named like a document, a 9 MiB file.
void make_bad_site(const fs::path& dest) {
  fs::copy(source_dir() / "fixtures/bad-site", dest, fs::copy_options::recursive);
  write_file(dest / "assets/small.png", png_header(10, 10));
  write_file(dest / "assets/good.png", png_header(20, 10));
  fs::create_symlink("/etc/hostname", dest / "assets/escape.png");
  fs::create_symlink("no-such-target.md", dest / "_news/2021-05-01-dangling.md");
  write_file(dest / "_news/2021-05-02-huge.md", "---\ntitle: x\n---\n" + std::string(9 << 20, 'x'));
}

std::multiset<std::string> rules_for(const nlohmann::json& report, const std::string& file) {
  std::multiset<std::string> out;
  for (const auto& f : report["findings"]) {
    if (f["file"] == file) {
      out.insert(f["rule"].get<std::string>());
    }
  }
  return out;
}

const nlohmann::json* find_finding(const nlohmann::json& report, const std::string& file,
                                   const std::string& rule) {
  for (const auto& f : report["findings"]) {
    if (f["file"] == file && f["rule"] == rule) {
      return &f;
    }
  }
  return nullptr;
}

TEST(ExampleSite, PassesWithZeroConfigAndReportsOnlyWarnings) {
  auto r = run_verity({"check", "--format", "json", "fixtures/example-site"}, source_dir());
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  auto report = r.json();
  EXPECT_EQ(report["version"], 1);
  EXPECT_EQ(report["summary"]["documents"], 5);
  EXPECT_EQ(report["summary"]["errors"], 0);
  // `location: NO` (Norway, or false to Jekyll) is the one deliberate warning of the example.
  ASSERT_EQ(report["findings"].size(), 1u);
  EXPECT_EQ(report["findings"][0]["rule"], "frontmatter/ambiguous-bool");
  EXPECT_EQ(report["findings"][0]["file"], "_people/ada-gardener.md");
  EXPECT_EQ(report["findings"][0]["line"], 4);
  EXPECT_EQ(report["findings"][0]["column"], 11);
}

TEST(ExampleSite, FailOnWarningTurnsTheWarningIntoExitCode1) {
  auto r =
      run_verity({"check", "--fail-on", "warning", "-q", "fixtures/example-site"}, source_dir());
  EXPECT_EQ(r.exit_code, 1);
}

TEST(BadSite, EveryDocumentGetsItsExpectedFindings) {
  TempDir dir;
  make_bad_site(dir.path() / "site");
  auto r = run_verity({"check", "--format", "json"}, dir.path() / "site");
  ASSERT_EQ(r.exit_code, 1) << r.err;
  auto report = r.json();
  using Rules = std::multiset<std::string>;
  EXPECT_EQ(rules_for(report, "_news/2020-05-19-wrong-date.md"), Rules({"content/filename-date"}));
  EXPECT_EQ(rules_for(report, "_news/2021-01-01-types.md"),
            Rules({"schema/format", "schema/format", "schema/enum", "schema/type", "schema/type",
                   "frontmatter/ambiguous-bool", "schema/additionalProperties"}));
  EXPECT_EQ(rules_for(report, "_news/2021-02-01-dup-a.md"), Rules({"content/duplicate-url"}));
  EXPECT_EQ(rules_for(report, "_news/2021-02-01-dup-b.md"), Rules({"content/duplicate-url"}));
  EXPECT_EQ(rules_for(report, "_news/2021-03-01-missing-required.md"),
            Rules({"schema/required", "schema/anyOf"}));
  EXPECT_EQ(rules_for(report, "_news/2021-04-01-yaml-error.md"), Rules({"frontmatter/yaml-error"}));
  EXPECT_EQ(rules_for(report, "_news/2021-04-02-duplicate-key.md"),
            Rules({"frontmatter/duplicate-key"}));
  EXPECT_EQ(
      rules_for(report, "_news/2021-04-03-alias.md"),
      Rules({"frontmatter/alias", "frontmatter/alias", "frontmatter/alias", "schema/required"}));
  EXPECT_EQ(rules_for(report, "_news/2021-04-04-unterminated.md"),
            Rules({"frontmatter/unterminated"}));
  EXPECT_EQ(rules_for(report, "_news/2021-04-05-no-front-matter.md"),
            Rules({"frontmatter/missing"}));
  EXPECT_EQ(rules_for(report, "_news/2021-04-06-bom.md"), Rules({"frontmatter/bom"}));
  EXPECT_EQ(rules_for(report, "_news/2021-04-07-crlf.md"), Rules({"schema/type"}));
  EXPECT_EQ(rules_for(report, "_news/2021-04-08-bad-utf8.md"), Rules({"frontmatter/encoding"}));
  EXPECT_EQ(rules_for(report, "_news/2021-04-09-deep.md"), Rules({"frontmatter/limit"}));
  EXPECT_EQ(rules_for(report, "_news/2021-05-01-dangling.md"), Rules({"frontmatter/unreadable"}));
  EXPECT_EQ(rules_for(report, "_news/2021-05-02-huge.md"), Rules({"frontmatter/limit"}));
  EXPECT_EQ(rules_for(report, "_data/organizations/images.example.md"),
            Rules({"image/missing", "image/dimension-mismatch", "image/outside-site",
                   "image/not-an-image", "image/outside-site"}));
  EXPECT_EQ(rules_for(report, "_people/ok-person.md"), Rules());
  EXPECT_EQ(report["summary"]["documents"], 18);
}

TEST(BadSite, PositionsAndMessagesNameTheValue) {
  TempDir dir;
  make_bad_site(dir.path() / "site");
  auto report = run_verity({"check", "--format", "json"}, dir.path() / "site").json();
  const auto* type = find_finding(report, "_news/2021-01-01-types.md", "schema/type");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ((*type)["pointer"], "/quality");
  EXPECT_EQ((*type)["line"], 6);
  EXPECT_EQ((*type)["column"], 10);
  EXPECT_EQ((*type)["message"], "quality: expected integer, got string \"82\": remove the quotes");
  const auto* crlf = find_finding(report, "_news/2021-04-07-crlf.md", "schema/type");
  ASSERT_NE(crlf, nullptr);
  EXPECT_EQ((*crlf)["line"], 6);
  EXPECT_EQ((*crlf)["column"], 10);
  const auto* mismatch =
      find_finding(report, "_data/organizations/images.example.md", "image/dimension-mismatch");
  ASSERT_NE(mismatch, nullptr);
  EXPECT_EQ((*mismatch)["actual"]["width"], 10);
  EXPECT_EQ((*mismatch)["declared"]["width"], 400);
  const auto* dup = find_finding(report, "_news/2021-02-01-dup-a.md", "content/duplicate-url");
  ASSERT_NE(dup, nullptr);
  EXPECT_EQ((*dup)["other_files"], nlohmann::json::array({"_news/2021-02-01-dup-b.md"}));
  const auto* required =
      find_finding(report, "_news/2021-03-01-missing-required.md", "schema/required");
  ASSERT_NE(required, nullptr);
  EXPECT_EQ((*required)["line"], 1);
  EXPECT_EQ((*required)["message"], "missing required property 'title'");
  const auto* yaml =
      find_finding(report, "_news/2021-04-01-yaml-error.md", "frontmatter/yaml-error");
  ASSERT_NE(yaml, nullptr);
  EXPECT_GE((*yaml)["line"].get<int>(), 2);
}

TEST(BadSite, FindingsAreSortedByFileLineColumn) {
  TempDir dir;
  make_bad_site(dir.path() / "site");
  auto report = run_verity({"check", "--format", "json"}, dir.path() / "site").json();
  const auto& f = report["findings"];
  for (size_t i = 1; i < f.size(); ++i) {
    auto key = [](const nlohmann::json& x) {
      return std::make_tuple(x["file"].get<std::string>(), x["line"].get<int>(),
                             x["column"].get<int>());
    };
    EXPECT_LE(key(f[i - 1]), key(f[i])) << i;
  }
}

TEST(BadSite, NeverOpensPathsOutsideTheSite) {
  TempDir dir;
  make_bad_site(dir.path() / "site");
  auto report = run_verity({"check", "--format", "json"}, dir.path() / "site").json();
  size_t refused = 0, not_images = 0;
  for (const auto& f : report["findings"]) {
    if (f["rule"] == "image/outside-site") {
      EXPECT_NE(f["message"].get<std::string>().find("refused"), std::string::npos);
      ++refused;
    }
    // /etc/hostname is a text file: had it been probed, it would read as image/not-an-image.
    if (f["rule"] == "image/not-an-image") {
      EXPECT_NE(f["message"].get<std::string>().find("not-an-image.png"), std::string::npos);
      ++not_images;
    }
  }
  // The symlink to /etc/hostname and the `..` path, both refused; the one real non-image (the
  // positive control that a text file is read as image/not-an-image when it is probed).
  EXPECT_EQ(refused, 2u);
  EXPECT_EQ(not_images, 1u);
}

TEST(Config, RuleLevelsAndIgnoresApply) {
  TempDir dir;
  make_bad_site(dir.path() / "site");
  // Positive control: without the configuration the same site has every finding silenced below.
  auto plain = run_verity({"check", "--format", "json"}, dir.path() / "site").json();
  EXPECT_TRUE(find_finding(plain, "_news/2020-05-19-wrong-date.md", "content/filename-date"));
  EXPECT_TRUE(find_finding(plain, "_news/2021-02-01-dup-a.md", "content/duplicate-url"));
  EXPECT_TRUE(find_finding(plain, "_news/2021-04-01-yaml-error.md", "frontmatter/yaml-error"));
  const auto* error = find_finding(plain, "_news/2021-01-01-types.md", "schema/type");
  ASSERT_NE(error, nullptr);
  EXPECT_EQ((*error)["severity"], "error");

  write_file(dir.path() / "site/verity.yaml", R"(version: 1
extends: none
collections:
  news:
    paths: ["_news/*.md"]
    schema: builtin:news.schema.yaml
rules:
  content/filename-date: "off"
  schema/*: warning
ignore:
  - paths: ["_news/2021-04-0*.md"]
  - paths: ["_news/2021-02-01-dup-a.md"]
    rules: [content/duplicate-url]
)");
  auto r = run_verity({"check", "--format", "json"}, dir.path() / "site");
  auto report = r.json();
  size_t schema_findings = 0;
  for (const auto& f : report["findings"]) {
    EXPECT_NE(f["rule"], "content/filename-date");
    if (f["rule"].get<std::string>().rfind("schema/", 0) == 0) {
      EXPECT_EQ(f["severity"], "warning");
      ++schema_findings;
    }
    EXPECT_EQ(f["file"].get<std::string>().rfind("_news/2021-04-0", 0), std::string::npos);
    EXPECT_NE(f["file"], "_data/organizations/images.example.md"); // not in a collection
  }
  // The schema findings are still there, as warnings: the six of _news/2021-01-01-types.md and the
  // two of _news/2021-03-01-missing-required.md.
  EXPECT_EQ(schema_findings, 8u) << report["findings"].dump(1);
  EXPECT_TRUE(find_finding(report, "_news/2021-02-01-dup-b.md", "content/duplicate-url"));
  EXPECT_FALSE(find_finding(report, "_news/2021-02-01-dup-a.md", "content/duplicate-url"));
}

TEST(Config, InvalidConfigIsExit2WithFileAndLine) {
  TempDir dir;
  write_file(dir.path() / "verity.yaml",
             "version: 1\ncollections:\n  news:\n    path: [\"_news/*.md\"]\n");
  auto r = run_verity({"check"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("verity.yaml:4:5"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("unknown property 'path'"), std::string::npos) << r.err;
}

TEST(Config, SchemaWithIgnoredKeywordIsRefusedWithLine) {
  TempDir dir;
  write_file(
      dir.path() / "verity.yaml",
      "version: 1\ncollections:\n  news:\n    paths: [\"_news/*.md\"]\n    schema: s.yaml\n");
  write_file(dir.path() / "s.yaml",
             "type: object\nproperties:\n  a:\n    prefixItems: []\n  b: {format: colour}\n");
  auto r = run_verity({"check"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("s.yaml:4:5"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("prefixItems"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("unknown format 'colour'"), std::string::npos) << r.err;
}

TEST(Config, YamlSyntaxErrorInConfigIsExit2) {
  TempDir dir;
  write_file(dir.path() / "verity.yaml", "version: 1\ncollections: [\n");
  auto r = run_verity({"check"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("verity.yaml:"), std::string::npos) << r.err;
}

TEST(Cli, BadFlagIsExit2) {
  auto r = run_verity({"check", "--no-such-flag"}, source_dir());
  EXPECT_EQ(r.exit_code, 2);
  r = run_verity({"check", "--format", "xml", "fixtures/example-site"}, source_dir());
  EXPECT_EQ(r.exit_code, 2);
  r = run_verity({"check", "does/not/exist"}, source_dir());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("does/not/exist"), std::string::npos);
}

TEST(Cli, ReportThatCannotBeWrittenIsExit3) {
  auto r = run_verity({"check", "fixtures/example-site", "--output", "/nonexistent-dir/r.txt"},
                      source_dir());
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("/nonexistent-dir"), std::string::npos) << r.err;
}

TEST(Cli, VersionAndConfigSchema) {
  auto r = run_verity({"--version"}, source_dir());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("verity 0.", 0), 0u) << r.out;
  // The commit the binary was built from: a commit of this checkout (HEAD itself in CI, which
  // builds before testing; an ancestor when a developer committed after building).
  size_t at = r.out.find("\ncommit: ");
  ASSERT_NE(at, std::string::npos) << r.out;
  std::string commit = r.out.substr(at + 9, 12);
  ASSERT_TRUE(std::regex_match(commit, std::regex("[0-9a-f]{12}"))) << r.out;
  auto ancestor = util::run_process(
      {"git", "-C", source_dir().string(), "merge-base", "--is-ancestor", commit, "HEAD"},
      source_dir());
  EXPECT_EQ(ancestor.exit_code, 0) << commit << " is not a commit of this checkout";
  // The libraries it runs with, as pkg-config (installed with their -dev packages) names them.
  for (const auto& [module, label] :
       std::vector<std::pair<std::string, std::string>>{{"openssl", "OpenSSL "},
                                                        {"libcurl", "libcurl "},
                                                        {"yaml-cpp", "yaml-cpp "},
                                                        {"sqlite3", "SQLite "}}) {
    auto pc = util::run_process({"pkg-config", "--modversion", module}, source_dir());
    ASSERT_EQ(pc.exit_code, 0) << module << pc.err;
    std::string v = pc.out.substr(0, pc.out.find('\n'));
    EXPECT_NE(r.out.find(label + v), std::string::npos) << module << " " << v << "\n" << r.out;
  }
  r = run_verity({"config", "schema"}, source_dir());
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.json()["title"], "verity.yaml");
}

TEST(Cli, ReportFlagWritesSeveralFormatsInOneRun) {
  TempDir dir;
  auto r = run_verity({"check", "fixtures/example-site", "--format", "json", "--output",
                       (dir.path() / "r.json").string(), "--report",
                       "sarif=" + (dir.path() / "r.sarif").string(), "--report",
                       "junit=" + (dir.path() / "r.xml").string()},
                      source_dir());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  auto json = nlohmann::json::parse(read_file(dir.path() / "r.json"));
  EXPECT_EQ(json["summary"]["documents"], 5);
  auto sarif = nlohmann::json::parse(read_file(dir.path() / "r.sarif"));
  EXPECT_EQ(sarif["version"], "2.1.0");
  EXPECT_NE(read_file(dir.path() / "r.xml").find("<testsuites"), std::string::npos);
}

TEST(Cli, JunitIsWellFormedXml) {
  REQUIRE_TOOL_OR_SKIP("python3");
  TempDir dir;
  make_bad_site(dir.path() / "site");
  run_verity({"check", "--format", "junit", "--output", (dir.path() / "j.xml").string()},
             dir.path() / "site");
  auto r = util::run_process(
      {"python3", "-c",
       "import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); "
       "print(r.get('tests'), r.get('failures'), r.get('errors'), len(r.findall('testsuite')))",
       (dir.path() / "j.xml").string()},
      dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // 18 documents; 7 unparseable (<error>), the rest with error findings (<failure>), 2 clean
  // (the person, and the BOM note which is not a failure).
  EXPECT_EQ(r.out, "18 9 7 3\n");
}

// git in `site`, with an identity and no signing, whatever the machine's git configuration.
util::ProcessResult git_in(const fs::path& site, std::vector<std::string> args) {
  args.insert(args.begin(),
              {"git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"});
  return util::run_process(args, site);
}

TEST(ChangedSince, ReportsOnlyChangedDocumentsButSeesTheWholeCorpus) {
  REQUIRE_TOOL_OR_SKIP("git");
  TempDir dir;
  fs::path site = dir.path() / "site";
  make_bad_site(site);
  auto git = [&](std::vector<std::string> args) { return git_in(site, std::move(args)); };
  ASSERT_EQ(git({"init", "-q"}).exit_code, 0);
  git({"add", "-A"});
  ASSERT_EQ(git({"commit", "-qm", "base"}).exit_code, 0);
  // Change one document: it now duplicates the webUrl of an unchanged one.
  write_file(
      site / "_people/ok-person.md",
      "---\nname: \"A valid person\"\ntype: profile\nwebUrl: https://news.example/same\n---\n");
  auto r = run_verity({"check", "--format", "json", "--changed-since", "HEAD"}, site);
  auto report = r.json();
  EXPECT_EQ(report["summary"]["documents"], 1);
  EXPECT_EQ(rules_for(report, "_people/ok-person.md"),
            (std::multiset<std::string>{"schema/additionalProperties", "content/duplicate-url"}));
  EXPECT_EQ(report["findings"].size(), 2u);
  r = run_verity({"check", "--changed-since", "no-such-revision"}, site);
  EXPECT_EQ(r.exit_code, 2);
}

// git quotes names with non-ASCII bytes, tabs or quotes unless asked for -z; a changed file
// with such a name must be checked, committed, staged or untracked.
TEST(ChangedSince, NamesGitWouldQuoteAreCheckedToo) {
  REQUIRE_TOOL_OR_SKIP("git");
  TempDir dir;
  const fs::path& site = dir.path();
  write_file(site / "_config.yml", "title: t\n");
  write_file(site / "_posts/2020-01-01-ok.md", "---\ntitle: ok\n---\n");
  auto git = [&](std::vector<std::string> args) { return git_in(site, std::move(args)); };
  ASSERT_EQ(git({"init", "-q"}).exit_code, 0);
  git({"add", "-A"});
  ASSERT_EQ(git({"commit", "-qm", "base"}).exit_code, 0);
  write_file(site / "_posts/2020-01-06-caf\xC3\xA9.md", "---\ntitle: [bad\n---\n");
  git({"add", "-A"});
  ASSERT_EQ(git({"commit", "-qm", "pr"}).exit_code, 0);
  write_file(site / "q\"uote.md", "---\ntitle: [bad\n---\n"); // untracked
  auto r = run_verity({"check", "--format", "json", "--changed-since", "HEAD~1"}, site);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  std::multiset<std::string> files;
  const nlohmann::json report = r.json(); // the loop must not outlive a temporary
  for (const auto& f : report["findings"]) {
    if (f["rule"] == "frontmatter/yaml-error")
      files.insert(f["file"].get<std::string>());
  }
  EXPECT_EQ(files, (std::multiset<std::string>{"_posts/2020-01-06-caf\xC3\xA9.md", "q\"uote.md"}));
}

} // namespace
} // namespace verity::test

namespace verity::test {
namespace {

TEST(Config, ImageReadCapIsConfigurable) {
  TempDir dir;
  auto be16 = [](unsigned v) { return std::string{char(v >> 8), char(v & 255)}; };
  std::string jpeg = std::string("\xFF\xD8\xFF\xE1", 4) + be16(5002) + std::string(5000, 'a') +
                     std::string("\xFF\xC0", 2) + be16(11) + std::string("\x08", 1) + be16(20) +
                     be16(10) + std::string("\x01\x01\x11\x00", 4);
  write_file(dir.path() / "assets/big-app.jpg", jpeg);
  write_file(dir.path() / "_data/organizations/o.md",
             "---\ntaxonomy: organization\n_id: o.example\nname: Org\ndomain: o.example\nimages:\n"
             "  - url: /assets/big-app.jpg\n    width: 10\n    height: 20\n---\n");
  auto ok = run_verity({"check", "--format", "json"}, dir.path());
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  write_file(
      dir.path() / "verity.yaml",
      "version: 1\ncollections:\n  organizations:\n    paths: [\"_data/organizations/*.md\"]\n"
      "limits:\n  max_image_bytes: 4096\n");
  auto capped = run_verity({"check", "--format", "json"}, dir.path());
  EXPECT_EQ(capped.exit_code, 1);
  const nlohmann::json report = capped.json();
  ASSERT_EQ(report["findings"].size(), 1u);
  EXPECT_EQ(report["findings"][0]["rule"], "image/unreadable");
  EXPECT_NE(report["findings"][0]["message"].get<std::string>().find("read limit"),
            std::string::npos);
}

} // namespace
} // namespace verity::test

// Bounded time and stack on every input (issue 11, section 4): patterns from schemas and from
// verity.yaml run on a linear-time engine, globs match without backtracking, YAML positions are
// computed in linear time, `$ref` cycles are refused at load. Each hostile input is built here;
// each time bound is a generous ceiling enforced by coreutils `timeout` (a hang fails as exit
// 124 instead of blocking the suite), and each attack has a positive control showing the
// feature still works.
#include "support.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace verity::test;

namespace {

// Ceiling for a run that takes well under a second when fixed, and hung (or crashed) before.
constexpr const char* k_ceiling_seconds = "60";

RunResult run_bounded(const std::vector<std::string>& args, const fs::path& cwd) {
  std::vector<std::string> argv{"timeout", "-s", "KILL", k_ceiling_seconds, verity_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = verity::util::run_process(argv, cwd);
  return {r.exit_code, r.out, r.err};
}

// The findings of a JSON report with this rule (and file, when given).
std::vector<nlohmann::json> findings(const RunResult& r, const std::string& rule,
                                     const std::string& file = "") {
  std::vector<nlohmann::json> out;
  nlohmann::json report = nlohmann::json::parse(r.out, nullptr, false);
  if (report.is_discarded() || !report.contains("findings")) {
    ADD_FAILURE() << "no JSON report; exit " << r.exit_code
                  << "\nstderr: " << r.err.substr(0, 2000);
    return out;
  }
  for (const auto& f : report["findings"]) {
    if (f.value("rule", "") == rule && (file.empty() || f.value("file", "") == file)) {
      out.push_back(f);
    }
  }
  return out;
}

// A site with one collection `docs` (docs/**/*.md) validated by `schema` (YAML).
void site_with_schema(const fs::path& root, const std::string& schema,
                      const std::string& extra_config = "") {
  write_file(root / "verity.yaml",
             "version: 1\ncollections:\n  docs:\n    paths: [\"docs/**/*.md\"]\n"
             "    schema: schema.yaml\n" +
                 extra_config);
  write_file(root / "schema.yaml", schema);
}

void doc(const fs::path& root, const std::string& name, const std::string& front_matter,
         const std::string& body = "text\n") {
  write_file(root / name, "---\n" + front_matter + "---\n" + body);
}

} // namespace

TEST(Bounds, LongStringAgainstABuiltInPatternIsCheckedNotACrash) {
  // No verity.yaml: the built-in learning-video schema's ISO 8601 `length` pattern. std::regex
  // recursed once per character and died with SIGSEGV on 200,000 digits.
  TempDir site;
  const std::string digits(200000, '1');
  doc(site.path(), "_learning/videos/long-ok.md", "length: \"P" + digits + "Y\"\n");
  doc(site.path(), "_learning/videos/long-bad.md", "length: \"P" + digits + "X\"\n");
  doc(site.path(), "_learning/videos/short-ok.md", "length: PT1H30M\n");
  doc(site.path(), "_learning/videos/short-bad.md", "length: PT\n");
  auto r = run_bounded({"check", "--format", "json", "."}, site.path());
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.exit_code << "\n" << r.err;
  EXPECT_EQ(findings(r, "schema/pattern", "_learning/videos/long-ok.md").size(), 0u);
  EXPECT_EQ(findings(r, "schema/pattern", "_learning/videos/long-bad.md").size(), 1u);
  EXPECT_EQ(findings(r, "schema/pattern", "_learning/videos/short-ok.md").size(), 0u);
  EXPECT_EQ(findings(r, "schema/pattern", "_learning/videos/short-bad.md").size(), 1u);
}

TEST(Bounds, LongStringAndBacktrackingPatternInACustomSchema) {
  TempDir site;
  site_with_schema(site.path(), "type: object\nproperties:\n"
                                "  code: {type: string, pattern: \"^[a-z]+$\"}\n"
                                "  evil: {type: string, pattern: \"^(a+)+$\"}\n");
  const std::string as(200000, 'a');
  doc(site.path(), "docs/long.md", "code: " + as + "\n");
  doc(site.path(), "docs/long-bad.md", "code: " + as + "1\n");
  // (a+)+$ against a's and one b: exponential backtracking for std::regex, linear for RE2.
  doc(site.path(), "docs/evil.md", "evil: " + std::string(40, 'a') + "b\n");
  doc(site.path(), "docs/evil-ok.md", "evil: aaaa\n");
  auto r = run_bounded({"check", "--format", "json", "."}, site.path());
  ASSERT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(findings(r, "schema/pattern", "docs/long.md").size(), 0u);
  EXPECT_EQ(findings(r, "schema/pattern", "docs/long-bad.md").size(), 1u);
  EXPECT_EQ(findings(r, "schema/pattern", "docs/evil.md").size(), 1u);
  EXPECT_EQ(findings(r, "schema/pattern", "docs/evil-ok.md").size(), 0u);
  EXPECT_EQ(findings(r, "schema/pattern").size(), 2u);
}

TEST(Bounds, PatternPropertiesRunWithoutStdRegexAndKeepTheirMeaning) {
  TempDir site;
  site_with_schema(site.path(), "type: object\nadditionalProperties: false\n"
                                "properties:\n  title: {type: string}\n"
                                "patternProperties:\n  \"^(x+)+$\": {type: integer}\n");
  const std::string long_key(100000, 'x');
  doc(site.path(), "docs/ok.md", "title: t\n" + long_key + ": 3\n");
  doc(site.path(), "docs/typed.md", "title: t\nxx: three\n");
  doc(site.path(), "docs/unknown.md", "title: t\n" + std::string(40, 'x') + "y: 1\n");
  auto r = run_bounded({"check", "--format", "json", "."}, site.path());
  ASSERT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(findings(r, "schema/type", "docs/ok.md").size(), 0u);
  EXPECT_EQ(findings(r, "schema/additionalProperties", "docs/ok.md").size(), 0u);
  auto typed = findings(r, "schema/type", "docs/typed.md");
  ASSERT_EQ(typed.size(), 1u);
  EXPECT_EQ(typed[0].value("pointer", ""), "/xx");
  EXPECT_EQ(typed[0].value("line", 0), 3);
  EXPECT_EQ(findings(r, "schema/additionalProperties", "docs/unknown.md").size(), 1u);
}

TEST(Bounds, PatternsTheEngineCannotRunAreRefusedAtLoadWithTheirLine) {
  TempDir site;
  site_with_schema(site.path(),
                   "type: object\nproperties:\n  a: {type: string}\n  b:\n    type: string\n"
                   "    pattern: \"^(?!x)\"\n");
  doc(site.path(), "docs/a.md", "a: x\n");
  auto r = run_bounded({"check", "."}, site.path());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("schema.yaml:6:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("lookahead"), std::string::npos) << r.err;

  site_with_schema(site.path(),
                   "type: object\nproperties:\n  b: {type: string, pattern: \"(a)\\\\1\"}\n");
  r = run_bounded({"check", "."}, site.path());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("backreference"), std::string::npos) << r.err;

  // Positive control: the same schema with a pattern RE2 runs loads and checks.
  site_with_schema(site.path(),
                   "type: object\nproperties:\n  a: {type: string, pattern: \"^y\"}\n");
  r = run_bounded({"check", "--format", "json", "."}, site.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(findings(r, "schema/pattern", "docs/a.md").size(), 1u);
}

TEST(Bounds, LongRuleIdInVerityYamlIsAConfigErrorNotACrash) {
  TempDir site;
  doc(site.path(), "docs/a.md", "title: t\n");
  // The config schema's rule-id pattern, run by std::regex, overflowed the stack here.
  // An explicit key (`? `): YAML limits implicit keys to 1024 characters, explicit ones not.
  write_file(site.path() / "verity.yaml",
             "version: 1\nrules:\n  ? \"x/" + std::string(200000, 'a') + "!\"\n  : error\n");
  auto r = run_bounded({"check", "."}, site.path());
  EXPECT_EQ(r.exit_code, 2) << r.err.substr(0, 2000);
  EXPECT_NE(r.err.find("verity.yaml:3:"), std::string::npos) << r.err.substr(0, 2000);
  // Controls: a long valid id loads; a short invalid one is refused the same way.
  write_file(site.path() / "verity.yaml",
             "version: 1\nrules:\n  ? \"x/" + std::string(200000, 'a') + "\"\n  : error\n");
  r = run_bounded({"check", "docs/a.md"}, site.path()); // one document checked: the config loaded
  EXPECT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
  write_file(site.path() / "verity.yaml", "version: 1\nrules:\n  \"NOT A RULE\": error\n");
  r = run_bounded({"check", "."}, site.path());
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

TEST(Bounds, BacktrackingLinksPatternsAreBoundedAndStillSelect) {
  TempDir site;
  // An unanchored (a+)+$ against a URL full of a's and a final '!' backtracked exponentially
  // at every start position. The URLs point at a closed loopback port: nothing is fetched
  // (excluded, or refused by the address guard without --allow-private).
  const std::string url = "http://127.0.0.1:9/" + std::string(40, 'a') + "!";
  write_file(site.path() / "verity.yaml",
             "version: 1\ncollections:\n  docs:\n    paths: [\"docs/*.md\"]\n"
             "    front_matter: optional\nlinks:\n  exclude: [\"(a+)+$\"]\n"
             "  include: [\"(a+)+$\", \"^http://127\\\\.0\\\\.0\\\\.1:9/\"]\n");
  doc(site.path(), "docs/a.md", "link: \"" + url + "\"\nother: http://127.0.0.1:9/b\n");
  auto r = run_bounded({"check", "--online", "--format", "json", "."}, site.path());
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.exit_code << "\n" << r.err;
  EXPECT_EQ(findings(r, "link/excluded").size(), 0u);        // both included, neither excluded
  EXPECT_EQ(findings(r, "link/private-address").size(), 2u); // and so both went to the guard
  // Positive control: a pattern that matches still excludes.
  write_file(site.path() / "verity.yaml",
             "version: 1\ncollections:\n  docs:\n    paths: [\"docs/*.md\"]\n"
             "    front_matter: optional\nlinks:\n  exclude: [\"a{40}!$\"]\n");
  r = run_bounded({"check", "--online", "--format", "json", "."}, site.path());
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.exit_code << "\n" << r.err;
  auto excluded = findings(r, "link/excluded");
  ASSERT_EQ(excluded.size(), 1u);
  EXPECT_EQ(excluded[0].value("pointer", ""), "/link");
  EXPECT_EQ(findings(r, "link/private-address").size(), 1u);
}

TEST(Bounds, LinksPatternTheEngineCannotRunIsAConfigErrorWithItsLine) {
  TempDir site;
  write_file(site.path() / "verity.yaml",
             "version: 1\nlinks:\n  exclude:\n    - \"^https://\"\n    - \"(?<=x)y\"\n");
  auto r = run_bounded({"check", "."}, site.path());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("verity.yaml:5:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("lookbehind"), std::string::npos) << r.err;
}

TEST(Bounds, GlobsWithManyGlobstarsAndBraceGroupsMatchInLinearTime) {
  TempDir site;
  std::string stars;
  for (int i = 0; i < 30; ++i) {
    stars += "**/";
  }
  std::string braces, name_ok;
  for (int i = 0; i < 30; ++i) {
    braces += "{a,b,c}";
    name_ok += "abc"[i % 3];
  }
  write_file(site.path() / "verity.yaml",
             "version: 1\ncollections:\n  deep:\n    paths: [\"" + stars +
                 "x/*.md\"]\n"
                 "    schema: schema.yaml\n  braces:\n    paths: [\"b/" +
                 braces +
                 ".md\"]\n"
                 "    schema: schema.yaml\n");
  write_file(site.path() / "schema.yaml", "type: object\nrequired: [title]\n");
  std::string deep;
  for (int i = 0; i < 40; ++i) {
    deep += "d" + std::to_string(i) + "/";
  }
  doc(site.path(), deep + "x/in.md", "other: 1\n");
  doc(site.path(), deep + "y/out.md", "other: 1\n");
  doc(site.path(), "b/" + name_ok + ".md", "other: 1\n");
  doc(site.path(), "b/" + name_ok + "d.md", "other: 1\n");
  auto r = run_bounded({"check", "--format", "json", "."}, site.path());
  ASSERT_EQ(r.exit_code, 1) << r.err;
  auto required = findings(r, "schema/required");
  ASSERT_EQ(required.size(), 2u);
  std::set<std::string> files;
  for (const auto& f : required) {
    files.insert(f.value("file", ""));
  }
  EXPECT_TRUE(files.count(deep + "x/in.md"));
  EXPECT_TRUE(files.count("b/" + name_ok + ".md"));
}

TEST(Bounds, GlobLongerThanTheLimitIsAConfigError) {
  TempDir site;
  write_file(site.path() / "verity.yaml", "version: 1\ncollections:\n  docs:\n    paths: [\"" +
                                              std::string(5000, '*') + "\"]\n");
  auto r = run_bounded({"check", "."}, site.path());
  EXPECT_EQ(r.exit_code, 2) << r.err.substr(0, 2000);
  EXPECT_NE(r.err.find("verity.yaml:4:"), std::string::npos) << r.err.substr(0, 2000);
}

TEST(Bounds, LongFlowSequenceFrontMatterTakesLinearTimeWithExactColumns) {
  // 250 KB of front matter on one line: positions were recounted from the start of the line
  // for every item (15 s); now one pass. The last item's column proves they are still exact
  // (in code points: the first item is two bytes, one code point).
  TempDir site;
  site_with_schema(site.path(), "type: object\nproperties:\n  tags:\n    type: array\n"
                                "    items: {type: string, maxLength: 1}\n");
  std::string line = "tags: [\xC3\xA9";
  for (int i = 0; i < 82000; ++i) {
    line += ", a";
  }
  const size_t column = line.size() - 1 /* é is one code point */ + 2 + 1;
  line += ", bb]\n";
  ASSERT_GT(line.size(), 240000u);
  doc(site.path(), "docs/long.md", line);
  auto r = run_bounded({"check", "--format", "json", "."}, site.path());
  ASSERT_EQ(r.exit_code, 1) << r.err.substr(0, 2000);
  auto too_long = findings(r, "schema/maxLength", "docs/long.md");
  ASSERT_EQ(too_long.size(), 1u);
  EXPECT_EQ(too_long[0].value("line", 0), 2);
  EXPECT_EQ(too_long[0].value("column", 0), static_cast<int>(column));
  EXPECT_EQ(too_long[0].value("pointer", ""), "/tags/82001");
}

TEST(Bounds, SchemaRefToTheWholeSchemaIsRefusedAtLoad) {
  TempDir site;
  site_with_schema(site.path(), "type: object\nproperties:\n  child:\n    $ref: \"#\"\n");
  doc(site.path(), "docs/a.md", "child: {child: {}}\n");
  auto r = run_bounded({"check", "."}, site.path());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("schema.yaml:4:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("cycle"), std::string::npos) << r.err;
}

TEST(Bounds, SchemaRefCycleBetweenTwoSchemasIsRefusedAtLoad) {
  TempDir site;
  site_with_schema(site.path(), "type: object\nproperties:\n  x: {$ref: \"#/definitions/a\"}\n"
                                "definitions:\n  a: {$ref: \"#/definitions/b\"}\n"
                                "  b: {$ref: \"#/definitions/a\"}\n");
  doc(site.path(), "docs/a.md", "x: 1\n");
  auto r = run_bounded({"check", "."}, site.path());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("schema.yaml"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("cycle"), std::string::npos) << r.err;
  // Positive control: the same chain ending in a schema validates through both references.
  site_with_schema(site.path(), "type: object\nproperties:\n  x: {$ref: \"#/definitions/a\"}\n"
                                "definitions:\n  a: {$ref: \"#/definitions/b\"}\n"
                                "  b: {type: string}\n");
  r = run_bounded({"check", "--format", "json", "."}, site.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(findings(r, "schema/type", "docs/a.md").size(), 1u);
}

TEST(Bounds, DeeplyNestedJsonSchemaIsRefusedNotACrash) {
  TempDir site;
  std::string schema;
  for (int i = 0; i < 100000; ++i) {
    schema += "{\"not\":";
  }
  schema += "{}";
  schema += std::string(100000, '}');
  write_file(site.path() / "verity.yaml",
             "version: 1\ncollections:\n  docs:\n    paths: [\"docs/*.md\"]\n"
             "    schema: schema.json\n");
  write_file(site.path() / "schema.json", schema);
  doc(site.path(), "docs/a.md", "x: 1\n");
  auto r = run_bounded({"check", "."}, site.path());
  EXPECT_EQ(r.exit_code, 2) << r.err.substr(0, 2000);
  EXPECT_NE(r.err.find("schema.json"), std::string::npos) << r.err.substr(0, 2000);
}

// verity.yaml lays itself over a built-in profile instead of replacing the whole configuration:
// maps merge, lists replace, `collections.X: null` removes one; the profile is named by `extends`
// or picked from the site; a run that finds no document is exit 2. Runs the real binary on a copy
// of fixtures/example-site (4 documents in 4 Smartable collections, no defect).
#include "support.hpp"

#include <map>
#include <set>

namespace verity::test {
namespace {

class ConfigLayers : public ::testing::Test {
protected:
  void SetUp() override {
    fs::copy(source_dir() / "fixtures/example-site", m_dir.path(), fs::copy_options::recursive);
  }

  // The JSON report; the documents it checked come from the JUnit report written beside it (a
  // test case per document), into m_checked.
  nlohmann::json check(const std::vector<std::string>& extra = {}, int expected_exit = 0) {
    const fs::path junit = m_out.path() / "documents.xml";
    std::vector<std::string> args{"check", "--format", "json", "--report",
                                  "junit=" + junit.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    RunResult r = run_verity(args, m_dir.path());
    EXPECT_EQ(r.exit_code, expected_exit) << r.err;
    m_suite = junit_documents(junit);
    m_checked.clear();
    for (const auto& [file, _] : m_suite) {
      m_checked.insert(file);
    }
    return r.exit_code == 0 || r.exit_code == 1 ? r.json() : nlohmann::json::object();
  }

  std::set<std::string> checked_files(const nlohmann::json& report) {
    EXPECT_EQ(report["summary"]["documents"], m_checked.size()); // JUnit and JSON agree
    return m_checked;
  }

  void config(const std::string& text) { write_file(m_dir.path() / "verity.yaml", text); }

  TempDir m_dir;
  TempDir m_out; // reports, outside the site
  std::set<std::string> m_checked;
  std::map<std::string, std::string> m_suite; // file -> its JUnit suite (verity.<collection>)
};

const std::set<std::string> k_all = {"_data/organizations/seeds.example.md",
                                     "_news/2024-03-02-community-garden-opens.md",
                                     "_news/2024-04-18-tomato-seedlings.md",
                                     "_people/ada-gardener.md", "_samples/raised-bed-planner.md"};

TEST_F(ConfigLayers, AVerityYamlWithOneKeyStillChecksTheWholeSite) {
  // Positive control: no verity.yaml at all.
  EXPECT_EQ(checked_files(check()), k_all);
  for (const char* one_key : {"timezone: America/Los_Angeles\n", "links:\n  concurrency: 4\n",
                              "rules:\n  content/filename-date: warning\n"}) {
    config(std::string("version: 1\n") + one_key);
    EXPECT_EQ(checked_files(check()), k_all) << one_key;
  }
}

TEST_F(ConfigLayers, ANullRemovesOneCollectionOfTheProfileAndKeepsTheOthers) {
  config("version: 1\ncollections:\n  news: null\n");
  // The news files are still read, now outside every collection (unmatched), never dropped.
  EXPECT_EQ(checked_files(check()), k_all);
  EXPECT_EQ(m_suite["_news/2024-03-02-community-garden-opens.md"], "verity.documents");
  EXPECT_EQ(m_suite["_news/2024-04-18-tomato-seedlings.md"], "verity.documents");
  EXPECT_EQ(m_suite["_people/ada-gardener.md"], "verity.people");
}

TEST_F(ConfigLayers, MapsMergeAndListsReplace) {
  // The profile's news schema stays (the map merges); its paths are replaced by the file's list.
  write_file(m_dir.path() / "_news/only/2024-05-01-x.md",
             "---\ntitle: 12\npublishedDateTime: 2024-05-01T00:00:00Z\n---\n");
  config("version: 1\ncollections:\n  news:\n    paths: [\"_news/only/*.md\"]\n");
  nlohmann::json report = check({}, 1);
  // The two news files the list no longer names are still read: unmatched (schema-free
  // checks), never dropped.
  std::set<std::string> expected = k_all;
  expected.insert("_news/only/2024-05-01-x.md");
  EXPECT_EQ(checked_files(report), expected);
  size_t schema_findings = 0;
  for (const auto& f : report["findings"]) {
    if (f["rule"].get<std::string>().rfind("schema/", 0) == 0) {
      EXPECT_EQ(f["file"], "_news/only/2024-05-01-x.md") << f.dump();
      ++schema_findings;
    }
  }
  EXPECT_GE(schema_findings, 2u) << report["findings"].dump(1); // e.g. title's type, webUrl missing
}

TEST_F(ConfigLayers, TheProfileIsPickedFromTheSiteAndSaidWithVerbose) {
  RunResult r = run_verity({"check", "-v"}, m_dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("profile builtin:smartable (the site root has _news/)"), std::string::npos)
      << r.err;
  // A plain Jekyll site gets the Jekyll profile, whose posts are checked.
  TempDir plain;
  write_file(plain.path() / "_posts/2024-01-01-hello.md", "---\ntitle: [unclosed\n---\nHi\n");
  write_file(plain.path() / "_posts/2024-01-02-fine.md", "no front matter: a post all the same\n");
  r = run_verity({"check", "-v", "--format", "json"}, plain.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("profile builtin:jekyll"), std::string::npos) << r.err;
  const nlohmann::json report = r.json();
  EXPECT_EQ(report["summary"]["documents"], 2);
  ASSERT_EQ(report["findings"].size(), 2u) << report.dump(1);
  EXPECT_EQ(report["findings"][0]["rule"], "schema/none"); // posts, said once (file "")
  EXPECT_EQ(report["findings"][1]["rule"], "frontmatter/yaml-error");
  EXPECT_EQ(report["findings"][1]["file"], "_posts/2024-01-01-hello.md");
}

TEST_F(ConfigLayers, ExtendsNoneKeepsOnlyTheFileAndAnEmptyRunIsExit2) {
  // A site with no document at all under `none`: exit 2, saying what it looked for.
  TempDir bare;
  write_file(bare.path() / "verity.yaml", "version: 1\nextends: none\n");
  write_file(bare.path() / "style.css", "body {}\n");
  RunResult r = run_verity({"check"}, bare.path());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("no document found under"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("profile none: extends: in"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--allow-empty"), std::string::npos) << r.err;
  r = run_verity({"check", "--allow-empty"}, bare.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // With one collection of its own, `none` gives exactly that one a collection; the other
  // Smartable folders are nobody's (unmatched), still read, without a schema.
  config("version: 1\nextends: none\ncollections:\n  people:\n    paths: [\"_people/*.md\"]\n");
  EXPECT_EQ(checked_files(check()),
            (std::set<std::string>{"_news/2024-03-02-community-garden-opens.md",
                                   "_news/2024-04-18-tomato-seedlings.md",
                                   "_people/ada-gardener.md", "_samples/raised-bed-planner.md"}));
  EXPECT_EQ(m_suite["_people/ada-gardener.md"], "verity.people");
  EXPECT_EQ(m_suite["_samples/raised-bed-planner.md"], "verity.documents");
}

TEST_F(ConfigLayers, AnEmptySiteSaysWhatItLookedFor) {
  TempDir empty;
  write_file(empty.path() / "notes.txt", "not a document\n");
  RunResult r = run_verity({"check"}, empty.path());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("profile builtin:jekyll"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("posts: _posts/**/*.md"), std::string::npos) << r.err;
  EXPECT_EQ(run_verity({"check", "--allow-empty"}, empty.path()).exit_code, 0);
}

TEST_F(ConfigLayers, BuiltinSchemasWarnOnUnknownPropertiesButAUsersSchemaKeepsItsSeverity) {
  std::string doc = read_file(m_dir.path() / "_people/ada-gardener.md");
  doc.insert(doc.find("---", 3), "favouriteTool: trowel\n");
  write_file(m_dir.path() / "_people/ada-gardener.md", doc);
  nlohmann::json report = check();
  size_t unknown = 0;
  for (const auto& f : report["findings"]) {
    if (f["rule"] == "schema/additionalProperties") {
      EXPECT_EQ(f["severity"], "warning") << f.dump();
      ++unknown;
    }
  }
  EXPECT_EQ(unknown, 1u) << report.dump(1);
  // A type error from the same built-in schema stays an error.
  write_file(m_dir.path() / "_samples/raised-bed-planner.md",
             "---\ntitle: [not, a, string]\n---\n");
  report = check({}, 1);
  bool type_error = false;
  for (const auto& f : report["findings"]) {
    if (f["file"] == "_samples/raised-bed-planner.md" && f["rule"] == "schema/type") {
      EXPECT_EQ(f["severity"], "error");
      type_error = true;
    }
  }
  EXPECT_TRUE(type_error) << report.dump(1);
  // The user's own schema that forbids unknown properties gets an error.
  write_file(m_dir.path() / "people.schema.yaml",
             "type: object\nadditionalProperties: false\nproperties:\n  title: {}\n");
  config("version: 1\ncollections:\n  people:\n    schema: people.schema.yaml\n");
  report = check({}, 1);
  unknown = 0;
  for (const auto& f : report["findings"]) {
    if (f["rule"] == "schema/additionalProperties" && f["file"] == "_people/ada-gardener.md") {
      EXPECT_EQ(f["severity"], "error") << f.dump();
      ++unknown;
    }
  }
  EXPECT_GE(unknown, 1u) << report.dump(1);
}

TEST_F(ConfigLayers, MistakesInTheLayeredFileArePlacedInIt) {
  config("version: 1\nextends: builtin:hugo\n");
  RunResult r = run_verity({"check"}, m_dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("verity.yaml:2:10: unknown profile builtin:hugo: use one of "
                       "builtin:jekyll, builtin:smartable, none"),
            std::string::npos)
      << r.err;
  config("version: 1\nlinks: null\n");
  r = run_verity({"check"}, m_dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("verity.yaml:2:8: null here removes nothing"), std::string::npos) << r.err;
  // A collection the file adds must say where its documents are; the error names the file's line.
  config("version: 1\ncollections:\n  recipes:\n    front_matter: optional\n");
  r = run_verity({"check"}, m_dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("verity.yaml:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("paths"), std::string::npos) << r.err;
  // A wrong type in a merged value is placed in the file, not in the profile.
  config("version: 1\ncollections:\n  news:\n    paths: \"_news/*.md\"\n");
  r = run_verity({"check"}, m_dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("verity.yaml:4:"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("builtin:"), std::string::npos) << r.err;
}

} // namespace
} // namespace verity::test

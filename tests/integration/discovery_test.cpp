// `verity check` reads what Jekyll reads: pages, posts, drafts, declared collections (symlinked
// folders too), _data files; a collection file without front matter is a static file; what
// `exclude` names is not read; files with front matter in underscore folders nobody reads are
// checked and listed as unmatched. Runs the real binary on a site written here.
#include "support.hpp"

#include <map>
#include <set>
#include <tuple>

namespace verity::test {
namespace {

using Row = std::tuple<std::string, std::string>; // rule, file

class Discovery : public ::testing::Test {
protected:
  void SetUp() override {
    const fs::path s = m_dir.path();
    write_file(s / "_config.yml",
               "title: Plain\n"
               "collections:\n  recipes:\n    output: true\n"
               "exclude: [old, recipes-src]\n"); // the symlink target is read once, as _recipes
    write_file(s / "index.html", "---\nlayout: home\n---\n<h1>Home</h1>\n");
    write_file(s / "about.md", "---\ntitle: About\nshow: yes\n---\nAbout.\n"); // ambiguous bool
    write_file(s / "style.css", "body { color: red }\n");                      // static
    write_file(s / "_posts/2024-01-05-hello.md",
               "---\ntitle: Hello\nimages:\n  - url: /assets/missing.png\n    width: 10\n"
               "    height: 10\n---\nHi.\n");
    write_file(s / "_drafts/idea.md", "---\ntitle: Idea\ntitle: Again\n---\n"); // duplicate key
    write_file(s / "recipes-src/pie.md", "---\ntitle: [unclosed\n---\nPie.\n"); // YAML error
    write_file(s / "recipes-src/notes.txt", "no front matter: a static file\n");
    fs::create_directory_symlink("recipes-src", s / "_recipes");      // Jekyll follows it
    write_file(s / "_data/nav.yml", "- title: Home\n  url: [/\n");    // syntax error
    write_file(s / "_data/people.json", "{\"ann\": {\"age\": 3}}\n"); // fine
    write_file(s / "_stuff/loose.md", "---\ntitle: Loose\n---\n");    // unmatched
    write_file(s / "_stuff/plain.txt", "not a document\n");
    write_file(s / "_layouts/default.html", "---\nlayout: compress\n---\n{{ content }}\n");
    write_file(s / "old/broken.md", "---\ntitle: [never read\n---\n"); // excluded
    write_file(m_outside.path() / "secret.md", "---\ntitle: [outside\n---\n");
    fs::create_directory_symlink(m_outside.path(), s / "_posts/elsewhere"); // leaves the root
  }

  nlohmann::json check(int expected_exit, const std::vector<std::string>& extra = {}) {
    const fs::path junit = m_out.path() / "documents.xml";
    std::vector<std::string> args{"check", "--format", "json", "--report",
                                  "junit=" + junit.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    RunResult r = run_verity(args, m_dir.path());
    EXPECT_EQ(r.exit_code, expected_exit) << r.err;
    EXPECT_EQ(r.err.find("outside"), std::string::npos) << r.err; // never read, never printed
    m_checked.clear();
    for (const auto& [file, _] : junit_documents(junit)) {
      m_checked.insert(file);
    }
    return r.json();
  }

  static std::multiset<Row> rows(const nlohmann::json& report) {
    std::multiset<Row> out;
    for (const auto& f : report["findings"]) {
      out.insert({f["rule"].get<std::string>(), f.value("file", "")});
    }
    return out;
  }

  TempDir m_dir;
  TempDir m_outside;
  TempDir m_out;
  std::set<std::string> m_checked;
};

const std::set<std::string> k_checked = {
    "_data/nav.yml",   "_data/people.json", "_drafts/idea.md", "_posts/2024-01-05-hello.md",
    "_recipes/pie.md", "_stuff/loose.md",   "about.md",        "index.html"};

const std::multiset<Row> k_findings = {
    {"frontmatter/ambiguous-bool", "about.md"},       // show: yes
    {"frontmatter/duplicate-key", "_drafts/idea.md"}, // title twice
    {"frontmatter/yaml-error", "_recipes/pie.md"},    // through the symlinked folder
    {"image/missing", "_posts/2024-01-05-hello.md"},  // /assets/missing.png
    {"site/data-syntax", "_data/nav.yml"},            // [/ never closed
    {"schema/none", ""},
    {"schema/none", ""},
    {"schema/none", ""},
    {"schema/none", ""},
    // pages, posts, drafts, recipes; none for the unmatched file, none for data
};

TEST_F(Discovery, ChecksWhatJekyllReadsAndNothingElse) {
  nlohmann::json report = check(1);
  EXPECT_EQ(m_checked, k_checked);
  EXPECT_EQ(rows(report), k_findings);
  EXPECT_EQ(report["summary"]["documents"], k_checked.size());
  std::set<std::string> unnamed;
  for (const auto& f : report["findings"]) {
    if (f["rule"] == "schema/none") {
      unnamed.insert(f["message"].get<std::string>().substr(0, 20));
    }
  }
  EXPECT_EQ(unnamed, (std::set<std::string>{"collection `drafts` ", "collection `pages` (",
                                            "collection `posts` (", "collection `recipes`"}));
}

TEST_F(Discovery, AVerityYamlOfOneKeyChecksTheSameFiles) {
  write_file(m_dir.path() / "verity.yaml", "version: 1\nlinks:\n  concurrency: 2\n");
  nlohmann::json report = check(1);
  EXPECT_EQ(m_checked, k_checked);
  EXPECT_EQ(rows(report), k_findings);
}

TEST_F(Discovery, IgnoreLeavesAFileOutAndAConfiguredCollectionTakesItsFiles) {
  write_file(m_dir.path() / "verity.yaml",
             "version: 1\nextends: builtin:jekyll\nignore:\n  - paths: [\"_stuff/**\"]\n"
             "collections:\n  kitchen:\n    paths: [\"_recipes/**/*.md\"]\n");
  nlohmann::json report = check(1);
  std::set<std::string> expected = k_checked;
  expected.erase("_stuff/loose.md");
  EXPECT_EQ(m_checked, expected);
  size_t kitchen_notes = 0;
  for (const auto& f : report["findings"]) {
    kitchen_notes += f["rule"] == "schema/none" &&
                     f["message"].get<std::string>().starts_with("collection `kitchen`");
  }
  EXPECT_EQ(kitchen_notes, 1u);
}

TEST_F(Discovery, AnEmptySiteIsExitTwo) {
  TempDir empty;
  RunResult r = run_verity({"check"}, empty.path());
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("no document"), std::string::npos) << r.err;
  RunResult allowed = run_verity({"check", "--allow-empty"}, empty.path());
  EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
}

// A folder past the depth limit may hold pages or posts Jekyll builds: a finding at the folder,
// and the run fails, instead of a clean report about files it never read. 64 levels still read.
TEST(DiscoveryLimits, FoldersTooDeepToReadAreFindingsNotSilence) {
  TempDir dir;
  write_file(dir.path() / "_config.yml", "title: t\n");
  write_file(dir.path() / "index.md", "---\ntitle: t\n---\n");
  std::string deep, posts = "_posts/", ok;
  for (int i = 0; i < 70; ++i) {
    deep += "d/";
    posts += "e/";
  }
  for (int i = 0; i < 63; ++i)
    ok += "o/";
  write_file(dir.path() / (deep + "x.md"), "---\ntitle: x\n---\n");
  write_file(dir.path() / (posts + "2020-01-01-x.md"), "---\ntitle: x\n---\n");
  write_file(dir.path() / (ok + "y.md"), "---\ntitle: [bad\n---\n"); // read: its error shows
  RunResult r = run_verity({"check", "--format", "json"}, dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  const nlohmann::json report = r.json();
  std::multiset<std::string> limits, yaml;
  for (const auto& f : report["findings"]) {
    if (f["rule"] == "frontmatter/limit")
      limits.insert(f["file"].get<std::string>());
    if (f["rule"] == "frontmatter/yaml-error")
      yaml.insert(f["file"].get<std::string>());
  }
  EXPECT_EQ(limits.size(), 2u) << report.dump(1);
  EXPECT_EQ(yaml, (std::multiset<std::string>{ok + "y.md"}));
  for (const auto& folder : limits)
    EXPECT_TRUE(folder.starts_with("d/d/") || folder.starts_with("_posts/e/")) << folder;
}

} // namespace
} // namespace verity::test

namespace verity::test {
namespace {

// Which site `verity check PATH...` means: a folder inside a Jekyll site, below the current
// directory, is that site (reported on that folder only), several paths share one site, and a
// folder in no Jekyll site, or named from outside, is its own root.
TEST(SiteRoot, FoldersInsideAJekyllSiteMeanThatSite) {
  TempDir tmp;
  fs::path site = tmp.path() / "site";
  fs::copy(source_dir() / "fixtures/example-site", site, fs::copy_options::recursive);
  fs::create_directory(site / ".git"); // the work tree's top: the walk up stops here

  auto summary = [](const RunResult& r) { return nlohmann::json::parse(r.out)["summary"]; };
  RunResult two = run_verity({"check", "--format", "json", "_news", "_people"}, site);
  ASSERT_EQ(two.exit_code, 0) << two.err;
  EXPECT_EQ(summary(two)["documents"], 3);        // 2 news + 1 person reported
  EXPECT_EQ(summary(two)["documents_loaded"], 5); // the whole site seen

  RunResult one = run_verity({"check", "--format", "json", (site / "_news").string()}, tmp.path());
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(summary(one)["documents"], 2);
  EXPECT_EQ(summary(one)["documents_loaded"], 5);

  // Named from a directory it is not inside, a folder is taken as written: no walk above it.
  RunResult elsewhere =
      run_verity({"check", "--format", "json", (site / "_news").string()}, source_dir());
  ASSERT_EQ(elsewhere.exit_code, 0) << elsewhere.err;
  EXPECT_EQ(summary(elsewhere)["documents_loaded"], 2);

  // Control: without _config.yml the folder is a site of its own, and a second folder beside it
  // is outside that site (the common folder is then the root).
  fs::remove(site / "_config.yml");
  RunResult alone = run_verity({"check", "--format", "json", "_news"}, site);
  EXPECT_EQ(alone.exit_code, 0) << alone.err;
  EXPECT_EQ(summary(alone)["documents_loaded"], 2) << alone.out; // _news/ only, read as pages
  RunResult both = run_verity({"check", "--format", "json", "_news", "_people"}, site);
  EXPECT_EQ(both.exit_code, 0) << both.err;
  EXPECT_EQ(summary(both)["documents"], 3);
}

} // namespace
} // namespace verity::test

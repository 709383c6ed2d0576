// `verity schema infer` and `verity init` through the binary, on a copy of
// fixtures/infer/recipes-site: a Jekyll site (pages, posts, a `recipes` collection with
// `defaults`) whose recipes hold three known outliers (recipe 7's prep_time "2 hours", recipe 9
// without servings, recipe 11's relative source_url).
#include "support.hpp"

#include <nlohmann/json.hpp>

using namespace verity;
using namespace verity::test;

namespace {

fs::path copy_site(const TempDir& dir) {
  fs::path site = dir.path() / "site";
  fs::copy(source_dir() / "fixtures/infer/recipes-site", site, fs::copy_options::recursive);
  return site;
}

std::map<std::string, int> rule_counts(const nlohmann::json& report) {
  std::map<std::string, int> counts;
  for (const auto& f : report["findings"]) {
    ++counts[f["rule"].get<std::string>()];
  }
  return counts;
}

} // namespace

TEST(SchemaInfer, ExplainListsEachOutlierWithItsLine) {
  TempDir dir;
  fs::path site = copy_site(dir);
  RunResult r = run_verity({"schema", "infer", "recipes", "--explain"}, site);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, "_recipes/recipe-07.md:3:12: prep_time is \"2 hours\", free text, where 11/12 "
                   "siblings hold an ISO 8601 duration in time units (PT…) [shape]\n"
                   "_recipes/recipe-09.md:1:1: no `servings`, which 11/12 siblings have [missing]\n"
                   "_recipes/recipe-11.md:6:13: source_url is \"/recipes/local-copy\", a site path "
                   "(/...), where 11/12 siblings hold an absolute URL [shape]\n"
                   "\nrecipes: 3 outliers in 12 documents\n");
}

TEST(SchemaInfer, PrintsTheSchemaWithDefaultsMergedAndEvidence) {
  TempDir dir;
  fs::path site = copy_site(dir);
  RunResult r = run_verity({"schema", "infer", "recipes"}, site);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // `layout` is in no recipe's front matter: it comes from _config.yml's defaults, as in Jekyll.
  EXPECT_NE(r.out.find("\n  layout: # present in 12/12; string 12; 1 distinct\n    type: string\n"
                       "    enum:\n      - recipe\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\n  prep_time: # present in 12/12; string 12\n    type: string\n"),
            std::string::npos)
      << "one prep_time is free text: no duration format" << r.out;
  EXPECT_NE(r.out.find("required: [difficulty, ingredients, layout, prep_time, source_url, title]"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.rfind("# Inferred by `verity schema infer` from 12 documents of collection "
                        "`recipes` (Jekyll's own)\n",
                        0),
            0u)
      << r.out;

  // The same bytes whatever the number of threads.
  for (const char* jobs : {"1", "3"}) {
    RunResult other = run_verity({"schema", "infer", "recipes", "--jobs", jobs}, site);
    EXPECT_EQ(other.out, r.out) << "--jobs " << jobs;
  }

  RunResult json = run_verity({"schema", "infer", "--format", "json"}, site);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  nlohmann::json j = json.json();
  std::map<std::string, size_t> documents;
  for (const auto& c : j["collections"]) {
    documents[c["name"].get<std::string>()] = c["documents"].get<size_t>();
  }
  EXPECT_EQ(documents,
            (std::map<std::string, size_t>{{"pages", 2}, {"posts", 12}, {"recipes", 12}}));
  EXPECT_EQ(j["collections"][2]["outliers"].size(), 3u);
  EXPECT_EQ(j["collections"][2]["schema"]["properties"]["servings"]["type"], "integer");

  RunResult glob = run_verity({"schema", "infer", "_posts/*.md"}, site);
  ASSERT_EQ(glob.exit_code, 0) << glob.err;
  EXPECT_NE(glob.out.find("from 12 documents of the files matching _posts/*.md"),
            std::string::npos);
  RunResult none = run_verity({"schema", "infer", "nothing-here"}, site);
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("`nothing-here` names no collection and matches no document"),
            std::string::npos)
      << none.err;
}

TEST(Init, WritesConfigAndSchemasThenChecksAndNeverOverwrites) {
  TempDir dir;
  fs::path site = copy_site(dir);
  RunResult r = run_verity({"init"}, site);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  for (const char* f : {"verity.yaml", "schemas/pages.schema.yaml", "schemas/posts.schema.yaml",
                        "schemas/recipes.schema.yaml"}) {
    EXPECT_TRUE(fs::is_regular_file(site / f)) << f;
  }
  EXPECT_NE(r.out.find("wrote schemas/recipes.schema.yaml (recipes: 12 documents)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\nverity check .:\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("note: Jekyll will copy verity.yaml, schemas into _site"), std::string::npos)
      << r.out;
  std::string config = read_file(site / "verity.yaml");
  EXPECT_NE(config.find("version: 1\nextends: builtin:jekyll\ncollections:\n  pages:\n    schema: "
                        "schemas/pages.schema.yaml # 2 documents\n"),
            std::string::npos)
      << config;

  // The inferred schemas validate every document they were learnt from: no schema finding, and
  // every collection has its schema (no schema/none).
  RunResult check = run_verity({"check", ".", "--format", "json"}, site);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  std::map<std::string, int> rules = rule_counts(check.json());
  for (const auto& [rule, n] : rules) {
    EXPECT_NE(rule.rfind("schema/", 0), 0u) << rule << " x" << n;
  }
  // A new recipe that breaks the learnt pattern is caught where it breaks it.
  write_file(site / "_recipes/recipe-13.md",
             "---\ntitle: Recipe 13\nprep_time: PT5M\nservings: four\ndifficulty: trivial\n"
             "source_url: https://cooking.example/recipes/13\ningredients: []\n---\nx\n");
  check = run_verity({"check", ".", "--format", "json"}, site);
  EXPECT_EQ(check.exit_code, 1) << check.out;
  std::vector<std::string> got;
  const nlohmann::json report = check.json(); // a named value: the loop reads into it
  for (const auto& f : report["findings"]) {
    if (f["file"] == "_recipes/recipe-13.md") {
      got.push_back(f["rule"].get<std::string>() + "@" + std::to_string(f["line"].get<int>()));
    }
  }
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{"schema/enum@5", "schema/type@4"}));

  // A second init refuses, and changes nothing.
  std::string before = read_file(site / "schemas/recipes.schema.yaml");
  RunResult again = run_verity({"init"}, site);
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("init never overwrites a file; `verity init --force`"),
            std::string::npos)
      << again.err;
  EXPECT_EQ(read_file(site / "schemas/recipes.schema.yaml"), before);

  // --force shows the diff first (recipe 13 joined the collection), then replaces.
  RunResult forced = run_verity({"init", "--force", "--no-check"}, site);
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_NE(
      forced.out.find("--- a/schemas/recipes.schema.yaml\n+++ b/schemas/recipes.schema.yaml\n"),
      std::string::npos)
      << forced.out;
  EXPECT_NE(forced.out.find("-# Inferred by `verity schema infer` from 12 documents"),
            std::string::npos);
  EXPECT_NE(forced.out.find("+# Inferred by `verity schema infer` from 13 documents"),
            std::string::npos);
  EXPECT_EQ(forced.out.find("\nverity check"), std::string::npos);
  EXPECT_NE(read_file(site / "schemas/recipes.schema.yaml"), before);
}

TEST(Init, RequiredRatioBelowOneGivesTheFindingsItImplies) {
  TempDir dir;
  fs::path site = copy_site(dir);
  RunResult r = run_verity({"init", "--required-ratio", "0.9", "--no-check"}, site);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  RunResult check = run_verity({"check", ".", "--format", "json"}, site);
  EXPECT_EQ(check.exit_code, 1);
  std::vector<std::string> schema_findings;
  const nlohmann::json report = check.json(); // a named value: the loop reads into it
  for (const auto& f : report["findings"]) {
    std::string rule = f["rule"];
    if (rule.rfind("schema/", 0) == 0) {
      schema_findings.push_back(f["file"].get<std::string>() + ":" + rule);
    }
  }
  // servings is in 11/12 recipes: required at 0.9, so the one without it is reported.
  EXPECT_EQ(schema_findings, (std::vector<std::string>{"_recipes/recipe-09.md:schema/required"}));
}

TEST(Init, RefusesToWriteThroughALinkedSchemasFolder) {
  TempDir dir;
  fs::path site = copy_site(dir);
  fs::path outside = dir.path() / "outside";
  fs::create_directory(outside);
  fs::create_directory_symlink(outside, site / "schemas");
  RunResult r = run_verity({"init"}, site);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find("schemas exists and is not a folder"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::is_empty(outside));
  EXPECT_FALSE(fs::exists(site / "verity.yaml"));
}

TEST(Config, ACollectionWithoutPathsNamesJekyllsOwn) {
  TempDir dir;
  fs::path site = copy_site(dir);
  write_file(
      site / "verity.yaml",
      "version: 1\nextends: builtin:jekyll\ncollections:\n  recipes:\n    schema: r.schema.yaml\n");
  write_file(site / "r.schema.yaml", "type: object\nrequired: [servings]\n");
  RunResult check = run_verity({"check", ".", "--format", "json"}, site);
  EXPECT_EQ(check.exit_code, 1) << check.err;
  std::vector<std::string> required;
  const nlohmann::json report = check.json(); // a named value: the loop reads into it
  for (const auto& f : report["findings"]) {
    if (f["rule"] == "schema/required") {
      required.push_back(f["file"]);
    }
  }
  EXPECT_EQ(required, (std::vector<std::string>{"_recipes/recipe-09.md"}));

  write_file(site / "verity.yaml",
             "version: 1\nextends: builtin:jekyll\ncollections:\n  recipies:\n"
             "    schema: r.schema.yaml\n");
  RunResult typo = run_verity({"check", "."}, site);
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("verity.yaml:5:5: collection `recipies` has no paths and Jekyll has no "
                          "collection of that name (it has: pages, posts, drafts, recipes)"),
            std::string::npos)
      << typo.err;
}

TEST(Init, TwoLongCollectionNamesWithOneStartGetTwoFiles) {
  TempDir dir;
  fs::path site = dir.path() / "site";
  std::string a(100, 'a');
  write_file(site / "_config.yml",
             "collections:\n  " + a + "x: {output: true}\n  " + a + "y: {output: true}\n");
  write_file(site / ("_" + a + "x/1.md"), "---\ntitle: a\n---\n");
  write_file(site / ("_" + a + "y/1.md"), "---\ntitle: b\n---\n");
  RunResult r = run_verity({"init", "--no-check"}, site); // once looped forever on the clash
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_regular_file(site / "schemas" / (a + ".schema.yaml")));
  EXPECT_TRUE(fs::is_regular_file(site / "schemas" / (a + "-2.schema.yaml")));
  // Each file's adoption hint names that file, not the one its name would have had.
  EXPECT_NE(read_file(site / "schemas" / (a + "-2.schema.yaml"))
                .find("save it as schemas/" + a + "-2.schema.yaml"),
            std::string::npos);
  EXPECT_EQ(run_verity({"check", "."}, site).exit_code, 0);
}

TEST(Init, DeepNestingStillGivesASchemaVerityReads) {
  TempDir dir;
  fs::path site = copy_site(dir);
  std::string deep = "---\ntitle: Deep\ndeep:";
  for (int i = 0; i < 40; ++i) {
    deep += "\n" + std::string(2 * (i + 1), ' ') + "l" + std::to_string(i) + ":";
  }
  write_file(site / "_recipes/deep.md", deep + " 1\n---\n");
  ASSERT_EQ(run_verity({"init", "--no-check"}, site).exit_code, 0);
  RunResult check = run_verity({"check", "."}, site);
  EXPECT_NE(check.exit_code, 2) << check.err; // the schema file loads
}

TEST(SchemaInfer, OutDirIsAFolderInsideTheSiteOrTheUsersOwnAndNeverWithAReport) {
  TempDir dir;
  fs::path site = copy_site(dir);
  RunResult explain = run_verity({"schema", "infer", "--explain", "--out-dir", "out"}, site);
  EXPECT_EQ(explain.exit_code, 2);
  EXPECT_NE(explain.err.find("--out-dir writes schema files"), std::string::npos) << explain.err;
  RunResult json = run_verity({"schema", "infer", "--format", "json", "--out-dir", "out"}, site);
  EXPECT_EQ(json.exit_code, 2);
  EXPECT_FALSE(fs::exists(site / "out"));

  write_file(site / "a-file", "x");
  RunResult file = run_verity({"schema", "infer", "--out-dir", "a-file"}, site);
  EXPECT_EQ(file.exit_code, 2) << file.err; // a usage error, not an internal one
  EXPECT_NE(file.err.find("--out-dir a-file is not a folder"), std::string::npos) << file.err;

  // A linked folder inside the (untrusted) site that leads out of it: refused, nothing written.
  fs::path elsewhere = dir.path() / "elsewhere";
  fs::create_directory(elsewhere);
  fs::create_directory_symlink(elsewhere, site / "schemas");
  RunResult linked = run_verity({"schema", "infer", "--out-dir", "schemas"}, site);
  EXPECT_EQ(linked.exit_code, 2) << linked.err;
  EXPECT_NE(linked.err.find("leads out of it"), std::string::npos) << linked.err;
  EXPECT_TRUE(fs::is_empty(elsewhere));
  // Control: the same folder named directly (the user's own choice, outside the site) is used.
  RunResult direct = run_verity({"schema", "infer", "--out-dir", elsewhere.string()}, site);
  EXPECT_EQ(direct.exit_code, 0) << direct.err;
  EXPECT_TRUE(fs::exists(elsewhere / "recipes.schema.yaml"));
}

TEST(SchemaInfer, SaysWhichDocumentHidesItsCollectionsPropertiesAndWhenNoneCouldBeRead) {
  TempDir dir;
  fs::path site = copy_site(dir);
  std::string crowded = "---\ntitle: Many\n";
  for (int i = 0; i < 600; ++i) {
    crowded += "k" + std::to_string(i) + ": 1\n";
  }
  write_file(site / "_recipes/recipe-99.md", crowded + "---\n"); // 602 with `layout` (defaults)
  // A collection whose every document is unreadable (front matter that does not parse).
  std::string config = read_file(site / "_config.yml");
  config.replace(config.find("collections:\n"), 13, "collections:\n  notes:\n    output: true\n");
  write_file(site / "_config.yml", config);
  write_file(site / "_notes/broken.md", "---\ntitle: [unclosed\n---\n");

  RunResult r = run_verity({"schema", "infer"}, site);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("collection recipes: _recipes/recipe-99.md has 602 front-matter names "
                       "(more than 500)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("collection notes: every one of its 1 documents was left out"),
            std::string::npos)
      << r.err;
  // Control: without the crowded document, no such warning, and the recipes keep properties.
  fs::remove(site / "_recipes/recipe-99.md");
  RunResult clean = run_verity({"schema", "infer", "recipes"}, site);
  EXPECT_EQ(clean.exit_code, 0);
  EXPECT_EQ(clean.err.find("front-matter names"), std::string::npos) << clean.err;
  EXPECT_NE(clean.out.find("  prep_time:"), std::string::npos);
}

TEST(SchemaInfer, FrontMatterVerityRefusesTeachesNothing) {
  TempDir dir;
  fs::path site = copy_site(dir);
  // An alias reads as null and a custom tag as a string: what check refuses is not learnt from.
  write_file(site / "about.md",
             "---\ntitle: &t Alias\nsubtitle: *t\ncustom: !thing x\nlayout: page\n---\nbody\n");
  RunResult r = run_verity({"schema", "infer", "pages"}, site);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("from 1 documents of collection `pages`"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("# 1 more left out"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("subtitle"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("custom"), std::string::npos) << r.out;
  // Control: the same names written plainly are learnt.
  write_file(site / "about.md",
             "---\ntitle: Alias\nsubtitle: Alias\ncustom: x\nlayout: page\n---\n");
  RunResult plain = run_verity({"schema", "infer", "pages"}, site);
  EXPECT_NE(plain.out.find("from 2 documents"), std::string::npos) << plain.out;
  EXPECT_NE(plain.out.find("  subtitle: # present in 1/2; string 1"), std::string::npos)
      << plain.out;
}

TEST(SchemaInfer, AnEmptyCollectionIsNamedAsEmptyNotUnknown) {
  TempDir dir;
  fs::path site = copy_site(dir);
  std::string config = read_file(site / "_config.yml");
  config.replace(config.find("collections:\n"), 13, "collections:\n  menus:\n    output: true\n");
  write_file(site / "_config.yml", config);
  fs::create_directory(site / "_menus");
  RunResult empty = run_verity({"schema", "infer", "menus"}, site);
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.err.find("collection `menus` has no documents to learn from"), std::string::npos)
      << empty.err;
  RunResult unknown = run_verity({"schema", "infer", "menu"}, site);
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("`menu` names no collection"), std::string::npos) << unknown.err;
}

// _config.yml as the site model reads it (src/site/config_yaml, site_config, entry_filter,
// defaults): YAML merge keys and aliases expanded as Psych does, positioned errors, bounded
// input, Jekyll's defaults, `include`/`exclude` prefix matching and `defaults` precedence.
#include "site/config_yaml.hpp"
#include "site/defaults.hpp"
#include "site/entry_filter.hpp"
#include "site/site_config.hpp"
#include "support.hpp"

#include <gtest/gtest.h>

using namespace verity;
using namespace verity::site;

namespace {

SiteConfig config_of(const std::string& yaml, std::vector<ConfigProblem>* problems = nullptr) {
  ConfigYaml parsed = parse_config_yaml(yaml);
  EXPECT_TRUE(parsed.ok) << (parsed.errors.empty() ? "" : parsed.errors[0].message);
  std::vector<ConfigProblem> local;
  return site_config_from_json(parsed.value, parsed.map, "_config.yml",
                               problems ? *problems : local);
}

// Defaults::all, checked against Defaults::located: both give the same values.
nlohmann::json all_of(const Defaults& d, std::string_view path,
                      const std::optional<std::string>& type, std::string_view on_disk) {
  nlohmann::json all = d.all(path, type, on_disk);
  EXPECT_EQ(d.located(path, type, on_disk).values, all) << path;
  return all;
}

} // namespace

TEST(SiteConfigYaml, MergeKeysAreExpandedAsPsychDoes) {
  ConfigYaml c = parse_config_yaml("base: &b {layout: post, a: 1}\n"
                                   "merged:\n  <<: *b\n  a: 2\n"
                                   "later:\n  a: 3\n  <<: *b\n"
                                   "list:\n  <<: [{x: 1}, {x: 2, y: 2}]\n");
  ASSERT_TRUE(c.ok);
  EXPECT_EQ(c.value["merged"], (nlohmann::json{{"layout", "post"}, {"a", 2}}));
  // Psych merges in place: a `<<` after a key overrides it.
  EXPECT_EQ(c.value["later"], (nlohmann::json{{"layout", "post"}, {"a", 1}}));
  // A list of mappings: the first one wins.
  EXPECT_EQ(c.value["list"], (nlohmann::json{{"x", 1}, {"y", 2}}));
  EXPECT_FALSE(c.value["merged"].contains("<<"));
}

TEST(SiteConfigYaml, AliasesRepeatedKeysAndYaml11Booleans) {
  ConfigYaml c = parse_config_yaml("a: &v hello\nb: *v\nk: 1\nk: 2\nf: yes\ng: Off\nh: 'yes'\n"
                                   "n: ~\n");
  ASSERT_TRUE(c.ok);
  EXPECT_EQ(c.value["b"], "hello");
  EXPECT_EQ(c.value["k"], 2); // Ruby's Hash keeps the last value
  EXPECT_EQ(c.value["f"], true);
  EXPECT_EQ(c.value["g"], false);
  EXPECT_EQ(c.value["h"], "yes");
  EXPECT_TRUE(c.value["n"].is_null());
  EXPECT_EQ(c.map.find("/k").value.line, 4);
}

TEST(SiteConfigYaml, ErrorsArePositioned) {
  ConfigYaml c = parse_config_yaml("title: x\ncollections:\n  - a\n  b: c\n");
  ASSERT_FALSE(c.ok);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].position.line, 4);
  EXPECT_GT(c.errors[0].position.column, 0);
  ConfigYaml alias = parse_config_yaml("a: *missing\n");
  ASSERT_FALSE(alias.ok);
  EXPECT_EQ(alias.errors[0].position.line, 1);
  ConfigYaml list = parse_config_yaml("- a\n- b\n");
  ASSERT_FALSE(list.ok);
  EXPECT_EQ(list.errors[0].position.line, 1);
}

TEST(SiteConfigYaml, AliasBombsDepthAndLargeScalarsAreBounded) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    std::string prev(1, static_cast<char>(c - 1));
    bomb += std::string(1, c) + ": &" + std::string(1, c) + " [*" + prev + ", *" + prev + ", *" +
            prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev +
            ", *" + prev + ", *" + prev + "]\n";
  }
  ConfigYaml c = parse_config_yaml(bomb);
  ASSERT_FALSE(c.ok);
  EXPECT_NE(c.errors[0].message.find("values"), std::string::npos) << c.errors[0].message;
  // The boundary: exactly at the limit is accepted, one more value is refused.
  ConfigYamlLimits small;
  small.max_values = 4; // the root mapping and three scalars
  EXPECT_TRUE(parse_config_yaml("a: 1\nb: 2\nc: 3\n", small).ok);
  EXPECT_FALSE(parse_config_yaml("a: 1\nb: 2\nc: 3\nd: 4\n", small).ok);
  std::string deep;
  for (int i = 0; i < 64; ++i) {
    deep += "[";
  }
  EXPECT_TRUE(parse_config_yaml("a: " + deep.substr(1) + std::string(63, ']') + "\n").ok);
  EXPECT_FALSE(parse_config_yaml("a: " + deep + std::string(64, ']') + "\n").ok);
  ConfigYamlLimits tiny;
  tiny.max_scalar_bytes = 8;
  EXPECT_FALSE(parse_config_yaml("a: 123456789\n", tiny).ok);
  EXPECT_TRUE(parse_config_yaml("a: 12345678\n", tiny).ok);
}

TEST(SiteConfig, JekyllDefaults) {
  SiteConfig c = config_of("");
  EXPECT_EQ(c.permalink, "date");
  EXPECT_TRUE(c.collections.at("posts").output);
  EXPECT_EQ(c.include, std::vector<std::string>{".htaccess"});
  EXPECT_NE(std::find(c.exclude.begin(), c.exclude.end(), "vendor/bundle/"), c.exclude.end());
  EXPECT_EQ(c.markdown_ext.size(), 5u);
  EXPECT_FALSE(c.future);
  EXPECT_FALSE(c.show_drafts);
}

TEST(SiteConfig, CollectionsDirIsOneSpellingOfItsFolder) {
  // fuzz_inventory's find: "coll//" gave sources such as "coll//_notes/n.md".
  for (const char* written : {"coll", "coll/", "coll//", "./coll", "./coll//", ".//coll"}) {
    EXPECT_EQ(config_of(std::string("collections_dir: \"") + written + "\"\n").collections_dir,
              "coll")
        << written;
  }
  EXPECT_EQ(config_of("collections_dir: a//b/\n").collections_dir, "a/b");
  EXPECT_EQ(config_of("collections_dir: .\n").collections_dir, "");
  EXPECT_EQ(config_of("collections_dir: ./\n").collections_dir, "");
}

TEST(SiteConfig, CollectionsDirCannotClimbAboveTheSource) {
  // fuzz_inventory's find: "a/.." gave sources such as "a/../_x/p.md". Jekyll's in_source_dir
  // expands the folder against "/" (checked with jekyll build: "a/../coll" reads coll/_n).
  EXPECT_EQ(config_of("collections_dir: a/../coll\n").collections_dir, "coll");
  EXPECT_EQ(config_of("collections_dir: a/..\n").collections_dir, "");
  EXPECT_EQ(config_of("collections_dir: ../../etc\n").collections_dir, "etc");
  EXPECT_EQ(config_of("collections_dir: /abs/./x/\n").collections_dir, "abs/x");
  EXPECT_EQ(config_of("collections_dir: a/b/../../..\n").collections_dir, "");
}

TEST(SiteConfig, CollectionLabelsAreSanitizedAsJekyllDoes) {
  // Collection#sanitize_label keeps [a-z0-9_.-]; extract_metadata then looks the sanitized
  // label up, so the settings written under the other spelling do not apply.
  std::vector<ConfigProblem> problems;
  SiteConfig c = config_of("collections:\n  \"my docs\":\n    output: true\n  \"../up\": ~\n"
                           "  Ok_1-2.x:\n    output: true\n",
                           &problems);
  EXPECT_EQ(c.collections.size(), 4u); // mydocs, ..up, Ok_1-2.x, posts
  ASSERT_TRUE(c.collections.count("mydocs"));
  EXPECT_FALSE(c.collections.at("mydocs").output);
  EXPECT_TRUE(c.collections.count("..up"));
  EXPECT_TRUE(c.collections.at("Ok_1-2.x").output);
  ASSERT_EQ(problems.size(), 2u); // in key order, each at its entry
  EXPECT_EQ(problems[0].position.line, 4);
  EXPECT_NE(problems[0].message.find("read as `..up`"), std::string::npos);
  EXPECT_EQ(problems[1].position.line, 3);
  EXPECT_NE(problems[1].message.find("read as `mydocs`"), std::string::npos);
  SiteConfig listed = config_of("collections: [\"a/b\", c]\n");
  EXPECT_TRUE(listed.collections.count("ab"));
  EXPECT_FALSE(listed.collections.count("a/b"));
}

TEST(SiteConfig, CollectionsAsHashOrArrayAndOtherKeys) {
  SiteConfig h = config_of("collections:\n  recipes:\n    output: true\n    permalink: /r/:path/\n"
                           "  notes: ~\ncollections_dir: coll\nmarkdown_ext: MD,txt\n"
                           "future: true\nshow_drafts: yes\nbaseurl: /base\nurl: https://x.org\n"
                           "permalink: pretty\ntimezone: Europe/Berlin\n");
  EXPECT_TRUE(h.collections.at("recipes").output);
  EXPECT_EQ(h.collections.at("recipes").permalink, "/r/:path/");
  EXPECT_FALSE(h.collections.at("notes").output);
  EXPECT_TRUE(h.collections.at("posts").output);
  EXPECT_EQ(h.collections_dir, "coll");
  EXPECT_EQ(h.markdown_ext, (std::vector<std::string>{".md", ".txt"}));
  EXPECT_TRUE(h.future);
  EXPECT_TRUE(h.show_drafts);
  EXPECT_EQ(h.baseurl, "/base");
  EXPECT_EQ(h.url, "https://x.org");
  EXPECT_EQ(h.permalink, "pretty");
  EXPECT_EQ(h.timezone, "Europe/Berlin");
  SiteConfig a = config_of("collections: [recipes, notes]\n");
  EXPECT_EQ(a.collections.size(), 3u);
  EXPECT_FALSE(a.collections.at("recipes").output);
}

TEST(SiteConfig, WrongTypesAreProblemsAtTheirLine) {
  std::vector<ConfigProblem> problems;
  SiteConfig c = config_of("title: x\nexclude: docs\ndefaults:\n  - scope: {path: a}\n", &problems);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].position.line, 2); // exclude must be a list
  EXPECT_EQ(problems[1].position.line, 4); // a defaults entry without values
  EXPECT_EQ(problems[0].file, "_config.yml");
  EXPECT_TRUE(c.defaults.empty());
}

TEST(SiteConfig, LoadIsBoundedAndConfined) {
  test::TempDir tmp;
  std::vector<ConfigProblem> problems;
  test::write_file(tmp.path() / "_config.yml", "title: " + std::string(200, 'x') + "\n");
  load_site_config(tmp.path(), tmp.path(), problems, 100);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("larger than 100 bytes"), std::string::npos);
  problems.clear();
  test::TempDir outside;
  test::write_file(outside.path() / "c.yml", "collections: [secret]\n");
  std::filesystem::remove(tmp.path() / "_config.yml");
  std::filesystem::create_symlink(outside.path() / "c.yml", tmp.path() / "_config.yml");
  SiteConfig c = load_site_config(tmp.path(), tmp.path(), problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("leaves the site root"), std::string::npos);
  EXPECT_EQ(c.collections.count("secret"), 0u);
}

TEST(SiteEntryFilter, PrefixMatchingSpecialNamesAndInclude) {
  SiteConfig c = config_of("exclude: [docs, '*.log']\ninclude: [.well-known, _redirects]\n");
  EntryFilter f(c);
  EXPECT_EQ(f.verdict("docs", "docs", true), FilterVerdict::Excluded);
  EXPECT_EQ(f.verdict("docs2", "docs2", true), FilterVerdict::Excluded); // prefix
  EXPECT_EQ(f.verdict("a.log", "sub/a.log", false), FilterVerdict::Excluded);
  EXPECT_EQ(f.verdict("bundle", "vendor/bundle", true), FilterVerdict::Excluded); // "dir/" rule
  EXPECT_EQ(f.verdict("bundler", "vendor/bundler", true), FilterVerdict::Keep);
  EXPECT_EQ(f.verdict(".well-known", ".well-known", true), FilterVerdict::Keep);
  EXPECT_EQ(f.verdict("_redirects", "_redirects", false), FilterVerdict::Keep);
  EXPECT_EQ(f.verdict("_layouts", "_layouts", true), FilterVerdict::Special);
  EXPECT_EQ(f.verdict("#x", "#x", false), FilterVerdict::Special);
  EXPECT_EQ(f.verdict("a.md~", "a.md~", false), FilterVerdict::Special);
  EXPECT_EQ(f.verdict("x.", "x.", false), FilterVerdict::Special);
  EXPECT_EQ(f.verdict("a.md", "a.md", false), FilterVerdict::Keep);
}

TEST(SiteDefaults, PrecedenceGlobsAndCollectionsDir) {
  SiteConfig c = config_of("collections_dir: coll\ndefaults:\n"
                           "  - scope: {path: ''}\n    values: {layout: a, deep: {x: 1}}\n"
                           "  - scope: {path: docs, type: pages}\n    values: {layout: typed}\n"
                           "  - scope: {path: docs}\n    values: {layout: untyped, deep: {y: 2}}\n"
                           "  - scope: {path: 'sec/*/i.md'}\n    values: {layout: glob}\n"
                           "  - scope: {path: coll/_guides}\n    values: {layout: guide}\n");
  Defaults d(c);
  // Same path length: the set with a type wins, whatever the order; nested values merge.
  nlohmann::json docs = all_of(d, "docs/a.md", std::string("pages"), "docs/a.md");
  EXPECT_EQ(docs["layout"], "typed");
  EXPECT_EQ(docs["deep"], (nlohmann::json{{"x", 1}, {"y", 2}}));
  EXPECT_EQ(all_of(d, "docs2.md", std::string("pages"), "docs2.md")["layout"], "typed"); // prefix
  EXPECT_EQ(all_of(d, "docs/a.md", std::string("posts"), "docs/a.md")["layout"], "untyped");
  EXPECT_EQ(all_of(d, "sec/x/i.md", std::string("pages"), "sec/x/i.md")["layout"], "glob");
  EXPECT_EQ(all_of(d, "sec/x/j.md", std::string("pages"), "sec/x/j.md")["layout"], "a");
  // Documents are matched by their path inside collections_dir.
  EXPECT_EQ(all_of(d, "_guides/g.md", std::string("guides"), "coll/_guides/g.md")["layout"],
            "guide");
  EXPECT_EQ(all_of(d, "x.png", std::nullopt, "x.png")["layout"], "a");
}

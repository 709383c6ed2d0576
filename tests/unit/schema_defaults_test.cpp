// Schema validation sees what Jekyll sees (issue 13): site::Defaults::located gives the values
// `defaults:` merges under a document with where each winning value is written in _config.yml;
// CompiledSchema validates the front matter merged over them, and a finding on a value from
// `defaults` points there (message, extra["origin"], SARIF relatedLocations).
#include "frontmatter/loader.hpp"
#include "report/writers.hpp"
#include "schema/compiled_schema.hpp"
#include "site/config_yaml.hpp"
#include "site/defaults.hpp"
#include "site/site_config.hpp"

#include <gtest/gtest.h>

using namespace verity;

namespace {

site::SiteConfig config_of(const std::string& yaml) {
  site::ConfigYaml parsed = site::parse_config_yaml(yaml);
  EXPECT_TRUE(parsed.ok);
  std::vector<site::ConfigProblem> problems;
  return site::site_config_from_json(parsed.value, parsed.map, "_config.yml", problems);
}

// The origins as "pointer line:col" lines, so a whole map compares in one assertion.
std::vector<std::string> listed(const DefaultValues& d) {
  std::vector<std::string> out;
  for (const auto& [pointer, pos] : d.origins) {
    out.push_back(pointer + " " + std::to_string(pos.line) + ":" + std::to_string(pos.column));
  }
  return out;
}

// Line numbers are those of the YAML lines below (1-based).
const char* k_config = "title: x\n"                   // 1
                       "defaults:\n"                  // 2
                       "  - scope:\n"                 // 3  skipped: no values (index 0)
                       "      path: z\n"              // 4
                       "  - scope:\n"                 // 5  index 1
                       "      path: \"\"\n"           // 6
                       "    values:\n"                // 7
                       "      layout: base\n"         // 8
                       "      author:\n"              // 9
                       "        name: Ann\n"          // 10
                       "        email: a@x.org\n"     // 11
                       "      tags: [one, two]\n"     // 12
                       "  - scope:\n"                 // 13 index 2
                       "      path: docs\n"           // 14
                       "    values:\n"                // 15
                       "      layout: doc\n"          // 16
                       "      author:\n"              // 17
                       "        name: Bob\n"          // 18
                       "  - scope:\n"                 // 19 index 3
                       "      path: docs\n"           // 20
                       "      type: pages\n"          // 21
                       "    values:\n"                // 22
                       "      tags: [three]\n"        // 23
                       "  - scope:\n"                 // 24 index 4
                       "      path: \"sec/*/i.md\"\n" // 25
                       "    values:\n"                // 26
                       "      layout: glob\n"         // 27
                       "  - scope:\n"                 // 28 index 5: shorter, after the longer
                       "      path: \"\"\n"           // 29
                       "    values:\n"                // 30
                       "      layout: late\n"         // 31
                       "      sidebar: true\n";       // 32

} // namespace

TEST(SiteDefaultsOrigins, LocatedValuesEqualAllOnEveryScopeKind) {
  site::SiteConfig c = config_of(k_config);
  ASSERT_EQ(c.defaults.size(), 5u);
  EXPECT_EQ(c.defaults[0].index, 1u); // the skipped entry keeps the indexes as written
  EXPECT_EQ(c.defaults[4].index, 5u);
  site::Defaults d(c);
  struct Item {
    const char* path;
    std::optional<std::string> type;
  };
  const Item items[] = {{"docs/a.md", "pages"},
                        {"docs/a.md", "posts"},
                        {"sec/x/i.md", "pages"},
                        {"sec/x/j.md", "pages"},
                        {"x.png", std::nullopt}};
  for (const auto& item : items) {
    DefaultValues located = d.located(item.path, item.type, item.path);
    EXPECT_EQ(located.values, d.all(item.path, item.type, item.path)) << item.path;
    EXPECT_EQ(located.file, "_config.yml");
  }
}

TEST(SiteDefaultsOrigins, TheLongerScopeWinsAndItsPositionIsKept) {
  site::SiteConfig c = config_of(k_config);
  site::Defaults d(c); // holds a reference to c
  // Scopes 1, 2, 3 and 5 apply: 2 (path) over 1, 3 (same path, a type) over 2, 5 under them all.
  DefaultValues page = d.located("docs/a.md", std::string("pages"), "docs/a.md");
  EXPECT_EQ(page.values, (nlohmann::json{{"layout", "doc"},
                                         {"author", {{"name", "Bob"}, {"email", "a@x.org"}}},
                                         {"tags", {"three"}},
                                         {"sidebar", true}}));
  EXPECT_EQ(listed(page), (std::vector<std::string>{
                              "/author 18:9",        // the merged mapping: the winner's
                              "/author/email 11:16", // kept from the shorter scope
                              "/author/name 18:15",
                              "/layout 16:15", // not scope 5's "late" written later
                              "/sidebar 32:16",
                              "/tags 23:13", // a list replaces: no /tags/1 left
                              "/tags/0 23:14",
                          }));
  // Without the type, scope 3 does not apply: scope 1's list stays whole.
  DefaultValues post = d.located("docs/a.md", std::string("posts"), "docs/a.md");
  EXPECT_EQ(post.values["tags"], (nlohmann::json{"one", "two"}));
  EXPECT_EQ(post.origins.at("/tags/0").line, 12);
  EXPECT_EQ(post.origins.at("/tags/1").line, 12);
  EXPECT_EQ(post.origins.at("/tags/1").column, 19);
  EXPECT_EQ(post.origins.size(), 8u);
  // A glob scope.
  DefaultValues glob = d.located("sec/x/i.md", std::string("pages"), "sec/x/i.md");
  EXPECT_EQ(glob.values["layout"], "glob");
  EXPECT_EQ(glob.origins.at("/layout").line, 27);
  DefaultValues other = d.located("sec/x/j.md", std::string("pages"), "sec/x/j.md");
  EXPECT_EQ(other.values["layout"], "late"); // same length as scope 1, written later
  EXPECT_EQ(other.origins.at("/layout").line, 31);
  EXPECT_EQ(other.origins.at("/author/name").line, 10);
}

TEST(SiteDefaultsOrigins, NothingAppliesGivesNothing) {
  site::SiteConfig c = config_of("defaults:\n  - scope: {path: docs}\n    values: {layout: x}\n");
  site::Defaults d(c); // holds a reference to c
  DefaultValues none = d.located("a.md", std::string("pages"), "a.md");
  EXPECT_TRUE(none.values.empty());
  EXPECT_TRUE(none.origins.empty());
}

namespace {

// Line numbers as in k_config above.
const char* k_site = "defaults:\n"                    // 1
                     "  - scope: {path: \"\"}\n"      // 2
                     "    values:\n"                  // 3
                     "      layout: page\n"           // 4
                     "      weight: \"3\"\n"          // 5
                     "      sidebar: true\n"          // 6
                     "      author:\n"                // 7
                     "        email: not-an-email\n"; // 8

const char* k_schema = R"({"type":"object","required":["layout","title"],
  "additionalProperties":false,
  "properties":{"layout":{"type":"string"},"title":{"type":"string"},"weight":{"type":"integer"},
    "author":{"type":"object","properties":{"name":{"type":"string"},
      "email":{"type":"string","format":"email"}}}}})";

// What k_site's defaults give docs/a.md.
DefaultValues site_defaults() {
  site::SiteConfig c = config_of(k_site);
  return site::Defaults(c).located("docs/a.md", std::string("pages"), "docs/a.md");
}

Findings validate(const std::string& front_matter, const DefaultValues* defaults,
                  const char* schema_json = k_schema) {
  schema::CompiledSchema s(nlohmann::json::parse(schema_json));
  Findings parse;
  Document doc =
      frontmatter::parse_document("---\n" + front_matter + "---\n", "docs/a.md", {}, parse);
  EXPECT_TRUE(doc.parsed);
  EXPECT_TRUE(parse.empty());
  Findings out;
  s.validate(doc, defaults, out);
  return out;
}

const Finding* by_pointer(const Findings& f, const std::string& pointer) {
  for (const auto& x : f) {
    if (x.pointer == pointer) {
      return &x;
    }
  }
  return nullptr;
}

} // namespace

TEST(SchemaWithDefaults, FindingsOnMergedValuesPointIntoTheConfig) {
  DefaultValues defaults = site_defaults();
  Findings f = validate("title: 5\nauthor:\n  name: Ann\n", &defaults);
  ASSERT_EQ(f.size(), 4u);

  // On a value the document writes: unchanged, no origin.
  const Finding* title = by_pointer(f, "/title");
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(title->rule, "schema/type");
  EXPECT_EQ(title->file, "docs/a.md");
  EXPECT_EQ(title->line, 2);
  EXPECT_EQ(title->column, 8);
  EXPECT_EQ(title->message, "title: expected string, got integer 5: quote the value");
  EXPECT_FALSE(title->extra.contains("origin"));

  const Finding* weight = by_pointer(f, "/weight");
  ASSERT_NE(weight, nullptr);
  EXPECT_EQ(weight->rule, "schema/type");
  EXPECT_EQ(weight->file, "docs/a.md");
  EXPECT_EQ(weight->line, 1);
  EXPECT_EQ(weight->column, 1);
  EXPECT_EQ(weight->message, "weight: expected integer, got string \"3\": remove the quotes "
                             "(the value comes from `defaults` at _config.yml:5:15)");
  EXPECT_EQ(weight->extra["origin"],
            (nlohmann::json{{"file", "_config.yml"}, {"line", 5}, {"column", 15}}));

  // The document writes `author`, defaults add `author/email`: the nearest writer decides.
  const Finding* email = by_pointer(f, "/author/email");
  ASSERT_NE(email, nullptr);
  EXPECT_EQ(email->rule, "schema/format");
  EXPECT_EQ(email->line, 1);
  EXPECT_EQ(email->extra["origin"]["line"], 8);
  EXPECT_EQ(email->extra["origin"]["column"], 16);
  EXPECT_TRUE(email->message.ends_with(" (the value comes from `defaults` at _config.yml:8:16)"))
      << email->message;

  // additionalProperties: false flags what Jekyll really gives the page, in _config.yml.
  const Finding* sidebar = by_pointer(f, "/sidebar");
  ASSERT_NE(sidebar, nullptr);
  EXPECT_EQ(sidebar->rule, "schema/additionalProperties");
  EXPECT_EQ(sidebar->line, 1);
  EXPECT_EQ(sidebar->extra["origin"],
            (nlohmann::json{{"file", "_config.yml"}, {"line", 6}, {"column", 16}}));
  EXPECT_TRUE(sidebar->message.starts_with("unknown property 'sidebar'")) << sidebar->message;

  // `layout` is required and comes from defaults: no finding.
  EXPECT_EQ(by_pointer(f, ""), nullptr);
}

TEST(SchemaWithDefaults, WithoutDefaultsTheSameDocumentMissesLayout) {
  Findings f = validate("title: 5\nauthor:\n  name: Ann\n", nullptr);
  ASSERT_EQ(f.size(), 2u);
  const Finding* required = by_pointer(f, "");
  ASSERT_NE(required, nullptr);
  EXPECT_EQ(required->rule, "schema/required");
  EXPECT_EQ(required->message, "missing required property 'layout'");
  EXPECT_FALSE(required->extra.contains("origin"));
  EXPECT_NE(by_pointer(f, "/title"), nullptr);
  // Empty defaults validate the document alone, the same way.
  DefaultValues empty;
  EXPECT_EQ(validate("title: 5\nauthor:\n  name: Ann\n", &empty).size(), 2u);
}

TEST(SchemaWithDefaults, TheDocumentsOwnValueWinsAndKeepsItsPosition) {
  DefaultValues defaults = site_defaults();
  // The document overrides weight (valid now) and writes a bad email of its own.
  Findings f = validate("title: T\nweight: 2\nsidebar: false\nauthor:\n  email: bad\n", &defaults);
  ASSERT_EQ(f.size(), 2u);
  const Finding* email = by_pointer(f, "/author/email");
  ASSERT_NE(email, nullptr);
  EXPECT_EQ(email->rule, "schema/format");
  EXPECT_EQ(email->line, 6);
  EXPECT_EQ(email->column, 10);
  EXPECT_FALSE(email->extra.contains("origin"));
  EXPECT_EQ(email->message.find("defaults"), std::string::npos);
  const Finding* sidebar = by_pointer(f, "/sidebar");
  ASSERT_NE(sidebar, nullptr);
  EXPECT_EQ(sidebar->line, 4);
  EXPECT_EQ(sidebar->column, 1);
  EXPECT_FALSE(sidebar->extra.contains("origin"));
}

TEST(SchemaWithDefaults, ARequiredMappingFromDefaultsPointsThere) {
  DefaultValues defaults = site_defaults();
  Findings out = validate(
      "title: T\n", &defaults,
      R"({"type":"object","properties":{"author":{"type":"object","required":["name"]}}})");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].rule, "schema/required");
  EXPECT_EQ(out[0].pointer, "/author");
  EXPECT_EQ(out[0].line, 1);
  EXPECT_EQ(out[0].message, "author: missing required property 'name' "
                            "(the value comes from `defaults` at _config.yml:8:9)");
}

TEST(SarifReport, AFindingOnADefaultsValueHasARelatedLocation) {
  CheckResult r;
  r.documents = {{"docs/a.md", "pages", false}};
  Finding from_defaults{"schema/type",
                        Severity::Error,
                        "docs/a.md",
                        1,
                        1,
                        "/weight",
                        "weight: expected integer (the value comes from `defaults` at "
                        "_config.yml:5:15)",
                        {{"origin", {{"file", "_config.yml"}, {"line", 5}, {"column", 15}}}},
                        std::nullopt};
  Finding own{"schema/type",     Severity::Error,          "docs/a.md", 2, 8, "/title",
              "title: expected", nlohmann::json::object(), std::nullopt};
  r.findings = {from_defaults, own};
  auto s = nlohmann::json::parse(report::write_sarif(r));
  const auto& results = s["runs"][0]["results"];
  ASSERT_EQ(results.size(), 2u);
  size_t related = 0;
  for (const auto& result : results) {
    related += result.contains("relatedLocations");
  }
  EXPECT_EQ(related, 1u);
  const auto& first = results[0].at("relatedLocations");
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0]["message"]["text"], "value from defaults");
  const auto& loc = first[0]["physicalLocation"];
  EXPECT_EQ(loc["artifactLocation"]["uri"], "_config.yml");
  EXPECT_EQ(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
  EXPECT_EQ(loc["region"]["startLine"], 5);
  EXPECT_EQ(loc["region"]["startColumn"], 15);
  // The result itself still points at the document.
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "docs/a.md");
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["region"]["startLine"], 1);
}

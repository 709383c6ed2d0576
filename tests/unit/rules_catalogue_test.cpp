// The rule catalogue (src/rules/): ids unique and well formed, every entry complete, the lookups
// of the data-driven families covering what the validator and the link-rot states can produce,
// and the writers taking texts and default levels from it.
#include "frontmatter/loader.hpp"
#include "linkrot/url_state.hpp"
#include "report/rule_listing.hpp"
#include "report/writers.hpp"
#include "rules/catalogue.hpp"
#include "rules/families.hpp"
#include "rules/make_finding.hpp"
#include "schema/compiled_schema.hpp"
#include "schema_keywords.hpp"
#include "secured/no_lockfile.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

using namespace verity;

namespace {

const std::set<std::string> k_families = {"frontmatter", "schema",  "content", "image",
                                          "link",        "linkrot", "secured", "site"};

bool well_formed_name(std::string_view name) {
  if (name.empty() || name.front() == '-' || name.back() == '-') {
    return false;
  }
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) {
      return false;
    }
  }
  return true;
}

} // namespace

TEST(RulesCatalogue, IdsAreUniqueAndWellFormed) {
  std::set<std::string_view> ids;
  for (const rules::Rule* r : rules::all()) {
    size_t slash = r->id.find('/');
    ASSERT_NE(slash, std::string_view::npos) << r->id;
    EXPECT_TRUE(k_families.count(std::string(r->id.substr(0, slash)))) << r->id;
    EXPECT_TRUE(well_formed_name(r->id.substr(slash + 1))) << r->id;
    EXPECT_TRUE(ids.insert(r->id).second) << "twice: " << r->id;
  }
  // Every family has rules, and the catalogue holds the ids issue 12 found missing.
  for (const auto& family : k_families) {
    size_t members = 0;
    for (const rules::Rule* r : rules::all()) {
      members += rules::in_family(r->id, family) ? 1 : 0;
    }
    EXPECT_GE(members, 2u) << family;
  }
  for (std::string_view id :
       {"secured/format", "secured/policy", "secured/no-key", "secured/unpinned-legacy",
        "secured/invalid", "secured/auth", "secured/no-lockfile", "image/unreachable",
        "link/internal-missing", "link/fragment-missing", "link/missing-baseurl", "link/malformed",
        "link/liquid-broken", "image/alt-missing"}) {
    EXPECT_TRUE(ids.count(id)) << id;
  }
  EXPECT_EQ(ids.size(), 80u);
}

TEST(RulesCatalogue, EveryEntryHasItsTextsAndIsFoundById) {
  for (const rules::Rule* r : rules::all()) {
    EXPECT_FALSE(r->short_description.empty()) << r->id;
    EXPECT_FALSE(r->full_description.empty()) << r->id;
    EXPECT_FALSE(r->help.empty()) << r->id;
    // `verity rules` prints "short. help": the short text is a phrase, not a sentence.
    EXPECT_NE(r->short_description.back(), '.') << r->id;
    EXPECT_EQ(r->help.back(), '.') << r->id;
    EXPECT_EQ(rules::find(r->id), r) << r->id;
  }
  EXPECT_EQ(rules::find("schema/prefixItems"), nullptr);
  EXPECT_EQ(rules::find("image"), nullptr);
  EXPECT_EQ(rules::find(""), nullptr);
}

TEST(RulesCatalogue, MakeFindingTakesTheIdAndTheDefaultSeverity) {
  for (const rules::Rule* r : {&rules::image_orientation, &rules::frontmatter_bom,
                               &rules::schema_type, &rules::secured_no_lockfile}) {
    Finding f = rules::make_finding(*r);
    EXPECT_EQ(f.rule, r->id);
    EXPECT_EQ(f.severity, r->default_severity);
  }
  EXPECT_EQ(rules::image_orientation.default_severity, Severity::Warning);
  EXPECT_EQ(rules::frontmatter_bom.default_severity, Severity::Note);
}

TEST(RulesCatalogue, NoLockfileIsOneNoteWhereverItArises) {
  EXPECT_EQ(rules::secured_no_lockfile.default_severity, Severity::Note);
  Finding site = secured::no_lockfile_for_site("secured.lock");
  Finding doc = secured::no_lockfile_for_document("_news/a.md");
  EXPECT_EQ(site.rule, "secured/no-lockfile");
  EXPECT_EQ(doc.rule, "secured/no-lockfile");
  EXPECT_EQ(site.severity, Severity::Note);
  EXPECT_EQ(doc.severity, Severity::Note);
  EXPECT_EQ(site.file, "secured.lock");
  EXPECT_EQ(doc.file, "_news/a.md");
  EXPECT_NE(site.message.find("commit secured.lock"), std::string::npos) << site.message;
  EXPECT_NE(doc.message.find("decrypted only when pinned"), std::string::npos) << doc.message;
}

TEST(RulesCatalogue, InFamilyNeedsTheWholeFamilyAndASlash) {
  EXPECT_TRUE(rules::in_family("linkrot/broken", "linkrot"));
  EXPECT_FALSE(rules::in_family("link/broken", "linkrot"));
  EXPECT_FALSE(rules::in_family("linkrot/broken", "link"));
  EXPECT_FALSE(rules::in_family("linkrot", "linkrot"));
  EXPECT_FALSE(rules::in_family("linkrot/", "linkrot/"));
}

TEST(RulesCatalogue, SchemaKeywordsMapToTheirOwnEntriesAndUnknownOnesToOne) {
  std::vector<std::string> keywords = test::k_failed_keywords;
  keywords.push_back("invalid");
  std::set<const rules::Rule*> distinct;
  for (const auto& kw : keywords) {
    const rules::Rule& r = rules::schema_keyword(kw);
    EXPECT_EQ(r.id, "schema/" + kw);
    distinct.insert(&r);
  }
  EXPECT_EQ(distinct.size(), keywords.size());
  EXPECT_EQ(distinct.size(), 28u); // every schema entry of the catalogue
  for (std::string_view unknown : {"prefixItems", "", "then", "type/x", "broken"}) {
    EXPECT_EQ(&rules::schema_keyword(unknown), &rules::schema_invalid) << unknown;
  }
}

// Every keyword the validator reports, failed once each in one document: each finding gets the
// rule of its keyword, and none falls back to schema/invalid.
TEST(RulesCatalogue, TheValidatorReportsEveryKeywordUnderItsOwnRule) {
  schema::CompiledSchema schema(nlohmann::json::parse(test::k_keyword_schema));
  Findings out;
  Document doc = frontmatter::parse_document(
      std::string("---\n") + test::k_keyword_front_matter + "---\n", "d.md", {}, out);
  ASSERT_TRUE(doc.parsed);
  ASSERT_TRUE(out.empty()) << out[0].rule << ": " << out[0].message;
  schema.validate(doc, out);
  std::set<std::string> seen;
  for (const auto& f : out) {
    seen.insert(f.rule);
    const rules::Rule* r = rules::find(f.rule);
    ASSERT_NE(r, nullptr) << f.rule;
    EXPECT_EQ(f.severity, r->default_severity) << f.rule;
  }
  std::set<std::string> expected;
  for (const auto& kw : test::k_failed_keywords) {
    expected.insert("schema/" + kw);
  }
  EXPECT_EQ(seen, expected);
}

// The states linkrot::advance can produce, gathered from every sequence of five outcomes: each
// but "ok" has its catalogue entry.
TEST(RulesCatalogue, EveryLinkrotStateHasItsRule) {
  using linkrot::Outcome;
  const Outcome outcomes[] = {Outcome::Ok, Outcome::Fail, Outcome::Blocked};
  std::set<std::string> states;
  for (int code = 0; code < 243; ++code) {
    linkrot::UrlTrack track;
    std::int64_t t = 1'700'000'000;
    for (int i = 0, c = code; i < 5; ++i, c /= 3) {
      linkrot::UrlState s = linkrot::advance(track, outcomes[c % 3], t += 86400, 3);
      states.insert(s.state);
      track = s.track;
    }
  }
  EXPECT_EQ(states, (std::set<std::string>{"ok", "recovered", "newly-broken", "flaky", "broken",
                                           "blocked"}));
  for (const auto& state : states) {
    const rules::Rule* r = rules::linkrot_state(state);
    if (state == "ok") {
      EXPECT_EQ(r, nullptr);
    } else {
      ASSERT_NE(r, nullptr) << state;
      EXPECT_EQ(r->id, "linkrot/" + state);
    }
  }
  EXPECT_EQ(rules::linkrot_state("broken")->default_severity, Severity::Error);
  EXPECT_EQ(rules::linkrot_state("recovered")->default_severity, Severity::Note);
  EXPECT_EQ(rules::linkrot_state("gone"), nullptr);
}

TEST(RulesCatalogue, SarifAndJsonReportsTakeTextsAndLevelsFromIt) {
  CheckResult result;
  result.documents = {{"_news/a.md", "news", false}};
  Finding note = secured::no_lockfile_for_site("secured.lock");
  Finding raised = rules::make_finding(rules::frontmatter_bom);
  raised.file = "_news/a.md";
  raised.severity = Severity::Error; // raised by `rules:` in verity.yaml
  Finding foreign{"other/rule",           Severity::Warning,        "_news/a.md", 1, 1, "",
                  "from a merged report", nlohmann::json::object(), std::nullopt};
  result.findings = {note, raised, foreign};

  auto sarif = nlohmann::json::parse(report::write_sarif(result));
  const auto& driver_rules = sarif["runs"][0]["tool"]["driver"]["rules"];
  ASSERT_EQ(driver_rules.size(), 3u);
  std::map<std::string, nlohmann::json> by_id;
  for (const auto& r : driver_rules) {
    by_id[r["id"].get<std::string>()] = r;
  }
  EXPECT_EQ(by_id["secured/no-lockfile"]["defaultConfiguration"]["level"], "note");
  EXPECT_EQ(by_id["secured/no-lockfile"]["shortDescription"]["text"],
            std::string(rules::secured_no_lockfile.short_description));
  EXPECT_EQ(by_id["secured/no-lockfile"]["help"]["text"],
            std::string(rules::secured_no_lockfile.help));
  // The default level is the catalogue's, whatever a run raised the result to.
  EXPECT_EQ(by_id["frontmatter/bom"]["defaultConfiguration"]["level"], "note");
  EXPECT_EQ(by_id["other/rule"]["defaultConfiguration"]["level"], "warning");
  std::map<std::string, std::string> result_level;
  for (const auto& r : sarif["runs"][0]["results"]) {
    result_level[r["ruleId"].get<std::string>()] = r["level"].get<std::string>();
  }
  EXPECT_EQ(result_level["secured/no-lockfile"], "note");
  EXPECT_EQ(result_level["frontmatter/bom"], "error");

  auto json = nlohmann::json::parse(report::write_json(result));
  EXPECT_EQ(json["rules"],
            nlohmann::json({{"frontmatter/bom",
                             {{"default_severity", "note"},
                              {"short_description", "File starts with a byte order mark"}}},
                            {"secured/no-lockfile",
                             {{"default_severity", "note"},
                              {"short_description", "Legacy blobs but no pin lockfile"}}}}));
  // The report, rules included, still validates against its published schema.
  schema::CompiledSchema report_schema(nlohmann::json::parse(report::json_report_schema()));
  Document doc;
  doc.path = "report.json";
  doc.data = json;
  Findings problems;
  report_schema.validate(doc, problems);
  EXPECT_TRUE(problems.empty()) << (problems.empty() ? "" : problems[0].message);
}

TEST(RulesCatalogue, ListingsHaveOneEntryPerRule) {
  size_t n = rules::all().size();
  std::string text = report::list_rules(report::RuleListFormat::Text);
  EXPECT_EQ(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')), n);
  EXPECT_NE(text.find("secured/no-lockfile (note): Legacy blobs but no pin lockfile. Run "),
            std::string::npos);
  auto json = nlohmann::json::parse(report::list_rules(report::RuleListFormat::Json));
  ASSERT_EQ(json["rules"].size(), n);
  EXPECT_EQ(json["rules"][0]["id"], "frontmatter/missing");
  EXPECT_EQ(json["rules"][0]["default_severity"], "error");
  std::string md = report::list_rules(report::RuleListFormat::Markdown);
  EXPECT_EQ(static_cast<size_t>(std::count(md.begin(), md.end(), '\n')), n + 2); // + header
  EXPECT_NE(md.find("| `image/unreachable` | warning | Remote image cannot be fetched | "),
            std::string::npos);
  EXPECT_FALSE(report::parse_rule_list_format("sarif"));
}

#include "report/writers.hpp"
#include "schema/compiled_schema.hpp"

#include <gtest/gtest.h>

using namespace verity;

namespace {

CheckResult sample() {
  CheckResult r;
  r.documents = {{"_news/a.md", "news", false},
                 {"_news/b.md", "news", true},
                 {"_people/c.md", "people", false}};
  Finding type{"schema/type",
               Severity::Error,
               "_news/a.md",
               4,
               10,
               "/quality",
               "quality: expected integer, got string \"82\"",
               nlohmann::json::object(),
               std::nullopt};
  Finding warn{
      "frontmatter/ambiguous-bool", Severity::Warning,        "_news/a.md", 5, 3, "/published",
      "'yes' <is> & \"odd\"",       nlohmann::json::object(), std::nullopt};
  Finding yaml{"frontmatter/yaml-error", Severity::Error,          "_news/b.md", 3, 7, "",
               "YAML syntax error",      nlohmann::json::object(), std::nullopt};
  r.findings = {type, warn, yaml};
  r.duration_seconds = 0.5;
  return r;
}

} // namespace

TEST(JsonReport, HasVersionSummaryAndFindings) {
  auto j = nlohmann::json::parse(report::write_json(sample()));
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["tool"]["name"], "verity");
  EXPECT_EQ(j["summary"]["errors"], 2);
  EXPECT_EQ(j["summary"]["warnings"], 1);
  EXPECT_EQ(j["summary"]["by_rule"]["schema/type"], 1);
  ASSERT_EQ(j["findings"].size(), 3u);
  EXPECT_EQ(j["findings"][0]["pointer"], "/quality");
  EXPECT_EQ(j["findings"][0]["key"].get<std::string>().size(), 32u);
}

TEST(SarifReport, HasEveryFieldGitHubRequires) {
  auto s = nlohmann::json::parse(report::write_sarif(sample()));
  EXPECT_EQ(s["version"], "2.1.0");
  EXPECT_TRUE(s.contains("$schema"));
  ASSERT_EQ(s["runs"].size(), 1u);
  const auto& run = s["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "verity");
  const auto& rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 3u);
  for (const auto& rule : rules) {
    for (const char* field : {"shortDescription", "fullDescription", "help"}) {
      ASSERT_TRUE(rule[field].contains("text")) << field;
      EXPECT_FALSE(rule[field]["text"].get<std::string>().empty()) << field;
    }
    EXPECT_TRUE(rule["defaultConfiguration"]["level"].is_string());
  }
  for (const auto& result : run["results"]) {
    EXPECT_TRUE(result["ruleId"].is_string());
    EXPECT_EQ(rules[result["ruleIndex"].get<size_t>()]["id"], result["ruleId"]);
    EXPECT_FALSE(result["message"]["text"].get<std::string>().empty());
    const auto& loc = result["locations"][0]["physicalLocation"];
    EXPECT_EQ(loc["artifactLocation"]["uri"].get<std::string>().front(), '_'); // relative
    EXPECT_GE(loc["region"]["startLine"].get<int>(), 1);
    EXPECT_TRUE(result["partialFingerprints"]["verity/v1"].is_string());
  }
  EXPECT_EQ(run["results"][1]["level"], "warning");
}

TEST(SarifReport, FingerprintsAreStableAcrossRunsAndLineMoves) {
  auto a = sample();
  auto b = sample();
  b.findings[0].line = 40; // the value moved, the finding did not change
  EXPECT_EQ(report::finding_key(a.findings[0]), report::finding_key(b.findings[0]));
  EXPECT_NE(report::finding_key(a.findings[0]), report::finding_key(a.findings[1]));
}

TEST(JunitReport, OneSuitePerCollectionFailuresAndErrors) {
  std::string xml = report::write_junit(sample());
  EXPECT_NE(xml.find("<testsuites name=\"verity\" tests=\"3\" failures=\"1\" errors=\"1\""),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<testsuite name=\"verity.news\" tests=\"2\""), std::string::npos);
  EXPECT_NE(xml.find("<testsuite name=\"verity.people\" tests=\"1\" failures=\"0\""),
            std::string::npos);
  EXPECT_NE(xml.find("<error message=\"1 finding\" type=\"frontmatter/yaml-error\">"),
            std::string::npos);
  EXPECT_NE(xml.find("&lt;is&gt; &amp; &quot;odd&quot;"),
            std::string::npos); // escaped, in system-out
  EXPECT_EQ(xml.find("<is>"), std::string::npos);
}

TEST(TextReport, OneLinePerFindingThenSummary) {
  std::string text = report::write_text(sample(), false);
  EXPECT_NE(text.find("_news/a.md:4:10: error [schema/type] quality: expected integer"),
            std::string::npos);
  EXPECT_NE(text.find("3 documents checked: 2 errors, 1 warnings, 0 notes"), std::string::npos);
  EXPECT_EQ(text.find("\x1b["), std::string::npos);
  EXPECT_NE(report::write_text(sample(), true).find("\x1b["), std::string::npos);
}

TEST(JsonReport, ValidatesAgainstItsPublishedSchema) {
  schema::CompiledSchema report_schema(nlohmann::json::parse(report::json_report_schema()));
  Document doc;
  doc.path = "report.json";
  doc.data = nlohmann::json::parse(report::write_json(sample()));
  Findings problems;
  report_schema.validate(doc, problems);
  for (const auto& p : problems) {
    ADD_FAILURE() << p.rule << " " << p.pointer << " " << p.message;
  }
  doc.data["findings"][0].erase("rule"); // and the schema does catch a broken report
  report_schema.validate(doc, problems);
  EXPECT_EQ(problems.size(), 1u);
}

// Per-collection counts and unmatched files in every summary (issue 13, "never a silent pass"):
// each format's exact output for a hand-built CheckResult, the empty case, the merge of two
// shard reports, and hostile collection and file names.
#include "report/merge.hpp"
#include "report/writers.hpp"
#include "schema/compiled_schema.hpp"
#include "support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <tuple>

using namespace verity;
using verity::test::TempDir;

namespace {

std::string unmatched_name(size_t i) {
  char name[32];
  std::snprintf(name, sizeof name, "_extra/doc-%02zu.md", i);
  return name;
}

// Three collections (one without a schema), 25 unmatched files, two documents, one finding.
CheckResult counted() {
  CheckResult r;
  r.documents = {{"_news/a.md", "news", false}, {"index.md", "pages", false}};
  r.findings = {{"schema/type", Severity::Error, "_news/a.md", 4, 10, "/quality",
                 "quality: expected integer", nlohmann::json::object(), std::nullopt}};
  r.collections = {{"news", "_schemas/news.schema.json", 12, 11, 1},
                   {"pages", "", 3, 3, 0},
                   {"posts", "builtin:post", 120, 118, 2}};
  for (size_t i = 0; i < 25; ++i) {
    r.unmatched.push_back(unmatched_name(i));
  }
  r.duration_seconds = 0.5;
  return r;
}

const char* const k_finding_line =
    "_news/a.md:4:10: error [schema/type] quality: expected integer\n";
const char* const k_summary_line = "2 documents checked: 1 errors, 0 warnings, 0 notes (0.50 s)\n";

std::string between(const std::string& s, const std::string& from, const std::string& to) {
  size_t start = s.find(from);
  if (start == std::string::npos) {
    return "<" + from + " not found>";
  }
  size_t end = s.find(to, start + from.size());
  return end == std::string::npos ? "<" + to + " not found>" : s.substr(start, end - start);
}

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size())) {
    ++n;
  }
  return n;
}

// Each testsuite as "name tests failures errors", then its properties as "  name=value", as
// Python's XML parser reads them: the JUnit file is well-formed and says what we wrote.
std::string parsed_junit(const std::string& xml) {
  TempDir dir;
  verity::test::write_file(dir.path() / "j.xml", xml);
  auto r = util::run_process(
      {"python3", "-c",
       "import sys, xml.etree.ElementTree as E\n"
       "for s in E.parse(sys.argv[1]).getroot().findall('testsuite'):\n"
       "  print(s.get('name'), s.get('tests'), s.get('failures'), s.get('errors'))\n"
       "  for p in s.findall('properties/property'):\n"
       "    print('  ' + p.get('name') + '=' + p.get('value'))\n",
       (dir.path() / "j.xml").string()},
      dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

} // namespace

TEST(CollectionText, TableAfterTheFindingsThenUnmatchedThenTheSummary) {
  std::string expected = std::string(k_finding_line) +
                         "collection  found  checked  ignored  schema\n"
                         "news           12       11        1  _schemas/news.schema.json\n"
                         "pages           3        3        0  no schema\n"
                         "posts         120      118        2  builtin:post\n"
                         "unmatched: 25 files with front matter in no collection (schema-free "
                         "checks only)\n";
  for (size_t i = 0; i < 20; ++i) {
    expected += "  " + unmatched_name(i) + "\n";
  }
  expected += "  ... and 5 more\n";
  expected += k_summary_line;
  EXPECT_EQ(report::write_text(counted(), false), expected);
}

TEST(CollectionText, QuietAddsExactlyOneLineOfTotals) {
  CheckResult r = counted();
  EXPECT_EQ(report::write_text(r, false, true),
            std::string(k_finding_line) +
                "3 collections: 135 found, 132 checked, 3 ignored; 25 unmatched\n" +
                k_summary_line);
}

TEST(CollectionText, UnmatchedListedWholeUpToTwenty) {
  CheckResult r = counted();
  r.collections.clear();
  r.unmatched.resize(20);
  std::string text = report::write_text(r, false);
  EXPECT_EQ(count(text, "\n  _extra/doc-"), 20u);
  EXPECT_EQ(text.find("more"), std::string::npos);
  EXPECT_EQ(text.find("collection  found"), std::string::npos);
  r.unmatched.push_back(unmatched_name(20)); // 21: twenty listed, one more
  text = report::write_text(r, false);
  EXPECT_EQ(count(text, "\n  _extra/doc-"), 20u);
  EXPECT_NE(text.find("  ... and 1 more\n"), std::string::npos);
}

TEST(CollectionText, NothingWhenThereAreNoCollectionsAndNothingUnmatched) {
  CheckResult r = counted();
  r.collections.clear();
  r.unmatched.clear();
  EXPECT_EQ(report::write_text(r, false), std::string(k_finding_line) + k_summary_line);
  EXPECT_EQ(report::write_text(r, false, true), std::string(k_finding_line) + k_summary_line);
}

TEST(CollectionJson, SummaryCountsEveryCollectionAndTheTopLevelListsEveryUnmatchedFile) {
  auto j = nlohmann::json::parse(report::write_json(counted()));
  EXPECT_EQ(j["summary"]["collections"], nlohmann::json::parse(R"([
    {"name": "news", "schema": "_schemas/news.schema.json", "found": 12, "checked": 11, "ignored": 1},
    {"name": "pages", "schema": null, "found": 3, "checked": 3, "ignored": 0},
    {"name": "posts", "schema": "builtin:post", "found": 120, "checked": 118, "ignored": 2}
  ])"));
  EXPECT_EQ(j["summary"]["unmatched"], 25);
  ASSERT_EQ(j["unmatched"].size(), 25u);
  EXPECT_EQ(j["unmatched"].get<std::vector<std::string>>(), counted().unmatched);
}

TEST(CollectionJson, EmptyRunHasEmptyCollectionsAndNoUnmatched) {
  auto j = nlohmann::json::parse(report::write_json(CheckResult{}));
  EXPECT_EQ(j["summary"]["collections"], nlohmann::json::array());
  EXPECT_EQ(j["summary"]["unmatched"], 0);
  EXPECT_EQ(j["unmatched"], nlohmann::json::array());
}

TEST(CollectionJson, ValidatesAgainstThePublishedSchemaWhichRefusesABrokenCount) {
  schema::CompiledSchema report_schema(nlohmann::json::parse(report::json_report_schema()));
  Document doc;
  doc.path = "report.json";
  doc.data = nlohmann::json::parse(report::write_json(counted()));
  Findings problems;
  report_schema.validate(doc, problems);
  for (const auto& p : problems) {
    ADD_FAILURE() << p.rule << " " << p.pointer << " " << p.message;
  }
  doc.data["summary"]["collections"][1]["found"] = -1; // the schema sees inside the entries
  doc.data["unmatched"][3] = 7;
  report_schema.validate(doc, problems);
  EXPECT_EQ(problems.size(), 2u);
}

TEST(CollectionSarif, CountsInTheRunPropertiesAndNothingElseChanges) {
  auto s = nlohmann::json::parse(report::write_sarif(counted()));
  const auto& run = s["runs"][0];
  EXPECT_EQ(run["properties"]["collections"],
            nlohmann::json::parse(report::write_json(counted()))["summary"]["collections"]);
  EXPECT_EQ(run["properties"]["collections"].size(), 3u);
  EXPECT_EQ(run["properties"]["collections"][1]["schema"], nullptr);
  std::vector<std::string> keys;
  for (auto it = run.begin(); it != run.end(); ++it) {
    keys.push_back(it.key());
  }
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, (std::vector<std::string>{"automationDetails", "columnKind", "properties",
                                            "results", "tool"}));
  auto empty = nlohmann::json::parse(report::write_sarif(CheckResult{}));
  EXPECT_EQ(empty["runs"][0]["properties"]["collections"], nlohmann::json::array());
}

TEST(CollectionMarkdown, CollectionsTableAndTheFirstTwentyUnmatched) {
  std::string md = report::write_markdown(counted());
  std::string expected = "### Collections\n\n"
                         "| collection | found | checked | ignored | schema |\n"
                         "|---|---:|---:|---:|---|\n"
                         "| news | 12 | 11 | 1 | \\_schemas/news.schema.json |\n"
                         "| pages | 3 | 3 | 0 | no schema |\n"
                         "| posts | 120 | 118 | 2 | builtin:post |\n\n"
                         "**Unmatched: 25** files with front matter in no collection (checked "
                         "without a schema).\n\n"
                         "| unmatched file |\n|---|\n";
  for (size_t i = 0; i < 20; ++i) {
    expected += "| \\" + unmatched_name(i) + " |\n";
  }
  expected += "\n… and 5 more: see the JSON report.\n\n";
  EXPECT_EQ(between(md, "### Collections", "| rule | findings |"), expected);
  EXPECT_EQ(count(md, "### Collections"), 1u);
}

TEST(CollectionMarkdown, NoSectionWhenEmpty) {
  CheckResult r = counted();
  r.collections.clear();
  r.unmatched.clear();
  std::string md = report::write_markdown(r);
  EXPECT_EQ(md.find("Collections"), std::string::npos);
  EXPECT_EQ(md.find("Unmatched"), std::string::npos);
  EXPECT_NE(md.find("| rule | findings |"), std::string::npos); // the rest is still there
}

TEST(CollectionHtml, CollectionsTableAndEveryUnmatchedFile) {
  std::string html = report::write_html(counted());
  std::string expected =
      "<section id=\"collection-counts\"><h2>Collections</h2><table id=\"counts\"><thead><tr>"
      "<th>Collection</th><th>Found</th><th>Checked</th><th>Ignored</th><th>Schema</th></tr>"
      "</thead><tbody>"
      "<tr><td>news</td><td class=\"n\">12</td><td class=\"n\">11</td><td class=\"n\">1</td>"
      "<td>_schemas/news.schema.json</td></tr>"
      "<tr><td>pages</td><td class=\"n\">3</td><td class=\"n\">3</td><td class=\"n\">0</td>"
      "<td>no schema</td></tr>"
      "<tr><td>posts</td><td class=\"n\">120</td><td class=\"n\">118</td><td class=\"n\">2</td>"
      "<td>builtin:post</td></tr></tbody></table>"
      "<details id=\"unmatched\"><summary>Unmatched: 25 files with front matter in no "
      "collection (checked without a schema)</summary><ul>";
  for (size_t i = 0; i < 25; ++i) {
    expected += "<li class=\"loc\">" + unmatched_name(i) + "</li>";
  }
  expected += "</ul></details>";
  EXPECT_EQ(between(html, "<section id=\"collection-counts\">", "</section>"), expected);
  // Twenty or fewer: shown unfolded.
  CheckResult few = counted();
  few.unmatched.resize(20);
  EXPECT_NE(report::write_html(few).find("<details id=\"unmatched\" open>"), std::string::npos);
  CheckResult none = counted();
  none.collections.clear();
  none.unmatched.clear();
  EXPECT_EQ(report::write_html(none).find("collection-counts"), std::string::npos);
}

TEST(CollectionJunit, PropertiesPerCollectionSuiteAndAnUnmatchedSuite) {
  std::string xml = report::write_junit(counted());
  EXPECT_NE(xml.find("  <testsuite name=\"verity.pages\" tests=\"1\" failures=\"0\" errors=\"0\" "
                     "skipped=\"0\" time=\"0\">\n"
                     "    <properties>\n"
                     "      <property name=\"found\" value=\"3\"/>\n"
                     "      <property name=\"checked\" value=\"3\"/>\n"
                     "      <property name=\"ignored\" value=\"0\"/>\n"
                     "      <property name=\"schema\" value=\"\"/>\n"
                     "    </properties>\n"
                     "    <testcase classname=\"verity.pages\" name=\"index.md\""),
            std::string::npos)
      << xml;
}

TEST(CollectionJunit, WellFormedAndEveryCountReadsBack) {
  REQUIRE_TOOL_OR_SKIP("python3");
  std::string expected = "verity.news 1 1 0\n  found=12\n  checked=11\n  ignored=1\n"
                         "  schema=_schemas/news.schema.json\n"
                         "verity.pages 1 0 0\n  found=3\n  checked=3\n  ignored=0\n  schema=\n"
                         "verity.posts 0 0 0\n  found=120\n  checked=118\n  ignored=2\n"
                         "  schema=builtin:post\n"
                         "verity/unmatched 0 0 0\n  unmatched=25\n";
  for (size_t i = 0; i < 25; ++i) {
    expected += "  file=" + unmatched_name(i) + "\n";
  }
  EXPECT_EQ(parsed_junit(report::write_junit(counted())), expected);
  CheckResult empty = counted();
  empty.collections.clear();
  empty.unmatched.clear();
  EXPECT_EQ(parsed_junit(report::write_junit(empty)), "verity.news 1 1 0\nverity.pages 1 0 0\n");
}

TEST(CollectionMerge, TwoShardsOfOneRunGiveTheUnshardedCountsAndEveryUnmatchedFileOnce) {
  TempDir dir;
  CheckResult a = counted();
  CheckResult b = counted();
  // Shards split URLs, not documents: each saw the whole site, with the same counts. The lists
  // come in different orders, and one shard knows a collection the other's report lacks (a
  // report of another version).
  const std::vector<std::string> all = counted().unmatched;
  a.unmatched.assign(all.begin() + 5, all.end());
  b.unmatched.assign(all.begin(), all.begin() + 10);
  std::reverse(b.unmatched.begin(), b.unmatched.end());
  b.collections.push_back({"recipes", "", 4, 4, 0});
  verity::test::write_file(dir.path() / "a.json", report::write_json(a));
  verity::test::write_file(dir.path() / "b.json", report::write_json(b));
  size_t documents = 0;
  CheckResult merged =
      report::merge_reports({dir.path() / "a.json", dir.path() / "b.json"}, documents);
  ASSERT_EQ(merged.collections.size(), 4u);
  std::vector<std::tuple<std::string, std::string, size_t, size_t, size_t>> got;
  for (const auto& c : merged.collections) {
    got.emplace_back(c.name, c.schema, c.found, c.checked, c.ignored);
  }
  EXPECT_EQ(got, (decltype(got){{"news", "_schemas/news.schema.json", 12, 11, 1},
                                {"pages", "", 3, 3, 0},
                                {"posts", "builtin:post", 120, 118, 2},
                                {"recipes", "", 4, 4, 0}}));
  EXPECT_EQ(merged.unmatched, all); // 25, sorted, each once
  auto j = nlohmann::json::parse(report::write_json(merged));
  EXPECT_EQ(j["summary"]["unmatched"], 25);
  EXPECT_EQ(j["summary"]["collections"][2]["checked"], 118); // not 236: not counted twice
}

TEST(CollectionMerge, ReportsWithoutCountsStillMerge) {
  TempDir dir;
  auto old = nlohmann::json::parse(report::write_json(counted()));
  old["summary"].erase("collections");
  old["summary"].erase("unmatched");
  old.erase("unmatched");
  verity::test::write_file(dir.path() / "old.json", old.dump());
  auto odd = nlohmann::json::parse(report::write_json(counted()));
  odd["summary"]["collections"][0]["found"] = "many"; // hand-edited: counts as 0, no crash
  verity::test::write_file(dir.path() / "odd.json", odd.dump());
  size_t documents = 0;
  CheckResult merged =
      report::merge_reports({dir.path() / "old.json", dir.path() / "odd.json"}, documents);
  ASSERT_EQ(merged.collections.size(), 3u);
  EXPECT_EQ(merged.collections[0].found, 0u);
  EXPECT_EQ(merged.collections[0].checked, 11u);
  EXPECT_EQ(merged.unmatched.size(), 25u);
}

namespace {

const char* const k_hostile_collection = "<script>alert(1)</script>|`x`\nnext";
const char* const k_hostile_file = "_x/<b>|`y`\n::error ::owned.md";

CheckResult hostile() {
  CheckResult r;
  r.collections = {{k_hostile_collection, "<i>s</i>|`z`", 2, 1, 1}};
  r.unmatched = {k_hostile_file};
  return r;
}

} // namespace

TEST(CollectionEscaping, HtmlEscapesNamesAndFiles) {
  std::string html = report::write_html(hostile());
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_EQ(html.find("<i>s"), std::string::npos);
  EXPECT_NE(html.find("<tr><td>&lt;script&gt;alert(1)&lt;/script&gt;|`x`&#10;next</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<td>&lt;i&gt;s&lt;/i&gt;|`z`</td>"), std::string::npos);
  EXPECT_NE(html.find("<li class=\"loc\">_x/&lt;b&gt;|`y`&#10;::error ::owned.md</li>"),
            std::string::npos);
  EXPECT_EQ(html.find("\n::error"), std::string::npos); // no line of the page starts from a name
}

TEST(CollectionEscaping, MarkdownKeepsEachRowOneLineWithPipesAndBackticksEscaped) {
  std::string md = report::write_markdown(hostile());
  EXPECT_NE(md.find("\n| \\<script\\>alert(1)\\</script\\>\\|\\`x\\`\\\\x0anext | 2 | 1 | 1 | "
                    "\\<i\\>s\\</i\\>\\|\\`z\\` |\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("\n| \\_x/\\<b\\>\\|\\`y\\`\\\\x0a::error ::owned.md |\n"), std::string::npos)
      << md;
  EXPECT_EQ(md.find("\n::error"), std::string::npos);
  EXPECT_EQ(md.find("\nnext"), std::string::npos);
}

TEST(CollectionEscaping, TextNeverStartsALineFromAName) {
  std::string text = report::write_text(hostile(), false);
  EXPECT_EQ(text.find("\n::error"), std::string::npos);
  EXPECT_EQ(text.find("\nnext"), std::string::npos);
  EXPECT_NE(text.find("  _x/<b>|`y`\\x0a::error ::owned.md\n"), std::string::npos) << text;
  EXPECT_EQ(count(text, "\n"), 5u); // header, one row, unmatched, one file, summary
}

TEST(CollectionEscaping, JunitStaysWellFormedAndSaysWhatWasWritten) {
  REQUIRE_TOOL_OR_SKIP("python3");
  std::string xml = report::write_junit(hostile());
  EXPECT_EQ(xml.find("<script>"), std::string::npos);
  // A newline in a name is written &#10;, so a parser reads the name back as it was (a raw one in
  // an attribute would read as a space) and no line of the report starts from a name (a CI log
  // reads `::error` at a line's start as a command).
  EXPECT_EQ(xml.find("\n::error"), std::string::npos);
  EXPECT_EQ(xml.find("\nnext"), std::string::npos);
  EXPECT_EQ(parsed_junit(xml), "verity.<script>alert(1)</script>|`x`\nnext 0 0 0\n"
                               "  found=2\n  checked=1\n  ignored=1\n  schema=<i>s</i>|`z`\n"
                               "verity/unmatched 0 0 0\n  unmatched=1\n"
                               "  file=_x/<b>|`y`\n::error ::owned.md\n");
}

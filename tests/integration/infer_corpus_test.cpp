// Schema inference on the real corpus (../shared/corpus, read in place; `init` works on a copy in
// a temporary folder). Skips when the corpus is absent.
#include "support.hpp"

#include <map>
#include <set>

namespace verity::test {
namespace {

fs::path corpus_site() {
  return source_dir().parent_path() / "shared/corpus/smartable-power-apps";
}

} // namespace

TEST(InferCorpus, InferredSchemasValidateEveryDocumentOfTheirCollection) {
  if (!fs::exists(corpus_site())) {
    GTEST_SKIP() << "shared corpus not found at " << corpus_site() << ": skipping";
  }
  TempDir dir;
  fs::path site = dir.path() / "site";
  fs::copy(corpus_site(), site, fs::copy_options::recursive);
  RunResult init = run_verity({"init", "--no-check"}, site);
  ASSERT_EQ(init.exit_code, 0) << init.err;
  std::string config = read_file(site / "verity.yaml");
  EXPECT_NE(config.find("extends: builtin:smartable\n"), std::string::npos) << config;
  RunResult check = run_verity({"check", ".", "--format", "json"}, site);
  ASSERT_EQ(check.exit_code, 1) << check.err; // the corpus's real image and URL defects remain
  const nlohmann::json report = check.json();
  std::map<std::string, int> by_rule;
  for (const auto& f : report["findings"]) {
    std::string rule = f["rule"];
    ++by_rule[rule];
    EXPECT_NE(rule.rfind("schema/", 0), 0u) << f.dump(); // no schema finding at all
  }
  // Everything else is what the built-in profile finds too (shared_corpus_test.cpp says why).
  EXPECT_EQ(by_rule, (std::map<std::string, int>{{"content/duplicate-url", 2},
                                                 {"image/alt-missing", 173},
                                                 {"image/dimension-mismatch", 7},
                                                 {"image/missing", 10},
                                                 {"secured/no-lockfile", 1}}));
  // Every collection now has a schema of its own (no schema/none), each learnt from all of its
  // documents (the _data files are data, with no front matter to learn from).
  size_t documents = 0;
  for (const auto& c : report["summary"]["collections"]) {
    if (c["name"] == "data") {
      EXPECT_TRUE(c["schema"].is_null());
      continue;
    }
    documents += c["checked"].get<size_t>();
    ASSERT_TRUE(c["schema"].is_string()) << c.dump();
    EXPECT_EQ(c["schema"].get<std::string>().rfind("schemas/", 0), 0u) << c.dump();
  }
  EXPECT_EQ(documents, 859u);
}

TEST(InferCorpus, ExplainListsTheOutliersEachJustified) {
  if (!fs::exists(corpus_site())) {
    GTEST_SKIP() << "shared corpus not found at " << corpus_site() << ": skipping";
  }
  RunResult r = run_verity({"schema", "infer", "--format", "json"}, corpus_site());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json j = r.json();
  std::map<std::string, std::map<std::string, int>> got; // collection -> "kind pointer" -> count
  std::map<std::string, size_t> documents;
  for (const auto& c : j["collections"]) {
    std::string name = c["name"];
    documents[name] = c["documents"];
    EXPECT_EQ(c["unreadable"], 0) << name;
    for (const auto& o : c["outliers"]) {
      ++got[name][o["kind"].get<std::string>() + " " + o["pointer"].get<std::string>()];
    }
  }
  EXPECT_EQ(documents, (std::map<std::string, size_t>{{"communities", 5},
                                                      {"learning-collections", 35},
                                                      {"learning-courses", 82},
                                                      {"learning-videos", 331},
                                                      {"news", 192},
                                                      {"newsletters", 31},
                                                      {"organizations", 70},
                                                      {"people", 6},
                                                      {"samples", 107}}));
  std::map<std::string, std::map<std::string, int>> expected = {
      // Three Microsoft Learn collections have no cover image where 32 of 35 have one.
      {"learning-collections",
       {{"missing /images", 3},
        // One provider image is an absolute https://smartableai.github.io/... URL to the site
        // itself where its 24 siblings use site paths (/assets/...): breaks under another host.
        {"shape /provider/images/0/url", 1}}},
      // The Udacity course: "length: P1M" (one month, a date-unit duration) among 81 time-unit
      // durations; it alone has no ratings and no secured blob, and its image lacks isCached.
      {"learning-courses",
       {{"missing /ratings", 1},
        {"missing /secured", 1},
        {"shape /length", 1},
        {"missing /images/0/isCached", 1}}},
      // 12 news items have no webUrl (180/192 do) and 6 no images (186/192 do).
      {"news", {{"missing /webUrl", 12}, {"missing /images", 6}}},
      // Three newsletters carry no secured blob where 28 of 31 do.
      {"newsletters", {{"missing /secured", 3}}},
  };
  EXPECT_EQ(got, expected);
  // The exact text of one, with its line and column.
  RunResult text = run_verity({"schema", "infer", "learning-courses", "--explain"}, corpus_site());
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_NE(text.out.find("_learning/courses/udacity-microsoft-power-platform.md:7:9: length is "
                          "\"P1M\", an ISO 8601 duration in date units (P…Y/M/W/D: P5M is five "
                          "months), where 81/82 siblings hold an ISO 8601 duration in time units "
                          "(PT…) [shape]\n"),
            std::string::npos)
      << text.out;
}

} // namespace verity::test

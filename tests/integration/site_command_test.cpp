// `verity site`: the text and JSON tables, exit codes, and the inputs that stop a Jekyll build
// (measured with Jekyll 4.3.1: an impossible date in a post's file name or front matter aborts
// `jekyll build`; February 30 rolls over to March 1, as Ruby's Time does).
#include "support.hpp"

namespace verity::test {
namespace {

nlohmann::json item(const nlohmann::json& table, const std::string& source) {
  for (const auto& i : table["items"]) {
    if (i["source"] == source) {
      return i;
    }
  }
  return nullptr;
}

TEST(SiteCommand, ImpossibleDatesAreBuildErrorsAndFebruary30RollsOver) {
  TempDir dir;
  write_file(dir.path() / "_posts" / "2020-13-45-x.md", "---\n---\n");
  write_file(dir.path() / "_posts" / "2020-01-01-bad.md", "---\ndate: not a date\n---\n");
  write_file(dir.path() / "_posts" / "2020-02-30-feb.md", "---\n---\n");
  RunResult r = run_verity({"site", "--format", "json", "."}, dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  nlohmann::json table = r.json();
  EXPECT_EQ(table["problems"].size(), 2u);
  EXPECT_EQ(item(table, "_posts/2020-13-45-x.md")["reason"], "build-error");
  EXPECT_EQ(item(table, "_posts/2020-01-01-bad.md")["reason"], "build-error");
  EXPECT_EQ(item(table, "_posts/2020-02-30-feb.md")["output"], "2020/03/01/feb.html");
}

// Measured: a Markdown page with invalid UTF-8 crashes the build (kramdown's RuntimeError); a
// post with invalid UTF-8 is skipped with "could not read file", and the build goes on.
TEST(SiteCommand, InvalidUtf8StopsAMarkdownPageButOnlySkipsAPost) {
  TempDir dir;
  write_file(dir.path() / "page.md", "---\n---\nbad \xff byte\n");
  write_file(dir.path() / "page.html", "---\n---\nbad \xff byte\n");
  write_file(dir.path() / "_posts" / "2020-01-01-latin1.md", "---\n---\nbad \xff byte\n");
  RunResult r = run_verity({"site", "--format", "json", "."}, dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  nlohmann::json table = r.json();
  EXPECT_EQ(table["problems"].size(), 1u);
  EXPECT_EQ(item(table, "page.md")["reason"], "build-error");
  EXPECT_EQ(item(table, "page.html")["output"], "page.html");
  EXPECT_EQ(item(table, "_posts/2020-01-01-latin1.md")["reason"], "not-utf8");
}

TEST(SiteCommand, TextTableAndPositionedConfigErrors) {
  TempDir dir;
  write_file(dir.path() / "_config.yml", "title: x\nexclude: [a\n");
  write_file(dir.path() / "about.md", "---\n---\n");
  RunResult r = run_verity({"site", dir.path().string()}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("_config.yml:3:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("about.md  [page]  /about.html -> about.html"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 output, 1 not output"), std::string::npos) << r.out; // + _config.yml
}

TEST(SiteCommand, CleanSiteExitsZeroAndAMissingFolderIsAUsageError) {
  TempDir dir;
  write_file(dir.path() / "index.html", "---\n---\n");
  RunResult ok = run_verity({"site", "--format", "json"}, dir.path());
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(ok.json()["summary"]["output"], 1);
  RunResult missing = run_verity({"site", "no-such-folder"}, dir.path());
  EXPECT_EQ(missing.exit_code, 2);
  RunResult bad = run_verity({"site", "--format", "xml"}, dir.path());
  EXPECT_EQ(bad.exit_code, 2);
}

} // namespace
} // namespace verity::test

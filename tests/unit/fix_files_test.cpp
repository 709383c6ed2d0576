// What `verity fix` may write (regular, writable files inside the site, reached without a
// symlink), that a file changed between the read and the write is left alone, and the unified
// diff of a dry run.
#include "fix/apply.hpp"
#include "fix/site_files.hpp"
#include "fix/unified_diff.hpp"
#include "support.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

namespace verity::fix {
namespace {

using test::read_file;
using test::TempDir;
using test::write_file;

TEST(FixFiles, ARegularFileIsReplacedAndKeepsItsMode) {
  TempDir dir;
  write_file(dir.path() / "a" / "doc.md", "old\n");
  ::chmod((dir.path() / "a" / "doc.md").c_str(), 0640);
  SiteFiles files(dir.path());
  FileRead r = files.read("a/doc.md");
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.bytes, "old\n");
  EXPECT_EQ(files.replace("a/doc.md", "old\n", "new\n"), "");
  EXPECT_EQ(read_file(dir.path() / "a" / "doc.md"), "new\n");
  struct stat st {};
  ASSERT_EQ(::stat((dir.path() / "a" / "doc.md").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  // No temporary file is left beside it.
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path() / "a"))
    ++entries;
  EXPECT_EQ(entries, 1u);
}

TEST(FixFiles, AFileChangedSinceItWasReadIsLeftAlone) {
  TempDir dir;
  write_file(dir.path() / "doc.md", "old\n");
  SiteFiles files(dir.path());
  ASSERT_TRUE(files.read("doc.md").ok);
  write_file(dir.path() / "doc.md", "someone else's edit\n");
  const std::string why = files.replace("doc.md", "old\n", "new\n");
  EXPECT_NE(why.find("changed"), std::string::npos) << why;
  EXPECT_EQ(read_file(dir.path() / "doc.md"), "someone else's edit\n");
}

TEST(FixFiles, ReadOnlyFilesSymlinksAndPathsOutsideAreRefused) {
  TempDir dir;
  const auto site = dir.path() / "site";
  write_file(site / "ro.md", "x\n");
  ::chmod((site / "ro.md").c_str(), 0444);
  write_file(dir.path() / "outside.md", "secret\n");
  std::filesystem::create_symlink(dir.path() / "outside.md", site / "link.md");
  std::filesystem::create_directories(dir.path() / "elsewhere");
  write_file(dir.path() / "elsewhere" / "doc.md", "y\n");
  std::filesystem::create_directory_symlink(dir.path() / "elsewhere", site / "dir");
  write_file(site / "ok.md", "ok\n");
  SiteFiles files(site);
  EXPECT_TRUE(files.read("ok.md").ok); // positive control
  struct Case {
    const char* path;
    const char* why;
  } cases[] = {{"ro.md", "read-only"},
               {"link.md", "symbolic link"},
               {"dir/doc.md", "under a symbolic link"},
               {"../outside.md", "outside"},
               {"missing.md", "does not exist"}};
  for (const Case& c : cases) {
    FileRead r = files.read(c.path);
    EXPECT_FALSE(r.ok) << c.path;
    EXPECT_NE(r.error.find(c.why), std::string::npos) << c.path << ": " << r.error;
    EXPECT_FALSE(files.replace(c.path, "", "z\n").empty()) << c.path;
  }
  EXPECT_EQ(read_file(site / "ro.md"), "x\n");
  EXPECT_EQ(read_file(dir.path() / "outside.md"), "secret\n");
  EXPECT_EQ(read_file(dir.path() / "elsewhere" / "doc.md"), "y\n");
}

// A fake that changes the file after the plan was made, as an editor saving meanwhile would.
class ChangingFiles : public FixFiles {
public:
  std::string content = "---\nw: 640\n---\n";
  FileRead read(const std::string&) override { return {true, content, ""}; }
  std::string replace(const std::string&, std::string_view expected,
                      std::string_view next) override {
    if (expected != content)
      return "it changed since verity read it";
    content = std::string(next);
    ++writes;
    return "";
  }
  int writes = 0;
};

TEST(FixApply, AFileChangedAfterPlanningIsSkippedNotEdited) {
  ChangingFiles files;
  Findings findings(1);
  findings[0].file = "doc.md";
  findings[0].fix.emplace();
  FixEdit e;
  e.position = {2, 4};
  e.old_text = "640";
  e.new_text = "800";
  findings[0].fix->edits.push_back(e);
  plan_fixes(findings, files);
  ASSERT_TRUE(findings[0].fix->planned) << findings[0].fix->refused;
  files.content = "---\nw: 640\ntitle: edited meanwhile\n---\n";
  auto outcomes = apply_fixes(findings, {true}, files, true);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_FALSE(outcomes[0].written);
  EXPECT_NE(outcomes[0].skipped.find("changed"), std::string::npos);
  EXPECT_EQ(files.writes, 0);
  // Unchanged, it is written; a dry run writes nothing but has the diff.
  files.content = "---\nw: 640\n---\n";
  outcomes = apply_fixes(findings, {true}, files, false);
  EXPECT_EQ(files.writes, 0);
  EXPECT_EQ(outcomes[0].diff,
            "--- a/doc.md\n+++ b/doc.md\n@@ -1,3 +1,3 @@\n ---\n-w: 640\n+w: 800\n"
            " ---\n");
  outcomes = apply_fixes(findings, {true}, files, true);
  EXPECT_TRUE(outcomes[0].written);
  EXPECT_EQ(files.content, "---\nw: 800\n---\n");
  // Not selected: nothing happens.
  EXPECT_TRUE(apply_fixes(findings, {false}, files, true).empty());
}

TEST(UnifiedDiff, HunksHaveThreeLinesOfContextAndJoinWhenClose) {
  std::string a, b;
  for (int i = 1; i <= 20; ++i) {
    a += "l" + std::to_string(i) + "\n";
    b += (i == 2 || i == 8 || i == 18 ? "L" : "l") + std::to_string(i) + "\n";
  }
  EXPECT_EQ(unified_diff("f.md", a, b),
            "--- a/f.md\n+++ b/f.md\n"
            "@@ -1,11 +1,11 @@\n l1\n-l2\n+L2\n l3\n l4\n l5\n l6\n l7\n"
            "-l8\n+L8\n l9\n l10\n l11\n"
            "@@ -15,6 +15,6 @@\n l15\n l16\n l17\n-l18\n+L18\n l19\n"
            " l20\n");
  EXPECT_EQ(unified_diff("f.md", a, a), "");
  EXPECT_EQ(unified_diff("f.md", "a\r\nb", "a\r\nc"),
            "--- a/f.md\n+++ b/f.md\n@@ -1,2 +1,2 @@\n a\r\n-b\n\\ No newline at end of file\n"
            "+c\n\\ No newline at end of file\n");
}

} // namespace
} // namespace verity::fix

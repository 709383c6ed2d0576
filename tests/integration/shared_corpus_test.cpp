// The default configuration on the real corpus in ../shared/corpus (read in place, never copied):
// exactly its real defects, and the seed record passes clean. Skips when the corpus is absent.
#include "support.hpp"

#include <map>
#include <set>

namespace verity::test {
namespace {

fs::path corpus_root() {
  return source_dir().parent_path() / "shared/corpus";
}

TEST(SharedCorpus, DefaultRunFindsExactlyTheRealDefects) {
  fs::path site = corpus_root() / "smartable-power-apps";
  if (!fs::exists(site)) {
    GTEST_SKIP() << "shared corpus not found at " << site << ": skipping";
  }
  auto r = run_verity({"check", "--format", "json", site.string()}, source_dir());
  ASSERT_EQ(r.exit_code, 1) << r.err;
  auto report = r.json();
  std::map<std::string, int> by_rule;
  for (const auto& f : report["findings"]) {
    ++by_rule[f["rule"].get<std::string>()];
  }
  // The 10 missing files: 5 organizations whose 50x50 and 400x400 logos are not in assets/.
  EXPECT_EQ(by_rule["image/missing"], 10);
  // 7 organizations declare 400x400 for logos that are smaller (e.g. uw.edu's is 240x240).
  EXPECT_EQ(by_rule["image/dimension-mismatch"], 7);
  // Two news items about the same Power Apps portal blog post share one webUrl: one finding each.
  EXPECT_EQ(by_rule["content/duplicate-url"], 2);
  EXPECT_EQ(by_rule["content/filename-date"], 0);
  // Nothing else: the built-in schemas accept every other document as it is.
  // Plus one note: the corpus has legacy secured blobs and no pin lockfile yet.
  EXPECT_EQ(by_rule["secured/no-lockfile"], 1);
  // Bodies (reviewed by hand): every one of the 173 is an <img> without any alt attribute in
  // one of 31 HTML newsletters (_newsletters/*.html: forum attachments, social cards, video
  // thumbnails); a screen reader reads their file names. Their 1,064 alt="" images are
  // decorative and pass. The 1,778 body links are all external: no internal link is broken.
  EXPECT_EQ(by_rule["image/alt-missing"], 173);
  std::set<std::string> alt_files;
  for (const auto& f : report["findings"]) {
    if (f["rule"] == "image/alt-missing") {
      alt_files.insert(f["file"].get<std::string>());
      EXPECT_TRUE(f["file"].get<std::string>().starts_with("_newsletters/")) << f.dump();
      EXPECT_NE(f["message"].get<std::string>().find("has no alt attribute"), std::string::npos);
    }
  }
  EXPECT_EQ(alt_files.size(), 31u);
  EXPECT_EQ(by_rule["link/internal-missing"], 0);
  EXPECT_EQ(by_rule["link/fragment-missing"], 0);
  EXPECT_EQ(report["findings"].size(), 20u + 173u) << report["findings"].dump(1);
  EXPECT_GE(report["summary"]["documents"].get<int>(), 828);
}

TEST(SharedCorpus, SeedNewsRecordPassesWithNoErrorOrWarning) {
  fs::path seed = corpus_root() / "seed/_news";
  if (!fs::exists(seed)) {
    GTEST_SKIP() << "shared seed record not found at " << seed << ": skipping";
  }
  // Read in place, with the seed folder as the site: nothing from the corpus is copied (and a
  // symlink to it from a temporary site would be refused as leaving that site).
  fs::path doc;
  for (const auto& e : fs::directory_iterator(seed)) {
    doc = e.path();
  }
  auto r = run_verity({"check", "--format", "json", "--fail-on", "warning",
                       (fs::path("_news") / doc.filename()).string()},
                      seed.parent_path());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.json()["summary"]["documents"], 1);
  EXPECT_EQ(r.json()["summary"]["errors"], 0);
  EXPECT_EQ(r.json()["summary"]["warnings"], 0);
  // The only note: its legacy secured blob is format-checked, and no lockfile pins it yet.
  EXPECT_EQ(r.json()["summary"]["by_rule"], nlohmann::json({{"secured/no-lockfile", 1}}));
}

} // namespace
} // namespace verity::test

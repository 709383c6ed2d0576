// `verity site` on hostile checkouts: symbolic links inside the site are followed as Jekyll
// follows them, links that leave the root are listed as refused and never read, a link loop
// ends, and an alias bomb in _config.yml is an error with its position, not an allocation.
#include "support.hpp"

namespace verity::test {
namespace {

constexpr const char* k_marker = "OUTSIDE-SECRET-51c2";

nlohmann::json item(const nlohmann::json& table, const std::string& source) {
  for (const auto& i : table["items"]) {
    if (i["source"] == source) {
      return i;
    }
  }
  return nullptr;
}

TEST(SiteModel, SymlinksInsideAreFollowedAndOutsideRefused) {
  TempDir dir;
  fs::path site = dir.path() / "site";
  fs::path outside = dir.path() / "outside";
  write_file(outside / "secret.md", std::string("---\npermalink: /") + k_marker + "/\n---\n");
  write_file(outside / "folder" / "x.md", std::string("---\ntitle: ") + k_marker + "\n---\n");
  write_file(site / "_config.yml", "collections:\n  recipes:\n    output: true\n");
  write_file(site / "content" / "r.md", "---\ntitle: r\n---\n");
  fs::create_directory_symlink("content", site / "_recipes"); // inside: followed
  fs::create_symlink(outside / "secret.md", site / "leak.md");
  fs::create_directory_symlink(outside / "folder", site / "outdir");
  fs::create_directory_symlink(".", site / "content" / "loop"); // a loop inside the site
  RunResult r = run_verity({"site", "--format", "json", site.string()}, dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find(k_marker), std::string::npos) << r.out;
  EXPECT_EQ(r.err.find(k_marker), std::string::npos) << r.err;
  nlohmann::json table = nlohmann::json::parse(r.out);
  EXPECT_EQ(item(table, "_recipes/r.md")["output"], "recipes/r.html");
  EXPECT_EQ(item(table, "content/r.md")["output"], "content/r.html");
  EXPECT_EQ(item(table, "leak.md")["reason"], "symlink-outside-site");
  EXPECT_EQ(item(table, "outdir")["reason"], "symlink-outside-site");
  EXPECT_TRUE(item(table, "outdir/x.md").is_null());
  EXPECT_EQ(item(table, "content/loop/")["reason"], "symlink-loop");
}

TEST(SiteModel, AnAliasBombInConfigIsAPositionedError) {
  TempDir dir;
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'k'; ++c) {
    std::string p(1, static_cast<char>(c - 1));
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) {
      bomb += (i ? ", *" : "*") + p;
    }
    bomb += "]\n";
  }
  write_file(dir.path() / "_config.yml", bomb);
  write_file(dir.path() / "index.md", "---\n---\n");
  RunResult r = run_verity({"site", "--format", "json", "."}, dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  nlohmann::json table = nlohmann::json::parse(r.out);
  ASSERT_EQ(table["problems"].size(), 1u);
  EXPECT_EQ(table["problems"][0]["file"], "_config.yml");
  EXPECT_GE(table["problems"][0]["line"].get<int>(), 2);
  EXPECT_EQ(item(table, "index.md")["output"], "index.html"); // the defaults still apply
}

} // namespace
} // namespace verity::test

// `verity check` on a small Jekyll site whose posts write their `date` as Jekyll sites do, and
// an oracle: Debian's `jekyll build` refuses exactly the dates verity calls content/invalid-date,
// and puts each accepted post under the day verity computes for it.
#include "support.hpp"

#include <algorithm>
#include <map>

namespace verity::test {
namespace {

void write_post(const fs::path& site, const std::string& name, const std::string& date_line) {
  write_file(site / "_posts" / name, "---\ntitle: t\ndate: " + date_line + "\n---\nBody.\n");
}

std::map<std::string, nlohmann::json> findings_by_file(const nlohmann::json& report) {
  std::map<std::string, nlohmann::json> out;
  for (const auto& f : report["findings"]) {
    out[f["file"].get<std::string>()].push_back(f);
  }
  return out;
}

} // namespace

TEST(JekyllDateSite, JekyllFormsAreReadMismatchesNameBothDatesImpossibleDatesAreErrors) {
  TempDir dir;
  fs::path site = dir.path() / "site";
  write_file(site / "_config.yml", "title: Dates\n");
  write_post(site, "2024-09-19-x.md", "2024-09-19 21:34:22 +0530");
  write_post(site, "2024-09-19-day.md", "2024-09-19");
  write_post(site, "2024-09-19-late.md", "2024-09-21 01:00:00 +0530");
  write_post(site, "2024-09-19-bad.md", "2024-13-01");
  auto r = run_verity({"check", "--format", "json", "."}, site);
  ASSERT_EQ(r.exit_code, 1) << r.err << r.out;
  auto report = r.json();
  EXPECT_EQ(report["summary"]["documents"], 4) << r.out;
  auto by_file = findings_by_file(report);
  EXPECT_EQ(by_file.count("_posts/2024-09-19-x.md"), 0u) << r.out;
  EXPECT_EQ(by_file.count("_posts/2024-09-19-day.md"), 0u) << r.out;
  ASSERT_EQ(by_file["_posts/2024-09-19-late.md"].size(), 1u) << r.out;
  const auto& late = by_file["_posts/2024-09-19-late.md"][0];
  EXPECT_EQ(late["rule"], "content/filename-date");
  std::string message = late["message"];
  EXPECT_NE(message.find("file name says 2024-09-19"), std::string::npos) << message;
  EXPECT_NE(message.find("2024-09-20 or 2024-09-21"), std::string::npos) << message;
  ASSERT_EQ(by_file["_posts/2024-09-19-bad.md"].size(), 1u) << r.out;
  const auto& bad = by_file["_posts/2024-09-19-bad.md"][0];
  EXPECT_EQ(bad["rule"], "content/invalid-date");
  EXPECT_EQ(bad["severity"], "error");
  EXPECT_EQ(bad["line"], 3);
  EXPECT_EQ(bad["column"], 7);

  // With the site's zone configured the mismatch is exact: the 21st in Kolkata.
  write_file(site / "verity.yaml", "version: 1\ntimezone: Asia/Kolkata\n");
  auto exact = run_verity({"check", "--format", "json", "."}, site);
  ASSERT_EQ(exact.exit_code, 1) << exact.err << exact.out;
  auto exact_by_file = findings_by_file(exact.json());
  ASSERT_EQ(exact_by_file["_posts/2024-09-19-late.md"].size(), 1u) << exact.out;
  std::string exact_message = exact_by_file["_posts/2024-09-19-late.md"][0]["message"];
  EXPECT_NE(exact_message.find("is 2024-09-21 in the configured timezone"), std::string::npos)
      << exact_message;
}

// Each value alone in a post, built by jekyll: the build fails exactly when verity reports
// content/invalid-date for it.
TEST(JekyllOracle, DatesVerityCallsInvalidAreTheOnesJekyllRefuses) {
  REQUIRE_TOOL_OR_SKIP("jekyll");
  const std::vector<std::pair<std::string, bool>> cases = {
      {"2024-13-01", false},
      {"\"2024-02-31 25:00\"", false},
      {"2024-01-32", false},
      {"2024-00-10", false},
      {"2024-09-19 23:60", false},
      {"2024-09-19 24:30", false},
      {"2024-09-19 10:00:00 +2400", false},
      {"2024-09-19 21:34:22 +0530", true},
      {"2024-02-30", true},
      {"2023-02-29", true},
      {"2024-09-19 24:00", true},
      {"2024-09-19 23:59:60", true},
  };
  size_t compared = 0;
  for (const auto& [value, accepted] : cases) {
    TempDir dir;
    fs::path site = dir.path() / "site";
    write_file(site / "_config.yml", "title: Dates\n");
    write_post(site, "2024-01-05-p.md", value);
    auto jekyll =
        util::run_process({"env", "TZ=UTC", "jekyll", "build", "-q", "--disable-disk-cache", "-s",
                           site.string(), "-d", (dir.path() / "_site").string()},
                          dir.path());
    EXPECT_EQ(jekyll.exit_code == 0, accepted) << value << ": " << jekyll.out << jekyll.err;
    auto r = run_verity({"check", "--format", "json", "."}, site);
    auto report = nlohmann::json::parse(r.out, nullptr, false);
    ASSERT_TRUE(report.is_object()) << value << ": " << r.err << r.out;
    bool invalid = false;
    for (const auto& f : report["findings"]) {
      invalid = invalid || f["rule"] == "content/invalid-date";
    }
    EXPECT_EQ(invalid, !accepted) << value << ": " << r.out;
    ++compared;
  }
  EXPECT_EQ(compared, cases.size());
}

// Every accepted form in one site under a zone with a half-hour offset: jekyll puts each post
// under the day of its URL (/YYYY/MM/DD/), and verity's filename-date message names that day.
TEST(JekyllOracle, EachAcceptedDateIsOnTheDayJekyllGivesItsUrl) {
  REQUIRE_TOOL_OR_SKIP("jekyll");
  const std::vector<std::string> values = {"2024-09-19 21:34:22 +0530",
                                           "2024-09-21 01:00:00 +0530",
                                           "2024-09-19T20:00:00Z",
                                           "2024-09-19 20:00:00",
                                           "\"2024-09-19 20:00:00\"",
                                           "2024-09-19 23:59",
                                           "2024-09-19",
                                           "2023-02-29",
                                           "2024-12-31 24:00",
                                           "2024-09-19 10:00:00 -1000",
                                           "2024-09-19 23:59:00 +1400",
                                           "'2024-09-19'"};
  TempDir dir;
  fs::path site = dir.path() / "site";
  write_file(site / "_config.yml", "title: Dates\ntimezone: Asia/Kolkata\n");
  write_file(site / "verity.yaml", "version: 1\ntimezone: Asia/Kolkata\n");
  // Every post is named for 2000-01-01, so verity reports each with the day it computes.
  for (size_t i = 0; i < values.size(); ++i) {
    write_post(site, "2000-01-01-p" + std::to_string(i) + ".md", values[i]);
  }
  fs::path out = dir.path() / "_site";
  auto jekyll = util::run_process(
      {"jekyll", "build", "-q", "--disable-disk-cache", "-s", site.string(), "-d", out.string()},
      dir.path());
  ASSERT_EQ(jekyll.exit_code, 0) << jekyll.out << jekyll.err;
  std::map<std::string, std::string> jekyll_day; // post slug -> YYYY-MM-DD of its URL
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    std::string rel = fs::relative(entry.path(), out).string();
    if (entry.is_regular_file() && entry.path().extension() == ".html") {
      std::string ymd = rel.substr(0, 10); // YYYY/MM/DD
      std::replace(ymd.begin(), ymd.end(), '/', '-');
      jekyll_day[entry.path().stem().string()] = ymd;
    }
  }
  ASSERT_EQ(jekyll_day.size(), values.size());
  // Each post's day as verity reports it, against Jekyll's; the count of posts compared.
  auto compare_with_jekyll = [&](const RunResult& r) {
    EXPECT_EQ(r.exit_code, 1) << r.err << r.out;
    nlohmann::json report = r.json();
    size_t compared = 0;
    for (const auto& f : report["findings"]) {
      if (f["rule"] == "schema/none") {
        continue; // the posts collection has no schema: one note, said once
      }
      EXPECT_EQ(f["rule"], "content/filename-date") << f.dump();
      std::string file = f["file"];
      std::string slug = fs::path(file).stem().string().substr(11);
      std::string message = f["message"];
      EXPECT_NE(message.find("is " + jekyll_day[slug] + " "), std::string::npos)
          << values[std::stoul(slug.substr(1))] << ": jekyll says " << jekyll_day[slug] << ", "
          << message;
      ++compared;
    }
    return compared;
  };
  auto agreeing = run_verity({"check", "--format", "json", "."}, site);
  EXPECT_EQ(compare_with_jekyll(agreeing), values.size());
  EXPECT_EQ(agreeing.err.find("timezone"), std::string::npos) << agreeing.err;
  // A verity.yaml naming another zone cannot make verity read dates otherwise than the build
  // does (file-name dates in one zone, URLs in another): Jekyll's zone is taken, and said.
  write_file(site / "verity.yaml", "version: 1\ntimezone: America/New_York\n");
  auto contradicting = run_verity({"check", "--format", "json", "."}, site);
  EXPECT_EQ(compare_with_jekyll(contradicting), values.size());
  EXPECT_NE(contradicting.err.find("timezone 'America/New_York' is not _config.yml's "
                                   "'Asia/Kolkata'"),
            std::string::npos)
      << contradicting.err;
}

} // namespace verity::test

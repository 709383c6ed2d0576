#include "content/duplicate_fields.hpp"
#include "content/filename_date.hpp"
#include "frontmatter/loader.hpp"
#include "support.hpp"

#include <gtest/gtest.h>

using namespace verity;

namespace {

Document doc(const std::string& path, const std::string& fm) {
  Findings ignored;
  return frontmatter::parse_document("---\n" + fm + "---\n", path, {}, ignored);
}

Findings filename_findings(const std::string& path, const std::string& when,
                           const std::string& zone) {
  Findings out;
  content::LocalDate tz(zone);
  content::check_filename_date(doc(path, "publishedDateTime: " + when + "\n"), "publishedDateTime",
                               tz, out);
  return out;
}

} // namespace

TEST(FilenameDate, WithoutZoneAnyOffsetFromMinus12ToPlus14IsAccepted) {
  EXPECT_TRUE(filename_findings("_news/2020-05-19-a.md", "2020-05-19T15:00:00Z", "").empty());
  EXPECT_TRUE(
      filename_findings("_news/2020-05-20-a.md", "2020-05-19T15:00:00Z", "").empty()); // UTC+9
  EXPECT_TRUE(
      filename_findings("_news/2020-05-18-a.md", "2020-05-19T05:00:00Z", "").empty()); // UTC-6
  EXPECT_EQ(filename_findings("_news/2020-05-18-a.md", "2020-05-19T15:00:00Z", "").size(), 1u);
  EXPECT_EQ(filename_findings("_news/2020-05-21-a.md", "2020-05-19T15:00:00Z", "").size(), 1u);
  EXPECT_TRUE(filename_findings("_news/no-date.md", "2020-05-19T15:00:00Z", "").empty());
}

TEST(FilenameDate, ConfiguredZoneIsExact) {
  EXPECT_TRUE(filename_findings("_news/2020-05-20-a.md", "2020-05-19T23:30:00Z", "+02:00").empty());
  EXPECT_EQ(filename_findings("_news/2020-05-19-a.md", "2020-05-19T23:30:00Z", "+02:00").size(),
            1u);
  EXPECT_TRUE(filename_findings("_news/2020-05-19-a.md", "2020-05-19T23:30:00Z", "UTC").empty());
  auto f = filename_findings("_news/2020-05-19-a.md", "2020-05-20T01:00:00+00:00", "UTC");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].line, 2);
  EXPECT_EQ(f[0].pointer, "/publishedDateTime");
  EXPECT_THROW(content::LocalDate("Mars/Olympus"), std::invalid_argument);
  EXPECT_THROW(content::LocalDate("+25:00"), std::invalid_argument);
}

TEST(FilenameDate, IanaZoneFollowsDaylightSaving) {
  VERITY_NEED_OR_SKIP(std::filesystem::exists("/usr/share/zoneinfo/Europe/Berlin"),
                      "tzdata (/usr/share/zoneinfo)");
  // 22:30 UTC is 00:30 the next day in Berlin in summer (UTC+2), 23:30 the same day in winter.
  EXPECT_TRUE(
      filename_findings("_news/2020-07-02-a.md", "2020-07-01T22:30:00Z", "Europe/Berlin").empty());
  EXPECT_TRUE(
      filename_findings("_news/2020-01-01-a.md", "2020-01-01T22:30:00Z", "Europe/Berlin").empty());
  // The same instants under the dates the zone must reject: the UTC date in summer (which the
  // no-zone mode would accept) and the next day in winter.
  EXPECT_EQ(
      filename_findings("_news/2020-07-01-a.md", "2020-07-01T22:30:00Z", "Europe/Berlin").size(),
      1u);
  EXPECT_EQ(
      filename_findings("_news/2020-01-02-a.md", "2020-01-01T22:30:00Z", "Europe/Berlin").size(),
      1u);
  // Either side of the change to summer time (2020-03-29 01:00 UTC): 22:30 UTC is the same day the
  // evening before it (UTC+1) and the next day the evening after it (UTC+2).
  EXPECT_TRUE(
      filename_findings("_news/2020-03-28-a.md", "2020-03-28T22:30:00Z", "Europe/Berlin").empty());
  EXPECT_TRUE(
      filename_findings("_news/2020-03-30-a.md", "2020-03-29T22:30:00Z", "Europe/Berlin").empty());
  EXPECT_EQ(
      filename_findings("_news/2020-03-29-a.md", "2020-03-29T22:30:00Z", "Europe/Berlin").size(),
      1u);
}

TEST(FilenameDate, UnknownOrEscapingZoneNamesAreRefused) {
  VERITY_NEED_OR_SKIP(std::filesystem::exists("/usr/share/zoneinfo/Europe/Berlin"),
                      "tzdata (/usr/share/zoneinfo)");
  EXPECT_NO_THROW(content::LocalDate("Europe/Berlin")); // positive control: a real zone
  for (const char* bad : {"Europe/Atlantis", "Berlin", "europe/berlin", "../../etc/passwd",
                          "Europe/../../../etc/passwd", "/etc/localtime", "Europe", "Europe/"}) {
    EXPECT_THROW(content::LocalDate{bad}, std::invalid_argument) << bad;
  }
}

TEST(DuplicateFields, EveryDocumentOfAGroupNamesTheOthers) {
  std::vector<content::FieldOccurrence> occ;
  for (const char* name : {"a.md", "b.md", "c.md"}) {
    auto o = content::extract_unique_fields(doc(name, "title: t\nwebUrl: https://x.example/\n"),
                                            {"webUrl"});
    occ.insert(occ.end(), o.begin(), o.end());
  }
  auto other =
      content::extract_unique_fields(doc("d.md", "webUrl: https://y.example/\n"), {"webUrl"});
  occ.insert(occ.end(), other.begin(), other.end());
  Findings out;
  content::check_duplicate_fields(occ, out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].file, "a.md");
  EXPECT_EQ(out[0].line, 3);
  EXPECT_EQ(out[0].extra["other_files"], nlohmann::json::array({"b.md", "c.md"}));
}

// content/filename-date and content/invalid-date on the date field written the ways Jekyll
// sites write it (`date: 2024-09-19 21:34:22 +0530`, `YYYY-MM-DD`, ISO 8601, quoted or plain).
#include "content/filename_date.hpp"
#include "content/invalid_date.hpp"
#include "frontmatter/loader.hpp"
#include "support.hpp"

#include <gtest/gtest.h>

using namespace verity;

namespace {

Document post(const std::string& path, const std::string& date_line,
              const std::string& field = "date") {
  Findings ignored;
  return frontmatter::parse_document("---\ntitle: x\n" + field + ": " + date_line + "\n---\n", path,
                                     {}, ignored);
}

// Both date checks on one post, as `verity check` runs them (`zone` "" = none configured).
Findings date_findings(const std::string& path, const std::string& date_line,
                       const std::string& zone = "", const std::string& field = "date") {
  Findings out;
  content::LocalDate tz(zone);
  Document d = post(path, date_line, field);
  content::check_filename_date(d, field, tz, out);
  content::check_invalid_date(d, field, out, out);
  return out;
}

size_t count(const Findings& f, const std::string& rule) {
  return static_cast<size_t>(
      std::count_if(f.begin(), f.end(), [&](const Finding& x) { return x.rule == rule; }));
}

} // namespace

TEST(JekyllDates, JekyllsOwnFormMatchesItsFileName) {
  const std::string file = "_posts/2024-09-19-x.md";
  EXPECT_TRUE(date_findings(file, "2024-09-19 21:34:22 +0530").empty());
  EXPECT_TRUE(date_findings(file, "\"2024-09-19 21:34:22 +0530\"").empty());
  EXPECT_TRUE(date_findings(file, "2024-09-19 21:34:22 +0530", "+05:30").empty());
  EXPECT_TRUE(date_findings(file, "2024-09-19").empty());
  EXPECT_TRUE(date_findings(file, "'2024-09-19'", "UTC").empty());
  EXPECT_TRUE(date_findings(file, "2024-09-19T16:04:22Z", "+05:30").empty());
  // 21:34 +0530 is 16:04 UTC: still the 19th in UTC.
  EXPECT_TRUE(date_findings(file, "2024-09-19 21:34:22 +0530", "UTC").empty());
  // Positive control: the same value under another day's file name.
  EXPECT_EQ(count(date_findings("_posts/2024-09-17-x.md", "2024-09-19 21:34:22 +0530"),
                  "content/filename-date"),
            1u);
}

TEST(JekyllDates, AnOffsetThatMovesTheDayIsAMismatchNamingBothDates) {
  // 2024-09-21 01:00 +0530 is 2024-09-20 19:30 UTC: the 20th or 21st somewhere, never the 19th.
  Findings f = date_findings("_posts/2024-09-19-x.md", "2024-09-21 01:00:00 +0530");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "content/filename-date");
  EXPECT_EQ(f[0].line, 3);
  EXPECT_EQ(f[0].column, 7);
  EXPECT_EQ(f[0].pointer, "/date");
  EXPECT_NE(f[0].message.find("2024-09-19"), std::string::npos) << f[0].message;
  EXPECT_NE(f[0].message.find("2024-09-20 or 2024-09-21"), std::string::npos) << f[0].message;
  EXPECT_EQ(f[0].extra["filename_date"], "2024-09-19");
  // With the zone configured the day is exact: in +05:30 it is the 21st.
  Findings exact = date_findings("_posts/2024-09-19-x.md", "2024-09-21 01:00:00 +0530", "+05:30");
  ASSERT_EQ(exact.size(), 1u);
  EXPECT_NE(exact[0].message.find("is 2024-09-21 in the configured timezone"), std::string::npos)
      << exact[0].message;
  EXPECT_TRUE(
      date_findings("_posts/2024-09-21-x.md", "2024-09-21 01:00:00 +0530", "+05:30").empty());
  EXPECT_EQ(date_findings("_posts/2024-09-20-x.md", "2024-09-21 01:00:00 +0530", "+05:30").size(),
            1u);
}

TEST(JekyllDates, BoundariesOfTheDayAndOfTheZoneWindow) {
  // 23:59 UTC is the 19th in UTC and already the 20th in UTC+14.
  EXPECT_TRUE(date_findings("_posts/2024-09-19-x.md", "2024-09-19 23:59:00 +0000", "UTC").empty());
  EXPECT_EQ(date_findings("_posts/2024-09-19-x.md", "2024-09-19 23:59:00 +0000", "+14:00").size(),
            1u);
  EXPECT_TRUE(
      date_findings("_posts/2024-09-20-x.md", "2024-09-19 23:59:00 +0000", "+14:00").empty());
  // Without a zone every offset from UTC-12 to UTC+14 is accepted, and no further.
  EXPECT_TRUE(date_findings("_posts/2024-09-20-x.md", "2024-09-19 23:59:00 +0000").empty());
  EXPECT_EQ(date_findings("_posts/2024-09-21-x.md", "2024-09-19 23:59:00 +0000").size(), 1u);
  // 23:59 +1400 is 09:59 UTC: the 18th at UTC-12, the 19th at UTC+14, never the 20th.
  EXPECT_TRUE(date_findings("_posts/2024-09-18-x.md", "2024-09-19 23:59:00 +1400").empty());
  EXPECT_TRUE(date_findings("_posts/2024-09-19-x.md", "2024-09-19 23:59:00 +1400").empty());
  EXPECT_EQ(date_findings("_posts/2024-09-20-x.md", "2024-09-19 23:59:00 +1400").size(), 1u);
  EXPECT_EQ(date_findings("_posts/2024-09-17-x.md", "2024-09-19 23:59:00 +1400").size(), 1u);
}

TEST(JekyllDates, AValueWithoutZoneIsTheSitesWallClockUnlessItIsAPlainYamlTimestamp) {
  // Quoted (or seconds missing) it is Time.parse in the site's zone: the day written, exactly,
  // whatever zone verity is told.
  EXPECT_TRUE(date_findings("_posts/2024-09-19-x.md", "\"2024-09-19 23:59:59\"", "+05:30").empty());
  EXPECT_TRUE(date_findings("_posts/2024-09-19-x.md", "2024-09-19 23:59", "-10:00").empty());
  Findings f = date_findings("_posts/2024-09-20-x.md", "2024-09-19 23:59");
  ASSERT_EQ(f.size(), 1u); // no window for a zoneless value: the 19th, in any zone
  EXPECT_NE(f[0].message.find("file name says 2024-09-20"), std::string::npos) << f[0].message;
  EXPECT_NE(f[0].message.find("is 2024-09-19 (no zone written"), std::string::npos) << f[0].message;
  // Plain with seconds it is a YAML timestamp in UTC: 23:59:59Z is the 20th in +05:30.
  EXPECT_EQ(date_findings("_posts/2024-09-19-x.md", "2024-09-19 23:59:59", "+05:30").size(), 1u);
  EXPECT_TRUE(date_findings("_posts/2024-09-20-x.md", "2024-09-19 23:59:59", "+05:30").empty());
}

TEST(JekyllDates, LeapDaysAndRolledOverDates) {
  EXPECT_TRUE(date_findings("_posts/2024-02-29-x.md", "2024-02-29").empty());
  // 2023 has no Feb 29: Jekyll rolls it to March 1, which is the URL's day; no invalid-date.
  EXPECT_TRUE(date_findings("_posts/2023-03-01-x.md", "2023-02-29").empty());
  Findings f = date_findings("_posts/2023-02-28-x.md", "2023-02-29");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "content/filename-date");
  EXPECT_NE(f[0].message.find("is 2023-03-01"), std::string::npos) << f[0].message;
  EXPECT_TRUE(date_findings("_posts/2024-03-01-x.md", "2024-02-30 10:00:00 +0000", "UTC").empty());
  EXPECT_TRUE(date_findings("_posts/2025-01-01-x.md", "2024-12-31 24:00").empty());
}

TEST(JekyllDates, AnImpossibleDateIsAnErrorAtItsPosition) {
  Findings f = date_findings("_posts/2024-09-19-x.md", "2024-13-01");
  ASSERT_EQ(f.size(), 1u); // and no filename-date finding beside it
  EXPECT_EQ(f[0].rule, "content/invalid-date");
  EXPECT_EQ(f[0].severity, Severity::Error);
  EXPECT_EQ(f[0].file, "_posts/2024-09-19-x.md");
  EXPECT_EQ(f[0].line, 3);
  EXPECT_EQ(f[0].column, 7);
  EXPECT_EQ(f[0].pointer, "/date");
  EXPECT_NE(f[0].message.find("month 13 is out of range"), std::string::npos) << f[0].message;
  EXPECT_NE(f[0].message.find("Invalid date"), std::string::npos) << f[0].message;
  EXPECT_EQ(f[0].extra["value"], "2024-13-01");
  // Any document, with or without a date in its name; quoted or plain.
  EXPECT_EQ(count(date_findings("about.md", "\"2024-02-31 25:00\""), "content/invalid-date"), 1u);
  EXPECT_EQ(count(date_findings("_posts/x.md", "2024-01-32"), "content/invalid-date"), 1u);
  EXPECT_EQ(
      count(date_findings("_posts/x.md", "2024-09-19 10:00:00 +2400"), "content/invalid-date"), 1u);
  // Another date field (the Smartable family's): the same finding, without Jekyll's sentence,
  // since Jekyll parses only `date`.
  Findings other = date_findings("_news/x.md", "2024-13-01T10:00:00Z", "", "publishedDateTime");
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(other[0].rule, "content/invalid-date");
  EXPECT_EQ(other[0].message.find("Invalid date"), std::string::npos) << other[0].message;
}

TEST(JekyllDates, NonDatesAndPossibleDatesNeverAlarm) {
  for (const char* value : {"soon", "\"v1.2\"", "2024", "2024-09-19x", "20240919", "1-2-3",
                            "\"555-1234-5678\"", "2024-02-30", "2024-09-19 24:00"}) {
    EXPECT_EQ(count(date_findings("_posts/x.md", value), "content/invalid-date"), 0u) << value;
  }
  // A date field of another type is the schema's business.
  EXPECT_TRUE(date_findings("_posts/2024-09-19-x.md", "[2024-13-01]").empty());
  EXPECT_TRUE(date_findings("_posts/2024-09-19-x.md", "20241301").empty());
}

TEST(JekyllDates, AValueTheSchemaAlreadyReportsGetsNoSecondFinding) {
  Document d = post("_posts/x.md", "2024-13-01");
  Findings out;
  Finding schema_format;
  schema_format.rule = "schema/format";
  schema_format.file = "_posts/x.md";
  schema_format.pointer = "/date";
  out.push_back(schema_format);
  content::check_invalid_date(d, "date", out, out);
  EXPECT_EQ(out.size(), 1u);
  // A schema finding about another field, or another document, does not hide it.
  Findings elsewhere;
  schema_format.pointer = "/title";
  elsewhere.push_back(schema_format);
  schema_format.pointer = "/date";
  schema_format.file = "_posts/other.md";
  elsewhere.push_back(schema_format);
  content::check_invalid_date(d, "date", elsewhere, elsewhere);
  EXPECT_EQ(count(elsewhere, "content/invalid-date"), 1u);
}

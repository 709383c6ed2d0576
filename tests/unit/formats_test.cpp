#include "schema/formats.hpp"
#include "util/datetime.hpp"
#include "util/glob.hpp"
#include "util/utf8.hpp"

#include <gtest/gtest.h>

using namespace verity;

TEST(Formats, DateTime) {
  EXPECT_TRUE(schema::check_format("date-time", "2020-05-19T15:00:00Z"));
  EXPECT_TRUE(schema::check_format("date-time", "2020-05-19T15:00:00.123+02:00"));
  EXPECT_TRUE(schema::check_format("date-time", "2024-02-29T00:00:00Z"));
  EXPECT_FALSE(schema::check_format("date-time", "2023-02-29T00:00:00Z"));
  EXPECT_FALSE(schema::check_format("date-time", "2020-05-19 15:00:00Z"));
  EXPECT_FALSE(schema::check_format("date-time", "2020-05-19T15:00:00"));
  EXPECT_FALSE(schema::check_format("date-time", "2020-13-19T15:00:00Z"));
  EXPECT_FALSE(schema::check_format("date-time", "2020-05-19T25:00:00Z"));
}

TEST(Formats, DateUriEmailHostname) {
  EXPECT_TRUE(schema::check_format("date", "2020-05-19"));
  EXPECT_FALSE(schema::check_format("date", "2020-5-19"));
  EXPECT_TRUE(schema::check_format("uri", "https://www.zdnet.com/article/x/?a=1&b=%20#f"));
  EXPECT_TRUE(schema::check_format("uri", "mailto:a@b.example"));
  EXPECT_FALSE(schema::check_format("uri", "https://exa mple.com/"));
  EXPECT_FALSE(schema::check_format("uri", "/assets/a.png"));
  EXPECT_FALSE(schema::check_format("uri", "https:///path"));
  EXPECT_FALSE(schema::check_format("uri", "https://a.example/%zz"));
  EXPECT_TRUE(schema::check_format("uri-reference", "/assets/a.png"));
  EXPECT_TRUE(schema::check_format("uri-reference", "https://a.example/x.png"));
  EXPECT_FALSE(schema::check_format("uri-reference", "/assets/a b.png"));
  EXPECT_TRUE(schema::check_format("email", "ada@garden.example"));
  EXPECT_FALSE(schema::check_format("email", "ada@@garden"));
  EXPECT_TRUE(schema::check_format("hostname", "smartable.ai"));
  EXPECT_FALSE(schema::check_format("hostname", "not a host"));
  EXPECT_FALSE(schema::check_format("hostname", "-bad.example"));
}

TEST(Formats, DurationIsIso8601AsJsonSchema2019Reads) {
  for (const char* ok : {"PT13M57S", "PT55S", "PT1H2M", "PT1H2M3S", "P5M", "P1Y2M3DT4H5M6S", "P3D",
                         "P2W", "PT1H30S", "P1DT1H"}) {
    EXPECT_TRUE(schema::check_format("duration", ok)) << ok;
  }
  for (const char* bad : {"", "P", "PT", "P1DT", "2 hours", "PT1.5H", "pt5m", "P1W2D", "PT5M3H",
                          "-PT5M", "P1D2Y", "PT5", "P T5M", "PT5M "}) {
    EXPECT_FALSE(schema::check_format("duration", bad)) << bad;
  }
  EXPECT_TRUE(schema::is_known_format("duration"));
  EXPECT_NE(schema::format_hint("duration").find("PT1H30M"), std::string_view::npos);
}

TEST(Glob, DoubleStarMatchesAnyNumberOfSegments) {
  EXPECT_TRUE(util::glob_match("_news/**/*.md", "_news/a.md"));
  EXPECT_TRUE(util::glob_match("_news/**/*.md", "_news/2020/05/a.md"));
  EXPECT_FALSE(util::glob_match("_news/**/*.md", "_news/a.html"));
  EXPECT_FALSE(util::glob_match("_news/*.md", "_news/2020/a.md"));
  EXPECT_TRUE(util::glob_match("**/*.md", "a.md"));
  EXPECT_TRUE(util::glob_match("**", "x/y/z"));
  EXPECT_TRUE(util::glob_match("_data/*/*.{md,yml}", "_data/o/a.yml"));
  EXPECT_FALSE(util::glob_match("_news/*.md", "_newsx/a.md"));
  EXPECT_TRUE(util::glob_match("a?c/*", "abc/d"));
  EXPECT_TRUE(util::glob_match("./_news/*.md", "_news/a.md"));
}

TEST(DateTime, ParsesRfc3339WithOffsets) {
  EXPECT_EQ(util::parse_rfc3339("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(util::parse_rfc3339("1970-01-01T01:00:00+01:00"), 0);
  EXPECT_EQ(util::parse_rfc3339("2020-05-19T15:00:00Z"), 1589900400);
  EXPECT_FALSE(util::parse_rfc3339("2020-05-19"));
  EXPECT_EQ(util::civil_from_days(util::days_of(-1)), "1969-12-31");
  EXPECT_EQ(util::civil_from_days(util::days_from_civil(2024, 2, 29)), "2024-02-29");
}

TEST(Utf8, ValidatesAndCounts) {
  size_t bad = 0;
  EXPECT_TRUE(util::is_valid_utf8("h\xC3\xA9llo \xF0\x9F\x8C\xB1"));
  EXPECT_FALSE(util::is_valid_utf8("ab\xFF", &bad));
  EXPECT_EQ(bad, 2u);
  EXPECT_FALSE(util::is_valid_utf8("\xC0\xAF"));     // overlong
  EXPECT_FALSE(util::is_valid_utf8("\xED\xA0\x80")); // surrogate
  EXPECT_FALSE(util::is_valid_utf8("\xE2\x82"));     // truncated
  EXPECT_EQ(util::count_code_points("h\xC3\xA9"), 2u);
}

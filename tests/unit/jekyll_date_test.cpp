// util::read_jekyll_date against what Debian 12's Jekyll 4.3.1 does with a front-matter `date`
// (Jekyll::Utils.parse_date over Psych.safe_load, measured with `TZ=UTC`): each accepted form,
// the rollovers Ruby's Time makes, and the out-of-range fields that stop the build.
#include "util/datetime.hpp"
#include "util/jekyll_date.hpp"

#include <gtest/gtest.h>

namespace verity {
namespace {

using util::DateQuoting;
using Status = util::DateReading::Status;

// "YYYY-MM-DD HH:MM:SS" of the written (rolled-over) wall clock, "+offset" or " site".
std::string shown(std::string_view text, DateQuoting quoting = DateQuoting::Quoted) {
  util::DateReading r = util::read_jekyll_date(text, quoting);
  if (r.status == Status::NotADate) {
    return "not a date";
  }
  if (r.status == Status::Impossible) {
    return "impossible: " + r.problem;
  }
  std::int64_t s = r.date.wall_seconds;
  std::int64_t secs = s - util::days_of(s) * 86400;
  char clock[16];
  std::snprintf(clock, sizeof clock, " %02d:%02d:%02d", static_cast<int>(secs / 3600),
                static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
  return util::civil_from_days(util::days_of(s)) + clock +
         (r.date.utc_offset ? " " + std::to_string(*r.date.utc_offset) : " site");
}

TEST(JekyllDate, EveryFormJekyllSitesWrite) {
  // Jekyll's own form, with and without the colon in the offset.
  EXPECT_EQ(shown("2024-09-19 21:34:22 +0530"), "2024-09-19 21:34:22 19800");
  EXPECT_EQ(shown("2024-09-19 21:34:22 +05:30"), "2024-09-19 21:34:22 19800");
  EXPECT_EQ(shown("2024-09-19 10:00:00-0700"), "2024-09-19 10:00:00 -25200");
  EXPECT_EQ(shown("2024-09-19 10:00:00 +5"), "2024-09-19 10:00:00 18000");
  // ISO 8601 / RFC 3339, either case of T and Z, fractions, UTC and GMT.
  EXPECT_EQ(shown("2024-09-19T21:34:22Z"), "2024-09-19 21:34:22 0");
  EXPECT_EQ(shown("2024-09-19t21:34:22z"), "2024-09-19 21:34:22 0");
  EXPECT_EQ(shown("2024-09-19T21:34:22.125+01:00"), "2024-09-19 21:34:22 3600");
  EXPECT_EQ(shown("2024-09-19 10:00:00 UTC"), "2024-09-19 10:00:00 0");
  EXPECT_EQ(shown("2024-09-19 10:00:00 GMT"), "2024-09-19 10:00:00 0");
  // A day alone, short fields and two-digit years (69..99 are 19xx): the site's zone.
  EXPECT_EQ(shown("2024-09-19"), "2024-09-19 00:00:00 site");
  EXPECT_EQ(shown("2024-9-9"), "2024-09-09 00:00:00 site");
  EXPECT_EQ(shown("2024-09-19 9:5"), "2024-09-19 09:05:00 site");
  EXPECT_EQ(shown("24-09-19"), "2024-09-19 00:00:00 site");
  EXPECT_EQ(shown("69-01-01"), "1969-01-01 00:00:00 site");
  EXPECT_EQ(shown("68-01-01"), "2068-01-01 00:00:00 site");
  EXPECT_EQ(shown("  2024-09-19 21:34  "), "2024-09-19 21:34:00 site");
}

TEST(JekyllDate, OnlyAPlainYamlTimestampWithoutZoneIsUtc) {
  // Psych types a plain `YYYY-MM-DD HH:MM:SS` as a timestamp, and one without zone as UTC...
  EXPECT_EQ(shown("2024-09-19 21:34:22", DateQuoting::Plain), "2024-09-19 21:34:22 0");
  EXPECT_EQ(shown("2024-09-19T21:34:22.5", DateQuoting::Plain), "2024-09-19 21:34:22 0");
  // ... quoted, it is a string Time.parse reads in the site's zone ...
  EXPECT_EQ(shown("2024-09-19 21:34:22", DateQuoting::Quoted), "2024-09-19 21:34:22 site");
  // ... and so are plain values outside Psych's timestamp pattern: no seconds, one-digit
  // minutes, a two-digit year, a day alone.
  EXPECT_EQ(shown("2024-09-19 21:34", DateQuoting::Plain), "2024-09-19 21:34:00 site");
  EXPECT_EQ(shown("2024-09-19 21:3:00", DateQuoting::Plain), "2024-09-19 21:03:00 site");
  EXPECT_EQ(shown("24-09-19 21:34:22", DateQuoting::Plain), "2024-09-19 21:34:22 site");
  EXPECT_EQ(shown("2024-09-19", DateQuoting::Plain), "2024-09-19 00:00:00 site");
  // A written zone wins either way.
  EXPECT_EQ(shown("2024-09-19 21:34:22 +0530", DateQuoting::Plain), "2024-09-19 21:34:22 19800");
}

TEST(JekyllDate, RubyRollsOverDaysPastTheMonthAndMidnightAsTwentyFour) {
  EXPECT_EQ(shown("2024-02-29"), "2024-02-29 00:00:00 site"); // leap year
  EXPECT_EQ(shown("2023-02-29"), "2023-03-01 00:00:00 site"); // not one: Time rolls it over
  EXPECT_EQ(shown("2024-02-30"), "2024-03-01 00:00:00 site");
  EXPECT_EQ(shown("2023-02-31"), "2023-03-03 00:00:00 site");
  EXPECT_EQ(shown("2024-09-31"), "2024-10-01 00:00:00 site");
  EXPECT_EQ(shown("2023-02-29 10:00:00 +0100", DateQuoting::Plain), "2023-03-01 10:00:00 3600");
  EXPECT_EQ(shown("2024-12-31 24:00"), "2025-01-01 00:00:00 site");
  EXPECT_EQ(shown("2024-09-19 24:00:00", DateQuoting::Plain), "2024-09-20 00:00:00 0");
  EXPECT_EQ(shown("2024-09-19 23:59:60"), "2024-09-20 00:00:00 site");
  EXPECT_EQ(shown("2024-09-19 10:00:60"), "2024-09-19 10:01:00 site");
  // Offsets up to a minute under a day; Ruby reads minutes past 59 as more hours.
  EXPECT_EQ(shown("2024-09-19 10:00 +2359"), "2024-09-19 10:00:00 86340");
  EXPECT_EQ(shown("2024-09-19 10:00 -2359"), "2024-09-19 10:00:00 -86340");
  EXPECT_EQ(shown("2024-09-19 10:00 +0599"), "2024-09-19 10:00:00 23940");
  EXPECT_EQ(shown("2024-09-19 10:00 +05:60"), "2024-09-19 10:00:00 21600");
}

TEST(JekyllDate, FieldsOutOfRangeAreImpossible) {
  EXPECT_EQ(shown("2024-13-01"), "impossible: month 13");
  EXPECT_EQ(shown("2024-13-01", DateQuoting::Plain), "impossible: month 13");
  EXPECT_EQ(shown("24-13-01"), "impossible: month 13");
  EXPECT_EQ(shown("2024-00-10"), "impossible: month 0");
  EXPECT_EQ(shown("2024-01-00"), "impossible: day 0");
  EXPECT_EQ(shown("2024-01-32"), "impossible: day 32");
  EXPECT_EQ(shown("2024-02-31 25:00"), "impossible: hour 25");
  EXPECT_EQ(shown("2024-09-19 24:30"), "impossible: 24:30");
  EXPECT_EQ(shown("2024-09-19 24:00:01"), "impossible: 24:00:01");
  EXPECT_EQ(shown("2024-09-19 23:60"), "impossible: minute 60");
  EXPECT_EQ(shown("2024-09-19 23:59:61"), "impossible: second 61");
  EXPECT_EQ(shown("2024-09-19 10:00:00 +2400"), "impossible: UTC offset +2400");
  EXPECT_EQ(shown("2024-09-19 10:00:00 -24"), "impossible: UTC offset -24");
  EXPECT_EQ(shown("2024-09-19 10:00 +2360"), "impossible: UTC offset +2360");
}

// Month names, as Ruby 3.1's Time.parse read them (measured with TZ=UTC; e.g.
// `ruby -rtime -e 'p Time.parse("Jan 5th, 2020")'`).
TEST(JekyllDate, MonthNamesAsTimeParseReadsThem) {
  EXPECT_EQ(shown("Jan 5 2020"), "2020-01-05 00:00:00 site");
  EXPECT_EQ(shown("January 5, 2020"), "2020-01-05 00:00:00 site");
  EXPECT_EQ(shown("5 Jan 2020"), "2020-01-05 00:00:00 site");
  EXPECT_EQ(shown("Jan 5th, 2020"), "2020-01-05 00:00:00 site");
  EXPECT_EQ(shown("Jan. 5, 2020"), "2020-01-05 00:00:00 site");
  EXPECT_EQ(shown("Sept 5 2020"), "2020-09-05 00:00:00 site");
  EXPECT_EQ(shown("jan 5 2020 10:30"), "2020-01-05 10:30:00 site");
  EXPECT_EQ(shown("Jan 2020"), "2020-01-01 00:00:00 site");
  EXPECT_EQ(shown("5 January 2020 10:00 PM"), "2020-01-05 22:00:00 site");
  EXPECT_EQ(shown("Sat, 05 Jan 2020 10:00:00 +0000"), "2020-01-05 10:00:00 0");
  EXPECT_EQ(shown("Feb 30 2020"), "2020-03-01 00:00:00 site"); // rolled over, as Ruby does
  EXPECT_EQ(shown("Jan 32 2020"), "impossible: day 32");       // "argument out of range"
  // Words Time.parse may read but verity does not: no verdict.
  EXPECT_EQ(shown("Jan 5 2020 noon"), "not a date");
  EXPECT_EQ(shown("the 5th of Jan 2020"), "not a date");
  EXPECT_EQ(shown("Jan 5"), "not a date"); // Ruby takes this year: not a fixed date
}

TEST(JekyllDate, OtherTextIsNoDateAndNeverImpossible) {
  // Strings of other fields, and forms verity does not read (Time.parse is lenient about
  // some of them, so verity gives no verdict rather than a wrong one).
  for (const char* text : {"",
                           "yesterday",
                           "v1.2.3",
                           "2024",
                           "2024-09",
                           "1-2-3",
                           "123-01-01",
                           "12345-01-01",
                           "2024-009-19",
                           "2024/09/19",
                           "20240919",
                           "2024-09-19x",
                           "2024-09-19 10",
                           "2024-09-19 10:00:000",
                           "2024-09-19 10:00:00 +0530x",
                           "2024-09-19 10:00:00 + 0530",
                           "2024-09-19 10:00 +1:30",
                           "2024-09-19 10:00 +05:3",
                           "2024-09-19 10:00:00 PST",
                           "-2024-01-01",
                           "2024-09-19 +0530",
                           "555-1234-5678"}) {
    EXPECT_EQ(util::read_jekyll_date(text, DateQuoting::Plain).status, Status::NotADate) << text;
  }
}

} // namespace
} // namespace verity

namespace verity {
namespace {

TEST(JekyllDate, HostileLengthsAreReadOnceAndRefused) {
  // A date followed by a megabyte of digits, spaces or zone signs: one pass, no verdict, no
  // overflow from the digit runs (each field reads at most its own width).
  for (const std::string& tail : {std::string(1 << 20, '9'), std::string(1 << 20, ' ') + "x",
                                  " 10:00:00 " + std::string(1 << 20, '+')}) {
    EXPECT_EQ(util::read_jekyll_date("2024-01-01" + tail, DateQuoting::Plain).status,
              Status::NotADate);
  }
  EXPECT_EQ(util::read_jekyll_date(std::string(1 << 20, '9'), DateQuoting::Plain).status,
            Status::NotADate);
  // Positive control: the same date alone is one.
  EXPECT_EQ(util::read_jekyll_date("2024-01-01", DateQuoting::Plain).status, Status::Date);
}

} // namespace
} // namespace verity

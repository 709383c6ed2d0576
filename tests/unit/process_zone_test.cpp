// The one owner of the process's TZ: leases of one zone share it, a lease of another throws
// while one is alive, and the environment's TZ comes back after the last.
#include "content/local_date.hpp"
#include "site/site_time.hpp"
#include "support.hpp"
#include "util/process_zone.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

using namespace verity;

namespace {

// The hour of an instant as localtime_r sees it (the process zone).
int local_hour(std::time_t t) {
  std::tm tm{};
  ::localtime_r(&t, &tm);
  return tm.tm_hour;
}

// 2020-01-01T12:00:00Z.
constexpr std::time_t k_noon = 1577880000;

} // namespace

TEST(ProcessZone, ZoneValuesAreReadOrRefused) {
  EXPECT_EQ(util::tz_value_of(""), "");
  EXPECT_EQ(util::tz_value_of("UTC"), "UTC0");
  EXPECT_EQ(util::tz_value_of("Z"), "UTC0");
  EXPECT_EQ(util::tz_value_of("+05:30"), "<+0530>-05:30");
  EXPECT_EQ(util::tz_value_of("-10:00"), "<-1000>+10:00");
  EXPECT_EQ(util::tz_value_of("+14:00"), "<+1400>-14:00"); // the boundary: Kiribati
  for (const char* bad : {"+14:01", "+15:00", "+05:60", "+5:30", "+05:3x", "05:30", "Mars/Olympus",
                          "../../etc/passwd", "/etc/passwd", ":Europe/Berlin", "Europe/../UTC"}) {
    EXPECT_FALSE(util::tz_value_of(bad)) << bad;
  }
  VERITY_NEED_OR_SKIP(std::filesystem::exists("/usr/share/zoneinfo/Europe/Berlin"),
                      "tzdata (/usr/share/zoneinfo)");
  EXPECT_EQ(util::tz_value_of("Europe/Berlin"), "Europe/Berlin");
  EXPECT_TRUE(util::is_zone_database_name("Europe/Berlin"));
  EXPECT_FALSE(util::is_zone_database_name("+02:00"));
}

TEST(ProcessZone, OffsetsConvertAsTheirSignSays) {
  {
    util::ZoneLease east(*util::tz_value_of("+05:30"));
    EXPECT_EQ(local_hour(k_noon), 17); // 12:00Z is 17:30 at UTC+05:30
  }
  {
    util::ZoneLease west(*util::tz_value_of("-10:00"));
    EXPECT_EQ(local_hour(k_noon), 2);
  }
}

TEST(ProcessZone, LeasesOfOneZoneShareAnotherZoneIsRefusedWhileOneIsAlive) {
  util::ZoneLease first(*util::tz_value_of("+02:00"));
  util::ZoneLease second(*util::tz_value_of("+02:00")); // the same zone: shared
  util::ZoneLease copy(first);
  EXPECT_EQ(local_hour(k_noon), 14);
  EXPECT_THROW(util::ZoneLease(*util::tz_value_of("+03:00")), util::ZoneConflict);
  EXPECT_THROW(util::ZoneLease(""), util::ZoneConflict); // the environment's zone is another one
  EXPECT_THROW(content::LocalDate("-01:00"), util::ZoneConflict);
  EXPECT_EQ(local_hour(k_noon), 14); // the refused leases changed nothing
  content::LocalDate same("+02:00");
  EXPECT_EQ(same.date_of(k_noon + 10 * 3600), "2020-01-02"); // 22:00Z is 00:00 the next day
}

TEST(ProcessZone, TheEnvironmentsZoneComesBackAfterTheLastLease) {
  const char* before = std::getenv("TZ");
  const std::optional<std::string> saved =
      before ? std::optional<std::string>(before) : std::nullopt;
  ::setenv("TZ", "<-0700>+07:00", 1);
  ::tzset();
  EXPECT_EQ(local_hour(k_noon), 5);
  {
    site::SiteZone zone("+09:00");
    EXPECT_EQ(local_hour(k_noon), 21);
    { site::SiteZone again("+09:00"); }
    EXPECT_EQ(local_hour(k_noon), 21); // one lease ended, one is alive
  }
  EXPECT_STREQ(std::getenv("TZ"), "<-0700>+07:00");
  EXPECT_EQ(local_hour(k_noon), 5);
  {
    site::SiteZone environment(""); // "" keeps the environment's zone
    EXPECT_EQ(local_hour(k_noon), 5);
  }
  if (saved) {
    ::setenv("TZ", saved->c_str(), 1);
  } else {
    ::unsetenv("TZ");
  }
  ::tzset();
}

// Time.parse as far as Jekyll sites write dates, and strftime for the URL placeholders.
#include "site/site_time.hpp"

#include "util/jekyll_date.hpp"
#include "util/process_zone.hpp"

#include <ctime>

namespace verity::site {
namespace {

const char* const k_short_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* const k_long_months[] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};
const char* const k_short_days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
const char* const k_long_days[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                   "Thursday", "Friday", "Saturday"};

std::string two(int v) {
  std::string s = std::to_string(v);
  return s.size() < 2 ? "0" + s : s;
}

std::string padded(int v, size_t width) {
  std::string s = std::to_string(v);
  while (s.size() < width) {
    s.insert(s.begin(), '0');
  }
  return s;
}

int weeks_in(int year) {
  auto p = [](int y) { return (y + y / 4 - y / 100 + y / 400) % 7; };
  return p(year) == 4 || p(year - 1) == 3 ? 53 : 52;
}

// ISO 8601 week-numbering year and week (%G, %V).
void iso_week(const LocalTime& t, int& w_year, int& week) {
  int iso_wday = (t.wday + 6) % 7 + 1;
  w_year = t.year;
  week = (t.yday - iso_wday + 10) / 7;
  if (week < 1) {
    w_year = t.year - 1;
    week = weeks_in(w_year);
  } else if (week > weeks_in(t.year)) {
    w_year = t.year + 1;
    week = 1;
  }
}

} // namespace

bool SiteZone::is_known_name(const std::string& zone_name) {
  return util::is_zone_database_name(zone_name);
}

SiteZone::SiteZone(const std::string& zone_name)
    : m_lease(util::tz_value_of(zone_name).value_or(std::string())) {}

LocalTime SiteZone::local(std::int64_t epoch) const {
  std::time_t t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  ::localtime_r(&t, &tm);
  LocalTime out;
  out.year = tm.tm_year + 1900;
  out.month = tm.tm_mon + 1;
  out.day = tm.tm_mday;
  out.hour = tm.tm_hour;
  out.minute = tm.tm_min;
  out.second = tm.tm_sec;
  out.yday = tm.tm_yday + 1;
  out.wday = tm.tm_wday;
  return out;
}

std::optional<std::int64_t> SiteZone::from_local(int year, int month, int day, int hour, int minute,
                                                 int second) const {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 ||
      minute > 59 || second < 0 || second > 60) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day; // mktime rolls Feb 30 over to March 1, as Ruby's Time.local does
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  tm.tm_isdst = -1;
  std::time_t t = ::mktime(&tm);
  return static_cast<std::int64_t>(t);
}

std::optional<std::int64_t> parse_jekyll_date(std::string_view text, DateSource source,
                                              const SiteZone& zone) {
  util::DateReading r = util::read_jekyll_date(
      text, source == DateSource::PlainYaml ? util::DateQuoting::Plain : util::DateQuoting::Quoted);
  if (r.status != util::DateReading::Status::Date) {
    return std::nullopt;
  }
  if (r.date.utc_offset) {
    return r.date.wall_seconds - *r.date.utc_offset;
  }
  // The rolled-over wall clock, in the site's zone.
  std::time_t wall = static_cast<std::time_t>(r.date.wall_seconds);
  std::tm tm{};
  ::gmtime_r(&wall, &tm);
  return zone.from_local(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                         tm.tm_sec);
}

std::optional<std::string> date_placeholder(const LocalTime& t, std::string_view name) {
  int w_year = 0;
  int week = 0;
  if (name == "year") {
    return padded(t.year, 4);
  }
  if (name == "month") {
    return two(t.month);
  }
  if (name == "day") {
    return two(t.day);
  }
  if (name == "hour") {
    return two(t.hour);
  }
  if (name == "minute") {
    return two(t.minute);
  }
  if (name == "second") {
    return two(t.second);
  }
  if (name == "i_day") {
    return std::to_string(t.day);
  }
  if (name == "i_month") {
    return std::to_string(t.month);
  }
  if (name == "short_month") {
    return std::string(k_short_months[t.month - 1]);
  }
  if (name == "long_month") {
    return std::string(k_long_months[t.month - 1]);
  }
  if (name == "short_year") {
    return two(((t.year % 100) + 100) % 100);
  }
  if (name == "w_year") {
    iso_week(t, w_year, week);
    return padded(w_year, 4);
  }
  if (name == "week") {
    iso_week(t, w_year, week);
    return two(week);
  }
  if (name == "w_day") {
    return std::to_string((t.wday + 6) % 7 + 1);
  }
  if (name == "short_day") {
    return std::string(k_short_days[t.wday]);
  }
  if (name == "long_day") {
    return std::string(k_long_days[t.wday]);
  }
  if (name == "y_day") {
    return padded(t.yday, 3);
  }
  return std::nullopt;
}

} // namespace verity::site

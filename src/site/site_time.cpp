// Time.parse as far as Jekyll sites write dates, and strftime for the URL placeholders.
#include "site/site_time.hpp"

#include "util/datetime.hpp"

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <system_error>

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

// A small cursor over the date text.
struct Scan {
  std::string_view s;
  size_t i = 0;
  bool done() const { return i >= s.size(); }
  char peek() const { return done() ? '\0' : s[i]; }
  // Reads 1..max digits; -1 when there are none.
  int digits(size_t min, size_t max, size_t* count = nullptr) {
    size_t start = i;
    int v = 0;
    while (i < s.size() && i - start < max && s[i] >= '0' && s[i] <= '9') {
      v = v * 10 + (s[i++] - '0');
    }
    if (count) {
      *count = i - start;
    }
    return i - start < min ? -1 : v;
  }
  bool take(char c) {
    if (peek() == c) {
      ++i;
      return true;
    }
    return false;
  }
  void spaces() {
    while (peek() == ' ' || peek() == '\t') {
      ++i;
    }
  }
};

// A zone suffix in seconds east of UTC; nullopt when the text is not one.
std::optional<int> zone_offset(Scan& sc) {
  std::string_view rest = sc.s.substr(sc.i);
  if (rest == "Z" || rest == "z" || rest == "UTC" || rest == "GMT") {
    sc.i = sc.s.size();
    return 0;
  }
  char sign = sc.peek();
  if (sign != '+' && sign != '-') {
    return std::nullopt;
  }
  ++sc.i;
  size_t n = 0;
  int hh = sc.digits(1, 2, &n);
  if (hh < 0) {
    return std::nullopt;
  }
  int mm = 0;
  if (sc.take(':')) {
    mm = sc.digits(2, 2);
  } else if (!sc.done()) {
    mm = sc.digits(2, 2);
  }
  if (mm < 0 || mm > 59 || hh > 23 || !sc.done()) {
    return std::nullopt;
  }
  int offset = hh * 3600 + mm * 60;
  return sign == '-' ? -offset : offset;
}

} // namespace

bool SiteZone::is_known_name(const std::string& zone_name) {
  if (zone_name.empty() || zone_name.size() > 128 || zone_name.front() == '/' ||
      zone_name.find("..") != std::string::npos) {
    return false;
  }
  for (char c : zone_name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '+' || c == '/';
    if (!ok) {
      return false;
    }
  }
  std::error_code ec;
  return std::filesystem::is_regular_file(std::filesystem::path("/usr/share/zoneinfo") / zone_name,
                                          ec);
}

SiteZone::SiteZone(const std::string& zone_name) {
  if (!zone_name.empty() && is_known_name(zone_name)) {
    ::setenv("TZ", zone_name.c_str(), 1);
  }
  ::tzset();
}

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
  Scan sc{text};
  sc.spaces();
  size_t year_digits = 0;
  int year = sc.digits(2, 4, &year_digits);
  if (year < 0 || !sc.take('-')) {
    return std::nullopt;
  }
  if (year_digits == 2) {
    year += year >= 69 ? 1900 : 2000;
  }
  int month = sc.digits(1, 2);
  if (month < 0 || !sc.take('-')) {
    return std::nullopt;
  }
  int day = sc.digits(1, 2);
  if (day < 0) {
    return std::nullopt;
  }
  int hour = 0;
  int minute = 0;
  int second = 0;
  bool has_seconds = false;
  std::optional<int> offset;
  if (!sc.done()) {
    if (!sc.take('T') && !sc.take('t')) {
      if (sc.peek() != ' ' && sc.peek() != '\t') {
        return std::nullopt;
      }
      sc.spaces();
    }
    hour = sc.digits(1, 2);
    if (hour < 0 || !sc.take(':') || (minute = sc.digits(2, 2)) < 0) {
      return std::nullopt;
    }
    if (sc.take(':')) {
      second = sc.digits(2, 2);
      if (second < 0) {
        return std::nullopt;
      }
      has_seconds = true;
      if (sc.take('.')) {
        sc.digits(1, 9); // fractions of a second do not change any URL
      }
    }
    sc.spaces();
    if (!sc.done()) {
      offset = zone_offset(sc);
      if (!offset) {
        return std::nullopt;
      }
    }
  }
  if (!offset && source == DateSource::PlainYaml && has_seconds) {
    offset = 0; // a YAML timestamp without a zone is UTC (Psych and SafeYAML)
  }
  if (!offset) {
    return zone.from_local(year, month, day, hour, minute, second);
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  std::int64_t days = util::days_from_civil(year, static_cast<unsigned>(month), 1) + (day - 1);
  return days * 86400 + hour * 3600 + minute * 60 + second - *offset;
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

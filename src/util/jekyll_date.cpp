// The date forms of Jekyll sites, read field by field; every range below was measured with
// Debian 12's Jekyll (Jekyll::Utils.parse_date over Psych.safe_load), see tests/unit.
#include "util/jekyll_date.hpp"

#include "util/datetime.hpp"

namespace verity::util {
namespace {

constexpr int k_day = 86400;

// A cursor over the date text.
struct Cursor {
  std::string_view s;
  size_t i = 0;
  bool done() const { return i >= s.size(); }
  char peek() const { return done() ? '\0' : s[i]; }
  bool take(char c) {
    if (peek() != c) {
      return false;
    }
    ++i;
    return true;
  }
  // Up to `max` digits as a number; `count` says how many there were.
  int digits(size_t max, size_t& count) {
    size_t start = i;
    int v = 0;
    while (i < s.size() && i - start < max && s[i] >= '0' && s[i] <= '9') {
      v = v * 10 + (s[i++] - '0');
    }
    count = i - start;
    return v;
  }
  bool spaces() {
    size_t start = i;
    while (peek() == ' ' || peek() == '\t') {
      ++i;
    }
    return i > start;
  }
};

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

// The zone at the end of the text, in seconds east of UTC (possibly a day or more, which Ruby
// refuses); nullopt when the rest of the text is not a zone. Ruby reads `+0599` as 6:39 and
// `+05:60` as 6:00, so the minutes are not limited to 59.
std::optional<int> zone_offset(Cursor& c) {
  std::string_view rest = c.s.substr(c.i);
  if (rest == "Z" || rest == "z" || rest == "UTC" || rest == "GMT") {
    c.i = c.s.size();
    return 0;
  }
  char sign = c.peek();
  if (sign != '+' && sign != '-') {
    return std::nullopt;
  }
  ++c.i;
  size_t n = 0;
  int hours = c.digits(2, n);
  if (n == 0) {
    return std::nullopt;
  }
  int minutes = 0;
  bool colon = c.take(':');
  if (colon || !c.done()) {
    size_t m = 0;
    minutes = c.digits(2, m);
    if (m != 2 || (colon && n != 2)) { // `+1:30` and `+05:3`: Ruby drops such a zone
      return std::nullopt;
    }
  }
  if (!c.done()) {
    return std::nullopt;
  }
  int offset = hours * 3600 + minutes * 60;
  return sign == '-' ? -offset : offset;
}

DateReading impossible(std::string problem) {
  DateReading r;
  r.status = DateReading::Status::Impossible;
  r.problem = std::move(problem);
  return r;
}

std::string two(int v) {
  return (v < 10 ? "0" : "") + std::to_string(v);
}

} // namespace

DateReading read_jekyll_date(std::string_view text, DateQuoting quoting) {
  const DateReading not_a_date;
  Cursor c{trimmed(text)};
  size_t n = 0;
  int year = c.digits(4, n);
  if ((n != 2 && n != 4) || !c.take('-')) {
    return not_a_date;
  }
  bool four_digit_year = n == 4;
  if (n == 2) {
    year += year >= 69 ? 1900 : 2000;
  }
  int month = c.digits(2, n);
  if (n == 0 || !c.take('-')) {
    return not_a_date;
  }
  int day = c.digits(2, n);
  if (n == 0) {
    return not_a_date;
  }
  int hour = 0;
  int minute = 0;
  int second = 0;
  bool yaml_timestamp = false;
  std::optional<int> offset;
  std::string zone_text;
  if (!c.done()) {
    if (!c.take('T') && !c.take('t') && !c.spaces()) {
      return not_a_date;
    }
    hour = c.digits(2, n);
    if (n == 0 || !c.take(':')) {
      return not_a_date;
    }
    size_t minute_digits = 0;
    size_t second_digits = 0;
    minute = c.digits(2, minute_digits);
    if (minute_digits == 0) {
      return not_a_date;
    }
    if (c.take(':')) {
      second = c.digits(2, second_digits);
      if (second_digits == 0) {
        return not_a_date;
      }
      if (c.take('.')) {
        c.digits(9, n); // fractions of a second move no date
      }
    }
    c.spaces();
    if (!c.done()) {
      zone_text = std::string(c.s.substr(c.i));
      offset = zone_offset(c);
      if (!offset) {
        return not_a_date;
      }
    }
    // Psych's timestamp: a 4-digit year, two-digit minutes and seconds.
    yaml_timestamp = quoting == DateQuoting::Plain && four_digit_year && minute_digits == 2 &&
                     second_digits == 2;
  }
  if (month < 1 || month > 12) {
    return impossible("month " + std::to_string(month));
  }
  if (day < 1 || day > 31) {
    return impossible("day " + std::to_string(day));
  }
  if (hour > 24 || (hour == 24 && (minute != 0 || second != 0))) {
    return impossible(hour == 24 ? "24:" + two(minute) + (second ? ":" + two(second) : "")
                                 : "hour " + std::to_string(hour));
  }
  if (minute > 59) {
    return impossible("minute " + std::to_string(minute));
  }
  if (second > 60) {
    return impossible("second " + std::to_string(second));
  }
  if (offset && (*offset >= k_day || *offset <= -k_day)) {
    return impossible("UTC offset " + zone_text);
  }
  if (!offset && yaml_timestamp) {
    offset = 0; // Psych makes a zoneless timestamp UTC
  }
  DateReading r;
  r.status = DateReading::Status::Date;
  // Day 1 of the month plus the days written: Feb 30 rolls over as Ruby's Time.local does.
  std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), 1) + (day - 1);
  r.date.wall_seconds = days * k_day + hour * 3600 + minute * 60 + second;
  r.date.utc_offset = offset;
  return r;
}

} // namespace verity::util

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

// The fields a date text gave, before they are judged.
struct Fields {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  std::optional<int> offset;
  std::string zone_text;
  bool yaml_timestamp = false;
};

DateReading from_fields(const Fields& f) {
  const int year = f.year, month = f.month, day = f.day, hour = f.hour, minute = f.minute,
            second = f.second;
  std::optional<int> offset = f.offset;
  const std::string& zone_text = f.zone_text;
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
  if (!offset && f.yaml_timestamp) {
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

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// 1..12 for a word Ruby's Date._parse takes as a month (its first three letters), else 0.
int month_of(std::string_view word) {
  static constexpr std::string_view k_months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  if (word.size() < 3)
    return 0;
  char head[3] = {lower(word[0]), lower(word[1]), lower(word[2])};
  for (int m = 0; m < 12; ++m) {
    if (std::string_view(head, 3) == k_months[m])
      return m + 1;
  }
  return 0;
}

bool is_weekday(std::string_view word) {
  static constexpr std::string_view k_days[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  if (word.size() < 3)
    return false;
  char head[3] = {lower(word[0]), lower(word[1]), lower(word[2])};
  for (auto d : k_days) {
    if (std::string_view(head, 3) == d)
      return true;
  }
  return false;
}

// Dates written with a month name, as Time.parse reads them (measured, Ruby 3.1): `Jan 5 2020`,
// `January 5, 2020`, `5 Jan 2020`, `Jan 5th, 2020`, `Jan. 5, 2020`, `Sat, 05 Jan 2020 10:00:00
// +0000`, `Jan 2020` (day 1), a time `HH:MM[:SS]` with an optional am/pm, a zone. Every word must
// be one of these; anything else is NotADate (Ruby may read more: no verdict then).
DateReading read_named_month(std::string_view text) {
  Fields f;
  int day = 0;
  bool have_time = false, pm = false, am = false;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == ',' || c == '.') {
      ++i;
      continue;
    }
    size_t start = i;
    if (is_alpha(c)) {
      while (i < text.size() && is_alpha(text[i]))
        ++i;
      std::string_view word = text.substr(start, i - start);
      std::string w;
      for (char x : word)
        w += lower(x);
      if (w == "am" || w == "pm") {
        if (!have_time)
          return {};
        (w == "pm" ? pm : am) = true;
      } else if (w == "utc" || w == "gmt" || w == "z") {
        f.offset = 0;
        f.zone_text = std::string(word);
      } else if (int m = month_of(word); m > 0 && f.month == 0) {
        f.month = m;
      } else if (!is_weekday(word)) {
        return {};
      }
      continue;
    }
    if (c == '+' || c == '-') {
      Cursor zone{text.substr(start)};
      size_t end = text.find_first_of(" \t", start);
      zone.s = text.substr(start, end == std::string_view::npos ? end : end - start);
      auto offset = zone_offset(zone);
      if (!offset)
        return {};
      f.offset = offset;
      f.zone_text = std::string(zone.s);
      i = start + zone.s.size();
      continue;
    }
    if (!is_digit(c))
      return {};
    while (i < text.size() && is_digit(text[i]))
      ++i;
    std::string_view number = text.substr(start, i - start);
    if (i < text.size() && text[i] == ':') { // a time
      if (have_time || number.size() > 2)
        return {};
      Cursor t{text.substr(start)};
      size_t n = 0, m = 0, sdigits = 0;
      f.hour = t.digits(2, n);
      t.take(':');
      f.minute = t.digits(2, m);
      if (m != 2)
        return {};
      if (t.take(':')) {
        f.second = t.digits(2, sdigits);
        if (sdigits != 2)
          return {};
      }
      have_time = true;
      i = start + t.i;
      continue;
    }
    if (number.size() == 4 && f.year == 0) {
      f.year = (number[0] - '0') * 1000 + (number[1] - '0') * 100 + (number[2] - '0') * 10 +
               (number[3] - '0');
    } else if (number.size() <= 2 && day == 0) {
      day = number.size() == 1 ? number[0] - '0' : (number[0] - '0') * 10 + (number[1] - '0');
      // An ordinal suffix: 1st, 2nd, 3rd, 5th.
      if (i + 1 < text.size() && is_alpha(text[i]) && is_alpha(text[i + 1])) {
        std::string suffix{lower(text[i]), lower(text[i + 1])};
        if (suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th")
          return {};
        i += 2;
      }
      if (day == 0)
        return impossible("day 0");
    } else {
      return {};
    }
  }
  if (f.month == 0 || f.year == 0)
    return {};
  if ((am || pm) && (f.hour < 1 || f.hour > 12))
    return impossible("hour " + std::to_string(f.hour));
  if (pm && f.hour != 12)
    f.hour += 12;
  if (am && f.hour == 12)
    f.hour = 0;
  f.day = day == 0 ? 1 : day;
  return from_fields(f);
}

} // namespace

DateReading read_jekyll_date(std::string_view text, DateQuoting quoting) {
  const DateReading not_a_date;
  Cursor c{trimmed(text)};
  size_t n = 0;
  int year = c.digits(4, n);
  if ((n != 2 && n != 4) || !c.take('-')) {
    return read_named_month(c.s);
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
  return from_fields({year, month, day, hour, minute, second, offset, zone_text, yaml_timestamp});
}

} // namespace verity::util

// Dates as Jekyll reads them (Ruby's Time.parse and YAML timestamps) and the calendar fields
// its URL placeholders print, in the site's `timezone`.
#pragma once

#include "util/process_zone.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace verity::site {

// Calendar fields of an instant in the site's zone (strftime's view of it).
struct LocalTime {
  int year = 1970;
  int month = 1; // 1..12
  int day = 1;   // 1..31
  int hour = 0;
  int minute = 0;
  int second = 0;
  int yday = 1; // 1..366
  int wday = 4; // 0 = Sunday
};

// The site's time zone, as Jekyll sets it: `timezone:` becomes the process's TZ (Jekyll does
// ENV["TZ"] = timezone); "" keeps the environment's zone, as Jekyll does. It holds a
// util::ZoneLease: not thread-safe to construct, conversions afterwards are.
class SiteZone {
public:
  // `zone_name` is "" or a name util::tz_value_of reads (an IANA name, UTC or a +HH:MM offset
  // verity.yaml gave); anything else keeps the environment's zone. Throws util::ZoneConflict
  // when another part of the run holds another zone.
  explicit SiteZone(const std::string& zone_name);

  // True for a name of the system's zone database (/usr/share/zoneinfo): letters, digits, '_',
  // '-', '+' and '/' between names, never "..", a leading '/' or ':' (which make glibc open any
  // file), and a regular file there.
  static bool is_known_name(const std::string& zone_name);

  LocalTime local(std::int64_t epoch) const;
  // The instant of a wall-clock time in this zone; nullopt when the fields are out of range.
  std::optional<std::int64_t> from_local(int year, int month, int day, int hour, int minute,
                                         int second) const;

private:
  util::ZoneLease m_lease;
};

// How a date value was written: a plain YAML scalar (YAML 1.1 types a timestamp with seconds
// and no zone as UTC), or a string Ruby's Time.parse reads (no zone: the site's zone).
enum class DateSource { PlainYaml, Text };

// The instant of a front-matter or file-name date: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS[.f]]`
// with `T` or spaces between, and an optional zone (`Z`, `UTC`, `GMT`, `+HH`, `+HHMM`,
// `+HH:MM`), read by util::read_jekyll_date. Years of two digits are completed as Ruby does
// (69-99: 19xx). Months beyond 12, days beyond 31 or times out of range are nullopt (Jekyll
// stops with "invalid date"); Feb 30 rolls over to March and 24:00 to the next day as Ruby's
// Time does.
std::optional<std::int64_t> parse_jekyll_date(std::string_view text, DateSource source,
                                              const SiteZone& zone);

// The value of a date placeholder (`year`, `month`, `i_day`, `short_month`, `week`, ...),
// or nullopt when `name` is not one.
std::optional<std::string> date_placeholder(const LocalTime& t, std::string_view name);

} // namespace verity::site

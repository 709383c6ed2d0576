// Dates as Jekyll reads a front-matter `date` (Psych's YAML typing, then Ruby's Time.parse),
// without the C library's time zone state, so worker threads can read them: the written
// wall-clock fields rolled over as Ruby's Time rolls them, and the UTC offset when the text (or
// YAML's timestamp rule) fixes one. The site's zone, when it matters, is the caller's business.
// Measured on Debian 12's Jekyll 4.3.1 (Ruby 3.1, Psych 4).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace verity::util {

// How YAML wrote the value: a plain scalar (Psych types `YYYY-MM-DD HH:MM:SS` with a 4-digit
// year as a timestamp, UTC when it has no zone) or any other scalar (a string Time.parse reads
// in the site's zone).
enum class DateQuoting { Plain, Quoted };

struct WrittenDate {
  // The wall-clock fields as seconds since 1970-01-01T00:00, rolled over as Ruby's Time does:
  // Feb 30 is March 1 or 2, 24:00 and 23:59:60 are the next day's 00:00.
  std::int64_t wall_seconds = 0;
  // Seconds east of UTC when the value fixes its zone; nullopt: the site's own zone.
  std::optional<int> utc_offset;
};

struct DateReading {
  enum class Status {
    NotADate,   // not in a form verity reads (Jekyll may still read it): no verdict
    Impossible, // a date form whose fields are out of range: Jekyll stops ("Invalid date")
    Date,
  };
  Status status = Status::NotADate;
  WrittenDate date;    // when Date
  std::string problem; // when Impossible: what is out of range ("month 13")
};

// Reads `YYYY-MM-DD` (or `YY-M-D`, completed as Ruby does: 69-99 are 19xx) with an optional
// time `HH:MM[:SS[.f]]` after `T` or spaces and an optional zone (`Z`, `UTC`, `GMT`, `+HH`,
// `+HHMM`, `+HH:MM`). Months 1..12, days 1..31, hours 0..24 (24 only as 24:00:00), minutes
// 0..59, seconds 0..60 and offsets under 24 hours are what Jekyll accepts; any other value of
// these fields is Impossible.
DateReading read_jekyll_date(std::string_view text, DateQuoting quoting);

} // namespace verity::util

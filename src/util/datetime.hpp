// Calendar arithmetic for RFC 3339 timestamps, without the C library's global time zone state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace verity::util {

// Seconds since the Unix epoch for an RFC 3339 date-time with a zone ("2020-05-19T15:00:00Z",
// "...+02:00"); nullopt when `text` is not one.
std::optional<std::int64_t> parse_rfc3339(std::string_view text);

// Days since 1970-01-01 for a civil date, and back (proleptic Gregorian).
std::int64_t days_from_civil(int year, unsigned month, unsigned day);
std::string civil_from_days(std::int64_t days); // "YYYY-MM-DD"

// "YYYY-MM-DDTHH:MM:SSZ" for seconds since the Unix epoch.
std::string format_rfc3339_utc(std::int64_t epoch_seconds);

// Floor division of seconds into days.
std::int64_t days_of(std::int64_t epoch_seconds);

} // namespace verity::util

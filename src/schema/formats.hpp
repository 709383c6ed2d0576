// The `format` keyword, checked by verity itself: valijson 1.0 checks only date/time formats
// (with quirks: Feb 29 in every year, numbers tested too) and lets uri, email, hostname pass.
#pragma once

#include <string_view>

namespace verity::schema {

// True for the format names verity checks: date-time, date, time, uri, uri-reference, email,
// hostname, duration (ISO 8601, as JSON Schema 2019-09 defines it). A schema naming any other
// format is refused when it is loaded.
bool is_known_format(std::string_view name);

// True when `value` is valid for `format` (which must be known).
bool check_format(std::string_view format, std::string_view value);

// A short hint shown with a format finding, e.g. "RFC 3339, e.g. 2020-05-19T15:00:00Z".
std::string_view format_hint(std::string_view format);

} // namespace verity::schema

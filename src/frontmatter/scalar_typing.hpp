// How a plain (unquoted) YAML scalar becomes a JSON value: YAML 1.2 core typing, restricted to
// JSON-compatible spellings, plus the lint that spots scalars Jekyll (YAML 1.1) reads otherwise.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace verity::frontmatter {

// null/Null/NULL/~/"" -> null; true/True/TRUE/false/False/FALSE -> bool;
// -?(0|[1-9][0-9]*) -> integer (a double when it does not fit int64); the same with a fraction
// and/or exponent -> number. Everything else, timestamps included, stays a string.
nlohmann::json resolve_plain_scalar(std::string_view text);

// When YAML 1.1 (Jekyll, PyYAML) would read this plain scalar as something other than the
// string verity reads, a short description of what 1.1 makes of it ("the boolean true", "the
// octal number 8"...). nullopt when both agree. Timestamps are not reported: they are strings
// checked by `format: date-time`.
std::optional<std::string> yaml11_reading(std::string_view text);

} // namespace verity::frontmatter
